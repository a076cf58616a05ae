/// The content of a revocation list before it is signed: what a publisher builds, edits, prunes,
/// signs and diffs (`docs/revocation-format.md`).
///
/// Entries are kept as keyed-hash fingerprints under the list's salt, exactly as the file holds
/// them, so a verified list can be decoded back (``init(_:)``), edited and signed again. Encoding
/// is canonical: equal content gives equal bytes, which is what lets a device check a delta's
/// result against the publisher's signature of the full snapshot.
///
/// ```swift
/// var content = try RevocationListContent(name: "id.example.com/revocations", issuedAt: now, validUntil: now + 86_400)
/// try content.insert(contentsOf: try RevocationEntry.entries(fromJSON: document))
/// let file = try content.signed(by: publisherKey)
/// ```
package struct RevocationListContent: Sendable, Hashable {
    /// The fingerprints of the tokens expiring on one day.
    package struct TokenGroup: Sendable, Hashable {
        /// The fingerprint width `q`, fixed when the group is created: it bounds the group to
        /// 2^(q − 33) − 1 entries.
        package var fingerprintBits: Int
        /// The top `q` bits of each entry's keyed hash.
        package var fingerprints: Set<UInt64>
    }

    /// A subject entry's rule.
    package struct SubjectRule: Sendable, Hashable {
        /// Tokens whose `iat` is before this (whole seconds) are revoked.
        package var issuedBefore: UInt64
        /// When the entry may be pruned (whole seconds), or `UInt64.max`: never.
        package var expires: UInt64
    }

    /// The series name, 1 ... 255 bytes of UTF-8.
    package var name: String
    /// This list's sequence number (≥ 1).
    package var sequence: UInt64
    /// When the list is issued, whole seconds since the epoch.
    package var issuedAt: UInt64
    /// Until when devices may rely on it, whole seconds since the epoch.
    package var validUntil: UInt64
    /// Tokens expiring before this are not covered; set by ``prune(before:)``.
    package private(set) var horizon: UInt64 = 0
    /// The keyed hash's key: 32 random bytes, fixed for the series (deltas need it unchanged).
    package let salt: [UInt8]
    /// The format version, fixed for the series: it chooses the keyed hash.
    let version: RevocationListVersion
    /// Token fingerprints by expiry day (``RevocationListFormat/noExpiryDay`` for no `exp`).
    package private(set) var tokenGroups: [UInt32: TokenGroup] = [:]
    /// Subject entries by fingerprint.
    package private(set) var subjects: [SubjectFingerprint: SubjectRule] = [:]
    /// Revoked `kid`s with their expiry (`UInt64.max`: never).
    package private(set) var revokedKeys: [String: UInt64] = [:]

    /// An empty list.
    /// - Parameters:
    ///   - name: The series name.
    ///   - sequence: The sequence number. Default: 1.
    ///   - issuedAt: The issue time, whole seconds.
    ///   - validUntil: The end of reliance, whole seconds, not before `issuedAt`.
    ///   - salt: 32 bytes. Default: fresh random bytes (libsodium).
    ///   - formatVersion: 1 or 2. Default: 2 (SipHash); 1 only to serve devices that read
    ///     nothing newer.
    /// - Throws: `invalid_entry` for an empty or over-long name, a salt that is not 32 bytes, a
    ///   format version other than 1 or 2.
    package init(
        name: String, sequence: UInt64 = 1, issuedAt: UInt64, validUntil: UInt64,
        salt: [UInt8] = Sodium.randomBytes(RevocationListFormat.saltByteCount),
        formatVersion: UInt8 = RevocationListVersion.current.rawValue
    ) throws(RevocationListError) {
        guard let version = RevocationListVersion(rawValue: formatVersion) else {
            throw RevocationListError(.invalidEntry, "format version \(formatVersion) is not 1 or 2")
        }
        guard !name.isEmpty, name.utf8.count <= 255 else {
            throw RevocationListError(.invalidEntry, "a list name is 1 to 255 bytes of UTF-8")
        }
        guard salt.count == RevocationListFormat.saltByteCount else {
            throw RevocationListError(.invalidEntry, "a salt is 32 bytes")
        }
        self.name = name
        self.sequence = sequence
        self.issuedAt = issuedAt
        self.validUntil = validUntil
        self.salt = salt
        self.version = version
    }

    /// The content of a verified list, to edit and sign again (`edgejwt revocation add`).
    /// - Parameter list: A verified snapshot.
    package init(_ list: RevocationList) {
        name = list.header.name
        sequence = list.header.sequence
        issuedAt = list.header.issuedAt
        validUntil = list.header.validUntil
        horizon = list.header.horizon
        salt = list.header.salt
        version = list.header.version
        revokedKeys = list.revokedKeys
        var groups: [UInt32: TokenGroup] = [:]
        var subjects: [SubjectFingerprint: SubjectRule] = [:]
        list.bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for group in list.groups {
                let r = group.remainderBits
                var fingerprints = Set<UInt64>(minimumCapacity: group.count)
                var start = 0
                for bucket in 0..<(1 << group.bucketBits) {
                    let end = RevocationList.u32(base + group.endsOffset + 4 * bucket)
                    for index in start..<end {
                        let remainder = PackedBits.read(base + group.remaindersOffset, bitOffset: index * r, width: r)
                        fingerprints.insert(group.bucketBits == 0 ? remainder : UInt64(bucket) << UInt64(r) | remainder)
                    }
                    start = end
                }
                groups[group.day] = TokenGroup(fingerprintBits: group.fingerprintBits, fingerprints: fingerprints)
            }
            for index in 0..<list.subjectCount {
                let entry = base + list.subjectsOffset + index * 32
                let fingerprint = SubjectFingerprint(high: RevocationList.u64(entry), low: RevocationList.u64(entry + 8))
                subjects[fingerprint] = SubjectRule(issuedBefore: RevocationList.u64(entry + 16), expires: RevocationList.u64(entry + 24))
            }
        }
        tokenGroups = groups
        self.subjects = subjects
    }

    /// Revoked token entries over all days.
    package var tokenCount: Int { tokenGroups.values.reduce(0) { $0 + $1.fingerprints.count } }
}

// MARK: - Editing

extension RevocationListContent {
    /// Adds entries; an entry already present changes nothing, and one already covered by the
    /// horizon (its token expired before it) is skipped. A new day group gets a fingerprint width
    /// with room for twice the entries it starts with (at least 65,535); an existing group keeps
    /// its width. All or nothing: on error the content is unchanged.
    /// - Parameter entries: The revocations.
    /// - Throws: `invalid_entry` (an empty or over-long `kid`), `capacity_exceeded` (a group would
    ///   pass its capacity; build the list anew from all its entries to widen it).
    package mutating func insert(contentsOf entries: [RevocationEntry]) throws(RevocationListError) {
        var updated = self
        var pending: [UInt32: [UInt64]] = [:]
        for entry in entries {
            switch entry {
            case .token(let issuer, let jwtID, let expiration):
                let day = RevocationListFormat.day(of: expiration)
                guard !RevocationListFormat.isPruned(day: day, horizon: horizon) else { continue }
                pending[day, default: []].append(RevocationFingerprint.token(version: version, salt: salt, issuer: issuer, jwtID: jwtID))
            case .subject(let issuer, let subject, let issuedBefore, let expires):
                let rule = SubjectRule(
                    issuedBefore: Self.seconds(issuedBefore), expires: expires.map(Self.seconds) ?? RevocationListFormat.never)
                guard rule.expires > horizon else { continue }
                let fingerprint = RevocationFingerprint.subject(version: version, salt: salt, issuer: issuer, subject: subject)
                let merged = updated.subjects[fingerprint].map {
                    SubjectRule(issuedBefore: max($0.issuedBefore, rule.issuedBefore), expires: max($0.expires, rule.expires))
                }
                updated.subjects[fingerprint] = merged ?? rule
            case .key(let keyID, let expires):
                guard !keyID.isEmpty, keyID.utf8.count <= 255 else {
                    throw RevocationListError(.invalidEntry, "a revoked kid is 1 to 255 bytes of UTF-8")
                }
                let expiry = expires.map(Self.seconds) ?? RevocationListFormat.never
                guard expiry > horizon else { continue }
                updated.revokedKeys[keyID] = max(updated.revokedKeys[keyID] ?? 0, expiry)
            }
        }
        for (day, hashes) in pending {
            var group: TokenGroup
            if let existing = updated.tokenGroups[day] {
                group = existing
            } else {
                let distinct = Set(hashes).count
                guard let q = version.fingerprintBits(forCount: distinct) else {
                    throw RevocationListError(
                        .capacityExceeded, "\(distinct) entries expiring on day \(day) are more than one group can hold")
                }
                group = TokenGroup(fingerprintBits: q, fingerprints: [])
            }
            let shift = UInt64(64 - group.fingerprintBits)
            for hash in hashes { group.fingerprints.insert(hash >> shift) }
            let capacity = version.capacity(fingerprintBits: group.fingerprintBits)
            guard group.fingerprints.count <= capacity else {
                throw RevocationListError(
                    .capacityExceeded,
                    "the group of day \(day) would hold \(group.fingerprints.count) entries; its \(group.fingerprintBits)-bit fingerprints allow \(capacity): build the list anew from all its entries"
                )
            }
            updated.tokenGroups[day] = group
        }
        self = updated
    }

    /// Adds one entry, as ``insert(contentsOf:)``.
    /// - Parameter entry: The revocation.
    /// - Throws: As ``insert(contentsOf:)``.
    package mutating func insert(_ entry: RevocationEntry) throws(RevocationListError) {
        try insert(contentsOf: [entry])
    }

    /// Removes entries (un-revokes): a token entry by its fingerprint, a subject entry by
    /// `(iss, sub)` whatever its time, a key by `kid`.
    /// - Parameter entries: The entries to remove; the times in them are ignored.
    /// - Returns: How many entries were present and removed.
    @discardableResult
    package mutating func remove(contentsOf entries: [RevocationEntry]) -> Int {
        var removed = 0
        for entry in entries {
            switch entry {
            case .token(let issuer, let jwtID, let expiration):
                let day = RevocationListFormat.day(of: expiration)
                guard var group = tokenGroups[day] else { continue }
                let hash = RevocationFingerprint.token(version: version, salt: salt, issuer: issuer, jwtID: jwtID)
                guard group.fingerprints.remove(hash >> UInt64(64 - group.fingerprintBits)) != nil else { continue }
                removed += 1
                tokenGroups[day] = group.fingerprints.isEmpty ? nil : group
            case .subject(let issuer, let subject, _, _):
                if subjects.removeValue(forKey: RevocationFingerprint.subject(version: version, salt: salt, issuer: issuer, subject: subject)) != nil {
                    removed += 1
                }
            case .key(let keyID, _):
                if revokedKeys.removeValue(forKey: keyID) != nil { removed += 1 }
            }
        }
        return removed
    }

    /// Raises the horizon to `horizon` and drops what it covers: day groups that end at or
    /// before it, subject and key entries that expire at or before it. The horizon never moves
    /// back. Keep it at least the verifiers' leeway before ``issuedAt`` (the recommended margin
    /// is one day); signing checks it is not after ``issuedAt``.
    /// - Parameter horizon: Tokens expiring before this time stop being covered.
    package mutating func prune(before horizon: UInt64) {
        guard horizon > self.horizon else { return }
        self.horizon = horizon
        tokenGroups = tokenGroups.filter { !RevocationListFormat.isPruned(day: $0.key, horizon: horizon) }
        subjects = subjects.filter { $0.value.expires > horizon }
        revokedKeys = revokedKeys.filter { $0.value > horizon }
    }

    /// The recommended gap between a list's `iat` and its horizon: one day, more than any
    /// sensible verifier leeway.
    package static let recommendedPruneMargin: UInt64 = 86_400

    /// Whole seconds, rounded up (so a revocation is never narrowed), capped at 9999-12-31.
    static func seconds(_ date: NumericDate) -> UInt64 {
        UInt64(min(max(date.secondsSinceEpoch, 0), NumericDate.latest).rounded(.up))
    }

    /// Applies a delta's header and horizon (used when a device applies a delta).
    mutating func adopt(_ header: RevocationListHeader) {
        sequence = header.sequence
        issuedAt = header.issuedAt
        validUntil = header.validUntil
        prune(before: header.horizon)
    }

    /// Replaces, creates or deletes one day group (delta application).
    mutating func setGroup(_ group: TokenGroup?, day: UInt32) { tokenGroups[day] = group }
    /// Replaces or deletes one subject entry (delta application).
    mutating func setSubject(_ rule: SubjectRule?, for fingerprint: SubjectFingerprint) { subjects[fingerprint] = rule }
    /// Replaces or deletes one key entry (delta application).
    mutating func setKey(_ expires: UInt64?, for keyID: String) { revokedKeys[keyID] = expires }
}

// MARK: - Encoding and signing

extension RevocationListContent {
    /// Encodes and signs a snapshot.
    /// - Parameter key: The publisher's private key; its `kid` goes in the header.
    /// - Returns: The list file.
    /// - Throws: `invalid_entry` when the header rules do not hold: a name of 1 to 255 bytes,
    ///   sequence ≥ 1, horizon ≤ iat ≤ valid_until ≤ 9999-12-31, a `kid` of at most 255 bytes.
    package func signed(by key: SigningKey) throws(RevocationListError) -> [UInt8] {
        try checkHeaderRules(keyID: key.keyID)
        var bytes = encodedSnapshot(keyID: key.keyID)
        bytes.append(contentsOf: key.revocationListSignature(over: bytes))
        return bytes
    }

    func checkHeaderRules(keyID: String?) throws(RevocationListError) {
        guard !name.isEmpty, name.utf8.count <= 255 else {
            throw RevocationListError(.invalidEntry, "a list name is 1 to 255 bytes of UTF-8")
        }
        guard sequence >= 1 else { throw RevocationListError(.invalidEntry, "sequence 0 is reserved") }
        guard horizon <= issuedAt, issuedAt <= validUntil, validUntil <= RevocationListFormat.latestTime else {
            throw RevocationListError(
                .invalidEntry, "times must satisfy horizon ≤ iat ≤ valid_until ≤ 9999-12-31: \(horizon), \(issuedAt), \(validUntil)")
        }
        guard (keyID ?? "").utf8.count <= 255 else {
            throw RevocationListError(.invalidEntry, "the publisher kid is longer than 255 bytes")
        }
    }

    /// The canonical snapshot bytes without the signature (`docs/revocation-format.md` §4).
    func encodedSnapshot(keyID: String?) -> [UInt8] {
        var writer = ByteWriter()
        header(kind: .snapshot, baseSequence: 0, keyID: keyID).encode(into: &writer)
        writer.append(UInt32(tokenGroups.count))
        for day in tokenGroups.keys.sorted() {
            encodeGroup(tokenGroups[day]!, day: day, into: &writer)
        }
        writer.append(UInt32(subjects.count))
        for fingerprint in subjects.keys.sorted() {
            let rule = subjects[fingerprint]!
            writer.append(fingerprint.high)
            writer.append(fingerprint.low)
            writer.append(rule.issuedBefore)
            writer.append(rule.expires)
        }
        writer.append(UInt32(revokedKeys.count))
        for keyID in Self.sortedKeyIDs(revokedKeys.keys) {
            writer.append(UInt8(keyID.utf8.count))
            writer.append(Array(keyID.utf8))
            writer.append(revokedKeys[keyID]!)
        }
        writer.patchLength()
        return writer.bytes
    }

    func header(kind: RevocationListKind, baseSequence: UInt64, keyID: String?) -> RevocationListHeader {
        RevocationListHeader(
            version: version, kind: kind, sequence: sequence, baseSequence: baseSequence, issuedAt: issuedAt, validUntil: validUntil,
            horizon: horizon, salt: salt, keyID: keyID, name: name)
    }

    private func encodeGroup(_ group: TokenGroup, day: UInt32, into writer: inout ByteWriter) {
        let q = group.fingerprintBits
        let n = group.fingerprints.count
        let b = version.bucketBits(count: n, fingerprintBits: q)
        let r = q - b
        let sorted = group.fingerprints.sorted()
        writer.append(day)
        writer.append(UInt32(n))
        writer.append(UInt8(q))
        writer.append(UInt8(b))
        var ends = [UInt32](repeating: 0, count: 1 << b)
        for fingerprint in sorted { ends[b == 0 ? 0 : Int(fingerprint >> UInt64(r))] += 1 }
        var total: UInt32 = 0
        for bucket in ends.indices {
            total += ends[bucket]
            writer.append(total)
        }
        let mask: UInt64 = r == 64 ? .max : (1 << UInt64(r)) - 1
        writer.appendPacked(sorted.lazy.map { $0 & mask }, width: r)
    }

    /// `kid`s in the format's order: by UTF-8 bytes.
    static func sortedKeyIDs<Keys: Sequence<String>>(_ keyIDs: Keys) -> [String] {
        keyIDs.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}

extension SigningKey {
    /// A detached Ed25519 signature over raw bytes: a revocation list is not a JWS. The seed is
    /// read back from the private JWK, the only way this file can reach it.
    func revocationListSignature(over message: [UInt8]) -> [UInt8] {
        guard case .object(let jwk) = privateJWK, case .string(let d)? = jwk["d"], let seed = Base64URL.decode(d) else {
            preconditionFailure("a SigningKey always has a 32-byte d")
        }
        return Sodium.sign(message, secretKey: Sodium.keyPair(seed: seed).secretKey)
    }
}
