/// A revocation list that was not loaded, installed, built or stored: a data or configuration
/// error, distinct from a token rejection.
///
/// Raised by ``RevocationList/init(verifying:publisherKeys:)``, ``RevocationListCheck/install(_:)``
/// and ``RevocationStore``, never while verifying a token: a list that fails any check is never
/// used, and the list it would have replaced stays in place. Two errors are equal when their
/// codes are equal.
///
/// ```swift
/// do {
///     try revocation.install(contentsOfFile: "/var/lib/gateway/incoming.ejrl")
/// } catch {
///     log(error.code.rawValue, error.detail)   // "rollback", "sequence 41 is older than ..."
/// }
/// ```
public struct RevocationListError: CodedError {
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

extension RevocationListError {
    /// A stable revocation-list error code. New codes may be added; existing ones never change
    /// meaning.
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
        /// The file is larger than the configured limit.
        public static let listTooLarge = Code("list_too_large")
        /// Shorter than its header's length field says: an interrupted write or download.
        public static let truncatedList = Code("truncated_list")
        /// Not an EdgeJWT revocation list (magic), or a structure that breaks
        /// `docs/revocation-format.md` (lengths, order, canonical form, time fields).
        public static let malformedList = Code("malformed_list")
        /// A format version this library does not read.
        public static let unsupportedVersion = Code("unsupported_version")
        /// No key of the publisher set matches the list's `kid` (or, without one, the set does
        /// not hold exactly one key).
        public static let unknownKey = Code("unknown_key")
        /// The Ed25519 signature does not verify with the publisher key.
        public static let invalidSignature = Code("invalid_signature")
        /// The list's name is not the expected one, or not the installed list's.
        public static let nameMismatch = Code("name_mismatch")
        /// The sequence is lower than the installed list's, or equal with other content.
        public static let rollback = Code("rollback")
        /// A delta does not start from the installed list (no list, another sequence, another
        /// salt, a removal of an absent entry).
        public static let baseMismatch = Code("base_mismatch")
        /// A delta applied to its base does not give the snapshot the publisher signed.
        public static let deltaMismatch = Code("delta_mismatch")
        /// The trusted time floor could not be raised to the list's `iat`.
        public static let timeFloorUnavailable = Code("time_floor_unavailable")
        /// The device store could not be written.
        public static let storageFailure = Code("storage_failure")
        /// Publisher side: an entry or list parameter that cannot be encoded (empty name, a time
        /// outside 0 ... 9999-12-31, `valid_until` before `iat`, an entries document that is not
        /// as documented).
        public static let invalidEntry = Code("invalid_entry")
        /// Publisher side: a group already holds as many entries as its fingerprint width allows
        /// at the documented false-positive bound; rebuild the list from its entries.
        public static let capacityExceeded = Code("capacity_exceeded")

        /// Every code, in the order they are documented.
        public static let all: [Code] = [
            .unreadableFile, .listTooLarge, .truncatedList, .malformedList, .unsupportedVersion,
            .unknownKey, .invalidSignature, .nameMismatch, .rollback, .baseMismatch, .deltaMismatch,
            .timeFloorUnavailable, .storageFailure, .invalidEntry, .capacityExceeded,
        ]
    }
}
