/// What one command accepts and how its help reads: name, summary, discussion, options,
/// positional arguments and subcommands. Parsing, the usage line and `--help` all come from
/// this one declaration, so they cannot drift apart.
struct CommandDeclaration: Sendable {
    /// The word that selects it, e.g. `verify`.
    let name: String
    /// One sentence, shown after OVERVIEW and in the parent's SUBCOMMANDS list.
    let abstract: String
    /// Paragraphs separated by a blank line, wrapped when shown.
    let discussion: String
    /// The named options, in help order.
    let options: [OptionDeclaration]
    /// The positional arguments, in order.
    let arguments: [ArgumentDeclaration]
    /// The commands below it (`keys sign`, …); a command with subcommands takes no options or
    /// arguments of its own.
    let subcommands: [any Command.Type]

    /// A command.
    /// - Parameters:
    ///   - name: The word that selects it.
    ///   - abstract: One sentence.
    ///   - discussion: Paragraphs separated by a blank line.
    ///   - options: The named options, in help order; spellings must be unique.
    ///   - arguments: The positional arguments; only the last may be optional or take several values.
    ///   - subcommands: The commands below it.
    init(
        name: String, abstract: String, discussion: String = "", options: [OptionDeclaration] = [],
        arguments: [ArgumentDeclaration] = [], subcommands: [any Command.Type] = []
    ) {
        precondition(Set(options.map(\.name)).count == options.count, "\(name): an option is declared twice")
        precondition(
            arguments.dropLast().allSatisfy { $0.arity == .required }, "\(name): only the last argument may be optional or take several values")
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.arguments = arguments
        self.subcommands = subcommands
    }

    /// The declared option spelled `name` (with its `--`), if any.
    /// - Parameter name: e.g. `--keys`.
    func option(named name: String) -> OptionDeclaration? {
        options.first { $0.name == name }
    }

    /// The subcommand selected by `name`, if any.
    /// - Parameter name: e.g. `sign`.
    func subcommand(named name: String) -> (any Command.Type)? {
        subcommands.first { $0.declaration.name == name }
    }
}
