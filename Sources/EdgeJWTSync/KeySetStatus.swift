public import EdgeJWT

/// What a device can report about the key-set statement a key-set source installed: its
/// sequence, its expiry, the trust root it chains to, and each key's window.
///
/// Kept in `state.json` (member `key_set`), so `edgejwt sync --status` shows it without
/// verifying anything again.
/// ```swift
/// if let keySet = agent.status.sources[0].keySet {
///     print(keySet.sequence, keySet.expiry(at: now), keySet.keys.map(\.keyID))
/// }
/// ```
public struct KeySetStatus: Sendable, Hashable {
    /// One key of the statement.
    public struct Key: Sendable, Hashable {
        /// The key's `kid`.
        public let keyID: String
        /// The first instant it may verify, or `nil` for "since the statement".
        public let notBefore: NumericDate?
        /// The first instant it may no longer verify, or `nil` for "until the statement expires".
        public let retireAt: NumericDate?
        /// Why the key is never selected (type, curve, `use`, `key_ops`, `alg`), or `nil`.
        public let skipReason: String?

        /// Whether the key may verify a token at `now`: pinned, and inside its window.
        /// - Parameter now: The evaluation time.
        /// - Returns: `true` when it may.
        public func isUsable(at now: NumericDate) -> Bool {
            skipReason == nil && KeyWindow(notBefore: notBefore, retireAt: retireAt).contains(now)
        }
    }

    /// Where an installed statement stands in time.
    public enum Expiry: String, Sendable, Hashable {
        /// Before its `exp`.
        case current
        /// After `exp`, within the policy's grace period: its keys are still used.
        case inGrace = "in_grace"
        /// After the grace period: every token of the issuer is refused with `key_set_expired`.
        case expired
    }

    /// The issuer the statement is for.
    public let issuer: String
    /// The statement's sequence number.
    public let sequence: UInt64
    /// The statement's `iat`.
    public let issuedAt: NumericDate
    /// The statement's `exp`.
    public let expiresAt: NumericDate
    /// `exp` + the grace period: from then on tokens fail closed; `nil` when the policy fails open.
    public let graceEndsAt: NumericDate?
    /// The sequence of the trust root now in force (the provisioned one or a successor).
    public let rootSequence: UInt64
    /// Every key of the statement, in file order.
    public let keys: [Key]

    /// The installed statement of `keySet`, or `nil` when none is installed.
    init?(_ keySet: RotatingKeySet) {
        guard let statement = keySet.statement else { return nil }
        issuer = statement.issuer
        sequence = statement.sequence
        issuedAt = statement.issuedAt
        expiresAt = statement.expiresAt
        graceEndsAt =
            keySet.policy.failsOpenAfterExpiry
            ? nil : statement.expiresAt.adding(seconds: keySet.policy.expiryGracePeriod.inSeconds)
        rootSequence = keySet.trustRoot.sequence
        keys = statement.entries.map {
            Key(keyID: $0.keyID, notBefore: $0.window.notBefore, retireAt: $0.window.retireAt, skipReason: $0.skipReason)
        }
    }

    /// Whether the statement is current, in its grace period or expired at `now`.
    /// - Parameter now: The evaluation time.
    /// - Returns: The statement's standing.
    public func expiry(at now: NumericDate) -> Expiry {
        if now < expiresAt { return .current }
        if let graceEndsAt, now >= graceEndsAt { return .expired }
        return .inGrace
    }
}

extension SourceStatus {
    /// Copies a key set's installed statement into the status.
    mutating func record(_ keySet: RotatingKeySet) {
        self.keySet = KeySetStatus(keySet)
        dataIssuedAt = keySet.statement?.issuedAt
        sequence = keySet.statement?.sequence
    }
}

extension KeySetStatus {
    init?(json: JSONObject) {
        guard let issuer = json["issuer"]?.stringValue, let sequence = json.unsignedInteger("sequence"),
            let issuedAt = json.time("issued_at"), let expiresAt = json.time("expires_at"),
            let rootSequence = json.unsignedInteger("root_sequence"), let keys = json["keys"]?.arrayValue
        else { return nil }
        self.issuer = issuer
        self.sequence = sequence
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.graceEndsAt = json.time("grace_ends_at")
        self.rootSequence = rootSequence
        self.keys = keys.compactMap { element in
            guard let key = element.objectValue, let keyID = key["kid"]?.stringValue else { return nil }
            return Key(
                keyID: keyID, notBefore: key.time("not_before"), retireAt: key.time("retire_at"),
                skipReason: key["skip_reason"]?.stringValue)
        }
    }

    /// The persisted form; with `now`, also the standing and each key's usability at `now`.
    func json(at now: NumericDate?) -> JSONObjectText {
        var json = JSONObjectText()
        json.add("issuer", issuer)
        json.add("sequence", sequence)
        json.add("issued_at", issuedAt.secondsSinceEpoch)
        json.add("expires_at", expiresAt.secondsSinceEpoch)
        json.add("root_sequence", rootSequence)
        json.add("grace_ends_at", graceEndsAt?.secondsSinceEpoch)
        json.add("expiry", now.map { expiry(at: $0).rawValue })
        json.add(
            "keys",
            keys.map { key in
                var entry = JSONObjectText()
                entry.add("kid", key.keyID)
                entry.add("not_before", key.notBefore?.secondsSinceEpoch)
                entry.add("retire_at", key.retireAt?.secondsSinceEpoch)
                entry.add("skip_reason", key.skipReason)
                entry.add("usable", now.map { key.isUsable(at: $0) })
                return entry
            })
        return json
    }
}
