extension RotatingKeySet {
    /// What a rotating key set holds at one instant: for `edgejwt keys status`, sync agents and
    /// health checks.
    public struct Status: Sendable {
        /// The issuer.
        public let issuer: String
        /// The current trust root.
        public let trustRoot: TrustRoot
        /// The installed statement, if any: its sequence, `iat` and `exp`.
        public let statement: KeySetStatement?
        /// Whether the statement's `exp` has passed.
        public let isExpired: Bool
        /// Whether tokens are refused with `key_set_expired` (or, with no statement, `unknown_key`).
        public let failsClosed: Bool
        /// Every key of the statement, in file order, with whether it verifies tokens now.
        public let keys: [KeyStatus]
    }

    /// One key of the installed statement at one instant.
    public struct KeyStatus: Sendable, Hashable {
        /// The key's `kid`.
        public let keyID: String
        /// Its window.
        public let window: KeyWindow
        /// Why it does not verify tokens now, or `nil` when it does.
        public let reason: String?
        /// Whether it verifies tokens now.
        public var isUsable: Bool { reason == nil }
    }

    /// The set's state at `now`.
    /// - Parameter now: The evaluation time. Default: ``clock``.
    /// - Returns: Root, statement, expiry and per-key usability.
    public func status(at now: NumericDate? = nil) -> Status {
        let now = now ?? clock.now()
        let installed = live.read { $0 }
        let keys = (installed.statement?.entries ?? []).map { entry in
            KeyStatus(keyID: entry.keyID, window: entry.window, reason: entry.unusability(at: now))
        }
        return Status(
            issuer: issuer, trustRoot: installed.root, statement: installed.statement,
            isExpired: installed.statement.map { now >= $0.expiresAt } ?? false,
            failsClosed: installed.statement == nil || now.secondsSinceEpoch >= installed.expiryLimit, keys: keys)
    }
}
