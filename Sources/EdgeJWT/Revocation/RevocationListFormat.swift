/// The constants and sizing rules of the revocation list format (`docs/revocation-format.md`).
enum RevocationListFormat {
    /// `EJRL`. Byte 4 (the version, 0x01 or 0x02) is outside the base64url alphabet, so no list
    /// can be mistaken for a JWS signing input, whose bytes are all base64url or `.`.
    static let magic: [UInt8] = [0x45, 0x4A, 0x52, 0x4C]
    /// Bytes before the variable-length `kid` and name.
    static let fixedHeaderByteCount = 82
    /// The trailing Ed25519 signature.
    static let signatureByteCount = 64
    /// The salt: the key of the keyed hash.
    static let saltByteCount = 32
    /// The expiry day of entries whose token has no `exp` (or whose `exp` the publisher does
    /// not know): checked for every token, never pruned by the horizon.
    static let noExpiryDay: UInt32 = .max
    /// An entry time meaning "never" (subject and key entries that are never pruned).
    static let never: UInt64 = .max
    /// Seconds per expiry day.
    static let secondsPerDay: Double = 86_400
    /// The narrowest fingerprint the builder chooses: room for 65,535 entries per group.
    static let minimumCapacityBits = 16
    /// The largest bucket count exponent.
    static let maximumBucketBits = 24
    /// The latest time a header or entry may carry: 9999-12-31T23:59:59Z.
    static let latestTime = UInt64(NumericDate.latest)

    /// The expiry day of a token `exp`: `floor(exp / 86400)`; ``noExpiryDay`` without one.
    static func day(of expiration: NumericDate?) -> UInt32 {
        guard let expiration else { return noExpiryDay }
        let seconds = min(max(expiration.secondsSinceEpoch, 0), NumericDate.latest)
        return UInt32((seconds / secondsPerDay).rounded(.down))
    }

    /// Whether a day group lies wholly before `horizon`: `(day + 1) · 86400 ≤ horizon`.
    static func isPruned(day: UInt32, horizon: UInt64) -> Bool {
        day != noExpiryDay && (UInt64(day) + 1) * 86_400 <= horizon
    }
}

/// The kinds of list file.
enum RevocationListKind: UInt8, Sendable {
    /// A complete list.
    case snapshot = 1
    /// The changes from one snapshot to the next, with the signature of the result.
    case delta = 2
}

/// The header shared by snapshots and deltas (`docs/revocation-format.md` §2).
struct RevocationListHeader: Sendable, Hashable {
    /// The format version: which keyed hash and false-positive margin the body uses.
    var version: RevocationListVersion
    var kind: RevocationListKind
    /// The whole file's length, signature included.
    var length: Int
    var sequence: UInt64
    /// A delta's starting sequence; 0 in a snapshot.
    var baseSequence: UInt64
    var issuedAt: UInt64
    var validUntil: UInt64
    var horizon: UInt64
    var salt: [UInt8]
    /// The publisher key's `kid`, or `nil` (empty in the file).
    var keyID: String?
    var name: String
    /// Where the body starts (parsing only).
    var bodyOffset = 0

    /// Reads the header's structure: magic, version, kind, length, strings. Nothing here is
    /// trusted until the signature has been checked.
    /// - Throws: `malformed_list`, `unsupported_version`, `truncated_list`.
    init(parsing bytes: [UInt8]) throws(RevocationListError) {
        if bytes.count < 5, RevocationListFormat.magic.starts(with: bytes) {
            throw RevocationListError(.truncatedList, "the file is \(bytes.count) bytes, shorter than a header")
        }
        guard bytes.count >= 5, Array(bytes[0..<4]) == RevocationListFormat.magic else {
            throw RevocationListError(.malformedList, "not an EdgeJWT revocation list (the file does not start with EJRL)")
        }
        guard let version = RevocationListVersion(rawValue: bytes[4]) else {
            throw RevocationListError(
                .unsupportedVersion, "format version \(bytes[4]) is not supported; this library reads versions 1 and 2")
        }
        self.version = version
        var reader = ByteReader(bytes)
        reader.offset = 5
        guard bytes.count >= 10 else {
            throw RevocationListError(.truncatedList, "the file is \(bytes.count) bytes, shorter than a header")
        }
        let kindByte = try reader.u8()
        guard let kind = RevocationListKind(rawValue: kindByte) else {
            throw RevocationListError(.malformedList, "kind \(kindByte) is neither 1 (snapshot) nor 2 (delta)")
        }
        self.kind = kind
        length = Int(try reader.u32())
        guard bytes.count >= length else {
            throw RevocationListError(.truncatedList, "the header says \(length) bytes, the file has \(bytes.count)")
        }
        guard bytes.count == length else {
            throw RevocationListError(.malformedList, "the header says \(length) bytes, the file has \(bytes.count)")
        }
        guard length >= RevocationListFormat.fixedHeaderByteCount + 2 + RevocationListFormat.signatureByteCount else {
            throw RevocationListError(.malformedList, "a length of \(length) bytes cannot hold a header and a signature")
        }
        reader = ByteReader(bytes, end: length - RevocationListFormat.signatureByteCount)
        reader.offset = 10
        sequence = try reader.u64()
        baseSequence = try reader.u64()
        issuedAt = try reader.u64()
        validUntil = try reader.u64()
        horizon = try reader.u64()
        salt = Array(bytes[try reader.range(RevocationListFormat.saltByteCount)])
        let keyIDBytes = bytes[try reader.range(Int(try reader.u8()))]
        let nameBytes = bytes[try reader.range(Int(try reader.u8()))]
        guard let keyID = String(validating: keyIDBytes, as: UTF8.self), let name = String(validating: nameBytes, as: UTF8.self) else {
            throw RevocationListError(.malformedList, "kid and name must be UTF-8")
        }
        self.keyID = keyID.isEmpty ? nil : keyID
        self.name = name
        bodyOffset = reader.offset
    }

    /// A header to encode.
    init(
        version: RevocationListVersion, kind: RevocationListKind, sequence: UInt64, baseSequence: UInt64, issuedAt: UInt64, validUntil: UInt64,
        horizon: UInt64, salt: [UInt8], keyID: String?, name: String
    ) {
        self.version = version
        self.kind = kind
        self.length = 0
        self.sequence = sequence
        self.baseSequence = baseSequence
        self.issuedAt = issuedAt
        self.validUntil = validUntil
        self.horizon = horizon
        self.salt = salt
        self.keyID = keyID
        self.name = name
    }

    /// The semantic rules, checked once the signature is known good.
    /// - Throws: `malformed_list`.
    func validate() throws(RevocationListError) {
        guard !name.isEmpty else { throw RevocationListError(.malformedList, "the list name is empty") }
        guard sequence >= 1 else { throw RevocationListError(.malformedList, "sequence 0 is reserved") }
        switch kind {
        case .snapshot:
            guard baseSequence == 0 else {
                throw RevocationListError(.malformedList, "a snapshot's base sequence must be 0, not \(baseSequence)")
            }
        case .delta:
            guard baseSequence >= 1, baseSequence < sequence else {
                throw RevocationListError(
                    .malformedList, "a delta's base sequence \(baseSequence) must be from 1 to below its sequence \(sequence)")
            }
        }
        guard horizon <= issuedAt, issuedAt <= validUntil, validUntil <= RevocationListFormat.latestTime else {
            throw RevocationListError(
                .malformedList, "times must satisfy horizon ≤ iat ≤ valid_until ≤ 9999-12-31: \(horizon), \(issuedAt), \(validUntil)")
        }
    }

    /// The header's bytes with a zero length field (patched by ``ByteWriter/patchLength()``).
    /// - Precondition: the name and `kid` are at most 255 bytes of UTF-8, the salt 32 bytes.
    func encode(into writer: inout ByteWriter) {
        let keyIDBytes = Array((keyID ?? "").utf8)
        let nameBytes = Array(name.utf8)
        precondition(keyIDBytes.count <= 255 && nameBytes.count <= 255 && salt.count == RevocationListFormat.saltByteCount)
        writer.append(RevocationListFormat.magic)
        writer.append(version.rawValue)
        writer.append(kind.rawValue)
        writer.append(UInt32(0))
        writer.append(sequence)
        writer.append(baseSequence)
        writer.append(issuedAt)
        writer.append(validUntil)
        writer.append(horizon)
        writer.append(salt)
        writer.append(UInt8(keyIDBytes.count))
        writer.append(keyIDBytes)
        writer.append(UInt8(nameBytes.count))
        writer.append(nameBytes)
    }
}

/// Reads big-endian fields from a byte array, refusing to run past `end`.
struct ByteReader {
    let bytes: [UInt8]
    let end: Int
    var offset = 0

    init(_ bytes: [UInt8], end: Int? = nil) {
        self.bytes = bytes
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset == end }

    mutating func range(_ count: Int) throws(RevocationListError) -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw RevocationListError(.malformedList, "a field at byte \(offset) runs past the end of the list body")
        }
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func u8() throws(RevocationListError) -> UInt8 {
        bytes[try range(1).lowerBound]
    }

    mutating func u32() throws(RevocationListError) -> UInt32 {
        let start = try range(4).lowerBound
        return ByteReader.u32(bytes, at: start)
    }

    mutating func u64() throws(RevocationListError) -> UInt64 {
        let start = try range(8).lowerBound
        return UInt64(ByteReader.u32(bytes, at: start)) << 32 | UInt64(ByteReader.u32(bytes, at: start + 4))
    }

    static func u32(_ bytes: [UInt8], at start: Int) -> UInt32 {
        UInt32(bytes[start]) << 24 | UInt32(bytes[start + 1]) << 16 | UInt32(bytes[start + 2]) << 8 | UInt32(bytes[start + 3])
    }
}

/// Appends big-endian fields.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ values: [UInt8]) { bytes.append(contentsOf: values) }
    mutating func append(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
    mutating func append(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends `values`, each `width` bits wide, most significant bit first, then zero bits up to
    /// the next byte boundary.
    mutating func appendPacked<Values: Sequence<UInt64>>(_ values: Values, width: Int) {
        precondition(width >= 1 && width <= 64)
        var accumulator: UInt64 = 0
        var pending = 0
        for value in values {
            var remaining = width
            while remaining > 0 {
                let take = min(remaining, 8 - pending)
                let chunk = (value >> UInt64(remaining - take)) & ((1 << UInt64(take)) - 1)
                accumulator = accumulator << UInt64(take) | chunk
                pending += take
                remaining -= take
                if pending == 8 {
                    bytes.append(UInt8(accumulator))
                    accumulator = 0
                    pending = 0
                }
            }
        }
        if pending > 0 { bytes.append(UInt8(accumulator << UInt64(8 - pending))) }
    }

    /// Writes the final length into the header's length field (bytes 6–9), counting the
    /// signature still to be appended.
    mutating func patchLength() {
        let length = UInt32(bytes.count + RevocationListFormat.signatureByteCount)
        for index in 0..<4 { bytes[6 + index] = UInt8(truncatingIfNeeded: length >> UInt32(24 - 8 * index)) }
    }
}

/// Bit-level reads of packed fields. Callers keep reads inside the packed field.
enum PackedBits {
    /// The `width`-bit value (1 ... 64) starting `bitOffset` bits after `base`, most significant
    /// bit first. Reads only the bytes the value occupies.
    @inline(__always)
    static func read(_ base: UnsafePointer<UInt8>, bitOffset: Int, width: Int) -> UInt64 {
        if width > 56 {
            let high = read(base, bitOffset: bitOffset, width: width - 32)
            return high << 32 | read(base, bitOffset: bitOffset + width - 32, width: 32)
        }
        var index = bitOffset >> 3
        let skip = bitOffset & 7
        var value = UInt64(base[index] & (0xFF >> UInt8(skip)))
        var available = 8 - skip
        while available < width {
            index += 1
            value = value << 8 | UInt64(base[index])
            available += 8
        }
        return value >> UInt64(available - width)
    }

    /// The widest value ``readWithinWord(_:bitOffset:width:)`` reads: 57 bits, so that the value
    /// and the up to 7 bits before it in its first byte fit one 64-bit word.
    static let maximumWordReadWidth = 57

    /// The `width`-bit value (1 ... 57) starting `bitOffset` bits after `base`, as
    /// ``read(_:bitOffset:width:)`` reads it, with one unaligned 8-byte load.
    /// - Precondition: the 8 bytes from byte `bitOffset / 8` are readable (a verified list has
    ///   at least 72 bytes after any group's remainders).
    @inline(__always)
    static func readWithinWord(_ base: UnsafePointer<UInt8>, bitOffset: Int, width: Int) -> UInt64 {
        let word = UInt64(bigEndian: UnsafeRawPointer(base + (bitOffset >> 3)).loadUnaligned(as: UInt64.self))
        return (word << UInt64(bitOffset & 7)) >> UInt64(64 - width)
    }

    /// Whether the pad bits after `bitCount` bits from `base` up to the byte boundary are zero.
    static func hasZeroPadding(_ base: UnsafePointer<UInt8>, bitCount: Int) -> Bool {
        let used = bitCount & 7
        guard used != 0 else { return true }
        return base[bitCount >> 3] & (0xFF >> UInt8(used)) == 0
    }
}

extension PinnedKeySet {
    /// The publisher key that must have signed a list: the one whose `kid` is `keyID`, or
    /// without a `kid` the set's only key. Never a fall-back to another key.
    /// - Throws: `unknown_key`.
    func publisherKey(keyID: String?) throws(RevocationListError) -> PinnedKey {
        if let keyID {
            guard let key = keys.first(where: { $0.keyID == keyID }) else {
                let reason = skippedKeyIDs[keyID].map { " is pinned but never used: \($0)" } ?? " is not in the publisher key set"
                throw RevocationListError(.unknownKey, "kid \(Self.quoted(keyID))\(reason)")
            }
            return key
        }
        guard keys.count == 1 else {
            throw RevocationListError(.unknownKey, "the list names no kid and the publisher set holds \(keys.count) keys")
        }
        return keys[0]
    }
}
