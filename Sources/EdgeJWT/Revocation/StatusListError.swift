/// A Status List Token that was not loaded or installed: a data error, distinct from a token
/// rejection.
///
/// Raised when a ``StatusList`` is verified and by ``StatusListCheck/install(_:expectedURI:)``,
/// never while verifying a token: a list that fails any check is never used, and the list it
/// would have replaced stays in place. Two errors are equal when their codes are equal.
///
/// ```swift
/// do {
///     try statusLists.install(contentsOfFile: "/var/lib/gateway/list-1.jwt")
/// } catch {
///     log(error.code.rawValue, error.detail)   // "rollback", "iat 1700000000 is older than ..."
/// }
/// ```
public struct StatusListError: CodedError {
    /// The stable, machine-readable reason.
    public let code: Code
    /// A plain-language explanation. Never contains key material.
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

extension StatusListError {
    /// A stable status-list error code. New codes may be added; existing ones never change meaning.
    public struct Code: ErrorCode {
        /// The snake_case code, as used by the CLI and conformance vectors.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code with this raw value, or `nil` if no such code exists.
        /// - Parameter rawValue: A snake_case code such as `"rollback"`.
        public init?(rawValue: String) {
            guard let known = Self.all.first(where: { $0.rawValue == rawValue }) else { return nil }
            self = known
        }

        /// The file could not be read.
        public static let unreadableFile = Code("unreadable_file")
        /// The token, or the list it decompresses to, is larger than the configured limit.
        public static let listTooLarge = Code("list_too_large")
        /// Not a compact JWS with strict JSON, or a claim has the wrong type or value
        /// (`status_list` not an object, `bits` not 1/2/4/8, `lst` not strict base64url, `ttl`
        /// not a positive number).
        public static let malformedList = Code("malformed_list")
        /// `alg` is missing or is not `EdDSA` / `Ed25519`, or `crit`/`b64` are not supported.
        public static let unsupportedAlgorithm = Code("unsupported_algorithm")
        /// No usable key of the pinned set matches the list's `kid`.
        public static let unknownKey = Code("unknown_key")
        /// The Ed25519 signature does not verify with the pinned key.
        public static let invalidSignature = Code("invalid_signature")
        /// The `typ` header is not `statuslist+jwt` (draft-ietf-oauth-status-list-20 §5.1).
        public static let typeMismatch = Code("type_mismatch")
        /// `sub`, `iat` or `status_list` is absent (draft-ietf-oauth-status-list-20 §5.1).
        public static let missingClaim = Code("missing_claim")
        /// `lst` is not a complete, valid ZLIB (RFC 1950) stream.
        public static let invalidCompression = Code("invalid_compression")
        /// The list's `sub` is not the URI it was fetched for.
        public static let uriMismatch = Code("uri_mismatch")
        /// The list is older (`iat`) than the one installed for the same URI.
        public static let rollback = Code("rollback")
        /// The trusted time floor could not be raised to the list's `iat`.
        public static let timeFloorUnavailable = Code("time_floor_unavailable")

        /// Every code, in the order they are documented.
        public static let all: [Code] = [
            .unreadableFile, .listTooLarge, .malformedList, .unsupportedAlgorithm, .unknownKey,
            .invalidSignature, .typeMismatch, .missingClaim, .invalidCompression, .uriMismatch,
            .rollback, .timeFloorUnavailable,
        ]
    }
}
