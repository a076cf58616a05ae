/// A fixed list of strings kept as their UTF-8 bytes in one buffer, read on the verify path
/// without touching a `String`: no reference counting and no UTF-8 view per comparison.
///
/// Built once per ``Verifier`` from its options (accepted issuers and audiences, required claim
/// names); immutable afterwards, so one instance serves every thread.
final class PackedUTF8Strings: @unchecked Sendable {
    /// The strings' bytes, one after another.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each string ends in ``bytes``.
    private let ends: UnsafeMutableBufferPointer<Int>

    /// Copies the UTF-8 bytes of `strings`, in order.
    /// - Parameter strings: The strings to keep.
    init(_ strings: [String]) {
        bytes = .allocate(capacity: strings.reduce(0) { $0 + $1.utf8.count })
        ends = .allocate(capacity: strings.count)
        var end = 0
        for (index, string) in strings.enumerated() {
            for byte in string.utf8 {
                bytes[end] = byte
                end += 1
            }
            ends[index] = end
        }
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Whether there are no strings.
    var isEmpty: Bool { ends.isEmpty }

    /// Whether `predicate` holds for the bytes of one of the strings (tried in order).
    /// - Parameter predicate: A test of one string's UTF-8 bytes.
    @inline(__always)
    func contains(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        firstBytes(where: predicate) != nil
    }

    /// The first string for whose bytes `predicate` holds, as a `String` (for an error message).
    /// - Parameter predicate: A test of one string's UTF-8 bytes.
    func first(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> String? {
        firstBytes(where: predicate).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of the first string for which `predicate` holds, tried in order.
    @inline(__always)
    private func firstBytes(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        for end in ends {
            let string = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if predicate(string) { return string }
            start = end
        }
        return nil
    }
}
