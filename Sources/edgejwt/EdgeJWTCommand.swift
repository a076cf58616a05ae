import ArgumentParser
import EdgeJWT
import Foundation

/// `edgejwt`: verify, inspect, sign and test Ed25519 JWTs offline against a pinned JWK set.
///
/// Exit statuses are part of the contract: 0 valid (or success), 1 token rejected (or a failed
/// conformance vector, or an undecodable token for `inspect`), 2 usage, configuration or
/// unreadable input. swift-argument-parser's own parse errors would exit 64 (`EX_USAGE`), so
/// ``main()`` maps them to 2.
@main
struct EdgeJWTCommand: ParsableCommand {
    /// The version printed by `--version`.
    static let version = "0.1.0-dev"

    static let configuration = CommandConfiguration(
        commandName: "edgejwt",
        abstract: "Verify Ed25519-signed JWTs offline against a pinned JWK set.",
        discussion: """
            Tokens are checked against keys you pin in a JWK Set file; nothing is fetched. \
            Only EdDSA/Ed25519 signatures are accepted. A token's kid selects its key; a token \
            without a kid is accepted only when exactly one usable key is pinned.

            Exit status: 0 valid, 1 token rejected, 2 usage, configuration or unreadable input.
            """,
        version: version,
        subcommands: [
            VerifyCommand.self, InspectCommand.self, KeygenCommand.self, SignCommand.self, ConformanceCommand.self,
            SyncCommand.self,
            RevocationCommand.self,
            KeysCommand.self,
        ]
    )

    /// No subcommand: a usage error, the help on stderr.
    func run() throws {
        Terminal.writeError(Self.helpMessage())
        throw ExitCode(ExitStatus.usage)
    }

    /// Parses, runs, and exits with the contract's status (never 64).
    static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(with: error)
        }
        do {
            try command.run()
        } catch {
            finish(with: error)
        }
    }

    /// Exits for an error thrown while parsing or running.
    ///
    /// `ExitCode`: the command already reported its outcome, exit with that status.
    /// ``CLIError``: a usage or configuration error, message on stderr, exit 2.
    /// Help and version requests (and the `help` subcommand): text on stdout, exit 0.
    /// Anything else, including every parse error: swift-argument-parser's message on stderr, exit 2.
    private static func finish(with error: any Error) -> Never {
        if let status = error as? ExitCode {
            Terminal.exit(status.rawValue)
        }
        if let failure = error as? CLIError {
            Terminal.writeError("Error: \(failure.message)")
            Terminal.exit(ExitStatus.usage)
        }
        let message = fullMessage(for: error)
        if exitCode(for: error).isSuccess {
            if !message.isEmpty { print(message) }
            Terminal.exit(ExitStatus.success)
        }
        Terminal.writeError(message)
        Terminal.exit(ExitStatus.usage)
    }
}

/// The exit statuses of the CLI contract.
enum ExitStatus {
    /// Valid token, or the command succeeded.
    static let success: Int32 = 0
    /// The token was rejected (or a conformance vector failed, or `inspect` could not decode).
    static let rejected: Int32 = 1
    /// Usage error, configuration error, or unreadable input.
    static let usage: Int32 = 2
}
