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
        // An empty result is `[]`: `Array(unsafeUninitializedCapacity: 0)` stores its count into
        // the runtime's shared empty-array storage, a write ThreadSanitizer reports as a race
        // with any other thread reading an empty array.
        guard count > 0 else { return [] }
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
        var input = 0
        var written = 0
        let wholeQuads = text.count & ~3
        let quadsAreValid = quadTables.withUnsafeBufferPointer { tables in
            // Each character's sextet already shifted to its place in the 24-bit group; the
            // top byte is set only for bytes outside the alphabet.
            var invalidBits: UInt32 = 0
            while input < wholeQuads {
                let bits =
                    tables[Int(text[input])] | tables[256 + Int(text[input + 1])]
                    | tables[512 + Int(text[input + 2])] | tables[768 + Int(text[input + 3])]
                invalidBits |= bits
                output[written] = UInt8(truncatingIfNeeded: bits >> 16)
                output[written + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                output[written + 2] = UInt8(truncatingIfNeeded: bits)
                input += 4
                written += 3
            }
            return invalidBits & 0xFF00_0000 == 0
        }
        guard quadsAreValid else { return false }
        return sextetTable.withUnsafeBufferPointer { table in
            // A sextet is below 64; only the invalid marker sets bit 7.
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

    /// Whether `byte` is in the base64url alphabet `[A-Za-z0-9_-]`.
    static func isAlphabetByte(_ byte: UInt8) -> Bool { sextetTable[Int(byte)] != invalid }

    private static let invalid: UInt8 = 0xFF

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Four 256-entry tables, one per position in a group of four characters: the character's
    /// sextet shifted to its place (18, 12, 6, 0 bits), or 0xFF000000 outside the alphabet.
    private static let quadTables: [UInt32] = {
        var tables = [UInt32](repeating: 0xFF00_0000, count: 4 * 256)
        for (value, byte) in alphabet.enumerated() {
            for position in 0..<4 {
                tables[position * 256 + Int(byte)] = UInt32(value) << UInt32(18 - 6 * position)
            }
        }
        return tables
    }()

    private static let sextetTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
