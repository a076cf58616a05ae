extension String {
    /// Code-unit equality with no Unicode normalization, as RFC 7519 §7.3 requires for claim
    /// values (Swift's `==` treats canonically equivalent strings, such as "é" and "e\u{301}", as equal).
    /// - Parameter other: The string to compare with.
    ///
    /// Code-unit equality implies canonical equivalence, so `==` (whose fast paths settle most
    /// unequal pairs in a few instructions) rules out the unequal first; the few that remain are
    /// compared byte by byte. Does not allocate.
    func isExactly(_ other: String) -> Bool {
        guard self == other else { return false }
        var lhs = self
        var rhs = other
        return lhs.withUTF8 { lhsBytes in rhs.withUTF8 { lhsBytes.elementsEqual($0) } }
    }
}

extension Sequence<String> {
    /// Whether an element is code-unit equal to `value` (see ``Swift/String/isExactly(_:)``).
    /// - Parameter value: The string to look for.
    func containsExactly(_ value: String) -> Bool {
        contains { $0.isExactly(value) }
    }
}
