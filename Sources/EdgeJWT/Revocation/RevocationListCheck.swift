
/// Step 9 for EdgeJWT's own compact revocation list: holds the current verified list and refuses
/// tokens it revokes (by `(iss, jti)`, by subject before a time, by signing key `kid`).
///
/// A sync agent installs snapshots and deltas while other threads verify: each
/// ``check(header:claims:at:)`` reads one complete list, the old one or the new one, never a
/// half-applied one. A list is verified with the publisher's pinned keys before it is used; a
/// lower sequence than the installed one is refused (anti-rollback). With a ``RevocationStore``
/// the list survives restarts; with a ``TimeFloor`` each installed list's `iat` raises the floor.
///
/// ```swift
/// let floor = try TimeFloor(path: "/var/lib/gateway/time-floor")
/// let store = try RevocationStore(directory: "/var/lib/gateway/revocation")
/// let revocation = try RevocationListCheck(publisherKeys: publisher, store: store, timeFloor: floor)
/// let verifier = Verifier(keys: keys, clock: FlooredClock(floor: floor), statusChecks: [revocation])
/// // sync agent, later:
/// try revocation.install(downloadedBytes)
/// ```
public final class RevocationListCheck: StatusCheck, Sendable {
    /// The pinned keys of the list publisher (not necessarily the token issuer's).
    public let publisherKeys: PinnedKeySet
    /// Staleness and naming rules.
    public let policy: RevocationPolicy
    /// Where installed lists are kept, if anywhere.
    public let store: RevocationStore?
    /// Raised to each installed list's `iat`, if set.
    public let timeFloor: TimeFloor?
    /// What loading the store found when this check was created (`nil` without a store).
    public let loaded: RevocationStore.Loaded?

    /// The installed list; readers copy it out under the lock and look up outside it.
    private let current: Locked<RevocationList?>
    /// Serialises installs, so the rollback check, the floor, the store and the swap form one
    /// step without holding ``current`` (and blocking verifiers) during file I/O.
    private let installLock = Locked<Void>(())

    /// Creates a check, loading the last good list from `store` if one is given.
    /// - Parameters:
    ///   - publisherKeys: The publisher's pinned key set; each list's `kid` selects one key.
    ///   - policy: Staleness and naming rules. Default: ``RevocationPolicy/init()``.
    ///   - store: The device store to load from and save to. Default: none (memory only).
    ///   - timeFloor: A floor to raise to each list's `iat`, the stored one included. Default: none.
    /// - Throws: `time_floor_unavailable` when the floor cannot be raised to the stored list's
    ///   `iat`. A corrupt or missing stored list is not an error: see ``loaded``.
    public init(
        publisherKeys: PinnedKeySet,
        policy: RevocationPolicy = RevocationPolicy(),
        store: RevocationStore? = nil,
        timeFloor: TimeFloor? = nil
    ) throws(RevocationListError) {
        self.publisherKeys = publisherKeys
        self.policy = policy
        self.store = store
        self.timeFloor = timeFloor
        var loaded = store?.load(publisherKeys: publisherKeys)
        var list = loaded?.list
        if let found = list, let expected = policy.listName, found.name != expected, let report = loaded {
            loaded = RevocationStore.Loaded(
                list: nil, fileName: nil,
                problems: report.problems + [
                    "\(report.fileName ?? ""): list \(JSONValue.string(found.name).jsonText) is not the expected \(JSONValue.string(expected).jsonText)"
                ],
                removedTemporaryFiles: report.removedTemporaryFiles)
            list = nil
        }
        self.loaded = loaded
        current = Locked(list)
        if let list { try Self.raise(timeFloor, to: list.issuedAt) }
    }

    /// The installed list, if any.
    public var list: RevocationList? { current.withLock { $0 } }

    /// Verifies a snapshot or delta and installs the list it gives. On any error nothing
    /// changes: the installed list, the store and the floor stay as they were.
    ///
    /// In order: the envelope (signature first), the name, anti-rollback (a lower sequence is
    /// refused; the same sequence is accepted only as the same bytes, changing nothing), a
    /// delta's application to the installed list, the time floor, the store, the swap.
    /// - Parameter bytes: A list or delta file.
    /// - Returns: The installed list (for a delta, the snapshot it leads to).
    /// - Throws: ``RevocationListError`` — any envelope code of ``RevocationList/init(verifying:publisherKeys:)``,
    ///   `name_mismatch`, `rollback`, `base_mismatch`, `delta_mismatch`, `time_floor_unavailable`,
    ///   `storage_failure`.
    @discardableResult
    public func install(_ bytes: [UInt8]) throws(RevocationListError) -> RevocationList {
        try installLock.withLock { (_: inout Void) throws(RevocationListError) -> RevocationList in
            let installed = current.withLock { $0 }
            let header = try RevocationListHeader(verifying: bytes, publisherKeys: publisherKeys)
            if let expected = policy.listName ?? installed?.name, header.name != expected {
                throw RevocationListError(
                    .nameMismatch, "list \(JSONValue.string(header.name).jsonText) is not \(JSONValue.string(expected).jsonText)")
            }
            if let installed {
                if header.sequence < installed.sequence {
                    throw RevocationListError(
                        .rollback, "sequence \(header.sequence) is older than the installed sequence \(installed.sequence)")
                }
                if header.sequence == installed.sequence {
                    guard header.kind == .snapshot, bytes == installed.bytes else {
                        throw RevocationListError(.rollback, "sequence \(header.sequence) is already installed with other content")
                    }
                    return installed
                }
            }
            let list: RevocationList
            switch header.kind {
            case .snapshot:
                list = try RevocationList(verifiedSnapshot: bytes, header: header)
            case .delta:
                guard let installed else {
                    throw RevocationListError(
                        .baseMismatch, "a delta from sequence \(header.baseSequence) needs an installed list; none is")
                }
                list = try RevocationDelta(verifiedDelta: bytes, header: header).apply(to: installed, publisherKeys: publisherKeys)
            }
            try Self.raise(timeFloor, to: list.issuedAt)
            try store?.save(list, replacing: installed)
            current.withLock { $0 = list }
            return list
        }
    }

    /// Reads a list or delta file and installs it, as ``install(_:)``.
    /// - Parameter path: The file (at most ``RevocationList/maxFileBytes``).
    /// - Returns: The installed list.
    /// - Throws: `unreadable_file`, `list_too_large`, or any error of ``install(_:)``.
    @discardableResult
    public func install(contentsOfFile path: String) throws(RevocationListError) -> RevocationList {
        try install(RevocationList.read(path))
    }

    /// Applies the installed list to a verified token, then the staleness policy.
    ///
    /// Revocations are checked first, so a token the list revokes is `revoked` even when the
    /// list is stale. O(log n) and no allocation on acceptance.
    /// - Parameters:
    ///   - header: The verified header: its `kid` is matched against revoked keys.
    ///   - claims: The verified claims: `iss`, `jti`, `exp`, `sub`, `iat`.
    ///   - now: The evaluation time.
    /// - Throws: `revoked`, `expired` (`exp` before the list's horizon: the device clock is
    ///   behind the list's trusted `iat`), `revocation_list_stale` (no list, or past the policy's
    ///   limits, unless ``RevocationPolicy/failsOpen``).
    public func check(header: JOSEHeader, claims: Claims, at now: NumericDate) throws(VerificationError) {
        guard let list = current.withLock({ $0 }) else {
            if policy.failsOpen { return }
            throw VerificationError(.revocationListStale, "no revocation list is installed")
        }
        try list.check(header: header, claims: claims)
        if !policy.failsOpen, let reason = list.staleness(at: now, policy: policy) {
            throw VerificationError(.revocationListStale, reason)
        }
    }

    private static func raise(_ timeFloor: TimeFloor?, to time: NumericDate) throws(RevocationListError) {
        guard let timeFloor else { return }
        do {
            try timeFloor.raise(to: time)
        } catch {
            throw RevocationListError(.timeFloorUnavailable, error.detail)
        }
    }
}
