extension RevocationListHeader {
    /// Checks a list or delta file's envelope, in this order: magic, version, kind and length
    /// (structure only), publisher key by `kid`, the Ed25519 signature over every byte before
    /// it, then the header's semantic rules. No body byte is read before the signature holds.
    /// - Throws: `list_too_large`, `truncated_list`, `malformed_list`, `unsupported_version`,
    ///   `unknown_key`, `invalid_signature`.
    init(verifying bytes: [UInt8], publisherKeys: PinnedKeySet) throws(RevocationListError) {
        guard bytes.count <= RevocationList.maxFileBytes else {
            throw RevocationListError(.listTooLarge, "\(bytes.count) bytes is more than the limit of \(RevocationList.maxFileBytes)")
        }
        try self.init(parsing: bytes)
        let key = try publisherKeys.publisherKey(keyID: keyID)
        let signatureStart = bytes.count - RevocationListFormat.signatureByteCount
        guard key.isValidSignature(Array(bytes[signatureStart...]), for: bytes[..<signatureStart]) else {
            throw RevocationListError(.invalidSignature, "the Ed25519 signature does not verify with the publisher key")
        }
        try validate()
    }
}

extension RevocationList {
    /// Indexes a snapshot whose envelope has been verified, checking every structural and
    /// canonical-form rule of `docs/revocation-format.md` §4, so that later lookups cannot fail.
    /// - Throws: `malformed_list`.
    init(verifiedSnapshot bytes: [UInt8], header: RevocationListHeader) throws(RevocationListError) {
        var reader = ByteReader(bytes, end: bytes.count - RevocationListFormat.signatureByteCount)
        reader.offset = header.bodyOffset
        let groupCount = Int(try reader.u32())
        var groups: [TokenGroupIndex] = []
        groups.reserveCapacity(min(groupCount, reader.remaining / 10))
        var total = 0
        for _ in 0..<groupCount {
            let group = try Self.readGroup(&reader, after: groups.last?.day, header: header)
            total += group.count
            groups.append(group)
        }
        let subjectCount = Int(try reader.u32())
        let subjectsOffset = try reader.range(subjectCount * 32).lowerBound
        try Self.checkSubjects(bytes, at: subjectsOffset, count: subjectCount, horizon: header.horizon)
        let keyCount = Int(try reader.u32())
        var revokedKeys: [String: UInt64] = [:]
        var previousKey: ArraySlice<UInt8>? = nil
        for _ in 0..<keyCount {
            let keyBytes = bytes[try reader.range(Int(try reader.u8()))]
            let expires = try reader.u64()
            guard !keyBytes.isEmpty, let keyID = String(validating: keyBytes, as: UTF8.self) else {
                throw RevocationListError(.malformedList, "a revoked kid is empty or not UTF-8")
            }
            guard previousKey.map({ $0.lexicographicallyPrecedes(keyBytes) }) ?? true else {
                throw RevocationListError(.malformedList, "revoked kids are not in strictly increasing byte order")
            }
            guard expires > header.horizon, expires == RevocationListFormat.never || expires <= RevocationListFormat.latestTime else {
                throw RevocationListError(
                    .malformedList, "revoked kid \(PinnedKeySet.quoted(keyID)) has an expiry at or before the horizon")
            }
            previousKey = keyBytes
            revokedKeys[keyID] = expires
        }
        guard reader.isAtEnd else {
            throw RevocationListError(.malformedList, "\(reader.remaining) unexpected bytes before the signature")
        }
        self.bytes = bytes
        self.header = header
        self.groups = groups
        self.subjectsOffset = subjectsOffset
        self.subjectCount = subjectCount
        self.revokedKeys = revokedKeys
        self.tokenIndex = RevocationTokenIndex(groups: groups, version: header.version, salt: header.salt)
    }

    private static func readGroup(_ reader: inout ByteReader, after previousDay: UInt32?, header: RevocationListHeader) throws(RevocationListError)
        -> TokenGroupIndex
    {
        let day = try reader.u32()
        let count = Int(try reader.u32())
        let q = Int(try reader.u8())
        let b = Int(try reader.u8())
        guard previousDay.map({ $0 < day }) ?? true else {
            throw RevocationListError(.malformedList, "token groups are not in strictly increasing day order at day \(day)")
        }
        guard !RevocationListFormat.isPruned(day: day, horizon: header.horizon) else {
            throw RevocationListError(.malformedList, "token group of day \(day) lies wholly before the horizon \(header.horizon)")
        }
        let version = header.version
        guard version.fingerprintWidths.contains(q) else {
            throw RevocationListError(
                .malformedList,
                "day \(day): fingerprint width \(q) is outside \(version.fingerprintWidths.lowerBound) ... 64 (version \(version.rawValue))")
        }
        guard count >= 1, count <= version.capacity(fingerprintBits: q) else {
            throw RevocationListError(
                .malformedList,
                "day \(day): \(count) entries of \(q) bits break the false-positive bound (1 ... \(version.capacity(fingerprintBits: q)))"
            )
        }
        guard b == version.bucketBits(count: count, fingerprintBits: q) else {
            throw RevocationListError(.malformedList, "day \(day): bucket exponent \(b) is not the canonical one")
        }
        let r = q - b
        let endsOffset = try reader.range(4 << b).lowerBound
        let remainderBytes = (count * r + 7) / 8
        let remaindersOffset = try reader.range(remainderBytes).lowerBound
        let group = TokenGroupIndex(
            day: day, count: count, fingerprintBits: q, bucketBits: b, endsOffset: endsOffset, remaindersOffset: remaindersOffset)
        try reader.bytes.withUnsafeBufferPointer { (buffer) throws(RevocationListError) in
            try group.checkOrder(buffer.baseAddress!)
        }
        return group
    }

    private static func checkSubjects(_ bytes: [UInt8], at offset: Int, count: Int, horizon: UInt64) throws(RevocationListError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(RevocationListError) in
            let base = buffer.baseAddress! + offset
            var previous: SubjectFingerprint? = nil
            for index in 0..<count {
                let entry = base + index * 32
                let fingerprint = SubjectFingerprint(high: u64(entry), low: u64(entry + 8))
                let before = u64(entry + 16)
                let expires = u64(entry + 24)
                guard previous.map({ $0 < fingerprint }) ?? true else {
                    throw RevocationListError(.malformedList, "subject entries are not in strictly increasing order")
                }
                guard before <= RevocationListFormat.latestTime, expires > horizon,
                    expires == RevocationListFormat.never || expires <= RevocationListFormat.latestTime
                else {
                    throw RevocationListError(
                        .malformedList, "subject entry \(index) has a time out of range or an expiry at or before the horizon")
                }
                previous = fingerprint
            }
        }
    }
}

extension TokenGroupIndex {
    /// Checks the bucket ends (non-decreasing, the last equal to the count), that remainders
    /// increase strictly within each bucket, and that the pad bits are zero.
    func checkOrder(_ base: UnsafePointer<UInt8>) throws(RevocationListError) {
        let r = remainderBits
        let remainders = base + remaindersOffset
        var start = 0
        for bucket in 0..<(1 << bucketBits) {
            let end = RevocationList.u32(base + endsOffset + 4 * bucket)
            guard end >= start, end <= count else {
                throw RevocationListError(.malformedList, "day \(day): bucket ends are not non-decreasing within the count")
            }
            var previous: UInt64? = nil
            for index in start..<end {
                let value = PackedBits.read(remainders, bitOffset: index * r, width: r)
                guard previous.map({ $0 < value }) ?? true else {
                    throw RevocationListError(.malformedList, "day \(day): fingerprints are not strictly increasing in bucket \(bucket)")
                }
                previous = value
            }
            start = end
        }
        guard start == count else {
            throw RevocationListError(.malformedList, "day \(day): the last bucket ends at \(start), not at the count \(count)")
        }
        guard PackedBits.hasZeroPadding(remainders, bitCount: count * r) else {
            throw RevocationListError(.malformedList, "day \(day): pad bits are not zero")
        }
    }
}
