/// Why a JSON text was refused, with the byte offset where the parser stopped.
struct JSONParseError: Error, Sendable {
    /// What was wrong, in plain language.
    let reason: String
    /// Byte offset into the input.
    let offset: Int
}

/// A strict RFC 8259 parser written for untrusted token bytes.
///
/// Refuses what lenient parsers let through: invalid UTF-8 (overlongs, encoded surrogates,
/// code points past U+10FFFF), a byte-order mark, lone surrogate escapes, duplicate member
/// names (compared after unescaping), raw control characters, numbers outside the RFC grammar,
/// trailing commas or bytes, and nesting deeper than `maxDepth`.
///
/// The only allocations are the parsed value's own: one exact-size array per non-empty object
/// or array, and each string longer than 15 UTF-8 bytes. Members and elements are gathered in
/// stack scratch space (``PendingStack``) until their container closes; duplicate names are
/// found by a linear scan up to ``linearDuplicateCheckLimit`` members, then with a `Set`.
struct StrictJSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    /// Members of the objects being parsed, innermost last.
    private var members: PendingStack<JSONObject.Member>
    /// Elements of the arrays being parsed, innermost last.
    private var elements: PendingStack<JSONValue>

    /// Objects with more members than this check duplicates with a `Set` (O(n)) instead of a
    /// linear scan (O(n²), faster for the few members of a JWT header or claims set).
    static let linearDuplicateCheckLimit = 16

    /// Parses a complete JSON text.
    /// - Parameters:
    ///   - bytes: The whole text; nothing but whitespace may follow the value.
    ///   - maxDepth: The deepest allowed nesting of arrays and objects (1 = a flat object).
    static func parse(_ bytes: [UInt8], maxDepth: Int) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in try parse(buffer, maxDepth: maxDepth) }
    }

    /// Parses a complete JSON text from borrowed bytes.
    /// - Parameters:
    ///   - bytes: The whole text; nothing but whitespace may follow the value.
    ///   - maxDepth: The deepest allowed nesting of arrays and objects (1 = a flat object).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(JSONParseError) -> JSONValue {
        // 16 members (48 bytes each) and 16 elements (32 bytes each): both on the stack.
        try withUnsafeTemporaryAllocation(of: JSONObject.Member.self, capacity: 16) { (memberSpace) throws(JSONParseError) in
            try withUnsafeTemporaryAllocation(of: JSONValue.self, capacity: 16) { (elementSpace) throws(JSONParseError) in
                var parser = StrictJSONParser(
                    bytes: bytes, maxDepth: maxDepth, members: PendingStack(memberSpace), elements: PendingStack(elementSpace))
                defer {
                    parser.members.release()
                    parser.elements.release()
                }
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                guard parser.index == bytes.count else { throw parser.failure("unexpected bytes after the JSON value") }
                return value
            }
        }
    }

    private init(
        bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, members: PendingStack<JSONObject.Member>, elements: PendingStack<JSONValue>
    ) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.members = members
        self.elements = elements
    }

    private func failure(_ reason: String) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
        }
    }

    private mutating func expect(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard index + count <= bytes.count else { throw failure("truncated literal") }
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw failure("invalid literal")
        }
        index += count
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw failure("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw failure("unexpected byte 0x\(String(byte, radix: 16))")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONObject {
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth)") }
        index += 1
        let first = members.count
        var seen: Set<ExactName>? = nil
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return JSONObject(uniqueMembers: [])
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let nameOffset = index
            let name = try parseString()
            guard isNew(name, first: first, seen: &seen) else {
                throw JSONParseError(reason: "duplicate member name \"\(name)\"", offset: nameOffset)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.push(JSONObject.Member(name: name, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return JSONObject(uniqueMembers: members.popArray(from: first))
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    /// Whether `name` is not yet a member of the object whose members start at `first`.
    /// Names compare code unit by code unit (RFC 8259 §8.3), never after Unicode normalization.
    private func isNew(_ name: String, first: Int, seen: inout Set<ExactName>?) -> Bool {
        if seen == nil {
            let earlier = members.elements(from: first)
            if earlier.count < Self.linearDuplicateCheckLimit {
                // The new name's bytes are read once, not once per earlier member.
                let isDuplicate = name.utf8.withContiguousStorageIfAvailable { nameBytes in
                    earlier.contains { $0.name.hasUTF8(nameBytes) }
                }
                return !(isDuplicate ?? earlier.contains { $0.name.isExactly(name) })
            }
            seen = Set(earlier.lazy.map { ExactName($0.name) })
        }
        return seen!.insert(ExactName(name)).inserted
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> [JSONValue] {
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth)") }
        index += 1
        let first = elements.count
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return []
        }
        while true {
            skipWhitespace()
            let element = try parseValue(depth: depth)
            elements.push(element)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return elements.popArray(from: first)
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
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
        return JSONNumber(validatedLiteral: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        var unescaped: [UInt8]? = nil
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                let text: String
                if let unescaped {
                    text = String(decoding: unescaped, as: UTF8.self)
                } else {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                }
                index += 1
                return text
            case UInt8(ascii: "\\"):
                if unescaped == nil { unescaped = Array(bytes[start..<index]) }
                try parseEscape(into: &unescaped!)
            case 0x00..<0x20:
                throw failure("raw control character in a string")
            case 0x20..<0x80:
                index += 1
                if unescaped == nil {
                    // Plain ASCII needs no copy: run to the next byte that needs a decision.
                    while index < bytes.count, (0x20..<0x80).contains(bytes[index]),
                        bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\")
                    {
                        index += 1
                    }
                } else {
                    unescaped!.append(byte)
                }
            default:
                let sequenceStart = index
                try skipUTF8Sequence()
                unescaped?.append(contentsOf: bytes[sequenceStart..<index])
            }
        }
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard let byte = current else { throw failure("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("high surrogate without a low surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("high surrogate without a low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("lone low surrogate")
            }
            appendUTF8(of: scalar, to: &output)
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func appendUTF8(of scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
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

/// A stack of values under construction: containers push their members or elements above those
/// of the containers around them, and a closing container takes its own off the top in one
/// exact-size array. Lives in caller-provided memory (the parser's stack scratch space) and
/// moves to the heap only when that fills up.
struct PendingStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// How many elements are on the stack.
    private(set) var count = 0
    private var ownsBase = false

    /// A stack in `space`, which must outlive it (uninitialized memory is fine).
    init(_ space: UnsafeMutableBufferPointer<Element>) {
        precondition(space.count > 0)
        base = space.baseAddress!
        capacity = space.count
    }

    /// Pushes `element`.
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        if ownsBase { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsBase = true
    }

    /// The elements from position `first` to the top.
    func elements(from first: Int) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + first, count: count - first)
    }

    /// Removes the elements from position `first` to the top and returns them, in order, in an
    /// array of exactly that many elements.
    mutating func popArray(from first: Int) -> [Element] {
        let popped = count - first
        guard popped > 0 else { return [] }
        let source = base + first
        let array = [Element](unsafeUninitializedCapacity: popped) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: popped)
            initialized = popped
        }
        count = first
        return array
    }

    /// Removes the elements from position `first` to the top.
    mutating func pop(to first: Int) {
        guard count > first else { return }
        (base + first).deinitialize(count: count - first)
        count = first
    }

    /// Destroys whatever is left (after an error) and frees heap storage, if any.
    mutating func release() {
        base.deinitialize(count: count)
        count = 0
        if ownsBase {
            base.deallocate()
            ownsBase = false
        }
    }
}

/// A member name hashed and compared by its UTF-8 code units: `Set<String>` would treat
/// canonically equivalent names ("é" and "e\u{301}") as one.
struct ExactName: Hashable {
    let name: String

    init(_ name: String) {
        self.name = name
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.name.isExactly(rhs.name) }

    func hash(into hasher: inout Hasher) {
        for byte in name.utf8 { hasher.combine(byte) }
    }
}
