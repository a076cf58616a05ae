import Testing

@testable import edgejwt

/// `--help` and the usage line, for every command of `edgejwt`, checked against the commands'
/// own declarations: an option added to a command is listed without anyone updating a list.
@Suite struct HelpTextTests {
    /// Every command of `edgejwt` with its parents, from `edgejwt` down.
    static var paths: [[any Command.Type]] {
        var paths: [[any Command.Type]] = []
        var pending: [[any Command.Type]] = [[EdgeJWTCommand.self]]
        while let path = pending.popLast() {
            paths.append(path)
            pending += path[path.count - 1].declaration.subcommands.map { path + [$0] }
        }
        return paths
    }

    @Test func everyCommandIsReached() {
        let names = Set(Self.paths.map { $0.map { $0.declaration.name }.joined(separator: " ") })
        #expect(names.contains("edgejwt verify"))
        #expect(names.contains("edgejwt keys sign"))
        #expect(names.contains("edgejwt revocation show"))
    }

    @Test func helpListsEveryOptionArgumentAndSubcommand() {
        for path in Self.paths {
            let declarations = path.map { $0.declaration }
            let command = declarations[declarations.count - 1]
            let help = HelpText.help(declarations)
            for option in command.options {
                #expect(help.contains("\n  \(option.label) ") || help.contains("\n  \(option.label)\n"), "\(command.name): \(option.name)")
                #expect(help.contains(String(option.help.split(separator: " ").prefix(3).joined(separator: " "))), "\(option.name)")
            }
            for argument in command.arguments {
                #expect(help.contains("\n  \(argument.label) "), "\(command.name): \(argument.label)")
            }
            for subcommand in command.subcommands {
                #expect(help.contains("\n  \(subcommand.declaration.name) "), "\(command.name): \(subcommand.declaration.name)")
            }
            #expect(help.contains("-h, --help"))
        }
    }

    @Test func helpShowsDefaultsAndChoices() {
        let help = HelpText.help([EdgeJWTCommand.declaration, KeygenCommand.declaration])
        #expect(help.contains("(values: EdDSA, Ed25519;\n                          default: EdDSA)"))
    }

    @Test func usageListsEveryRequiredOptionAndArgument() {
        for path in Self.paths {
            let declarations = path.map { $0.declaration }
            let command = declarations[declarations.count - 1]
            let usage = HelpText.usage(declarations)
            #expect(usage.hasPrefix(declarations.map(\.name).joined(separator: " ")))
            for option in command.options where option.isRequired {
                #expect(usage.contains(" \(option.label)"), "\(command.name): \(option.name)")
            }
            for argument in command.arguments {
                #expect(usage.contains(argument.label), "\(command.name): \(argument.label)")
            }
        }
    }

    @Test func longUsageFoldsTheOptionalOptions() {
        let usage = HelpText.usage([EdgeJWTCommand.declaration, VerifyCommand.declaration])
        #expect(usage == "edgejwt verify [<options>] [<TOKEN>]")
    }

    @Test func helpLinesFitEightyColumns() {
        for path in Self.paths {
            let help = HelpText.help(path.map { $0.declaration })
            for line in help.split(separator: "\n") where !line.hasPrefix("USAGE: ") && line.contains(" ") {
                #expect(line.count < HelpText.width, "\(line)")
            }
        }
    }
}
