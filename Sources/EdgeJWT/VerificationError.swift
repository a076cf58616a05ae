/// The reason a token was refused.
///
/// Every rejection carries a stable ``Code`` (its `rawValue` is the code the `edgejwt` CLI prints)
/// and a readable ``detail``. Two errors are equal when their codes are equal, so rewording a
/// detail breaks no caller.
///
/// ```swift
/// do {
///     let token = try verifier.verify(text)
/// } catch {
///     print(error.code.rawValue, error.detail)   // "expired", "exp 1700000000 is before ..."
/// }
/// ```
public struct VerificationError: CodedError {
    /// The stable, machine-readable reason.
    public let code: Code
    /// A plain-language explanation for logs and humans. Never contains key material.
    public let detail: String

    /// Creates an error with a code and a human-readable detail.
    /// - Parameters:
    ///   - code: The stable reason.
    ///   - detail: A plain-language explanation.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
}

extension VerificationError {
    /// A stable rejection code. New codes may be added; existing ones never change meaning.
    public struct Code: ErrorCode {
        /// The snake_case code, as printed by the CLI and stored in conformance vectors.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code with this raw value, or `nil` if no such code exists.
        /// - Parameter rawValue: A snake_case code such as `"expired"`.
        public init?(rawValue: String) {
            guard let known = Self.all.first(where: { $0.rawValue == rawValue }) else { return nil }
            self = known
        }

        /// Not a well-formed compact JWS/JWT: structure, base64url, JSON, or claim types.
        public static let malformedToken = Code("malformed_token")
        /// Longer than the configured maximum, checked before any decoding.
        public static let tokenTooLarge = Code("token_too_large")
        /// `alg` is missing or is not `EdDSA` / `Ed25519`.
        public static let unsupportedAlgorithm = Code("unsupported_algorithm")
        /// `crit` names an extension this verifier does not understand, or `b64` is not `true`.
        public static let unsupportedCriticalHeader = Code("unsupported_critical_header")
        /// No usable pinned key matches the token's `kid` (never a fall-back to another key).
        public static let unknownKey = Code("unknown_key")
        /// The Ed25519 signature does not verify.
        public static let invalidSignature = Code("invalid_signature")
        /// `exp` is at or before now − leeway.
        public static let expired = Code("expired")
        /// `nbf` is after now + leeway.
        public static let notYetValid = Code("not_yet_valid")
        /// `iat` is after now + leeway.
        public static let issuedInFuture = Code("issued_in_future")
        /// `iat` is older than the configured maximum age.
        public static let tokenTooOld = Code("token_too_old")
        /// `iss` is not an accepted issuer.
        public static let issuerMismatch = Code("issuer_mismatch")
        /// `aud` names no accepted audience.
        public static let audienceMismatch = Code("audience_mismatch")
        /// A required claim is absent.
        public static let missingClaim = Code("missing_claim")
        /// The `typ` header is not the required type.
        public static let typeMismatch = Code("type_mismatch")
        /// The OpenID Connect `nonce` differs from the one the relying party sent.
        public static let nonceMismatch = Code("nonce_mismatch")
        /// The OpenID Connect `azp` is missing where required or is not the client id.
        public static let azpMismatch = Code("azp_mismatch")
        /// The OpenID Connect `auth_time` is older than the maximum authentication age.
        public static let authTimeTooOld = Code("auth_time_too_old")
        /// The OpenID Connect `acr` is not one of the accepted Authentication Context Class
        /// References (OIDC Core 1.0 §2, §3.1.3.7); an absent `acr` is `missing_claim`.
        public static let acrMismatch = Code("acr_mismatch")
        /// The OpenID Connect `at_hash` or `c_hash` does not match the access token or
        /// authorization code the caller supplied (OIDC Core 1.0 §3.1.3.8, §3.2.2.9, §3.3.2.10).
        public static let tokenHashMismatch = Code("token_hash_mismatch")
        /// The token has been revoked.
        public static let revoked = Code("revoked")
        /// The token is suspended by its status list.
        public static let suspended = Code("suspended")
        /// The revocation or status data is older than the staleness policy allows.
        public static let revocationListStale = Code("revocation_list_stale")
        /// The token names a status list that is not available on this device.
        public static let statusUnavailable = Code("status_unavailable")
        /// The key the token names is in the installed key-set statement but outside its window:
        /// before its `not_before` or at or after its `retire_at` (docs/key-rotation.md §3).
        public static let keyNotActive = Code("key_not_active")
        /// The installed key-set statement expired more than the policy's grace period ago, and
        /// the device fails closed until a newer one is installed (docs/key-rotation.md §6).
        public static let keySetExpired = Code("key_set_expired")

        /// Every code, in the order they are documented.
        public static let all: [Code] = [
            .malformedToken, .tokenTooLarge, .unsupportedAlgorithm, .unsupportedCriticalHeader,
            .unknownKey, .invalidSignature, .expired, .notYetValid, .issuedInFuture, .tokenTooOld,
            .issuerMismatch, .audienceMismatch, .missingClaim, .typeMismatch, .nonceMismatch,
            .azpMismatch, .authTimeTooOld, .acrMismatch, .tokenHashMismatch, .revoked, .suspended,
            .revocationListStale, .statusUnavailable, .keyNotActive, .keySetExpired,
        ]
    }
}
