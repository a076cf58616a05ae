import EdgeJWT

/// `edgejwt keys verify`: whether a device with this trust root would install a statement.
struct KeysVerifyCommand: Command {
    static let declaration = CommandDeclaration(
        name: "verify",
        abstract: "Check a key-set statement or the next root against a trust root, as a device would install it.",
        discussion: """
            A key-set statement must carry signatures by the root's threshold, name --iss (default: \
            whatever it names), be unexpired at --now (default: now) and not issued after --now + \
            60 s. A root statement must be the root's successor: its sequence + 1, signed by the \
            root's threshold and by its own. A device also refuses a sequence not above its \
            installed one: install --store checks that.

            Output (stdout): "valid: …" or "refused: CODE: detail". With --json, one line: \
            {"valid": true, "kind", "sequence", "iss", "exp"} or {"valid": false, "error", "detail"}.

            Exit status: 0 valid, 1 statement refused, 2 usage error, an unusable trust root, or \
            a file that cannot be read.
            """,
        options: [
            .option("--trust-root", value: "ROOT_FILE", help: "The device's trust root.", isRequired: true),
            .option("--iss", value: "ISS", help: "The issuer the statement must be for (default: the one it names)."),
            .option("--now", value: "UNIX_SECONDS", help: "The evaluation time (default: now)."),
            .flag("--json", help: "Print one JSON object on stdout."),
        ],
        arguments: [
            ArgumentDeclaration("FILE", help: "The statement file."),
        ]
    )

    let trustRoot: String
    let iss: String?
    let now: Seconds?
    let json: Bool
    let file: String

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        trustRoot = arguments.required("--trust-root")
        iss = arguments.value("--iss")
        now = try arguments.value("--now", as: Seconds.self)
        json = arguments.flag("--json")
        file = arguments.requiredArgument("FILE")
    }

    func run() throws {
        let root = try KeysFiles.trustRoot(at: trustRoot)
        let bytes = try KeysFiles.contents(of: file, option: "file")
        let now = self.now?.date ?? NumericDate(Double(RevocationFiles.now()))
        do throws(KeySetStatementError) {
            if KeysFiles.Kind(of: bytes) == .root {
                let keys = try RotatingKeySet(issuer: iss ?? "", trustRoot: root, clock: FixedClock(now))
                let next = try keys.installRoot(bytes)
                print(json
                    ? JSONOutput.object(["valid": .bool(true), "kind": .string("root"), "sequence": .number(JSONNumber(Double(next.sequence)))]).jsonText
                    : "valid: root statement #\(next.sequence), \(next.threshold) of \(RevocationFiles.counted(next.keys.keys.count, "key")), successor of root #\(root.sequence)")
            } else {
                var issuer = iss ?? ""
                if iss == nil { issuer = try KeySetStatement(unverified: bytes).issuer }
                let keys = try RotatingKeySet(issuer: issuer, trustRoot: root, clock: FixedClock(now))
                let statement = try keys.install(bytes)
                print(json
                    ? JSONOutput.object([
                        "valid": .bool(true), "kind": .string("keyset"), "sequence": .number(JSONNumber(Double(statement.sequence))),
                        "iss": .string(statement.issuer), "exp": KeysFiles.number(statement.expiresAt),
                    ]).jsonText
                    : "valid: key-set statement #\(statement.sequence) for \(RevocationFiles.quoted(statement.issuer)), expires \(KeysFiles.date(statement.expiresAt))")
            }
        } catch {
            print(json ? KeysFiles.refusedJSON(error) : "refused: \(error.code.rawValue): \(Terminal.safe(error.detail))")
            throw ExitCode(ExitStatus.rejected)
        }
    }
}
