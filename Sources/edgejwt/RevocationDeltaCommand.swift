import EdgeJWT

/// `edgejwt revocation delta`: the signed delta between two lists of one series.
struct RevocationDeltaCommand: Command {
    static let declaration = CommandDeclaration(
        name: "delta",
        abstract: "Sign the delta that turns one list of a series into a later one.",
        discussion: """
            Both lists are verified with --revocation-keys (default: the public key of --key) \
            and must be of one series (same name and salt, as build then add make them), --from \
            with the lower sequence. A device holding --from that installs the delta ends up with \
            exactly the bytes of --to, so --key must be the key that signed --to; any other key \
            is refused.

            The lists' entries come from entries documents (docs/revocation-format.md §7) given \
            to build and add; add --delta-out writes the same delta in one step.

            Output: the delta file, written atomically to --out; a one-line report on stderr, \
            nothing on stdout. Exit status: 0 written, 2 usage error, unusable key or list \
            (code: detail), or a file that cannot be written.
            """,
        options: [
            .option("--from", value: "FILE", help: "The base list (the one devices hold).", isRequired: true),
            .option("--to", value: "FILE", help: "The later list the delta leads to.", isRequired: true),
            .option("--key", value: "PRIVATE_JWK_FILE", help: "The publisher's private JWK file, the one that signed --to.", isRequired: true),
            .option("--revocation-keys", value: "JWKS_FILE", help: "The JWK Set that verifies both lists (default: the public key of --key)."),
            .option("--out", value: "FILE", help: "Where to write the delta.", isRequired: true),
        ]
    )

    let from: String
    let to: String
    let key: String
    let revocationKeys: String?
    let out: String

    init(parsing arguments: ParsedArguments) {
        from = arguments.required("--from")
        to = arguments.required("--to")
        key = arguments.required("--key")
        revocationKeys = arguments.value("--revocation-keys")
        out = arguments.required("--out")
    }

    func validate() throws {
        if out == from || out == to { throw ValidationError("--out must be another file than --from and --to") }
    }

    func run() throws {
        let signingKey = try RevocationFiles.signingKey(at: key)
        let publisherKeys = try RevocationFiles.publisherKeys(at: revocationKeys, signingKey: signingKey)
        let base = RevocationListContent(try RevocationFiles.list(at: from, option: "--from", publisherKeys: publisherKeys))
        let targetList = try RevocationFiles.list(at: to, option: "--to", publisherKeys: publisherKeys)
        let target = RevocationListContent(targetList)
        // Ed25519 signatures are deterministic: the key that signed --to signs its content into
        // the very same bytes, and only then does the delta lead to that file.
        let resigned: [UInt8]
        do {
            resigned = try target.signed(by: signingKey)
        } catch {
            throw CLIError(error)
        }
        guard resigned == targetList.bytes else {
            throw CLIError("--key \(key) did not sign --to \(to): the delta would lead to another file than --to")
        }
        let delta: [UInt8]
        do {
            delta = try target.delta(from: base, signedBy: signingKey)
        } catch {
            throw CLIError(error)
        }
        try RevocationFiles.write(delta, to: out, option: "--out")
        Terminal.writeError(RevocationFiles.wroteDelta(try RevocationFiles.summary(of: delta, signedBy: signingKey), to: out))
    }
}
