extension JSONValue {
    /// Parses a complete JSON text with EdgeJWT's strict rules (RFC 8259; no duplicate names,
    /// valid UTF-8 only, bounded nesting).
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - maxDepth: The deepest allowed nesting of arrays and objects. Default 32.
    /// - Returns: The value, or `nil` when the text is not strict JSON.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 32) -> JSONValue? {
        try? StrictJSONParser.parse(bytes, maxDepth: maxDepth)
    }

    /// Compact JSON text for this value: no insignificant whitespace, object members in order,
    /// numbers as their source literal, non-ASCII characters written as UTF-8.
    ///
    /// Strings escape `"`, `\\` and the C0 controls (`\n`, `\r`, `\t`, `\b`, `\f`, else
    /// `\u00XX`); every other byte is copied as is. Built as bytes, then one `String`.
    public var jsonText: String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends ``jsonText``'s bytes to `output` without building a `String` (the CLI's
    /// `--stream` writes each verdict into one reused buffer). Allocates only when `output`
    /// must grow.
    /// - Parameter output: The bytes to append to.
    package func write(to output: inout [UInt8]) {
        switch self {
        case .null: Self.append("null", to: &output)
        case .bool(let value): Self.append(value ? "true" : "false", to: &output)
        case .number(let number): output.append(contentsOf: number.literal.utf8)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.name, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func append(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A JSON string: runs of bytes that need no escape are copied whole. Escaping works on
    /// bytes because every byte of a multi-byte UTF-8 sequence is 0x80 or above.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                    appendEscape(of: byte, to: &output)
                    runStart = offset + 1
                }
                offset += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escape `jsonText` writes for `byte`, one of `"`, `\\` or a C0 control.
    static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            append("u00", to: &output)
            output.append(hexDigits.utf8Start[Int(byte >> 4)])
            output.append(hexDigits.utf8Start[Int(byte & 0x0F)])
        }
    }
}
