extension VerificationError.Code {
    /// The code's stable number in the C API (`enum edgejwt_code` in `include/edgejwt.h`): its
    /// position in ``all``, counted from 1, since 0 is `EDGEJWT_OK`.
    ///
    /// ``all`` is append-only, so a new code gets the next number and no existing number moves;
    /// `CAPITests` compares every name and number with the header, so a reordering, a removal or a
    /// code missing from the header fails the build's tests. O(number of codes).
    public var number: Int32 {
        guard let position = Self.all.firstIndex(of: self) else {
            preconditionFailure("VerificationError.Code \(rawValue) is not in Code.all")
        }
        return Int32(position + 1)
    }

    /// The code with this C API number, or `nil` if no code has it.
    /// - Parameter number: A number from ``number``: 1 for the first code of ``all``.
    public init?(number: Int32) {
        guard number >= 1, number <= Self.all.count else { return nil }
        self = Self.all[Int(number) - 1]
    }
}
