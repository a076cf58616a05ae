/// Reading JSON text that ``StrictJSONScanner`` has already validated: finding where values
/// end and decoding parts of it again. Nothing here checks a rule; the scan did.
enum ValidatedJSON {
    /// The value of validated JSON text, decoded by ``StrictJSONParser`` (which cannot fail on
    /// text the scanner accepted: a failure is a bug, and traps).
    static func reparse(_ text: UnsafeBufferPointer<UInt8>) -> JSONValue {
        do {
            return try StrictJSONParser.parse(text, maxDepth: Int.max)
        } catch {
            preconditionFailure("validated JSON failed to parse again: \(error.reason) at byte \(error.offset)")
        }
    }

    /// Whether the value at `span` is a string or an array whose every element is a string.
    static func isStringOrArrayOfStrings(_ span: JSONSpan, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch span.firstByte(in: text) {
        case UInt8(ascii: "\""): return true
        case UInt8(ascii: "["):
            var allStrings = true
            forEachElement(ofArray: span, in: text) { element in
                if !element.isString(in: text) { allStrings = false }
            }
            return allStrings
        default: return false
        }
    }

    /// Calls `body` with the span itself when it is a string, else with each element of the
    /// array at `span`.
    static func forEach(ofStringOrArray span: JSONSpan, in text: UnsafeBufferPointer<UInt8>, _ body: (JSONSpan) -> Void) {
        if span.isString(in: text) {
            body(span)
        } else {
            forEachElement(ofArray: span, in: text, body)
        }
    }

    /// Calls `body` with each element of the array at `span`, in order.
    static func forEachElement(ofArray span: JSONSpan, in text: UnsafeBufferPointer<UInt8>, _ body: (JSONSpan) -> Void) {
        var index = skipWhitespace(text, from: span.start + 1)
        guard text[index] != UInt8(ascii: "]") else { return }
        while true {
            let element = valueSpan(text, at: index)
            body(element)
            index = skipWhitespace(text, from: element.end)
            guard text[index] == UInt8(ascii: ",") else { return }
            index = skipWhitespace(text, from: index + 1)
        }
    }

    private static func skipWhitespace(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < text.count, text[index] == 0x20 || text[index] == 0x09 || text[index] == 0x0A || text[index] == 0x0D {
            index += 1
        }
        return index
    }

    /// The span of the validated value starting at `start`.
    static func valueSpan(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> JSONSpan {
        var index = start
        switch text[start] {
        case UInt8(ascii: "\""):
            let (end, isEscaped) = stringEnd(text, from: start)
            return JSONSpan(start: start, end: end, isEscaped: isEscaped)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while true {
                switch text[index] {
                case UInt8(ascii: "\""):
                    index = stringEnd(text, from: index).end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return JSONSpan(start: start, end: index + 1, isEscaped: false) }
                default: break
                }
                index += 1
            }
        default:
            while index < text.count, !isDelimiter(text[index]) { index += 1 }
            return JSONSpan(start: start, end: index, isEscaped: false)
        }
    }

    /// Just past the closing quote of the string whose opening quote is at `start`, and whether
    /// it holds an escape.
    private static func stringEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, isEscaped: Bool) {
        var index = start + 1
        var isEscaped = false
        while text[index] != UInt8(ascii: "\"") {
            if text[index] == UInt8(ascii: "\\") {
                isEscaped = true
                index += 1
            }
            index += 1
        }
        return (index + 1, isEscaped)
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }
}
