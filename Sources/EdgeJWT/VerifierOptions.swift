/// What a ``Verifier`` demands of a token beyond a valid signature.
///
/// ```swift
/// var options = VerifierOptions()
/// options.issuers = ["https://id.example.com"]
/// options.audiences = ["gateway-7"]
/// options.leeway = .seconds(30)
/// ```
public struct VerifierOptions: Sendable, Hashable {
    /// Allowed clock skew applied to `exp`, `nbf`, `iat` and the maximum age. Default: 60 s.
    public var leeway: Duration = .seconds(60)
    /// Accepted issuers: `iss` must equal one exactly. Empty: `iss` is not checked.
    public var issuers: [String] = []
    /// Accepted audiences: `aud` must contain one. Empty: `aud` is not checked.
    public var audiences: [String] = []
    /// Claims that must be present (any value).
    public var requiredClaims: [String] = []
    /// Required `typ` header, compared case-insensitively with an optional `application/`
    /// prefix (RFC 8725 §3.11). `nil`: `typ` is not checked.
    public var requiredType: String? = nil
    /// Oldest accepted `iat`, as an age: tokens issued before now − maxAge − leeway are
    /// refused, and `iat` becomes required. `nil`: no limit.
    public var maxAge: Duration? = nil
    /// The OpenID Connect ID Token profile (OIDC Core 1.0 §3.1.3.7), checked after issuer,
    /// audience and type. Requires exactly one entry in ``issuers``. `nil`: not an ID Token
    /// verifier. Default: `nil`.
    public var oidc: OIDCOptions? = nil
    /// Bounds on untrusted input.
    public var limits = Limits()

    /// Options with the defaults above.
    public init() {}

    /// Bounds applied before and while decoding a token.
    public struct Limits: Sendable, Hashable {
        /// Longest accepted token in bytes, checked before any decoding. Default: 16 KiB.
        public var maxTokenBytes = 16 * 1024
        /// Deepest accepted nesting of JSON arrays and objects in header and claims. Default: 32.
        public var maxJSONDepth = 32

        /// Limits with the defaults above.
        public init() {}
    }
}
