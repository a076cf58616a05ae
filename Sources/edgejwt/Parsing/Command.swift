/// A command of `edgejwt`: its declaration, how it reads a parsed command line, the checks across
/// options, and what it does.
///
/// ``CommandLineRunner`` selects the command, parses the words after it against
/// ``declaration``, then calls ``init(parsing:)``, ``validate()`` and ``run()`` in that order.
protocol Command: SendableMetatype {
    /// What it accepts and its help.
    static var declaration: CommandDeclaration { get }

    /// Reads the parsed options and arguments.
    /// - Parameter arguments: The command line, already checked against ``declaration``.
    /// - Throws: ``ValidationError`` for a value that does not convert (`--now soon`).
    init(parsing arguments: ParsedArguments) throws(ValidationError)

    /// Refuses combinations of options that cannot mean what they say.
    /// - Throws: ``ValidationError`` (exit 2, with the usage line).
    func validate() throws

    /// Does the work.
    /// - Throws: ``ExitCode`` when the outcome is already reported, ``CLIError`` for a usage or
    ///   configuration error found while running.
    func run() throws
}

extension Command {
    /// No checks across options.
    func validate() throws {}
}

/// A command line that the command cannot accept: the message, then the usage line, on stderr,
/// exit 2.
struct ValidationError: Error, CustomStringConvertible {
    /// A plain-language message naming the option or argument at fault.
    let message: String

    /// A usage error.
    /// - Parameter message: Names the option or argument at fault.
    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}

/// Ends the command with this exit status; whatever it means is already reported.
struct ExitCode: Error {
    /// One of ``ExitStatus``.
    let rawValue: Int32

    /// An exit.
    /// - Parameter status: One of ``ExitStatus``.
    init(_ status: Int32) {
        rawValue = status
    }
}
