/// A type an option's text converts to, e.g. `--now 1700000000` to ``Seconds``. Text that does
/// not convert is a usage error naming the option (exit 2).
protocol CommandLineValue {
    /// The value `argument` spells, or `nil` if it spells none.
    /// - Parameter argument: The text as given.
    init?(argument: String)
}

extension Int: CommandLineValue {
    /// A decimal integer, as `Int("…")` reads it.
    init?(argument: String) {
        self.init(argument, radix: 10)
    }
}

extension UInt64: CommandLineValue {
    /// A decimal integer, as `UInt64("…")` reads it.
    init?(argument: String) {
        self.init(argument, radix: 10)
    }
}
