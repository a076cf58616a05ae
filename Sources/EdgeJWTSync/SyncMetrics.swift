public import EdgeJWT

/// What ``MetricsFile`` reports: per source, the times, ages, sequence and failure counts a
/// monitoring system alerts on.
///
/// Built from the agent's ``SourceStatus`` (``SyncAgent/metrics``), live or persisted:
/// ```swift
/// let metrics = SyncMetrics(sources: try SyncStatus(stateDirectory: "/var/lib/edgejwt").sources.map(SyncMetrics.Source.init))
/// ```
public struct SyncMetrics: Sendable, Hashable {
    /// One source's numbers.
    public struct Source: Sendable, Hashable {
        /// The source's name (the `source` label).
        public var name: String
        /// What it serves (the `kind` label).
        public var kind: SyncConfiguration.Kind
        /// When it was last tried; `nil`: never.
        public var lastAttempt: NumericDate?
        /// When it last succeeded; `nil`: never.
        public var lastSuccess: NumericDate?
        /// The installed list's `iat`; `nil`: no list installed.
        public var dataIssuedAt: NumericDate?
        /// The installed revocation list's sequence; `nil` for other kinds or none installed.
        public var sequence: UInt64?
        /// Failed attempts since the last success.
        public var consecutiveFailures: Int
        /// Failed attempts by ``SyncError/Code`` raw value (``SourceStatus/failures``).
        public var failures: [String: Int]
        /// The installed key-set statement's sequence; `nil` for other kinds or none installed.
        public var keySetSequence: UInt64?
        /// The sequence of the trust root in force for a key-set source; `nil` for other kinds
        /// or no statement installed.
        public var trustRootSequence: UInt64?
        /// The installed key-set statement's `exp`; `nil` for other kinds or none installed.
        public var keySetExpiresAt: NumericDate?

        /// A source's numbers.
        /// - Parameters:
        ///   - name: The source's name.
        ///   - kind: What it serves.
        ///   - lastAttempt: When it was last tried. Default: never.
        ///   - lastSuccess: When it last succeeded. Default: never.
        ///   - dataIssuedAt: The installed list's `iat`. Default: none installed.
        ///   - sequence: The installed revocation list's sequence. Default: none.
        ///   - consecutiveFailures: Failures since the last success. Default: 0.
        ///   - failures: Failures by code. Default: none.
        ///   - keySetSequence: The installed key-set statement's sequence. Default: none.
        ///   - trustRootSequence: The key-set source's trust root sequence. Default: none.
        ///   - keySetExpiresAt: The installed key-set statement's `exp`. Default: none.
        public init(
            name: String, kind: SyncConfiguration.Kind, lastAttempt: NumericDate? = nil, lastSuccess: NumericDate? = nil,
            dataIssuedAt: NumericDate? = nil, sequence: UInt64? = nil, consecutiveFailures: Int = 0, failures: [String: Int] = [:],
            keySetSequence: UInt64? = nil, trustRootSequence: UInt64? = nil, keySetExpiresAt: NumericDate? = nil
        ) {
            self.name = name
            self.kind = kind
            self.lastAttempt = lastAttempt
            self.lastSuccess = lastSuccess
            self.dataIssuedAt = dataIssuedAt
            self.sequence = sequence
            self.consecutiveFailures = consecutiveFailures
            self.failures = failures
            self.keySetSequence = keySetSequence
            self.trustRootSequence = trustRootSequence
            self.keySetExpiresAt = keySetExpiresAt
        }

        /// A source's numbers from its status.
        /// - Parameter status: The source's status, live or persisted.
        public init(_ status: SourceStatus) {
            self.init(
                name: status.name, kind: status.kind, lastAttempt: status.lastAttempt, lastSuccess: status.lastSuccess,
                dataIssuedAt: status.dataIssuedAt, sequence: status.kind == .revocationList ? status.sequence : nil,
                consecutiveFailures: status.consecutiveFailures, failures: status.failures, keySetSequence: status.keySet?.sequence,
                trustRootSequence: status.keySet?.rootSequence, keySetExpiresAt: status.keySet?.expiresAt)
        }

        /// A list is installed and the last attempt did not fail (as ``SourceStatus/isHealthy``).
        public var isHealthy: Bool { dataIssuedAt != nil && consecutiveFailures == 0 }
    }

    /// The sources, in configuration order.
    public var sources: [Source]

    /// Metrics for `sources`.
    /// - Parameter sources: The sources, in configuration order.
    public init(sources: [Source]) {
        self.sources = sources
    }
}
