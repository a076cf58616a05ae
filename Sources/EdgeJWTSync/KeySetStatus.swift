public import EdgeJWT
import Foundation

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
            ? nil : statement.expiresAt.adding(seconds: HTTPFetcher.seconds(keySet.policy.expiryGracePeriod))
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
    init?(json: [String: Any]) {
        func time(_ key: String, in object: [String: Any]) -> NumericDate? {
            (object[key] as? NSNumber).map { NumericDate($0.doubleValue) }
        }
        guard let issuer = json["issuer"] as? String, let sequence = (json["sequence"] as? NSNumber)?.uint64Value,
            let issuedAt = time("issued_at", in: json), let expiresAt = time("expires_at", in: json),
            let rootSequence = (json["root_sequence"] as? NSNumber)?.uint64Value, let keys = json["keys"] as? [[String: Any]]
        else { return nil }
        self.issuer = issuer
        self.sequence = sequence
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.graceEndsAt = time("grace_ends_at", in: json)
        self.rootSequence = rootSequence
        self.keys = keys.compactMap { key in
            guard let keyID = key["kid"] as? String else { return nil }
            return Key(
                keyID: keyID, notBefore: time("not_before", in: key), retireAt: time("retire_at", in: key),
                skipReason: key["skip_reason"] as? String)
        }
    }

    /// The persisted form; with `now`, also the standing and each key's usability at `now`.
    func json(at now: NumericDate?) -> [String: Any] {
        var json: [String: Any] = [
            "issuer": issuer, "sequence": sequence, "issued_at": issuedAt.secondsSinceEpoch,
            "expires_at": expiresAt.secondsSinceEpoch, "root_sequence": rootSequence,
        ]
        if let graceEndsAt { json["grace_ends_at"] = graceEndsAt.secondsSinceEpoch }
        if let now { json["expiry"] = expiry(at: now).rawValue }
        json["keys"] = keys.map { key -> [String: Any] in
            var entry: [String: Any] = ["kid": key.keyID]
            if let notBefore = key.notBefore { entry["not_before"] = notBefore.secondsSinceEpoch }
            if let retireAt = key.retireAt { entry["retire_at"] = retireAt.secondsSinceEpoch }
            if let skipReason = key.skipReason { entry["skip_reason"] = skipReason }
            if let now { entry["usable"] = key.isUsable(at: now) }
            return entry
        }
        return json
    }
}
