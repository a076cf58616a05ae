/// A key-set or root statement that was not verified, installed or stored: a data or
/// configuration error, distinct from a token rejection.
///
/// Raised by ``TrustRoot``, ``KeySetStatement``, ``RotatingKeySet`` and ``KeySetStore``, never
/// while verifying a token: a statement that fails any check is never used, and the one it would
/// have replaced stays in force. Two errors are equal when their codes are equal.
///
/// ```swift
/// do {
///     try keys.install(downloadedBytes)
/// } catch {
///     log(error.code.rawValue, error.detail)   // "rollback", "sequence 4 is not above ..."
/// }
/// ```
public struct KeySetStatementError: CodedError {
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

extension KeySetStatementError {
    /// A stable statement error code (docs/key-rotation.md §5). New codes may be added; existing
    /// ones never change meaning.
    public struct Code: ErrorCode {
        /// The snake_case code, as used by the CLI and the `Vectors/keyset` vectors.
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
        /// Larger than ``KeySetStatement/maxBytes``.
        public static let statementTooLarge = Code("statement_too_large")
        /// Not a JWS JSON General Serialization as docs/key-rotation.md §2 defines it, or a
        /// payload that breaks §3 / §4 (members, types, times, windows).
        public static let malformedStatement = Code("malformed_statement")
        /// A protected header's `typ` is not the one this kind of statement must carry: a token,
        /// a root statement given as a key-set statement, or the reverse (RFC 8725 §3.11).
        public static let wrongType = Code("wrong_type")
        /// No signature is by a key of the trust root.
        public static let untrustedSigner = Code("untrusted_signer")
        /// A signature by a root key does not verify.
        public static let invalidSignature = Code("invalid_signature")
        /// Fewer distinct root keys signed than the root's threshold requires (for a root
        /// rotation: the current root's threshold, or the new root's own).
        public static let belowThreshold = Code("below_threshold")
        /// The statement's JWK Set cannot be pinned (private material, a bad key, no usable key,
        /// a key without `kid`); the detail names the key-set error code.
        public static let invalidKeySet = Code("invalid_key_set")
        /// The statement names another issuer than the one this key set is for.
        public static let issuerMismatch = Code("issuer_mismatch")
        /// The sequence is not above the installed one (or, for a root, not the installed
        /// root's sequence + 1), or equal with other content.
        public static let rollback = Code("rollback")
        /// The statement's `exp` is at or before now: it is never installed.
        public static let expired = Code("expired")
        /// The statement's `iat` is after now + leeway.
        public static let issuedInFuture = Code("issued_in_future")
        /// The trusted time floor could not be raised to the statement's `iat`.
        public static let timeFloorUnavailable = Code("time_floor_unavailable")
        /// The device store could not be written.
        public static let storageFailure = Code("storage_failure")

        /// Every code, in the order they are documented.
        public static let all: [Code] = [
            .unreadableFile, .statementTooLarge, .malformedStatement, .wrongType, .untrustedSigner,
            .invalidSignature, .belowThreshold, .invalidKeySet, .issuerMismatch, .rollback, .expired,
            .issuedInFuture, .timeFloorUnavailable, .storageFailure,
        ]
    }
}
