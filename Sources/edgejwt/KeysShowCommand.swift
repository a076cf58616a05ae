import EdgeJWT

/// `edgejwt keys show`: what a key-set statement, root statement or JWK Set holds, and which
/// keys are usable and why the others are not.
struct KeysShowCommand: Command {
    static let declaration = CommandDeclaration(
        name: "show",
        abstract: "Print what a key-set statement, root statement or JWK Set holds, and which keys are usable.",
        discussion: """
            FILE is a key-set statement, a root statement (told apart by their typ) or a plain \
            JWK Set. With --trust-root a statement is verified first, exactly as a device would \
            (a root statement as the root's successor, or as the root itself). Without it the \
            output says the signature is NOT verified, and nothing in it may be trusted.

            Each key is listed with its kid and type, then "usable" or "NOT usable" and why: a \
            key type, curve, use, key_ops or alg that is not an Ed25519 verification key, or a \
            window (not_before, retire_at) that does not contain --now (default: now).

            Output (stdout): signature, kind, then issuer, sequence, iat, exp and signers, then \
            the keys. With --json, one line: {"kind", "signature_verified", "iss", "sequence", \
            "iat", "exp", "threshold", "signed_by", "keys": [{"kid", "kty", "crv", "not_before", \
            "retire_at", "usable", "reason"}]}.

            Exit status: 0 shown, 2 usage error, an unusable root, or a file that cannot be read \
            or is not a valid statement or JWK Set (code: detail on stderr).
            """,
        options: [
            .option("--trust-root", value: "ROOT_FILE", help: "The root to verify a statement with."),
            .option("--now", value: "UNIX_SECONDS", help: "The time key windows are evaluated at (default: now)."),
            .flag("--json", help: "Print one JSON object on stdout."),
        ],
        arguments: [
            ArgumentDeclaration("FILE", help: "The statement or JWK Set file."),
        ]
    )

    let trustRoot: String?
    let now: Seconds?
    let json: Bool
    let file: String

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        trustRoot = arguments.value("--trust-root")
        now = try arguments.value("--now", as: Seconds.self)
        json = arguments.flag("--json")
        file = arguments.requiredArgument("FILE")
    }

    func run() throws {
        let bytes = try KeysFiles.contents(of: file, option: "file")
        var root: TrustRoot? = nil
        if let trustRoot { root = try KeysFiles.trustRoot(at: trustRoot) }
        let now = self.now?.date ?? NumericDate(Double(RevocationFiles.now()))
        let shown: Shown
        do throws(KeySetStatementError) {
            switch KeysFiles.Kind(of: bytes) {
            case .keySet:
                let statement: KeySetStatement
                if let root {
                    statement = try KeySetStatement(verifying: bytes, root: root)
                } else {
                    statement = try KeySetStatement(unverified: bytes)
                }
                shown = Shown(
                    kind: "keyset", verified: root != nil, issuer: statement.issuer, sequence: statement.sequence,
                    issuedAt: statement.issuedAt, expiresAt: statement.expiresAt, threshold: nil, signers: statement.signerKeyIDs,
                    entries: statement.entries)
            case .root:
                let next: TrustRoot
                if let root {
                    next = root.bytes == bytes ? root : try root.successor(verifying: bytes)
                } else {
                    next = try TrustRoot(unverified: bytes)
                }
                let entries = try KeySetStatement.entries(ofJWKS: Array(next.publicJWKSetText.utf8)).entries
                shown = Shown(
                    kind: "root", verified: root != nil, issuer: nil, sequence: next.sequence, issuedAt: next.issuedAt, expiresAt: nil,
                    threshold: next.threshold, signers: next.signerKeyIDs, entries: entries)
            case nil:
                let entries = try KeySetStatement.entries(ofJWKS: bytes).entries
                shown = Shown(
                    kind: "jwks", verified: false, issuer: nil, sequence: nil, issuedAt: nil, expiresAt: nil, threshold: nil, signers: [],
                    entries: entries)
            }
        } catch {
            throw CLIError("file \(file): \(error.code.rawValue): \(error.detail)")
        }
        if shown.kind != "jwks" && !shown.verified {
            Terminal.writeError("warning: the signature is NOT verified (no --trust-root): nothing shown may be trusted")
        }
        print(json ? shown.json(at: now) : shown.report(at: now))
    }

    /// What is printed.
    struct Shown {
        let kind: String
        let verified: Bool
        let issuer: String?
        let sequence: UInt64?
        let issuedAt: NumericDate?
        let expiresAt: NumericDate?
        let threshold: Int?
        let signers: [String]
        let entries: [KeySetStatement.KeyEntry]

        func report(at now: NumericDate) -> String {
            var lines: [String] = []
            if kind == "jwks" {
                lines.append("kind: JWK Set (unsigned)")
            } else {
                lines.append(verified ? "signature: verified" : "signature: NOT verified (no --trust-root): nothing below may be trusted")
                lines.append("kind: " + (kind == "root" ? "root statement" : "key-set statement"))
            }
            if let issuer { lines.append("iss: " + RevocationFiles.quoted(issuer)) }
            if let sequence { lines.append("sequence: \(sequence)") }
            if let issuedAt { lines.append("iat: " + KeysFiles.date(issuedAt)) }
            if let expiresAt {
                lines.append("exp: " + KeysFiles.date(expiresAt) + (now >= expiresAt ? " (EXPIRED at --now)" : ""))
            }
            if let threshold { lines.append("threshold: \(threshold) of \(entries.count)") }
            if !signers.isEmpty { lines.append("signed by: " + signers.map(RevocationFiles.quoted).joined(separator: ", ")) }
            let usable = entries.filter { $0.unusability(at: now) == nil }.count
            lines.append("keys: \(usable) of \(entries.count) usable at \(KeysFiles.date(now))")
            lines += KeysFiles.keyLines(entries, at: now)
            return lines.joined(separator: "\n")
        }

        func json(at now: NumericDate) -> String {
            JSONOutput.object([
                "kind": .string(kind), "signature_verified": .bool(verified), "iss": JSONOutput.string(issuer),
                "sequence": sequence.map { .number(JSONNumber(Double($0))) } ?? .null,
                "iat": KeysFiles.number(issuedAt), "exp": KeysFiles.number(expiresAt),
                "threshold": threshold.map { .number(JSONNumber(Double($0))) } ?? .null,
                "signed_by": .array(signers.map { .string($0) }), "keys": KeysFiles.keysJSON(entries, at: now),
            ]).jsonText
        }
    }
}
