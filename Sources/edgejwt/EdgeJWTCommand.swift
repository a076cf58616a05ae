import EdgeJWT

/// `edgejwt`: verify, inspect, sign and test Ed25519 JWTs offline against a pinned JWK set.
///
/// Exit statuses are part of the contract: 0 valid (or success), 1 token rejected (or a failed
/// conformance vector, or an undecodable token for `inspect`), 2 usage, configuration or
/// unreadable input. ``CommandLineRunner`` maps every usage error to 2.
@main
struct EdgeJWTCommand: Command {
    /// The version printed by `--version`.
    static let version = "0.1.0-dev"

    static let declaration = CommandDeclaration(
        name: "edgejwt",
        abstract: "Verify Ed25519-signed JWTs offline against a pinned JWK set.",
        discussion: """
            Tokens are checked against keys you pin in a JWK Set file; nothing is fetched. \
            Only EdDSA/Ed25519 signatures are accepted. A token's kid selects its key; a token \
            without a kid is accepted only when exactly one usable key is pinned.

            Exit status: 0 valid, 1 token rejected, 2 usage, configuration or unreadable input.
            """,
        subcommands: [
            VerifyCommand.self, InspectCommand.self, KeygenCommand.self, SignCommand.self, ConformanceCommand.self,
            SyncCommand.self,
            RevocationCommand.self,
            KeysCommand.self,
        ]
    )

    init(parsing arguments: ParsedArguments) {}

    /// No subcommand: a usage error, the help on stderr.
    func run() throws {
        Terminal.writeError(CommandLineRunner.help([Self.self]))
        throw ExitCode(ExitStatus.usage)
    }

    /// Parses, runs, and exits with the contract's status.
    static func main() {
        CommandLineRunner.main(Self.self, version: version, Array(CommandLine.arguments.dropFirst()))
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
