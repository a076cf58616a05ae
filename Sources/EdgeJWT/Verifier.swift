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
    /// Where the trusted keys come from: a pinned set, or a rotating one.
    public let keySource: KeySource
    /// The rules beyond the signature.
    public let options: VerifierOptions
    /// Where "now" comes from.
    public let clock: any TimeSource
    /// Revocation and status sources, consulted in order after every other rule (step 9).
    public let statusChecks: [any StatusCheck]
    /// Verified signatures to reuse (step 5 only), or `nil`: every signature is checked.
    public let signatureCache: SignatureCache?
    // Steps 7, 8 and 8b as `options` configures them, built once here rather than per token.
    /// Step 7, with leeway and maximum age converted from `Duration` to seconds.
    private let timeRules: TimeRules
    /// Step 8: issuer, audience, type and required claims.
    private let policyRules: PolicyRules
    /// Step 8b, when `options.oidc` asks for the ID Token profile.
    private let oidcRules: OIDCRules?

    /// Creates a verifier.
    /// - Parameters:
    ///   - keys: The pinned key set.
    ///   - options: Issuer, audience, time and size rules. Default: ``VerifierOptions/init()``.
    ///   - clock: The time source. Default: the system clock.
    ///   - statusChecks: Revocation and status sources (step 9). Default: none.
    ///   - signatureCache: Signatures already verified, for tokens presented many times; every
    ///     other step still runs on every call. Default: none.
    public init(
        keys: PinnedKeySet,
        options: VerifierOptions = VerifierOptions(),
        clock: any TimeSource = SystemClock(),
        statusChecks: [any StatusCheck] = [],
        signatureCache: SignatureCache? = nil
    ) {
        self.init(keySource: .pinned(keys), options: options, clock: clock, statusChecks: statusChecks, signatureCache: signatureCache)
    }

    /// Creates a verifier over a key set that rotates: each verification uses the key-set
    /// statement installed at that moment (docs/key-rotation.md), read without a lock.
    /// - Parameters:
    ///   - keys: The rotating key set of the token issuer.
    ///   - options: Issuer, audience, time and size rules. Default: ``VerifierOptions/init()``.
    ///   - clock: The time source; key windows and statement expiry use it too. Default: the
    ///     system clock.
    ///   - statusChecks: Revocation and status sources (step 9). Default: none.
    ///   - signatureCache: Signatures already verified. Default: none.
    public init(
        keys: RotatingKeySet,
        options: VerifierOptions = VerifierOptions(),
        clock: any TimeSource = SystemClock(),
        statusChecks: [any StatusCheck] = [],
        signatureCache: SignatureCache? = nil
    ) {
        self.init(keySource: .rotating(keys), options: options, clock: clock, statusChecks: statusChecks, signatureCache: signatureCache)
    }

    /// Creates a verifier over any key source.
    /// - Parameters:
    ///   - keySource: The pinned or rotating keys.
    ///   - options: Issuer, audience, time and size rules.
    ///   - clock: The time source.
    ///   - statusChecks: Revocation and status sources (step 9).
    ///   - signatureCache: Signatures already verified, or `nil`.
    public init(
        keySource: KeySource,
        options: VerifierOptions = VerifierOptions(),
        clock: any TimeSource = SystemClock(),
        statusChecks: [any StatusCheck] = [],
        signatureCache: SignatureCache? = nil
    ) {
        self.keySource = keySource
        self.options = options
        self.clock = clock
        self.statusChecks = statusChecks
        self.signatureCache = signatureCache
        timeRules = TimeRules(options)
        policyRules = PolicyRules(options)
        oidcRules = options.oidc.map { OIDCRules($0, options) }
    }

    /// The trusted keys: the pinned set, or for a rotating source the set of the statement
    /// installed now (empty when none is).
    public var keys: PinnedKeySet {
        switch keySource {
        case .pinned(let keys): keys
        case .rotating(let keys): keys.statement?.keys ?? .empty
        }
    }

    /// Verifies a compact JWS token, top to bottom; the first failing step decides the error.
    /// - Parameters:
    ///   - token: The compact serialization `header.payload.signature`.
    ///   - now: The evaluation time. Default: the verifier's clock.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError`` with one of the codes in ``VerificationError/Code``.
    public func verify(_ token: String, at now: NumericDate? = nil) throws(VerificationError) -> VerifiedToken {
        // The bytes are borrowed in place (a copy only for a bridged string); the verdict comes
        // back through two locals rather than a `Result`, which would copy the token once more.
        var token = token
        var verified: VerifiedToken? = nil
        var failure: VerificationError? = nil
        token.withUTF8 { bytes in
            do throws(VerificationError) { verified = try verify(borrowing: bytes, at: now) } catch { failure = error }
        }
        if let failure { throw failure }
        return verified.take()!
    }

    /// Verifies a compact JWS token given as bytes.
    /// - Parameters:
    ///   - token: The token's ASCII bytes.
    ///   - now: The evaluation time. Default: the verifier's clock.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError``.
    public func verify(bytes token: [UInt8], at now: NumericDate? = nil) throws(VerificationError) -> VerifiedToken {
        try token.withUnsafeBufferPointer { (bytes) throws(VerificationError) in try verify(borrowing: bytes, at: now) }
    }

    /// The pipeline, steps 1 to 10, on the token's bytes where they are: the segments are decoded
    /// into stack scratch space for typical tokens (up to 1 KiB decoded), and the header and
    /// payload copied into one `TokenBytes` block that the result keeps, the only allocation
    /// of a typical verification (docs/performance.md).
    private func verify(borrowing token: UnsafeBufferPointer<UInt8>, at now: NumericDate?) throws(VerificationError) -> VerifiedToken {
        let now = now ?? clock.now()
        let jws = try CompactJWSLayout(token, limits: options.limits)
        return try jws.withDecodedSegments(of: token) { (decoded) throws(VerificationError) in
            let kept = TokenBytes.make(header: decoded.header, payload: decoded.payload)
            let header = try JOSEHeader(decoding: kept, limits: options.limits)
            let key = try keySource.key(for: header, at: now)
            if signatureCache?.containsVerified(token, by: key) != true {
                try key.checkSignature(decoded.signature, over: jws.signingInput(of: token))
                signatureCache?.insertVerified(token, by: key)
            }
            let claims = try Claims(decoding: kept, limits: options.limits)
            try timeRules.check(claims, at: now)
            try policyRules.check(header, claims)
            try oidcRules?.check(header, claims, at: now)
            for statusCheck in statusChecks {
                try statusCheck.check(header: header, claims: claims, at: now)
            }
            return VerifiedToken(header: header, claims: claims, keyID: key.keyID)
        }
    }
}
