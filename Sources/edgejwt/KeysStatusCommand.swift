import EdgeJWT

/// `edgejwt keys status`: what a device's store holds and whether its keys verify now.
struct KeysStatusCommand: Command {
    static let declaration = CommandDeclaration(
        name: "status",
        abstract: "Print a device store's trust root, installed statement, expiry and usable keys.",
        discussion: """
            Loads the store as a verifier would (every file verified again; refused files are \
            reported on stderr and not used) and prints the root sequence and threshold, the \
            installed statement's sequence, iat and exp, whether tokens are refused \
            (key_set_expired once exp + the one-day grace has passed), and each key: usable or \
            not and why. With --json, one line: {"iss", "root_sequence", "threshold", \
            "sequence", "iat", "exp", "expired", "fails_closed", "keys": [{"kid", "usable", \
            "reason", "not_before", "retire_at"}]}.

            Exit status: 0 shown, 2 usage error or an unusable trust root, store or floor.
            """,
        options: KeysDeviceOptions.options() + [
            .flag("--json", help: "Print one JSON object on stdout."),
        ]
    )

    let device: KeysDeviceOptions
    let json: Bool

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        device = try KeysDeviceOptions(parsing: arguments)
        json = arguments.flag("--json")
    }

    func run() throws {
        let status = try device.keySet().status(at: device.evaluationTime)
        print(json ? Self.json(status) : Self.report(status))
    }

    /// The human-readable status.
    static func report(_ status: RotatingKeySet.Status) -> String {
        var lines = [
            "iss: " + RevocationFiles.quoted(status.issuer),
            "root: #\(status.trustRoot.sequence), \(status.trustRoot.threshold) of \(RevocationFiles.counted(status.trustRoot.keys.keys.count, "key"))",
        ]
        if let statement = status.statement {
            lines.append("statement: #\(statement.sequence), iat \(KeysFiles.date(statement.issuedAt)), exp \(KeysFiles.date(statement.expiresAt))")
        } else {
            lines.append("statement: none installed")
        }
        lines.append(
            status.failsClosed
                ? "tokens: REFUSED (" + (status.statement == nil ? "unknown_key: no statement" : "key_set_expired") + ")"
                : status.isExpired ? "tokens: verified (statement expired, within the grace period)" : "tokens: verified")
        lines.append("keys: \(status.keys.filter(\.isUsable).count) of \(status.keys.count) usable")
        for key in status.keys {
            lines.append("  \(RevocationFiles.quoted(key.keyID)): " + (key.reason.map { "NOT usable: " + Terminal.safe($0) } ?? "usable"))
        }
        return lines.joined(separator: "\n")
    }

    /// The status as one JSON object.
    static func json(_ status: RotatingKeySet.Status) -> String {
        JSONOutput.object([
            "iss": .string(status.issuer), "root_sequence": .number(JSONNumber(Double(status.trustRoot.sequence))),
            "threshold": .number(JSONNumber(Double(status.trustRoot.threshold))),
            "sequence": status.statement.map { .number(JSONNumber(Double($0.sequence))) } ?? .null,
            "iat": KeysFiles.number(status.statement?.issuedAt), "exp": KeysFiles.number(status.statement?.expiresAt),
            "expired": .bool(status.isExpired), "fails_closed": .bool(status.failsClosed),
            "keys": .array(
                status.keys.map { key in
                    JSONOutput.object([
                        "kid": .string(key.keyID), "usable": .bool(key.isUsable), "reason": JSONOutput.string(key.reason),
                        "not_before": KeysFiles.number(key.window.notBefore), "retire_at": KeysFiles.number(key.window.retireAt),
                    ])
                }),
        ]).jsonText
    }
}
