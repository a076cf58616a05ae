import EdgeJWT

/// A command-line number of seconds: finite, from 0 to 253402300799 (9999-12-31T23:59:59Z),
/// fractions allowed. Used for `--now`, `--leeway`, `--max-age` and `--max-auth-age`; anything
/// else is a parse error (exit 2).
struct Seconds: CommandLineValue, Hashable {
    /// The number of seconds.
    let value: Double

    init(_ value: Double) {
        self.value = value
    }

    init?(argument: String) {
        guard let value = Double(argument), value.isFinite, value >= 0, value <= NumericDate.latest else {
            return nil
        }
        self.value = value
    }

    /// As a `Duration`.
    var duration: Duration { .seconds(value) }

    /// As a point in time (seconds since the epoch).
    var date: NumericDate { NumericDate(value) }
}
