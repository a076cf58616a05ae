/// Verifies ID Tokens from several identity providers, each against its own pinned keys.
///
/// The token's `iss` picks the issuer entry **before** any signature is checked, so one
/// provider's keys never validate another provider's tokens (RFC 8725 §3.8: the keys must belong
/// to the issuer; §3.10: the header's `kid` alone is not trusted to pick them). The chosen
/// issuer's ``Verifier`` then runs the whole pipeline, which checks `iss` again, exactly.
///
/// An immutable `Sendable` value; `verify` is synchronous.
/// ```swift
/// let gateway = try MultiIssuerVerifier(contentsOfFile: "/etc/gateway/issuers.json")
/// let token = try gateway.verify(idToken, nonce: session.nonce)
/// print(token.claims.issuer ?? "-", token.claims.subject ?? "-")
/// ```
public struct MultiIssuerVerifier: Sendable {
    /// The trusted issuers.
    public let configuration: IssuerConfiguration
    /// Where "now" comes from.
    public let clock: any TimeSource
    /// One verifier per entry, in configuration order.
    private let verifiers: [Verifier]
    /// The bounds used to read `iss` before an issuer is chosen: the largest configured.
    private let selectionLimits: VerifierOptions.Limits

    /// Creates a verifier over a checked configuration.
    /// - Parameters:
    ///   - configuration: The trusted issuers.
    ///   - rotatingKeys: Issuers whose keys follow signed key-set statements
    ///     (docs/key-rotation.md), by Issuer Identifier: their entry's pinned keys are replaced by
    ///     the set's installed statement, read at each verification. Default: none.
    ///   - clock: The time source. Default: the system clock.
    public init(_ configuration: IssuerConfiguration, rotatingKeys: [String: RotatingKeySet] = [:], clock: any TimeSource = SystemClock()) {
        self.configuration = configuration
        self.clock = clock
        verifiers = configuration.entries.map { entry in
            let source = rotatingKeys.first { $0.key.isExactly(entry.issuer) }.map { KeySource.rotating($0.value) } ?? .pinned(entry.keys)
            return Verifier(keySource: source, options: entry.options, clock: clock)
        }
        var limits = VerifierOptions.Limits()
        limits.maxTokenBytes = configuration.entries.map(\.options.limits.maxTokenBytes).max() ?? limits.maxTokenBytes
        limits.maxJSONDepth = configuration.entries.map(\.options.limits.maxJSONDepth).max() ?? limits.maxJSONDepth
        selectionLimits = limits
    }

    /// Loads a configuration file (format: `docs/oidc.md`) and creates a verifier over it.
    /// - Parameters:
    ///   - path: The configuration file; `jwks_file` paths are relative to its directory.
    ///   - clock: The time source. Default: the system clock.
    /// - Throws: ``IssuerConfigurationError``.
    public init(contentsOfFile path: String, clock: any TimeSource = SystemClock()) throws(IssuerConfigurationError) {
        self.init(try IssuerConfiguration(contentsOfFile: path), clock: clock)
    }

    /// The pinned Issuer Identifiers, in configuration order.
    public var issuers: [String] { configuration.entries.map(\.issuer) }

    /// The verifier for one issuer.
    /// - Parameter issuer: An Issuer Identifier, compared byte for byte.
    /// - Returns: Its verifier, or `nil` when the issuer is not pinned.
    public func verifier(forIssuer issuer: String) -> Verifier? {
        configuration.entries.firstIndex { $0.issuer.isExactly(issuer) }.map { verifiers[$0] }
    }

    /// Verifies an ID Token with the pinned keys and policy of the issuer its `iss` names.
    ///
    /// Values from the authentication response replace the configured ones when not `nil`.
    /// - Parameters:
    ///   - token: The compact serialization `header.payload.signature`.
    ///   - nonce: The `nonce` sent in the authentication request, if any.
    ///   - accessToken: The access token returned with the ID Token, checked against `at_hash`.
    ///   - authorizationCode: The code returned with the ID Token, checked against `c_hash`.
    ///   - now: The evaluation time. Default: the clock.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError``: before the signature, `token_too_large` and
    ///   `malformed_token` (structure, payload not strict JSON, `iss` not a string),
    ///   `missing_claim` (no `iss`), `issuer_mismatch` (`iss` not pinned); then any code of
    ///   ``Verifier/verify(_:at:)``.
    public func verify(
        _ token: String, nonce: String? = nil, accessToken: String? = nil, authorizationCode: String? = nil,
        at now: NumericDate? = nil
    ) throws(VerificationError) -> VerifiedToken {
        try verify(bytes: Array(token.utf8), nonce: nonce, accessToken: accessToken, authorizationCode: authorizationCode, at: now)
    }

    /// Verifies an ID Token given as bytes; see ``verify(_:nonce:accessToken:authorizationCode:at:)``.
    /// - Parameters:
    ///   - token: The token's ASCII bytes.
    ///   - nonce: The `nonce` sent in the authentication request, if any.
    ///   - accessToken: The access token returned with the ID Token, checked against `at_hash`.
    ///   - authorizationCode: The code returned with the ID Token, checked against `c_hash`.
    ///   - now: The evaluation time. Default: the clock.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError``.
    public func verify(
        bytes token: [UInt8], nonce: String? = nil, accessToken: String? = nil, authorizationCode: String? = nil,
        at now: NumericDate? = nil
    ) throws(VerificationError) -> VerifiedToken {
        let position = try issuerPosition(of: token)
        var verifier = verifiers[position]
        if nonce != nil || accessToken != nil || authorizationCode != nil {
            var options = verifier.options
            var oidc = configuration.entries[position].oidc
            oidc.nonce = nonce ?? oidc.nonce
            oidc.accessToken = accessToken ?? oidc.accessToken
            oidc.authorizationCode = authorizationCode ?? oidc.authorizationCode
            options.oidc = oidc
            verifier = Verifier(keySource: verifier.keySource, options: options, clock: verifier.clock, statusChecks: verifier.statusChecks)
        }
        return try verifier.verify(bytes: token, at: now)
    }

    /// Reads `iss` from the unverified payload, strictly, only to choose the issuer's keys.
    private func issuerPosition(of token: [UInt8]) throws(VerificationError) -> Int {
        let jws = try CompactJWS(token, limits: selectionLimits)
        let payload: JSONValue
        do {
            payload = try StrictJSONParser.parse(jws.payload, maxDepth: selectionLimits.maxJSONDepth)
        } catch {
            throw VerificationError(.malformedToken, "payload is not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let claims) = payload else {
            throw VerificationError(.malformedToken, "payload is not a JSON object")
        }
        guard let issuer = try Claims.string(claims, "iss") else {
            throw VerificationError(.missingClaim, "iss is required to choose the issuer's pinned keys")
        }
        guard let position = configuration.entries.firstIndex(where: { $0.issuer.isExactly(issuer) }) else {
            throw VerificationError(.issuerMismatch, "iss \(JSONValue.string(issuer).jsonText) is not a pinned issuer")
        }
        return position
    }
}
