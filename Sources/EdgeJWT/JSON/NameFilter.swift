/// A one-word filter of the member names an object has had so far, by which the strict scan
/// finds most names new without comparing them to the earlier ones.
///
/// Each unescaped name sets one of 64 bits, chosen by its length and its first and last bytes:
/// two unescaped names with the same text have the same bytes, so they set the same bit, and a
/// name whose bit is still clear cannot be a duplicate. Once an escaped name is seen (whose
/// bytes differ from its text's), the filter admits nothing more and every later name is
/// compared. A set bit only means "compare", never "duplicate".
struct NameFilter {
    /// One bit per name seen: ``bit(of:in:)``.
    private var bits: UInt64 = 0
    /// Whether an escaped name has been seen in this object.
    private var sawEscapedName = false

    /// Records `name` and returns whether it is certainly not a duplicate of a name recorded
    /// before: `false` means the caller must compare it with the earlier names.
    /// - Parameters:
    ///   - name: A member name's span, quotes included.
    ///   - text: The text the span lies in.
    @inline(__always)
    mutating func admitsWithoutComparison(_ name: JSONSpan, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !name.isEscaped else {
            sawEscapedName = true
            return false
        }
        let bit = Self.bit(of: name, in: text)
        defer { bits |= bit }
        return !sawEscapedName && bits & bit == 0
    }

    /// The bit of an unescaped name: its length and the bytes after its opening quote and
    /// before its closing one, mixed and reduced to 0 ..< 64.
    @inline(__always)
    private static func bit(of name: JSONSpan, in text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let length = UInt64(truncatingIfNeeded: name.end - name.start)
        let first = UInt64(text[name.start + 1])
        let last = UInt64(text[name.end - 2])
        let mixed = (length &* 0x9E37_79B9) ^ (first &* 0x85EB_CA6B) ^ (last &* 0xC2B2_AE35)
        return 1 &<< (mixed >> 24 & 63)
    }
}
