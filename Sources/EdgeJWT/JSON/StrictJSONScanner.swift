/// Validates a JSON text with every rule of ``StrictJSONParser`` without building a value, and
/// records where the members of the top-level object are: the lazy claims' one strict pass.
///
/// Same refusals, same reasons and offsets as the parser: invalid UTF-8, a byte-order mark, lone
/// surrogate escapes, duplicate member names at any depth (compared after unescaping, code unit
/// by code unit), raw control characters, numbers outside the RFC 8259 grammar, trailing bytes,
/// and nesting deeper than `maxDepth`. Allocates nothing while the open objects hold at most 64
/// names in all and none has more than ``StrictJSONParser/linearDuplicateCheckLimit`` members;
/// past that, names spill to the heap and a large object checks its names with a `Set`, as the
/// parser does.
struct StrictJSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    /// The names of the objects being scanned, innermost last.
    private var names: PendingStack<JSONSpan>
    /// Where the top-level object's members go.
    private let members: UnsafeMutableBufferPointer<JSONMemberSpan>
    private var memberCount = 0
    /// Whether no whitespace and no escape has been seen so far.
    private var isCompact = true

    /// A strict JSON object text, as ``scanObject(_:maxDepth:members:)`` found it.
    struct ScannedObject {
        /// How many members the top-level object has (their spans are in the caller's buffer).
        let memberCount: Int
        /// Whether the text is already its own compact form (``ValidatedJSON/writeCompact(_:to:)``
        /// would write it byte for byte): no whitespace outside strings and no escape in one.
        let isCompact: Bool
    }

    /// The most members an object of `byteCount` bytes can have (`{"":0,"":0}` is 11 bytes for
    /// 2): the capacity ``scanObject(_:maxDepth:members:)`` needs.
    static func memberCapacity(forByteCount byteCount: Int) -> Int { byteCount / 5 + 1 }

    /// Validates a complete JSON text whose value must be an object, recording its members.
    /// - Parameters:
    ///   - bytes: The whole text; nothing but whitespace may follow the value.
    ///   - maxDepth: The deepest allowed nesting of arrays and objects (1 = a flat object).
    ///   - members: Room for ``memberCapacity(forByteCount:)`` members of `bytes.count` bytes.
    /// - Returns: The number of members written and whether the text is compact, or `nil` when
    ///   the text is strict JSON but its value is not an object.
    /// - Throws: ``JSONParseError`` when the text is not strict JSON.
    static func scanObject(
        _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, members: UnsafeMutableBufferPointer<JSONMemberSpan>
    ) throws(JSONParseError) -> ScannedObject? {
        precondition(members.count >= memberCapacity(forByteCount: bytes.count))
        guard bytes.count <= Int(Int32.max) else { throw JSONParseError(reason: "text longer than 2 GiB", offset: 0) }
        return try withUnsafeTemporaryAllocation(of: JSONSpan.self, capacity: 64) { (nameSpace) throws(JSONParseError) in
            var scanner = StrictJSONScanner(bytes: bytes, maxDepth: maxDepth, names: PendingStack(nameSpace), members: members)
            defer { scanner.names.release() }
            scanner.skipWhitespace()
            let isObject = scanner.current == UInt8(ascii: "{")
            _ = try scanner.scanValue(depth: 0)
            scanner.skipWhitespace()
            guard scanner.index == bytes.count else { throw scanner.failure("unexpected bytes after the JSON value") }
            return isObject ? ScannedObject(memberCount: scanner.memberCount, isCompact: scanner.isCompact) : nil
        }
    }

    private init(
        bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, names: PendingStack<JSONSpan>,
        members: UnsafeMutableBufferPointer<JSONMemberSpan>
    ) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.names = names
        self.members = members
    }

    private func failure(_ reason: String) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Inlined for its common case, no whitespace at all (a compact token); the rest is apart.
    @inline(__always)
    private mutating func skipWhitespace() {
        guard let byte = current, Self.isWhitespace(byte) else { return }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        isCompact = false
        index += 1
        while let byte = current, Self.isWhitespace(byte) { index += 1 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private mutating func expect(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard index + count <= bytes.count else { throw failure("truncated literal") }
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw failure("invalid literal")
        }
        index += count
    }

    /// Scans one value; returns whether it is a string with an escape in it.
    private mutating func scanValue(depth: Int) throws(JSONParseError) -> Bool {
        guard let byte = current else { throw failure("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): try scanObject(depth: depth + 1)
        case UInt8(ascii: "["): try scanArray(depth: depth + 1)
        case UInt8(ascii: "\""): return try scanString()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw failure("unexpected byte 0x\(String(byte, radix: 16))")
        }
        return false
    }

    private mutating func scanObject(depth: Int) throws(JSONParseError) {
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth)") }
        index += 1
        let first = names.count
        defer { names.pop(to: first) }
        var seen: Set<ExactName>? = nil
        var filter = NameFilter()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let nameOffset = index
            let nameIsEscaped = try scanString()
            let name = JSONSpan(start: nameOffset, end: index, isEscaped: nameIsEscaped)
            guard isNew(name, first: first, seen: &seen, filter: &filter) else {
                throw JSONParseError(reason: "duplicate member name \"\(name.string(in: bytes))\"", offset: nameOffset)
            }
            names.push(name)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            let valueStart = index
            let valueIsEscaped = try scanValue(depth: depth)
            if depth == 1 {
                members[memberCount] = JSONMemberSpan(
                    name: name, value: JSONSpan(start: valueStart, end: index, isEscaped: valueIsEscaped))
                memberCount += 1
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    /// Whether `name` is not yet a member of the object whose names start at `first`; names
    /// compare after unescaping, code unit by code unit (RFC 8259 §8.3).
    ///
    /// Below the `Set`'s threshold, `filter` answers first: an unescaped name in an object with
    /// no escaped name so far, whose bit no earlier name set, is new without a comparison.
    private func isNew(_ name: JSONSpan, first: Int, seen: inout Set<ExactName>?, filter: inout NameFilter) -> Bool {
        if seen == nil, filter.admitsWithoutComparison(name, in: bytes) { return true }
        if seen == nil {
            let earlier = names.elements(from: first)
            if earlier.count < StrictJSONParser.linearDuplicateCheckLimit {
                // Lengths first: most names differ in length, and two unescaped names of different
                // lengths cannot be equal.
                let length = name.end - name.start
                let mayDifferInLength = name.isEscaped
                for other in earlier where other.end - other.start == length || mayDifferInLength || other.isEscaped {
                    if other.hasSameText(as: name, in: bytes) { return false }
                }
                return true
            }
            seen = Set(earlier.lazy.map { ExactName($0.string(in: self.bytes)) })
        }
        return seen!.insert(ExactName(name.string(in: bytes))).inserted
    }

    private mutating func scanArray(depth: Int) throws(JSONParseError) {
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth)") }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            _ = try scanValue(depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func scanNumber() throws(JSONParseError) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw failure("a number needs a digit") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let digit = current, isDigit(digit) else { throw failure("a fraction needs a digit") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, isDigit(digit) else { throw failure("an exponent needs a digit") }
            skipDigits()
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }

    /// Scans a string from its opening quote to just past its closing one; returns whether it
    /// holds an escape.
    private mutating func scanString() throws(JSONParseError) -> Bool {
        index += 1
        var isEscaped = false
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return isEscaped
            case UInt8(ascii: "\\"):
                isEscaped = true
                isCompact = false
                try scanEscape()
            case 0x00..<0x20:
                throw failure("raw control character in a string")
            case 0x20..<0x80:
                index = Self.endOfPlainASCII(bytes, from: index + 1)
            default:
                try skipUTF8Sequence()
            }
        }
    }

    /// The offset of the first byte at or after `start` that ends a run of plain string ASCII
    /// (a control character, a non-ASCII byte, `"` or `\`), or the end: eight bytes at a time.
    ///
    /// In each 64-bit word, a byte's high bit is set in `special` when the byte is below 0x20,
    /// equal to `"` or `\`, or at least 0x80. The borrows of the subtractions can flag bytes
    /// above a flagged one, never below it, so the lowest flagged byte is exact.
    private static func endOfPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let control = (word &- ones &* 0x20) & ~word
                let special = (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | word) & highBits
                guard special == 0 else { return index + special.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < bytes.count, (0x20..<0x80).contains(bytes[index]), bytes[index] != UInt8(ascii: "\""),
            bytes[index] != UInt8(ascii: "\\")
        {
            index += 1
        }
        return index
    }

    private mutating func scanEscape() throws(JSONParseError) {
        index += 1
        guard let byte = current else { throw failure("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let scalar = try scanHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("high surrogate without a low surrogate")
                }
                index += 2
                let low = try scanHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("high surrogate without a low surrogate") }
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("lone low surrogate")
            }
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func scanHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        guard let value = JSONSpan.hex4(bytes, at: index) else { throw failure("invalid hex digit in \\u escape") }
        index += 4
        return value
    }

    /// Advances over one well-formed multi-byte UTF-8 sequence (Unicode Table 3-7).
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = bytes[index]
        let continuationCount: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; secondRange = 0x80...0x9F
        case 0xF0: continuationCount = 3; secondRange = 0x90...0xBF
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; secondRange = 0x80...0x8F
        default: throw failure("invalid UTF-8 lead byte")
        }
        guard index + continuationCount < bytes.count else { throw failure("truncated UTF-8 sequence") }
        guard secondRange.contains(bytes[index + 1]) else { throw failure("invalid UTF-8 sequence") }
        for offset in stride(from: 2, through: continuationCount, by: 1) where !(0x80...0xBF).contains(bytes[index + offset]) {
            throw failure("invalid UTF-8 sequence")
        }
        index += continuationCount + 1
    }
}
