/// Runs `edgejwt`: selects the command from the leading words, parses the rest, runs it, and
/// exits with the contract's status.
///
/// - `edgejwt keys sign …`: subcommand words select the command, then ``CommandLineParser``
///   reads the rest against its declaration.
/// - `-h`/`--help` anywhere (before `--`), or `edgejwt help [COMMAND …]`: the help on stdout,
///   exit 0; `--version` likewise prints the version.
/// - A usage error (``ValidationError``, from parsing, ``Command/init(parsing:)`` or
///   ``Command/validate()``): `Error: …`, the usage line and a pointer to `--help` on stderr,
///   exit 2.
/// - ``CLIError`` from ``Command/run()``: `Error: …` on stderr, exit 2; ``ExitCode``: that status.
enum CommandLineRunner {
    /// Runs the command line and exits.
    /// - Parameters:
    ///   - root: The top command (`edgejwt`).
    ///   - version: What `--version` prints.
    ///   - words: The arguments after the program name.
    static func main(_ root: any Command.Type, version: String, _ words: [String]) -> Never {
        var path: [any Command.Type] = [root]
        var index = 0
        while index < words.count, let next = path[path.count - 1].declaration.subcommand(named: words[index]) {
            path.append(next)
            index += 1
        }
        if path.count == 1, index < words.count, words[index] == "help" {
            showHelp(root, for: words[(index + 1)...])
        }
        let declarations = path.map { $0.declaration }
        do {
            let command: any Command
            switch try CommandLineParser.parse(words[index...], for: declarations[declarations.count - 1]) {
            case .helpRequested:
                print(HelpText.help(declarations), terminator: "")
                Terminal.exit(ExitStatus.success)
            case .versionRequested:
                print(version)
                Terminal.exit(ExitStatus.success)
            case .parsed(let arguments):
                command = try path[path.count - 1].init(parsing: arguments)
            }
            try command.validate()
            try command.run()
        } catch let error as ValidationError {
            Terminal.writeError(HelpText.usageError(error, declarations))
            Terminal.exit(ExitStatus.usage)
        } catch let status as ExitCode {
            Terminal.exit(status.rawValue)
        } catch let failure as CLIError {
            Terminal.writeError("Error: \(failure.message)")
            Terminal.exit(ExitStatus.usage)
        } catch {
            Terminal.writeError("Error: \(error)")
            Terminal.exit(ExitStatus.usage)
        }
        Terminal.exit(ExitStatus.success)
    }

    /// `edgejwt help [COMMAND …]`: the help of that command on stdout, exit 0; an unknown
    /// command is a usage error.
    private static func showHelp(_ root: any Command.Type, for names: ArraySlice<String>) -> Never {
        var path: [any Command.Type] = [root]
        for name in names {
            guard let next = path[path.count - 1].declaration.subcommand(named: name) else {
                let declarations = path.map { $0.declaration }
                Terminal.writeError(HelpText.usageError(ValidationError("Unknown subcommand '\(name)'"), declarations))
                Terminal.exit(ExitStatus.usage)
            }
            path.append(next)
        }
        print(HelpText.help(path.map { $0.declaration }), terminator: "")
        Terminal.exit(ExitStatus.success)
    }

    /// The help of a command with subcommands, for its ``Command/run()`` when none is given.
    /// - Parameter path: The command and its parents, e.g. `[EdgeJWTCommand.self, KeysCommand.self]`.
    static func help(_ path: [any Command.Type]) -> String {
        HelpText.help(path.map { $0.declaration })
    }
}
