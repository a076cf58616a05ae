#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension String {
    /// Code-unit equality with no Unicode normalization, as RFC 7519 §7.3 requires for claim
    /// values (Swift's `==` treats canonically equivalent strings, such as "é" and "e\u{301}", as equal).
    /// - Parameter other: The string to compare with.
    /// - Returns: Whether both hold the same UTF-8 bytes. O(1) when the lengths differ; does
    ///   not allocate.
    func isExactly(_ other: String) -> Bool {
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        guard count > 0 else { return true }
        let equal = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in memcmp(lhs.baseAddress!, rhs.baseAddress!, count) == 0 }
        }
        return (equal ?? nil) ?? utf8.elementsEqual(other.utf8)
    }

    /// Whether this string's UTF-8 bytes are exactly `bytes`. O(1) when the lengths differ;
    /// does not allocate.
    /// - Parameter bytes: UTF-8 bytes, e.g. a name looked up many times.
    func hasUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard utf8.count == bytes.count else { return false }
        guard let other = bytes.baseAddress else { return true }
        let equal = utf8.withContiguousStorageIfAvailable { mine in
            // Names are mostly short: a loop beats a call to memcmp.
            guard bytes.count > 16 else { return !zip(mine, bytes).contains { $0 != $1 } }
            return memcmp(mine.baseAddress!, other, bytes.count) == 0
        }
        return equal ?? utf8.elementsEqual(bytes)
    }
}

extension Sequence<String> {
    /// Whether an element is code-unit equal to `value` (see ``Swift/String/isExactly(_:)``).
    /// - Parameter value: The string to look for.
    func containsExactly(_ value: String) -> Bool {
        contains { $0.isExactly(value) }
    }
}
