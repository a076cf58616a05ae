/// `edgejwt revocation`: the publisher's side of EdgeJWT's compact revocation list
/// (docs/revocation-format.md): build, add to, diff and inspect signed list files.
struct RevocationCommand: Command {
    static let declaration = CommandDeclaration(
        name: "revocation",
        abstract: "Build, update, diff and inspect signed revocation lists (the publisher's side).",
        discussion: """
            A revocation list (docs/revocation-format.md) is one binary file signed with an \
            Ed25519 key of the publisher: revoked tokens by (iss, jti), subjects revoked up to a \
            time, and revoked signing key ids, with a sequence number and a validity window. \
            Devices install it with verify --revocation FILE [--revocation-keys JWKS].

            build starts a series, add issues its next list (and optionally the delta to it), \
            delta diffs two lists of a series, show prints what a list or delta file holds.

            Entries are given as a JSON document of "tokens", "subjects" and "keys" (the entries \
            format, docs/revocation-format.md §7); see build --help.

            Exit status: 0 done, 2 usage error, unusable key, entries or list, or a file that \
            cannot be read or written (code: detail on stderr, nothing on stdout).
            """,
        subcommands: [
            RevocationBuildCommand.self, RevocationAddCommand.self, RevocationDeltaCommand.self, RevocationShowCommand.self,
        ]
    )

    init(parsing arguments: ParsedArguments) {}

    /// No subcommand: a usage error, the help on stderr (as for `edgejwt` alone).
    func run() throws {
        Terminal.writeError(CommandLineRunner.help([EdgeJWTCommand.self, Self.self]))
        throw ExitCode(ExitStatus.usage)
    }
}
