extension String {
    /// Code-unit equality with no Unicode normalization, as RFC 7519 §7.3 requires for claim
    /// values (Swift's `==` treats canonically equivalent strings, such as "é" and "e\u{301}", as equal).
    /// - Parameter other: The string to compare with.
    func isExactly(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

extension Sequence<String> {
    /// Whether an element is code-unit equal to `value` (see ``Swift/String/isExactly(_:)``).
    /// - Parameter value: The string to look for.
    func containsExactly(_ value: String) -> Bool {
        contains { $0.isExactly(value) }
    }
}
