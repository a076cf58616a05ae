import EdgeJWT

/// `edgejwt revocation add`: the next list of a series, from the current one plus and minus
/// entries, and optionally the delta that leads to it.
struct RevocationAddCommand: Command {
    static let declaration = CommandDeclaration(
        name: "add",
        abstract: "Sign the next list of a series: the current list plus new entries, minus removed ones.",
        discussion: """
            Reads --list, verified with --revocation-keys (default: the public key of --key), \
            and writes to --out the next list of its series: same name and salt, sequence + 1, \
            issued at --iat (default: now, and never before the current list's iat) and valid \
            for --valid-for seconds (default: as long as the current list was). Then, in order: \
            the --entries are added, the --remove entries are removed (un-revoked: a token by \
            (iss, jti, exp), a subject by (iss, sub), a key by kid; their times are ignored), and \
            entries that expired more than a day before the new iat are pruned. With neither \
            --entries nor --remove the list is only re-issued with a new validity (a refresh).

            Both documents are entries documents (docs/revocation-format.md §7): \
            {"tokens": [{"iss": …, "jti": …, "exp": …}], "subjects": [{"iss": …, "sub": …, \
            "issued_before": …, "expires": …}], "keys": [{"kid": …, "expires": …}]}.

            --delta-out FILE also writes the delta from --list to the new list: a device holding \
            --list that installs it ends up with exactly --out. A day group has a fixed capacity; \
            when new entries would pass it (capacity_exceeded), rebuild the series with build \
            from all its entries and a higher --sequence.

            --out may be --list itself (it is replaced atomically). Reports go to stderr; nothing \
            is written on stdout.

            Exit status: 0 written, 2 usage error, unusable key, entries or list (code: detail), \
            or a file that cannot be written.
            """,
        options: [
            .option("--list", value: "FILE", help: "The current list of the series.", isRequired: true),
            .option("--key", value: "PRIVATE_JWK_FILE", help: "The publisher's private JWK file, which signs the new list.", isRequired: true),
            .option("--revocation-keys", value: "JWKS_FILE", help: "The JWK Set that verifies --list (default: the public key of --key)."),
            .option("--entries", value: "ENTRIES_JSON_FILE", help: "Entries to add (docs/revocation-format.md §7)."),
            .option("--remove", value: "ENTRIES_JSON_FILE", help: "Entries to remove, in the same format."),
            .option("--iat", value: "UNIX_SECONDS", help: "The new list's issue time, whole seconds since 1970 (default: now)."),
            .option("--valid-for", value: "SECONDS", help: "How long devices may rely on the new list (default: as long as --list)."),
            .option("--delta-out", value: "FILE", help: "Also write the delta from --list to the new list."),
            .option("--out", value: "FILE", help: "Where to write the new list.", isRequired: true),
        ]
    )

    let list: String
    let key: String
    let revocationKeys: String?
    let entries: String?
    let remove: String?
    let iat: WholeSeconds?
    let validFor: WholeSeconds?
    let deltaOut: String?
    let out: String

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        list = arguments.required("--list")
        key = arguments.required("--key")
        revocationKeys = arguments.value("--revocation-keys")
        entries = arguments.value("--entries")
        remove = arguments.value("--remove")
        iat = try arguments.value("--iat", as: WholeSeconds.self)
        validFor = try arguments.value("--valid-for", as: WholeSeconds.self)
        deltaOut = arguments.value("--delta-out")
        out = arguments.required("--out")
    }

    func validate() throws {
        if validFor?.value == 0 { throw ValidationError("--valid-for must be at least 1: a list valid for 0 s is stale at once") }
        if let deltaOut, deltaOut == out || deltaOut == list {
            throw ValidationError("--delta-out must be another file than --out and --list")
        }
    }

    func run() throws {
        let signingKey = try RevocationFiles.signingKey(at: key)
        let publisherKeys = try RevocationFiles.publisherKeys(at: revocationKeys, signingKey: signingKey)
        let current = try RevocationFiles.list(at: list, option: "--list", publisherKeys: publisherKeys)
        var added: [RevocationEntry] = []
        if let entries { added = try RevocationFiles.entries(at: entries, option: "--entries") }
        var removed: [RevocationEntry] = []
        if let remove { removed = try RevocationFiles.entries(at: remove, option: "--remove") }

        let base = RevocationListContent(current)
        guard base.sequence < UInt64.max else {
            throw CLIError("--list \(list) has the last possible sequence; start a new series with build")
        }
        if let iat, iat.value < base.issuedAt {
            throw CLIError("--iat \(iat.value) is before the iat \(base.issuedAt) of --list: a series' time never goes back")
        }
        var next = base
        next.sequence += 1
        next.issuedAt = iat?.value ?? max(RevocationFiles.now(), base.issuedAt)
        next.validUntil = RevocationFiles.adding(validFor?.value ?? base.validUntil - base.issuedAt, to: next.issuedAt)
        do {
            try next.insert(contentsOf: added)
        } catch where error.code == .capacityExceeded {
            throw CLIError(
                "\(error.code.rawValue): \(error.detail). A group's fingerprint width is fixed: rebuild the series with "
                    + "edgejwt revocation build --name … --sequence \(next.sequence) from all its entries (kept by the publisher)")
        } catch {
            throw CLIError(error, option: "--entries", path: entries ?? "")
        }
        let removedCount = next.remove(contentsOf: removed)
        next.prune(before: RevocationFiles.pruneHorizon(issuedAt: next.issuedAt))

        let bytes: [UInt8]
        var delta: [UInt8]? = nil
        do {
            bytes = try next.signed(by: signingKey)
            if deltaOut != nil { delta = try next.delta(from: base, signedBy: signingKey) }
        } catch {
            throw CLIError(error)
        }
        try RevocationFiles.write(bytes, to: out, option: "--out")
        if removedCount < removed.count {
            Terminal.writeError("note: \(removed.count - removedCount) of the \(removed.count) --remove entries were not in the list")
        }
        Terminal.writeError(RevocationFiles.wroteList(next, byteCount: bytes.count, to: out))
        if let deltaOut, let delta {
            try RevocationFiles.write(delta, to: deltaOut, option: "--delta-out")
            Terminal.writeError(RevocationFiles.wroteDelta(try RevocationFiles.summary(of: delta, signedBy: signingKey), to: deltaOut))
        }
    }
}
