/// A verified delta: the changes from snapshot N to snapshot M of one series, plus the
/// publisher's signature of snapshot M (`docs/revocation-format.md` §5).
///
/// Applying it rebuilds M canonically and checks that signature, so a device holds only signed
/// snapshots and a delta that does not give exactly M is refused (`delta_mismatch`).
struct RevocationDelta: Sendable {
    /// One day group's change.
    enum GroupChange: Sendable, Hashable {
        /// The group becomes exactly this (created, or its width changed).
        case set(day: UInt32, group: RevocationListContent.TokenGroup)
        /// Fingerprints removed from, then added to, an existing group of width `fingerprintBits`.
        case edit(day: UInt32, fingerprintBits: Int, removed: [UInt64], added: [UInt64])
        /// The group is removed (every entry un-revoked).
        case delete(day: UInt32)
    }

    static let setMode: UInt8 = 1
    static let editMode: UInt8 = 2
    static let deleteMode: UInt8 = 3

    let header: RevocationListHeader
    /// The publisher's signature of snapshot M.
    let snapshotSignature: [UInt8]
    let groupChanges: [GroupChange]
    let subjectsRemoved: [SubjectFingerprint]
    let subjectsAdded: [(SubjectFingerprint, RevocationListContent.SubjectRule)]
    let keysRemoved: [String]
    let keysAdded: [(String, UInt64)]

    /// Verifies a delta file's envelope, then reads its body.
    /// - Throws: As ``RevocationListHeader/init(verifying:publisherKeys:)``, and `malformed_list`
    ///   for a snapshot or a body that breaks §5.
    init(verifying bytes: [UInt8], publisherKeys: PinnedKeySet) throws(RevocationListError) {
        let header = try RevocationListHeader(verifying: bytes, publisherKeys: publisherKeys)
        guard header.kind == .delta else {
            throw RevocationListError(.malformedList, "this is a snapshot, not a delta")
        }
        try self.init(verifiedDelta: bytes, header: header)
    }

    /// Reads the body of a delta whose envelope has been verified.
    /// - Throws: `malformed_list`.
    init(verifiedDelta bytes: [UInt8], header: RevocationListHeader) throws(RevocationListError) {
        var reader = ByteReader(bytes, end: bytes.count - RevocationListFormat.signatureByteCount)
        reader.offset = header.bodyOffset
        snapshotSignature = Array(bytes[try reader.range(RevocationListFormat.signatureByteCount)])
        var changes: [GroupChange] = []
        var previousDay: UInt32? = nil
        for _ in 0..<Int(try reader.u32()) {
            let day = try reader.u32()
            guard previousDay.map({ $0 < day }) ?? true else {
                throw RevocationListError(.malformedList, "delta group changes are not in strictly increasing day order")
            }
            previousDay = day
            switch try reader.u8() {
            case Self.setMode:
                let q = try Self.fingerprintBits(&reader, version: header.version)
                let count = Int(try reader.u32())
                guard count >= 1, count <= header.version.capacity(fingerprintBits: q) else {
                    throw RevocationListError(.malformedList, "day \(day): a group of \(count) entries of \(q) bits is out of bounds")
                }
                let fingerprints = try Self.readPacked(&reader, count: count, width: q)
                changes.append(.set(day: day, group: .init(fingerprintBits: q, fingerprints: Set(fingerprints))))
            case Self.editMode:
                let q = try Self.fingerprintBits(&reader, version: header.version)
                let removedCount = Int(try reader.u32())
                let addedCount = Int(try reader.u32())
                let removed = try Self.readPacked(&reader, count: removedCount, width: q)
                let added = try Self.readPacked(&reader, count: addedCount, width: q)
                changes.append(.edit(day: day, fingerprintBits: q, removed: removed, added: added))
            case Self.deleteMode:
                changes.append(.delete(day: day))
            case let mode:
                throw RevocationListError(.malformedList, "day \(day): group change mode \(mode) is not 1, 2 or 3")
            }
        }
        groupChanges = changes
        subjectsRemoved = try Self.readSubjects(&reader, withRules: false).map(\.0)
        subjectsAdded = try Self.readSubjects(&reader, withRules: true)
        keysRemoved = try Self.readKeys(&reader, withExpiry: false).map(\.0)
        keysAdded = try Self.readKeys(&reader, withExpiry: true)
        guard reader.isAtEnd else {
            throw RevocationListError(.malformedList, "\(reader.remaining) unexpected bytes before the signature")
        }
        self.header = header
    }

    /// Applies the delta to its base and returns the signed snapshot it leads to.
    /// - Parameters:
    ///   - base: The installed snapshot: same name, salt and format version, sequence equal to the
    ///     delta's base.
    ///   - publisherKeys: The keys that verify the resulting snapshot's signature.
    /// - Returns: Snapshot M, verified like any snapshot.
    /// - Throws: `name_mismatch`, `base_mismatch` (another base sequence or salt, an edit of an
    ///   absent group or of another width, a removal of an absent entry, an addition of a
    ///   present one), `delta_mismatch` (the result is not the snapshot the publisher signed).
    func apply(to base: RevocationList, publisherKeys: PinnedKeySet) throws(RevocationListError) -> RevocationList {
        guard base.name == header.name else {
            throw RevocationListError(
                .nameMismatch,
                "the delta is for \(JSONValue.string(header.name).jsonText), the installed list is \(JSONValue.string(base.name).jsonText)")
        }
        guard base.sequence == header.baseSequence else {
            throw RevocationListError(
                .baseMismatch, "the delta applies to sequence \(header.baseSequence), the installed list is sequence \(base.sequence)")
        }
        guard base.header.salt == header.salt else {
            throw RevocationListError(.baseMismatch, "the delta's salt is not the installed list's")
        }
        guard base.header.version == header.version else {
            throw RevocationListError(
                .baseMismatch,
                "the delta is format version \(header.version.rawValue), the installed list version \(base.header.version.rawValue)")
        }
        var content = RevocationListContent(base)
        content.adopt(header)
        for change in groupChanges {
            switch change {
            case .set(let day, let group):
                content.setGroup(group, day: day)
            case .edit(let day, let q, let removed, let added):
                guard var group = content.tokenGroups[day], group.fingerprintBits == q else {
                    throw RevocationListError(
                        .baseMismatch, "the delta edits a group of day \(day) with \(q)-bit fingerprints that the base does not have")
                }
                for fingerprint in removed where group.fingerprints.remove(fingerprint) == nil {
                    throw RevocationListError(.baseMismatch, "the delta removes a token entry of day \(day) that the base does not have")
                }
                for fingerprint in added where !group.fingerprints.insert(fingerprint).inserted {
                    throw RevocationListError(.baseMismatch, "the delta adds a token entry of day \(day) that the base already has")
                }
                content.setGroup(group.fingerprints.isEmpty ? nil : group, day: day)
            case .delete(let day):
                guard content.tokenGroups[day] != nil else {
                    throw RevocationListError(.baseMismatch, "the delta deletes a group of day \(day) that the base does not have")
                }
                content.setGroup(nil, day: day)
            }
        }
        for fingerprint in subjectsRemoved {
            guard content.subjects[fingerprint] != nil else {
                throw RevocationListError(.baseMismatch, "the delta removes a subject entry that the base does not have")
            }
            content.setSubject(nil, for: fingerprint)
        }
        for (fingerprint, rule) in subjectsAdded {
            guard content.subjects[fingerprint] == nil else {
                throw RevocationListError(.baseMismatch, "the delta adds a subject entry that the base already has")
            }
            content.setSubject(rule, for: fingerprint)
        }
        for keyID in keysRemoved {
            guard content.revokedKeys[keyID] != nil else {
                throw RevocationListError(
                    .baseMismatch, "the delta removes kid \(PinnedKeySet.quoted(keyID)), which the base does not revoke")
            }
            content.setKey(nil, for: keyID)
        }
        for (keyID, expires) in keysAdded {
            guard content.revokedKeys[keyID] == nil else {
                throw RevocationListError(.baseMismatch, "the delta adds kid \(PinnedKeySet.quoted(keyID)), which the base already revokes")
            }
            content.setKey(expires, for: keyID)
        }
        var snapshot = content.encodedSnapshot(keyID: header.keyID)
        snapshot.append(contentsOf: snapshotSignature)
        do {
            return try RevocationList(verifying: snapshot, publisherKeys: publisherKeys)
        } catch {
            throw RevocationListError(
                .deltaMismatch,
                "the delta applied to sequence \(base.sequence) does not give the snapshot \(header.sequence) the publisher signed (\(error.detail))"
            )
        }
    }

    private static func fingerprintBits(_ reader: inout ByteReader, version: RevocationListVersion) throws(RevocationListError)
        -> Int
    {
        let q = Int(try reader.u8())
        guard version.fingerprintWidths.contains(q) else {
            throw RevocationListError(
                .malformedList, "fingerprint width \(q) is outside \(version.fingerprintWidths.lowerBound) ... 64 (version \(version.rawValue))")
        }
        return q
    }

    /// `count` strictly increasing `width`-bit values, then the pad bits (zero).
    private static func readPacked(_ reader: inout ByteReader, count: Int, width: Int) throws(RevocationListError) -> [UInt64] {
        let bitCount = count.multipliedReportingOverflow(by: width)
        guard !bitCount.overflow else { throw RevocationListError(.malformedList, "a packed list is too long") }
        let range = try reader.range((bitCount.partialValue + 7) / 8)
        return try reader.bytes.withUnsafeBufferPointer { (buffer) throws(RevocationListError) -> [UInt64] in
            let base = buffer.baseAddress! + range.lowerBound
            var values: [UInt64] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                let value = PackedBits.read(base, bitOffset: index * width, width: width)
                guard values.last.map({ $0 < value }) ?? true else {
                    throw RevocationListError(.malformedList, "a packed fingerprint list is not strictly increasing")
                }
                values.append(value)
            }
            guard PackedBits.hasZeroPadding(base, bitCount: count * width) else {
                throw RevocationListError(.malformedList, "pad bits are not zero")
            }
            return values
        }
    }

    private static func readSubjects(
        _ reader: inout ByteReader, withRules: Bool
    ) throws(RevocationListError) -> [(SubjectFingerprint, RevocationListContent.SubjectRule)] {
        let count = Int(try reader.u32())
        guard count <= reader.remaining / 16 else { throw RevocationListError(.malformedList, "a subject list runs past the end") }
        var entries: [(SubjectFingerprint, RevocationListContent.SubjectRule)] = []
        for _ in 0..<count {
            let fingerprint = SubjectFingerprint(high: try reader.u64(), low: try reader.u64())
            guard entries.last.map({ $0.0 < fingerprint }) ?? true else {
                throw RevocationListError(.malformedList, "subject changes are not in strictly increasing order")
            }
            let rule =
                withRules
                ? RevocationListContent.SubjectRule(issuedBefore: try reader.u64(), expires: try reader.u64())
                : RevocationListContent.SubjectRule(issuedBefore: 0, expires: 0)
            entries.append((fingerprint, rule))
        }
        return entries
    }

    private static func readKeys(_ reader: inout ByteReader, withExpiry: Bool) throws(RevocationListError) -> [(String, UInt64)] {
        let count = Int(try reader.u32())
        guard count <= reader.remaining / 2 else { throw RevocationListError(.malformedList, "a key list runs past the end") }
        var entries: [(String, UInt64)] = []
        var previous: ArraySlice<UInt8>? = nil
        for _ in 0..<count {
            let keyBytes = reader.bytes[try reader.range(Int(try reader.u8()))]
            guard !keyBytes.isEmpty, let keyID = String(validating: keyBytes, as: UTF8.self),
                previous.map({ $0.lexicographicallyPrecedes(keyBytes) }) ?? true
            else {
                throw RevocationListError(.malformedList, "key changes must be non-empty UTF-8 kids in strictly increasing byte order")
            }
            previous = keyBytes
            entries.append((keyID, withExpiry ? try reader.u64() : 0))
        }
        return entries
    }
}

// MARK: - Publisher side

extension RevocationListContent {
    /// Encodes and signs the delta that turns `base` into this list (`edgejwt revocation delta`).
    ///
    /// The delta carries this list's signed snapshot signature, so a device that applies it to
    /// `base` ends up holding exactly the snapshot ``signed(by:)`` would give.
    /// - Parameters:
    ///   - base: An earlier list of the same series (same name, salt and format version, lower
    ///     sequence, horizon not after this one's).
    ///   - key: The publisher's private key.
    /// - Returns: The delta file.
    /// - Throws: `invalid_entry` when `base` is not of the same series or comes later, or when
    ///   this list breaks the header rules of ``signed(by:)``.
    package func delta(from base: RevocationListContent, signedBy key: SigningKey) throws(RevocationListError) -> [UInt8] {
        guard base.name == name, base.salt == salt, base.version == version else {
            throw RevocationListError(.invalidEntry, "a delta joins two lists of one series: same name, salt and format version")
        }
        guard base.sequence < sequence, base.horizon <= horizon else {
            throw RevocationListError(
                .invalidEntry,
                "a delta goes forward: base sequence \(base.sequence) must be below \(sequence) and its horizon not after this one's")
        }
        try checkHeaderRules(keyID: key.keyID)
        let snapshotSignature = key.revocationListSignature(over: encodedSnapshot(keyID: key.keyID))
        var start = base
        start.prune(before: horizon)

        var writer = ByteWriter()
        header(kind: .delta, baseSequence: base.sequence, keyID: key.keyID).encode(into: &writer)
        writer.append(snapshotSignature)
        let days = Set(start.tokenGroups.keys).union(tokenGroups.keys).sorted()
        var changes = ByteWriter()
        var changeCount: UInt32 = 0
        for day in days {
            switch (start.tokenGroups[day], tokenGroups[day]) {
            case (nil, let target?):
                Self.appendSet(target, day: day, into: &changes)
            case (.some, nil):
                changes.append(day)
                changes.append(RevocationDelta.deleteMode)
            case (let old?, let target?):
                guard old.fingerprintBits == target.fingerprintBits else {
                    Self.appendSet(target, day: day, into: &changes)
                    break
                }
                let removed = old.fingerprints.subtracting(target.fingerprints).sorted()
                let added = target.fingerprints.subtracting(old.fingerprints).sorted()
                if removed.isEmpty && added.isEmpty { continue }
                if removed.count + added.count >= target.fingerprints.count {
                    Self.appendSet(target, day: day, into: &changes)
                    break
                }
                changes.append(day)
                changes.append(RevocationDelta.editMode)
                changes.append(UInt8(target.fingerprintBits))
                changes.append(UInt32(removed.count))
                changes.append(UInt32(added.count))
                changes.appendPacked(removed, width: target.fingerprintBits)
                changes.appendPacked(added, width: target.fingerprintBits)
            case (nil, nil):
                continue
            }
            changeCount += 1
        }
        writer.append(changeCount)
        writer.append(changes.bytes)

        let subjectsRemoved = start.subjects.filter { subjects[$0.key] != $0.value }.keys.sorted()
        let subjectsAdded = subjects.filter { start.subjects[$0.key] != $0.value }.keys.sorted()
        writer.append(UInt32(subjectsRemoved.count))
        for fingerprint in subjectsRemoved {
            writer.append(fingerprint.high)
            writer.append(fingerprint.low)
        }
        writer.append(UInt32(subjectsAdded.count))
        for fingerprint in subjectsAdded {
            writer.append(fingerprint.high)
            writer.append(fingerprint.low)
            writer.append(subjects[fingerprint]!.issuedBefore)
            writer.append(subjects[fingerprint]!.expires)
        }
        let keysRemoved = Self.sortedKeyIDs(start.revokedKeys.filter { revokedKeys[$0.key] != $0.value }.keys)
        let keysAdded = Self.sortedKeyIDs(revokedKeys.filter { start.revokedKeys[$0.key] != $0.value }.keys)
        writer.append(UInt32(keysRemoved.count))
        for keyID in keysRemoved {
            writer.append(UInt8(keyID.utf8.count))
            writer.append(Array(keyID.utf8))
        }
        writer.append(UInt32(keysAdded.count))
        for keyID in keysAdded {
            writer.append(UInt8(keyID.utf8.count))
            writer.append(Array(keyID.utf8))
            writer.append(revokedKeys[keyID]!)
        }
        writer.patchLength()
        var bytes = writer.bytes
        bytes.append(contentsOf: key.revocationListSignature(over: bytes))
        return bytes
    }

    private static func appendSet(_ group: TokenGroup, day: UInt32, into writer: inout ByteWriter) {
        writer.append(day)
        writer.append(RevocationDelta.setMode)
        writer.append(UInt8(group.fingerprintBits))
        writer.append(UInt32(group.fingerprints.count))
        writer.appendPacked(group.fingerprints.sorted(), width: group.fingerprintBits)
    }
}
