import EdgeJWT

/// A command-line number of whole seconds, from 0 to 253402300799 (9999-12-31T23:59:59Z), as
/// revocation lists store their times. Used for `revocation --iat` and `--valid-for`; anything
/// else (a fraction, a sign, a larger number) is a parse error (exit 2).
struct WholeSeconds: CommandLineValue, Hashable {
    /// The number of seconds.
    let value: UInt64

    init?(argument: String) {
        guard !argument.isEmpty, argument.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let value = UInt64(argument), Double(value) <= NumericDate.latest
        else {
            return nil
        }
        self.value = value
    }
}
