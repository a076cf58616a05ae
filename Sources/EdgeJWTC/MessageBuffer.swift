/// Writes a message into a caller's `char *message, size_t message_size` buffer.
enum MessageBuffer {
    /// Copies `text` into `buffer` as a NUL-terminated string, cut to `size - 1` bytes at a UTF-8
    /// character boundary. Does nothing when `buffer` is `NULL` or `size` is 0.
    /// - Parameters:
    ///   - text: The message.
    ///   - buffer: The caller's buffer, or `NULL`.
    ///   - size: The buffer's size in bytes, NUL included.
    static func write(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, size: Int) {
        guard let buffer, size > 0 else { return }
        var text = text
        text.withUTF8 { bytes in
            var count = min(bytes.count, size - 1)
            // Never end on the first bytes of a multi-byte character.
            while count < bytes.count, count > 0, bytes[count] & 0xC0 == 0x80 { count -= 1 }
            buffer.withMemoryRebound(to: UInt8.self, capacity: size) { output in
                if count > 0 { output.update(from: bytes.baseAddress!, count: count) }
                output[count] = 0
            }
        }
    }
}
