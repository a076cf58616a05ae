/// Strict base64url without padding (RFC 7515 §2, RFC 4648 §5).
///
/// Decoding refuses padding, `+`, `/`, whitespace, a length of 1 modulo 4, and non-zero
/// trailing bits, so each byte string has exactly one accepted encoding.
public enum Base64URL {
    /// Decodes strict unpadded base64url.
    /// - Parameter text: The encoded bytes (ASCII).
    /// - Returns: The decoded bytes, or `nil` if `text` is not the canonical encoding of any bytes.
    /// One allocation (the result); O(n). Contiguous collections (arrays, slices, a `String`'s
    /// `utf8`) are read in place, others are copied first.
    public static func decode<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8]? {
        if let decoded = text.withContiguousStorageIfAvailable({ decode(buffer: $0) }) {
            return decoded
        }
        return Array(text).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// Decodes strict unpadded base64url from borrowed bytes into a new array of exactly the
    /// decoded size.
    static func decode(buffer text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let count = decodedByteCount(text.count) else { return nil }
        var isCanonical = false
        let output = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            isCanonical = decode(text, into: output)
            initialized = isCanonical ? count : 0
        }
        return isCanonical ? output : nil
    }

    /// The decoded size of `encodedCount` characters, or `nil` for a length of 1 modulo 4,
    /// which no byte string has.
    static func decodedByteCount(_ encodedCount: Int) -> Int? {
        switch encodedCount & 3 {
        case 0: encodedCount / 4 * 3
        case 2: encodedCount / 4 * 3 + 1
        case 3: encodedCount / 4 * 3 + 2
        default: nil
        }
    }

    /// Decodes `text` into `output`, which holds exactly ``decodedByteCount(_:)`` bytes.
    /// Does not allocate.
    /// - Returns: Whether `text` is canonical: every byte in the alphabet and the trailing bits
    ///   zero. When `false`, `output` holds garbage.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        precondition(decodedByteCount(text.count) == output.count)
        return sextetTable.withUnsafeBufferPointer { table in
            var input = 0
            var written = 0
            var invalidBits: UInt8 = 0
            let wholeQuads = text.count & ~3
            while input < wholeQuads {
                let a = table[Int(text[input])]
                let b = table[Int(text[input + 1])]
                let c = table[Int(text[input + 2])]
                let d = table[Int(text[input + 3])]
                invalidBits |= a | b | c | d
                let bits = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                output[written] = UInt8(truncatingIfNeeded: bits >> 16)
                output[written + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                output[written + 2] = UInt8(truncatingIfNeeded: bits)
                input += 4
                written += 3
            }
            // A sextet is below 64; only the invalid marker sets bit 7.
            guard invalidBits & 0x80 == 0 else { return false }
            switch text.count - input {
            case 2:
                let a = table[Int(text[input])]
                let b = table[Int(text[input + 1])]
                guard (a | b) & 0x80 == 0, b & 0x0F == 0 else { return false }
                output[written] = a << 2 | b >> 4
            case 3:
                let a = table[Int(text[input])]
                let b = table[Int(text[input + 1])]
                let c = table[Int(text[input + 2])]
                guard (a | b | c) & 0x80 == 0, c & 0x03 == 0 else { return false }
                output[written] = a << 2 | b >> 4
                output[written + 1] = b << 4 | c >> 2
            default:
                break
            }
            return true
        }
    }

    /// Whether bytes already known to be in the alphabet are the canonical encoding of some
    /// bytes: a length other than 1 modulo 4, and zero trailing bits. O(1).
    static func isCanonical(alphabetBytes text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = text.last else { return true }
        switch text.count & 3 {
        case 0: return true
        case 2: return sextetTable[Int(last)] & 0x0F == 0
        case 3: return sextetTable[Int(last)] & 0x03 == 0
        default: return false
        }
    }

    /// Decodes strict unpadded base64url from a string.
    /// - Parameter text: The encoded string.
    /// - Returns: The decoded bytes, or `nil` if `text` is not canonical base64url.
    public static func decode(_ text: String) -> [UInt8]? {
        decode(text.utf8)
    }

    /// Encodes bytes as unpadded base64url.
    /// - Parameter bytes: Any bytes.
    /// - Returns: The canonical encoding.
    public static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 6 {
                bitCount -= 6
                output.append(alphabet[Int(accumulator >> UInt32(bitCount) & 0x3F)])
            }
        }
        if bitCount > 0 {
            output.append(alphabet[Int(accumulator << UInt32(6 - bitCount) & 0x3F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The offset of the first byte of `text` at or after `start` outside the base64url
    /// alphabet, or `text.count` if there is none. Reads the table once, not once per byte.
    static func firstNonAlphabetByte(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        sextetTable.withUnsafeBufferPointer { table in
            var offset = start
            while offset < text.count, table[Int(text[offset])] != invalid { offset += 1 }
            return offset
        }
    }

    /// Whether `byte` is in the base64url alphabet `[A-Za-z0-9_-]`.
    static func isAlphabetByte(_ byte: UInt8) -> Bool { sextetTable[Int(byte)] != invalid }

    private static let invalid: UInt8 = 0xFF

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let sextetTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
