#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where one JSON value is in a text that ``StrictJSONScanner`` has validated: from its first
/// byte to just past its last (a string's span includes its quotes).
struct JSONSpan: Sendable, Hashable {
    private let startOffset: Int32
    private let endOffset: Int32
    /// Whether the value is a string holding at least one escape (`\n`, `\u00e9`, ...).
    let isEscaped: Bool

    /// A span from `start` to `end` (exclusive), both at most `Int32.max` (the scanner refuses
    /// longer texts).
    init(start: Int, end: Int, isEscaped: Bool) {
        startOffset = Int32(truncatingIfNeeded: start)
        endOffset = Int32(truncatingIfNeeded: end)
        self.isEscaped = isEscaped
    }

    /// The offset of the value's first byte.
    var start: Int { Int(startOffset) }
    /// The offset just past the value's last byte.
    var end: Int { Int(endOffset) }

    /// The value's first byte: `"` for a string, `{`, `[`, `t`, `f`, `n`, or a number's first.
    func firstByte(in text: UnsafeBufferPointer<UInt8>) -> UInt8 { text[start] }

    /// Whether the value is a string.
    func isString(in text: UnsafeBufferPointer<UInt8>) -> Bool { text[start] == UInt8(ascii: "\"") }

    /// The raw bytes between a string's quotes (escapes not resolved).
    func content(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[(start + 1)..<(end - 1)])
    }

    /// The value's bytes as written.
    func raw(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[start..<end])
    }

    /// A string span's text, escapes resolved. Allocates only for more than 15 UTF-8 bytes.
    func string(in text: UnsafeBufferPointer<UInt8>) -> String {
        let content = content(in: text)
        guard isEscaped else { return String(decoding: content, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(content.count)
        var bytes = UnescapedBytes(content)
        while let byte = bytes.next() { unescaped.append(byte) }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Whether a string span's text, escapes resolved, is exactly `utf8`, code unit by code unit.
    @inline(__always)
    func hasText(_ utf8: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isEscaped else {
            let length = end - start - 2
            return length == utf8.count && Self.equalBytes(text.baseAddress! + start + 1, utf8.baseAddress, length)
        }
        var bytes = UnescapedBytes(content(in: text))
        for byte in utf8 where bytes.next() != byte { return false }
        return bytes.next() == nil
    }

    /// Whether a string span's text is exactly `name`, code unit by code unit.
    @inline(__always)
    func hasText(literal name: StaticString, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        hasText(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), in: text)
    }

    /// Whether a string span's text is exactly `string`, code unit by code unit (RFC 7519 §7.3).
    func hasText(_ string: String, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { hasText($0, in: text) }
    }

    /// Whether two string spans of the same text hold the same text once unescaped.
    @inline(__always)
    func hasSameText(as other: JSONSpan, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isEscaped || other.isEscaped else {
            let length = end - start
            return length == other.end - other.start && Self.equalBytes(text.baseAddress! + start, text.baseAddress! + other.start, length)
        }
        var mine = UnescapedBytes(content(in: text))
        var theirs = UnescapedBytes(other.content(in: text))
        while true {
            let byte = mine.next()
            guard byte == theirs.next() else { return false }
            if byte == nil { return true }
        }
    }

    /// Whether `count` bytes at `lhs` and `rhs` are equal: a loop for the short names of claims,
    /// `memcmp` beyond 16 bytes.
    @inline(__always)
    private static func equalBytes(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0, let rhs else { return true }
        guard count <= 16 else { return memcmp(lhs, rhs, count) == 0 }
        for offset in 0..<count where lhs[offset] != rhs[offset] { return false }
        return true
    }

    /// Four hex digits at `offset` as a number, or `nil` if one is not a hex digit.
    static func hex4(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32? {
        var value: UInt32 = 0
        for byte in text[offset..<(offset + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

/// One member of a validated object: its name's span and its value's.
struct JSONMemberSpan: Sendable, Hashable {
    /// The name, a string span.
    let name: JSONSpan
    /// The value.
    let value: JSONSpan
}

/// The UTF-8 bytes of a validated string's content with its escapes resolved, one at a time,
/// without allocating: what the parser would have put in the `String`.
struct UnescapedBytes: IteratorProtocol {
    private let content: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Bytes of a resolved escape still to be returned, first in the lowest byte.
    private var pending: UInt32 = 0
    private var pendingCount = 0

    /// Iterates `content`, the bytes between a validated string's quotes.
    init(_ content: UnsafeBufferPointer<UInt8>) {
        self.content = content
    }

    mutating func next() -> UInt8? {
        if pendingCount > 0 {
            let byte = UInt8(truncatingIfNeeded: pending)
            pending >>= 8
            pendingCount -= 1
            return byte
        }
        guard index < content.count else { return nil }
        let byte = content[index]
        index += 1
        guard byte == UInt8(ascii: "\\") else { return byte }
        let escape = content[index]
        index += 1
        switch escape {
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "u"): return unicodeEscape()
        default: return escape  // `"`, `\`, `/`
        }
    }

    /// `\uXXXX` (after the `u`), with its low surrogate if it is a high one: the scalar's first
    /// UTF-8 byte, the others queued.
    private mutating func unicodeEscape() -> UInt8 {
        var scalar = JSONSpan.hex4(content, at: index)!
        index += 4
        if (0xD800...0xDBFF).contains(scalar) {
            let low = JSONSpan.hex4(content, at: index + 2)!
            index += 6
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        switch scalar {
        case 0..<0x80:
            return UInt8(scalar)
        case 0x80..<0x800:
            pending = 0x80 | scalar & 0x3F
            pendingCount = 1
            return UInt8(0xC0 | scalar >> 6)
        case 0x800..<0x10000:
            pending = (0x80 | scalar >> 6 & 0x3F) | (0x80 | scalar & 0x3F) << 8
            pendingCount = 2
            return UInt8(0xE0 | scalar >> 12)
        default:
            pending = (0x80 | scalar >> 12 & 0x3F) | (0x80 | scalar >> 6 & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16
            pendingCount = 3
            return UInt8(0xF0 | scalar >> 18)
        }
    }
}
