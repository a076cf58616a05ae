/// Checks of the `(pointer, length)` pairs C callers pass, before any of their bytes are read.
enum CInput {
    /// The largest configuration, key set, list or name accepted: 64 MiB. Tokens are bounded by
    /// the verifier's own size limit instead.
    static let maxBytes = 64 << 20

    /// The bytes at `pointer`, borrowed for the call.
    /// - Parameters:
    ///   - pointer: The first byte; may be `NULL` only when `length` is 0 and `allowsNull`.
    ///   - length: The number of bytes.
    ///   - name: The argument's name in the header, for the message.
    ///   - allowsNull: Whether `(NULL, 0)` means "not given" (returned as `nil`).
    /// - Returns: The bytes, or `nil` for an allowed `(NULL, 0)`.
    /// - Throws: `null_argument`, `bad_length`.
    static func bytes(
        _ pointer: UnsafeRawPointer?, _ length: Int, _ name: String, allowsNull: Bool = false
    ) throws(CAPIFailure) -> UnsafeRawBufferPointer? {
        guard length >= 0, length <= maxBytes else {
            throw CAPIFailure(.badLength, "\(name)_len is \(UInt(bitPattern: length)), more than \(maxBytes)")
        }
        guard let pointer else {
            guard allowsNull, length == 0 else { throw CAPIFailure(.nullArgument, "\(name) is NULL") }
            return nil
        }
        return UnsafeRawBufferPointer(start: pointer, count: length)
    }

    /// The UTF-8 text at `pointer`, copied into a `String`.
    /// - Parameters:
    ///   - pointer: The first byte; not NUL-terminated (the length decides).
    ///   - length: The number of bytes.
    ///   - name: The argument's name in the header, for the message.
    ///   - allowsNull: Whether `(NULL, 0)` means "not given" (returned as `nil`).
    /// - Returns: The text, or `nil` for an allowed `(NULL, 0)`.
    /// - Throws: `null_argument`, `bad_length`, `not_utf8` (also for a NUL byte inside).
    static func text(
        _ pointer: UnsafeRawPointer?, _ length: Int, _ name: String, allowsNull: Bool = false
    ) throws(CAPIFailure) -> String? {
        guard let bytes = try self.bytes(pointer, length, name, allowsNull: allowsNull) else { return nil }
        guard !bytes.contains(0) else { throw CAPIFailure(.notUTF8, "\(name) contains a NUL byte") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CAPIFailure(.notUTF8, "\(name) is not valid UTF-8")
        }
        return text
    }
}
