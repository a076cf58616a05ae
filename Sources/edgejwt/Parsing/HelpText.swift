/// The text of `--help` and of the usage line in error messages, generated from the
/// declarations: every declared option and argument is listed, with its help and default.
///
/// ```
/// OVERVIEW: <abstract>
///
/// <discussion, wrapped at 80 columns>
///
/// USAGE: edgejwt keygen --kid <KID> [--alg <EdDSA|Ed25519>] ...
///
/// OPTIONS:
///   --kid <KID>             The key id (kid) written in both files.
///   -h, --help              Show help information.
/// ```
enum HelpText {
    /// Lines are wrapped to this many columns.
    static let width = 80
    /// Help texts start in this column, after a two-space indent and the label.
    static let helpColumn = 26
    /// A usage line longer than this shows `[<options>]` instead of every optional option.
    static let longestUsage = 400
    /// The options every command has, answered by ``CommandLineParser`` itself.
    static let builtInOptions = [(label: "--version", help: "Show the version."), (label: "-h, --help", help: "Show help information.")]

    /// The full help of the last command of `path`.
    /// - Parameter path: The command and its parents, from `edgejwt` down.
    /// - Returns: The help, ending with a blank line.
    static func help(_ path: [CommandDeclaration]) -> String {
        guard let command = path.last else { return "" }
        var blocks = [wrap("OVERVIEW: " + command.abstract, indent: 0)]
        for paragraph in command.discussion.split(separator: "\n\n", omittingEmptySubsequences: true) {
            blocks.append(wrap(String(paragraph), indent: 0))
        }
        blocks.append("USAGE: " + usage(path))
        if !command.arguments.isEmpty {
            blocks.append("ARGUMENTS:\n" + command.arguments.map { entry($0.label, $0.help) }.joined(separator: "\n"))
        }
        for (title, options) in sections(of: command) {
            var lines = options.map { entry($0.label, $0.fullHelp) }
            if title == nil { lines += builtInOptions.map { entry($0.label, $0.help) } }
            blocks.append((title ?? "OPTIONS").uppercased() + ":\n" + lines.joined(separator: "\n"))
        }
        if !command.subcommands.isEmpty {
            let lines = command.subcommands.map { entry($0.declaration.name, $0.declaration.abstract) }
            let names = path.map(\.name)
            blocks.append(
                "SUBCOMMANDS:\n" + lines.joined(separator: "\n") + "\n\n  See '\(names[0]) help \((names.dropFirst() + ["<subcommand>"]).joined(separator: " "))' for detailed help.")
        }
        // As swift-argument-parser printed it: a blank line after the options, none after the subcommands.
        return blocks.joined(separator: "\n\n") + (command.subcommands.isEmpty ? "\n\n" : "\n")
    }

    /// The usage line of the last command of `path`, without `USAGE:`: the command's words, then
    /// each option (`[--keys <JWKS_FILE>]`, `--kid <KID>`, `[--issuer <ISS> ...]`), then each
    /// argument, or `<subcommand>` for a command with subcommands. Over ``longestUsage``
    /// characters, the options that are not required are shown as one `[<options>]`.
    /// - Parameter path: The command and its parents.
    static func usage(_ path: [CommandDeclaration]) -> String {
        let full = usage(path, listingEvery: true)
        return full.count > longestUsage ? usage(path, listingEvery: false) : full
    }

    private static func usage(_ path: [CommandDeclaration], listingEvery: Bool) -> String {
        guard let command = path.last else { return "" }
        var words = path.map(\.name)
        if !listingEvery { words.append("[<options>]") }
        for option in command.options where listingEvery || option.isRequired {
            switch option.kind {
            case .flag: words.append("[\(option.label)]")
            case .single: words.append(option.isRequired ? option.label : "[\(option.label)]")
            case .repeatable: words.append("[\(option.label) ...]")
            }
        }
        for argument in command.arguments {
            switch argument.arity {
            case .required: words.append(argument.label)
            case .optional: words.append("[\(argument.label)]")
            case .oneOrMore: words.append("\(argument.label) ...")
            }
        }
        if !command.subcommands.isEmpty { words.append("<subcommand>") }
        return words.joined(separator: " ")
    }

    /// The message of a usage error: the error, the usage line, and where the help is.
    /// - Parameters:
    ///   - error: What is wrong.
    ///   - path: The command and its parents.
    static func usageError(_ error: ValidationError, _ path: [CommandDeclaration]) -> String {
        let names = path.map(\.name).joined(separator: " ")
        return "Error: \(error.message)\nUsage: \(usage(path))\n  See '\(names) --help' for more information.\n"
    }

    /// The options grouped by section: each titled one in order of first appearance, then the
    /// untitled (OPTIONS), which is always there, for `--help`.
    private static func sections(of command: CommandDeclaration) -> [(title: String?, options: [OptionDeclaration])] {
        var sections: [(title: String?, options: [OptionDeclaration])] = []
        for option in command.options where option.section != nil {
            if let index = sections.firstIndex(where: { $0.title == option.section }) {
                sections[index].options.append(option)
            } else {
                sections.append((option.section, [option]))
            }
        }
        return sections + [(nil, command.options.filter { $0.section == nil })]
    }

    /// `  LABEL   help…`, the help wrapped from ``helpColumn``; a label too long for the column
    /// gets the help on the next line.
    private static func entry(_ label: String, _ help: String) -> String {
        let head = "  " + label
        let body = wrap(help, indent: helpColumn, firstLineUsed: helpColumn)
        if head.count < helpColumn {
            return head + String(repeating: " ", count: helpColumn - head.count) + body
        }
        return head + "\n" + String(repeating: " ", count: helpColumn) + body
    }

    /// `text` broken at spaces into lines shorter than ``width`` columns (a longer word stays
    /// whole); lines after the first are indented by `indent`.
    /// - Parameters:
    ///   - text: One paragraph; its own line breaks are kept.
    ///   - indent: The indentation of continuation lines.
    ///   - firstLineUsed: Columns already used on the first line (default: none).
    static func wrap(_ text: String, indent: Int, firstLineUsed: Int? = nil) -> String {
        let padding = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        var used = firstLineUsed ?? 0
        for sourceLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for word in sourceLine.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty, used + 1 + word.count >= width {
                    lines.append(line)
                    line = ""
                    used = indent
                }
                if !line.isEmpty {
                    line += " "
                    used += 1
                }
                line += word
                used += word.count
            }
            lines.append(line)
            line = ""
            used = indent
        }
        return lines.joined(separator: "\n" + padding)
    }
}
