/// Verifies Ed25519-signed JWTs offline against a pinned key set.
///
/// A configured verifier is an immutable `Sendable` value: share it across threads freely.
/// ```swift
/// let keys = try PinnedKeySet(contentsOfFile: "issuer.jwks.json")
/// var options = VerifierOptions()
/// options.issuers = ["https://id.example.com"]
/// options.audiences = ["gateway-7"]
/// let verifier = Verifier(keys: keys, options: options)
/// let token = try verifier.verify(text)
/// print(token.claims.subject ?? "-")
/// ```
public struct Verifier: Sendable {
    /// The trusted keys.
    public let keys: PinnedKeySet
    /// The rules beyond the signature.
    public let options: VerifierOptions
    /// Where "now" comes from.
    public let clock: any TimeSource
    /// Revocation and status sources, consulted in order after every other rule (step 9).
    public let statusChecks: [any StatusCheck]

    /// Creates a verifier.
    /// - Parameters:
    ///   - keys: The pinned key set.
    ///   - options: Issuer, audience, time and size rules. Default: ``VerifierOptions/init()``.
    ///   - clock: The time source. Default: the system clock.
    ///   - statusChecks: Revocation and status sources (step 9). Default: none.
    public init(
        keys: PinnedKeySet,
        options: VerifierOptions = VerifierOptions(),
        clock: any TimeSource = SystemClock(),
        statusChecks: [any StatusCheck] = []
    ) {
        self.keys = keys
        self.options = options
        self.clock = clock
        self.statusChecks = statusChecks
    }

    /// Verifies a compact JWS token, top to bottom; the first failing step decides the error.
    /// - Parameters:
    ///   - token: The compact serialization `header.payload.signature`.
    ///   - now: The evaluation time. Default: the verifier's clock.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError`` with one of the codes in ``VerificationError/Code``.
    public func verify(_ token: String, at now: NumericDate? = nil) throws(VerificationError) -> VerifiedToken {
        try verify(bytes: Array(token.utf8), at: now)
    }

    /// Verifies a compact JWS token given as bytes.
    /// - Parameters:
    ///   - token: The token's ASCII bytes.
    ///   - now: The evaluation time. Default: the verifier's clock.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError``.
    public func verify(bytes token: [UInt8], at now: NumericDate? = nil) throws(VerificationError) -> VerifiedToken {
        let jws = try CompactJWS(token, limits: options.limits)
        let header = try JOSEHeader(decoding: jws.header, limits: options.limits)
        let key = try keys.key(for: header)
        try key.checkSignature(jws.signature, over: jws.signingInput)
        let claims = try Claims(decoding: jws.payload, limits: options.limits)
        let now = now ?? clock.now()
        try TimeRules(options).check(claims, at: now)
        try PolicyRules(options).check(header, claims)
        if let oidc = options.oidc {
            try OIDCRules(oidc, options).check(header, claims, at: now)
        }
        for statusCheck in statusChecks {
            try statusCheck.check(header: header, claims: claims, at: now)
        }
        return VerifiedToken(header: header, claims: claims, keyID: key.keyID)
    }
}
