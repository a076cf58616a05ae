import EdgeJWT

/// `edgejwt revocation build`: a new signed revocation list (a snapshot) from an entries
/// document.
struct RevocationBuildCommand: Command {
    static let declaration = CommandDeclaration(
        name: "build",
        abstract: "Sign a new revocation list from an entries document.",
        discussion: """
            Starts a series: a list named NAME with a fresh random salt, sequence --sequence \
            (default 1), issued at --iat (default now, whole seconds) and valid until --iat + \
            --valid-for (default 86400 s, one day). Devices refuse the list from its valid_until \
            on (revocation_list_stale), so publish the next one before then (add).

            --entries is an entries document (docs/revocation-format.md §7), strict JSON, every \
            member optional, unknown members refused: \
            {"tokens": [{"iss": …, "jti": …, "exp": …}], "subjects": [{"iss": …, "sub": …, \
            "issued_before": …, "expires": …}], "keys": [{"kid": …, "expires": …}]}. A token entry's exp is the revoked \
            token's exp (omit it when unknown); expires is when an entry may be pruned. Without \
            --entries the list is empty. Entries that expired more than a day before --iat are \
            pruned (the horizon).

            To rebuild an existing series (e.g. after add reports capacity_exceeded), give a \
            --sequence above its last one: devices refuse a lower or equal sequence (rollback).

            The list is signed with --key (a private JWK, as written by keygen; its kid goes in \
            the list) and written atomically to --out, replacing it. A one-line report goes to \
            stderr; nothing is written on stdout.

            Exit status: 0 written, 2 usage error, unusable key or entries (code: detail), or a \
            file that cannot be written.
            """,
        options: [
            .option("--name", value: "NAME", help: "The series name (1 to 255 bytes), e.g. id.example.com/revocations.", isRequired: true),
            .option("--key", value: "PRIVATE_JWK_FILE", help: "The publisher's private JWK file.", isRequired: true),
            .option("--entries", value: "ENTRIES_JSON_FILE", help: "The entries document (docs/revocation-format.md §7)."),
            .option("--sequence", value: "N", help: "The sequence number (default: 1)."),
            .option("--iat", value: "UNIX_SECONDS", help: "The issue time, whole seconds since 1970 (default: now)."),
            .option("--valid-for", value: "SECONDS", help: "How long devices may rely on the list (default: 86400)."),
            .option("--out", value: "FILE", help: "Where to write the list.", isRequired: true),
        ]
    )

    let name: String
    let key: String
    let entries: String?
    let sequence: UInt64?
    let iat: WholeSeconds?
    let validFor: WholeSeconds?
    let out: String

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        name = arguments.required("--name")
        key = arguments.required("--key")
        entries = arguments.value("--entries")
        sequence = try arguments.value("--sequence", as: UInt64.self)
        iat = try arguments.value("--iat", as: WholeSeconds.self)
        validFor = try arguments.value("--valid-for", as: WholeSeconds.self)
        out = arguments.required("--out")
    }

    func validate() throws {
        if sequence == 0 { throw ValidationError("--sequence must be at least 1") }
        if validFor?.value == 0 { throw ValidationError("--valid-for must be at least 1: a list valid for 0 s is stale at once") }
    }

    func run() throws {
        let signingKey = try RevocationFiles.signingKey(at: key)
        var revocations: [RevocationEntry] = []
        if let entries { revocations = try RevocationFiles.entries(at: entries, option: "--entries") }
        let issuedAt = iat?.value ?? RevocationFiles.now()
        let content: RevocationListContent
        let bytes: [UInt8]
        do {
            var list = try RevocationListContent(
                name: name, sequence: sequence ?? 1, issuedAt: issuedAt,
                validUntil: RevocationFiles.adding(validFor?.value ?? RevocationFiles.defaultValidity, to: issuedAt))
            try list.insert(contentsOf: revocations)
            list.prune(before: RevocationFiles.pruneHorizon(issuedAt: issuedAt))
            bytes = try list.signed(by: signingKey)
            content = list
        } catch {
            throw CLIError(error)
        }
        try RevocationFiles.write(bytes, to: out, option: "--out")
        Terminal.writeError(RevocationFiles.wroteList(content, byteCount: bytes.count, to: out))
    }
}
