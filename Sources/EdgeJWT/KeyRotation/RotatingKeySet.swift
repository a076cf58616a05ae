/// An issuer's key set that follows signed key-set statements: a device is provisioned with the
/// operator's trust root, installs statements (and root rotations) as they arrive, and every
/// ``Verifier`` built over it uses the newest one without a restart (docs/key-rotation.md).
///
/// A statement is installed only when its signatures chain to the trust root, its sequence is
/// above the installed one, it is for this issuer, it has not expired and its `iat` is not in
/// the future; installing raises the ``TimeFloor`` and is stored before it is used. Verifiers
/// read the installed statement through an atomic snapshot: no lock and no allocation on the
/// verify path, and each token sees one statement, the old or the new.
/// ```swift
/// let root = try TrustRoot(contentsOfFile: "/etc/gateway/trust-root.json")
/// let floor = try TimeFloor(path: "/var/lib/gateway/time-floor")
/// let store = try KeySetStore(directory: "/var/lib/gateway/keys")
/// let keys = try RotatingKeySet(issuer: "https://id.example.com", trustRoot: root, store: store, timeFloor: floor)
/// let verifier = Verifier(keys: keys, clock: FlooredClock(floor: floor))
/// // sync agent, later:
/// try keys.install(downloadedStatement)
/// ```
public final class RotatingKeySet: Sendable {
    /// The issuer whose statements this set accepts.
    public let issuer: String
    /// Expiry and install-time rules.
    public let policy: KeySetPolicy
    /// Where installed roots and statements are kept, if anywhere.
    public let store: KeySetStore?
    /// Raised to each installed statement's and root's `iat`, if set.
    public let timeFloor: TimeFloor?
    /// The time used by install rules.
    public let clock: any TimeSource
    /// What loading the store found when this set was created (`nil` without a store).
    public let loaded: KeySetStore.Loaded?

    /// What verifiers read: replaced whole on every install.
    let live: AtomicSnapshot<InstalledKeySet>
    /// Serialises installs, so the checks, the floor, the store and the swap form one step.
    private let installLock = Locked<Void>(())

    /// Creates a key set from a provisioned trust root, loading what `store` holds.
    /// - Parameters:
    ///   - issuer: The Issuer Identifier statements must name, compared byte for byte.
    ///   - trustRoot: The root the device was provisioned with.
    ///   - policy: Expiry and install rules. Default: ``KeySetPolicy/init()``.
    ///   - store: The device store to load from and save to. Default: none (memory only).
    ///   - timeFloor: A floor to raise to each installed `iat`, the stored ones included.
    ///     Default: none.
    ///   - clock: The time for install rules. Default: the system clock, floored by `timeFloor`.
    /// - Throws: `time_floor_unavailable` when the floor cannot be raised to a stored `iat`. A
    ///   corrupt or missing stored file is not an error: see ``loaded``.
    public init(
        issuer: String,
        trustRoot: TrustRoot,
        policy: KeySetPolicy = KeySetPolicy(),
        store: KeySetStore? = nil,
        timeFloor: TimeFloor? = nil,
        clock: (any TimeSource)? = nil
    ) throws(KeySetStatementError) {
        self.issuer = issuer
        self.policy = policy
        self.store = store
        self.timeFloor = timeFloor
        self.clock = clock ?? timeFloor.map { FlooredClock(floor: $0) } ?? SystemClock()
        let loaded = store?.load(trustRoot: trustRoot, issuer: issuer)
        self.loaded = loaded
        let installed = InstalledKeySet(
            issuer: issuer, roots: loaded?.roots ?? [trustRoot], statement: loaded?.statement, policy: policy)
        live = AtomicSnapshot(installed)
        try raiseFloor(to: installed.roots.last?.issuedAt)
        try raiseFloor(to: installed.statement?.issuedAt)
    }

    /// The current trust root: the provisioned one or its latest installed successor.
    public var trustRoot: TrustRoot { live.read { $0.root } }
    /// The installed key-set statement, if any.
    public var statement: KeySetStatement? { live.read { $0.statement } }

    /// Verifies a key-set statement and installs it. On any error nothing changes: the
    /// installed statement, the store and the floor stay as they were.
    ///
    /// In order: the envelope and the current root's signatures (before the payload is read),
    /// the payload, the issuer, anti-rollback (a sequence not above the installed one is refused;
    /// the installed statement's own bytes again change nothing), expiry, `iat` not after
    /// now + leeway, the time floor, the store, the swap.
    /// - Parameters:
    ///   - bytes: The statement file.
    ///   - now: The evaluation time. Default: ``clock``.
    /// - Returns: The installed statement.
    /// - Throws: ``KeySetStatementError`` — any code of ``KeySetStatement/init(verifying:root:)``,
    ///   `issuer_mismatch`, `rollback`, `expired`, `issued_in_future`, `time_floor_unavailable`,
    ///   `storage_failure`.
    @discardableResult
    public func install(_ bytes: [UInt8], at now: NumericDate? = nil) throws(KeySetStatementError) -> KeySetStatement {
        try installLock.withLock { (_: inout Void) throws(KeySetStatementError) -> KeySetStatement in
            let current = live.value
            let statement = try KeySetStatement(verifying: bytes, root: current.root)
            guard statement.issuer.isExactly(issuer) else {
                throw KeySetStatementError(
                    .issuerMismatch,
                    "the statement is for \(JSONValue.string(statement.issuer).jsonText), this key set for \(JSONValue.string(issuer).jsonText)")
            }
            if let installed = current.statement {
                if statement.sequence == installed.sequence, statement.bytes == installed.bytes { return installed }
                guard statement.sequence > installed.sequence else {
                    throw KeySetStatementError(
                        .rollback, "sequence \(statement.sequence) is not above the installed sequence \(installed.sequence)")
                }
            }
            try checkTimes(issuedAt: statement.issuedAt, expiresAt: statement.expiresAt, at: now ?? clock.now())
            try raiseFloor(to: statement.issuedAt)
            try store?.save(statement: statement)
            live.replace(with: InstalledKeySet(issuer: issuer, roots: current.roots, statement: statement, policy: policy))
            return statement
        }
    }

    /// Verifies the successor of the current trust root and installs it (root rotation). The
    /// installed statement stays in force; later statements must be signed by the new root.
    /// - Parameters:
    ///   - bytes: The new root statement.
    ///   - now: The evaluation time. Default: ``clock``.
    /// - Returns: The new root (or the current one, when `bytes` are its own).
    /// - Throws: any code of ``TrustRoot/successor(verifying:)``, `issued_in_future`,
    ///   `time_floor_unavailable`, `storage_failure`.
    @discardableResult
    public func installRoot(_ bytes: [UInt8], at now: NumericDate? = nil) throws(KeySetStatementError) -> TrustRoot {
        try installLock.withLock { (_: inout Void) throws(KeySetStatementError) -> TrustRoot in
            let current = live.value
            if bytes == current.root.bytes { return current.root }
            let next = try current.root.successor(verifying: bytes)
            try checkTimes(issuedAt: next.issuedAt, expiresAt: nil, at: now ?? clock.now())
            try raiseFloor(to: next.issuedAt)
            try store?.save(root: next)
            live.replace(with: InstalledKeySet(issuer: issuer, roots: current.roots + [next], statement: current.statement, policy: policy))
            return next
        }
    }

    /// Step 4 over the installed statement: the key for a token's header at `now`.
    /// O(number of keys); no lock, no allocation unless it throws.
    /// - Throws: `unknown_key` (no statement installed, or as ``PinnedKeySet``),
    ///   `key_set_expired`, `key_not_active`.
    @inline(__always)
    func key(for header: JOSEHeader, at now: NumericDate) throws(VerificationError) -> PinnedKey {
        try live.read { (installed) throws(VerificationError) in try installed.key(for: header, at: now) }
    }

    private func checkTimes(issuedAt: NumericDate, expiresAt: NumericDate?, at now: NumericDate) throws(KeySetStatementError) {
        if let expiresAt, now >= expiresAt {
            throw KeySetStatementError(.expired, "the statement expired at \(expiresAt); now is \(now)")
        }
        guard issuedAt.secondsSinceEpoch <= now.secondsSinceEpoch + policy.leeway.inSeconds else {
            throw KeySetStatementError(
                .issuedInFuture, "iat \(issuedAt) is after now \(now) + \(JSONNumber(policy.leeway.inSeconds)) s leeway")
        }
    }

    private func raiseFloor(to time: NumericDate?) throws(KeySetStatementError) {
        guard let timeFloor, let time else { return }
        do {
            try timeFloor.raise(to: time)
        } catch {
            throw KeySetStatementError(.timeFloorUnavailable, error.detail)
        }
    }
}

/// One installed state of a ``RotatingKeySet``: immutable, read by verifiers without a lock.
final class InstalledKeySet: Sendable {
    let issuer: String
    /// The provisioned root and its installed successors; the last is current.
    let roots: [TrustRoot]
    let statement: KeySetStatement?
    let policy: KeySetPolicy
    /// `exp` + grace, in seconds: from then on tokens are `key_set_expired` unless the policy
    /// fails open.
    let expiryLimit: Double

    init(issuer: String, roots: [TrustRoot], statement: KeySetStatement?, policy: KeySetPolicy) {
        precondition(!roots.isEmpty)
        self.issuer = issuer
        self.roots = roots
        self.statement = statement
        self.policy = policy
        expiryLimit =
            policy.failsOpenAfterExpiry
            ? .infinity : (statement?.expiresAt.secondsSinceEpoch ?? 0) + policy.expiryGracePeriod.inSeconds
    }

    var root: TrustRoot { roots[roots.count - 1] }

    @inline(__always)
    func key(for header: JOSEHeader, at now: NumericDate) throws(VerificationError) -> PinnedKey {
        guard let statement else {
            throw VerificationError(.unknownKey, "no key-set statement is installed for \(JSONValue.string(issuer).jsonText)")
        }
        guard now.secondsSinceEpoch < expiryLimit else {
            throw VerificationError(
                .keySetExpired,
                "the key-set statement #\(statement.sequence) for \(JSONValue.string(issuer).jsonText) expired at \(statement.expiresAt) (grace \(JSONNumber(policy.expiryGracePeriod.inSeconds)) s, failing closed); now is \(now): install a newer statement"
            )
        }
        let key = try statement.keys.key(for: header)
        if let keyID = key.keyID, let window = statement.windows[keyID], !window.contains(now) {
            throw VerificationError(
                .keyNotActive, "kid \(PinnedKeySet.quoted(keyID)) is \(window.inactivity(at: now) ?? "not active")")
        }
        return key
    }
}
