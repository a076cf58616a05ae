public import EdgeJWT

/// Why one fetch of one source failed. The installed list is then unchanged.
///
/// Equality compares ``code`` only, so rewording a ``detail`` breaks no caller.
public struct SyncError: CodedError {
    /// The stable code.
    public let code: Code
    /// What happened, in plain language.
    public let detail: String

    /// An error.
    /// - Parameters:
    ///   - code: The stable code.
    ///   - detail: What happened.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A stable, snake_case error code.
    public struct Code: ErrorCode {
        /// The code as reported in the status file and by the CLI.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The server could not be reached (connection refused, no route, no such host).
        public static let unreachable = Code("unreachable")
        /// The server stayed silent longer than the timeout, or the request took too long.
        public static let timeout = Code("timeout")
        /// The connection broke or ended before the whole body arrived.
        public static let transferFailed = Code("transfer_failed")
        /// The body is larger than the configured cap; reading stopped there.
        public static let responseTooLarge = Code("response_too_large")
        /// The server answered with a status other than 200 (or 304 to a conditional request).
        public static let httpStatus = Code("http_status")
        /// The body is not a list that verifies with the pinned keys (signature, structure,
        /// `typ`, `sub`, compression); the detail names the list's own code.
        public static let invalidList = Code("invalid_list")
        /// The list is older than the installed one (lower sequence, or earlier `iat`).
        public static let rollback = Code("rollback")
        /// The verified list could not be stored (disk full, read-only, I/O error).
        public static let storageFailure = Code("storage_failure")
        /// The time floor could not be raised to the list's `iat`.
        public static let timeFloorUnavailable = Code("time_floor_unavailable")
        /// The TLS handshake failed: the server's certificate does not chain to the trusted CAs
        /// (the system store, or the pinned `ca_file`), names another host, or the CA file is
        /// unreadable.
        public static let tlsFailure = Code("tls_failure")
        /// The server redirected and the configuration does not allow that redirect (redirects
        /// are off by default; another host, a downgrade to `http`, or too many are refused).
        public static let redirectRefused = Code("redirect_refused")
        /// The URL is not an absolute `http` or `https` URL with a host (`file:`, `ftp:` and the
        /// like are refused before anything is sent).
        public static let unsupportedURL = Code("unsupported_url")
    }
}
