/// `edgejwt keys`: signed key-set statements and trust roots (docs/key-rotation.md): the
/// publisher signs, anyone inspects and verifies, a device installs.
struct KeysCommand: Command {
    static let declaration = CommandDeclaration(
        name: "keys",
        abstract: "Sign, inspect, verify and install key-set statements and trust roots (key rotation).",
        discussion: """
            A trust root (a JWK Set of Ed25519 keys kept offline, and a threshold) signs key-set \
            statements: the JWK Set an issuer's tokens are verified with, with a sequence number, \
            an expiry and a window (not_before, retire_at) per key. Devices are provisioned with \
            the root and install statements as they arrive; docs/key-rotation.md has the format \
            and an operator's walkthrough.

            sign writes a statement (or the next root), show prints what a statement or JWK Set \
            holds and which keys are usable, verify checks a statement against a root, install \
            and status manage a device's store directory.
            """,
        subcommands: [
            KeysSignCommand.self, KeysShowCommand.self, KeysVerifyCommand.self, KeysInstallCommand.self, KeysStatusCommand.self,
        ]
    )

    init(parsing arguments: ParsedArguments) {}

    /// No subcommand: a usage error, the help on stderr (as for `edgejwt` alone).
    func run() throws {
        Terminal.writeError(CommandLineRunner.help([EdgeJWTCommand.self, Self.self]))
        throw ExitCode(ExitStatus.usage)
    }
}
