extension String {
    /// The string without leading and trailing ASCII whitespace (space, tab, line feed, vertical
    /// tab, form feed, carriage return): what a served token file may carry around its token.
    /// - Returns: The trimmed string; the characters in between are untouched.
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
