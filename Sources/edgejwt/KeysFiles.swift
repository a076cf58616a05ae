import EdgeJWT

/// What the `keys` subcommands share: reading roots, statements and JWK Sets, the current time,
/// and the reports of keys and statements. Every failure is a ``CLIError`` (exit 2) naming the
/// option and file, with the library's `code: detail`.
enum KeysFiles {
    /// A statement file's bytes, at most ``KeySetStatement/maxBytes``.
    /// - Parameters:
    ///   - path: The file.
    ///   - option: The option or argument that named it, for messages.
    static func contents(of path: String, option: String) throws(CLIError) -> [UInt8] {
        do {
            return try FileBytes.contents(ofFile: path, maxBytes: KeySetStatement.maxBytes)
        } catch {
            throw CLIError("cannot read \(option) \(error.description)")
        }
    }

    /// The provisioned trust root `--trust-root`, verified against itself.
    /// - Parameter path: The root statement file.
    static func trustRoot(at path: String) throws(CLIError) -> TrustRoot {
        do {
            return try TrustRoot(contentsOfFile: path)
        } catch {
            throw CLIError("cannot use the trust root --trust-root \(path): \(error.code.rawValue): \(error.detail)")
        }
    }

    /// The private root keys `--key`, each with a `kid`.
    /// - Parameter paths: The private JWK files.
    static func signingKeys(at paths: [String]) throws(CLIError) -> [SigningKey] {
        var keys: [SigningKey] = []
        for path in paths {
            let key = try RevocationFiles.signingKey(at: path)
            guard key.keyID != nil else { throw CLIError("the private key --key \(path) has no kid; a statement signature names its key") }
            keys.append(key)
        }
        return keys
    }

    /// The kind of a statement file by its protected header's `typ`.
    enum Kind: String {
        case keySet = "keyset"
        case root

        init?(of bytes: [UInt8]) {
            switch SignedStatement.type(of: bytes) {
            case KeySetStatement.type: self = .keySet
            case TrustRoot.type: self = .root
            default: return nil
            }
        }
    }

    /// `SECONDS (ISO 8601)`.
    static func date(_ date: NumericDate) -> String {
        Terminal.date(date.description, seconds: date.secondsSinceEpoch)
    }

    /// One line per key: kid, usable or not and why.
    static func keyLines(_ entries: [KeySetStatement.KeyEntry], at now: NumericDate) -> [String] {
        entries.map { entry in
            let kid = entry.keyID.isEmpty ? "(no kid)" : RevocationFiles.quoted(entry.keyID)
            let type = ([entry.keyType] + (entry.curve.map { [$0] } ?? [])).joined(separator: "/")
            var window: [String] = []
            if let notBefore = entry.window.notBefore { window.append("not_before " + date(notBefore)) }
            if let retireAt = entry.window.retireAt { window.append("retire_at " + date(retireAt)) }
            let verdict = entry.unusability(at: now).map { "NOT usable: " + Terminal.safe($0) } ?? "usable"
            return "  \(kid) \(Terminal.safe(type)): \(verdict)" + (window.isEmpty ? "" : " [" + window.joined(separator: ", ") + "]")
        }
    }

    /// The keys as JSON: `[{"kid","kty","crv","not_before","retire_at","usable","reason"}]`.
    static func keysJSON(_ entries: [KeySetStatement.KeyEntry], at now: NumericDate) -> JSONValue {
        .array(
            entries.map { entry in
                let reason = entry.unusability(at: now)
                return JSONOutput.object([
                    "kid": .string(entry.keyID), "kty": .string(entry.keyType), "crv": JSONOutput.string(entry.curve),
                    "not_before": number(entry.window.notBefore), "retire_at": number(entry.window.retireAt),
                    "usable": .bool(reason == nil), "reason": JSONOutput.string(reason),
                ])
            })
    }

    /// A NumericDate as a JSON number, or `null`.
    static func number(_ date: NumericDate?) -> JSONValue {
        date.map { .number(JSONNumber($0.secondsSinceEpoch)) } ?? .null
    }

    /// `{"valid":false,"error":…,"detail":…}` for a refused statement.
    static func refusedJSON(_ error: KeySetStatementError) -> String {
        JSONOutput.object(["valid": .bool(false), "error": .string(error.code.rawValue), "detail": .string(error.detail)]).jsonText
    }
}
