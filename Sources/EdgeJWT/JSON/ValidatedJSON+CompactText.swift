extension ValidatedJSON {
    /// Appends the compact JSON text of `text`, already validated by the strict scan, to
    /// `output`: byte for byte what ``JSONValue/jsonText`` gives for its parse (no insignificant
    /// whitespace, members in source order, numbers as their literal, escapes resolved and
    /// written again with the same rules), without building a value. Allocates only when
    /// `output` must grow: the CLI's `--stream` writes each verdict this way.
    /// - Parameters:
    ///   - text: A complete JSON text the strict scan accepted; anything else is a logic error.
    ///   - output: The bytes to append to.
    static func writeCompact(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var index = 0
        while index < text.count {
            let byte = text[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "\""):
                index = writeString(startingAt: index, of: text, to: &output)
            default:
                // Structural characters, literals and numbers: copied as they are (a number has
                // no whitespace inside, and `true`/`false`/`null` are written the same way).
                output.append(byte)
                index += 1
            }
        }
    }

    /// Writes the string whose opening quote is at `quote` and returns the offset after its
    /// closing quote. Content without escapes is copied whole: validated text holds no raw
    /// control character, quote or backslash inside a string, the only bytes that are escaped.
    private static func writeString(startingAt quote: Int, of text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Int {
        var end = quote + 1
        var isEscaped = false
        while text[end] != UInt8(ascii: "\"") {
            if text[end] == UInt8(ascii: "\\") {
                isEscaped = true
                end += 2
            } else {
                end += 1
            }
        }
        let content = UnsafeBufferPointer(rebasing: text[(quote + 1)..<end])
        output.append(UInt8(ascii: "\""))
        if isEscaped {
            var bytes = UnescapedBytes(content)
            while let byte = bytes.next() {
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    JSONValue.appendEscape(of: byte, to: &output)
                } else {
                    output.append(byte)
                }
            }
        } else {
            output.append(contentsOf: content)
        }
        output.append(UInt8(ascii: "\""))
        return end + 1
    }
}
