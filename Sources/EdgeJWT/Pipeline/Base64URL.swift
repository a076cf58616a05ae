/// Strict base64url without padding (RFC 7515 §2, RFC 4648 §5).
///
/// Decoding refuses padding, `+`, `/`, whitespace, a length of 1 modulo 4, and non-zero
/// trailing bits, so each byte string has exactly one accepted encoding.
public enum Base64URL {
    /// Decodes strict unpadded base64url.
    /// - Parameter text: The encoded bytes (ASCII).
    /// - Returns: The decoded bytes, or `nil` if `text` is not the canonical encoding of any bytes.
    public static func decode<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8]? {
        let count = text.count
        guard count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(count * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for byte in text {
            let sextet = sextetTable[Int(byte)]
            guard sextet != invalid else { return nil }
            accumulator = accumulator << 6 | UInt32(sextet)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
        }
        let trailingMask: UInt32 = (1 << UInt32(bitCount)) - 1
        guard accumulator & trailingMask == 0 else { return nil }
        return output
    }

    /// Decodes strict unpadded base64url from a string.
    /// - Parameter text: The encoded string.
    /// - Returns: The decoded bytes, or `nil` if `text` is not canonical base64url.
    public static func decode(_ text: String) -> [UInt8]? {
        decode(Array(text.utf8))
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

    private static let sextetTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
