import EdgeJWT

/// `edgejwt keys sign`: the trust root signs a key-set statement from a JWK Set, or the next root.
struct KeysSignCommand: Command {
    static let declaration = CommandDeclaration(
        name: "sign",
        abstract: "Sign a key-set statement (--jwks) or a root statement (--root-jwks) with root keys.",
        discussion: """
            A key-set statement (--jwks FILE --iss ISS): the JWK Set devices use for ISS's tokens, \
            with sequence --sequence, issued at --iat (default now) and expiring --valid-for \
            seconds later (default 2592000, 30 days). Per-key windows come from the set's \
            not_before / retire_at members (whole seconds) or from --not-before KID=SECONDS and \
            --retire-at KID=SECONDS, which replace them. Every key needs a kid; private keys are \
            refused.

            A root statement (--root-jwks FILE --threshold M): the first root (--sequence 1, \
            signed by its own keys) or the successor of --trust-root (its sequence + 1, signed \
            by M of the new keys AND by the current root's threshold: give every --key needed).

            --key (repeatable) is a root's private JWK, as written by keygen. With --trust-root \
            the result is verified against it before anything is written (for a root: as its \
            successor); a first root is verified against itself. The file is written atomically \
            to --out; a one-line report goes to stderr.

            Exit status: 0 written, 2 usage error, unusable key or JWK Set, a statement that does \
            not verify, or a file that cannot be read or written.
            """,
        options: [
            .repeatable("--key", value: "PRIVATE_JWK_FILE", help: "A root private JWK that signs (repeat for a threshold)."),
            .option("--jwks", value: "JWKS_FILE", help: "The JWK Set of a key-set statement."),
            .option("--iss", value: "ISS", help: "The issuer a key-set statement is for."),
            .option("--root-jwks", value: "JWKS_FILE", help: "The public JWK Set of a root statement."),
            .option("--threshold", value: "M", help: "How many root keys must sign (root statements)."),
            .option("--sequence", value: "N", help: "The sequence number: above the last statement's; a root's is its predecessor's + 1.", isRequired: true),
            .option("--iat", value: "UNIX_SECONDS", help: "The issue time, whole seconds since 1970 (default: now)."),
            .option("--valid-for", value: "SECONDS", help: "Key-set statements: seconds until exp (default: 2592000)."),
            .repeatable("--not-before", value: "KID=UNIX_SECONDS", help: "A key's first usable time."),
            .repeatable("--retire-at", value: "KID=UNIX_SECONDS", help: "A key's first unusable time."),
            .option("--trust-root", value: "ROOT_FILE", help: "The current root, to verify the result against."),
            .option("--out", value: "FILE", help: "Where to write the statement.", isRequired: true),
        ]
    )

    let keys: [String]
    let jwks: String?
    let iss: String?
    let rootJWKS: String?
    let threshold: Int?
    let sequence: UInt64
    let iat: WholeSeconds?
    let validFor: WholeSeconds?
    let notBefore: [String]
    let retireAt: [String]
    let trustRoot: String?
    let out: String

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        keys = arguments.values("--key")
        jwks = arguments.value("--jwks")
        iss = arguments.value("--iss")
        rootJWKS = arguments.value("--root-jwks")
        threshold = try arguments.value("--threshold", as: Int.self)
        sequence = try arguments.required("--sequence", as: UInt64.self)
        iat = try arguments.value("--iat", as: WholeSeconds.self)
        validFor = try arguments.value("--valid-for", as: WholeSeconds.self)
        notBefore = arguments.values("--not-before")
        retireAt = arguments.values("--retire-at")
        trustRoot = arguments.value("--trust-root")
        out = arguments.required("--out")
    }

    func validate() throws {
        guard !keys.isEmpty else { throw ValidationError("give at least one --key") }
        guard sequence >= 1, sequence <= (1 << 53) - 1 else { throw ValidationError("--sequence must be from 1 to 2^53 - 1") }
        switch (jwks, rootJWKS) {
        case (.some, nil):
            guard iss?.isEmpty == false else { throw ValidationError("a key-set statement needs --iss") }
            guard threshold == nil else { throw ValidationError("--threshold is for root statements (--root-jwks)") }
            if validFor?.value == 0 { throw ValidationError("--valid-for must be at least 1") }
        case (nil, .some):
            guard let threshold, threshold >= 1 else { throw ValidationError("a root statement needs --threshold of at least 1") }
            guard iss == nil, validFor == nil, notBefore.isEmpty, retireAt.isEmpty else {
                throw ValidationError("--iss, --valid-for, --not-before and --retire-at are for key-set statements (--jwks)")
            }
        default:
            throw ValidationError("give exactly one of --jwks (a key-set statement) and --root-jwks (a root statement)")
        }
    }

    func run() throws {
        let signers = try KeysFiles.signingKeys(at: keys)
        var current: TrustRoot? = nil
        if let trustRoot { current = try KeysFiles.trustRoot(at: trustRoot) }
        let issuedAt = iat?.value ?? RevocationFiles.now()
        let bytes: [UInt8]
        let report: String
        if let jwks {
            let set = try windowed(try keySet(at: jwks, option: "--jwks"))
            let expiresAt = RevocationFiles.adding(validFor?.value ?? 2_592_000, to: issuedAt)
            bytes = StatementSigner.keySet(
                issuer: iss ?? "", sequence: sequence, issuedAt: issuedAt, expiresAt: expiresAt, jwks: set, signedBy: signers)
            let statement = try check { () throws(KeySetStatementError) in
                if let current { return try KeySetStatement(verifying: bytes, root: current) }
                return try KeySetStatement(unverified: bytes)
            }
            report = "wrote key-set statement #\(statement.sequence) for \(RevocationFiles.quoted(statement.issuer)): "
                + "\(RevocationFiles.counted(statement.keys.keys.count, "usable key")), expires \(KeysFiles.date(statement.expiresAt))"
        } else {
            let set = try keySet(at: rootJWKS ?? "", option: "--root-jwks")
            bytes = StatementSigner.root(sequence: sequence, issuedAt: issuedAt, threshold: threshold ?? 1, jwks: set, signedBy: signers)
            let root = try check { () throws(KeySetStatementError) in
                if let current { return try current.successor(verifying: bytes) }
                return try TrustRoot(verifying: bytes)
            }
            report = "wrote root statement #\(root.sequence): \(root.threshold) of \(RevocationFiles.counted(root.keys.keys.count, "root key"))"
        }
        try RevocationFiles.write(bytes, to: out, option: "--out")
        Terminal.writeError(report + " (\(RevocationFiles.grouped(bytes.count)) bytes) to \(out)"
            + (current == nil && jwks != nil ? "; NOT verified against a root (no --trust-root)" : ""))
    }

    /// Runs the check of what was just signed; a failure is a usage error: nothing is written.
    private func check<Value>(_ body: () throws(KeySetStatementError) -> Value) throws(CLIError) -> Value {
        do {
            return try body()
        } catch {
            throw CLIError("the statement just signed is not valid: \(error.code.rawValue): \(error.detail)")
        }
    }

    /// A JWK Set file as JSON, refused when it is not one.
    private func keySet(at path: String, option: String) throws(CLIError) -> JSONValue {
        let bytes = try KeysFiles.contents(of: path, option: option)
        guard let value = JSONValue.parse(bytes), case .array? = value.objectValue?["keys"] else {
            throw CLIError("\(option) \(path) is not a JWK Set: a strict JSON object with a \"keys\" array")
        }
        return value
    }

    /// The set with `--not-before` / `--retire-at` applied to the keys they name.
    private func windowed(_ set: JSONValue) throws(CLIError) -> JSONValue {
        let overrides = try Self.times(notBefore, option: "--not-before").map { ($0, "not_before", $1) }
            + Self.times(retireAt, option: "--retire-at").map { ($0, "retire_at", $1) }
        guard !overrides.isEmpty else { return set }
        let members = set.objectValue?["keys"]?.arrayValue ?? []
        var named: Set<String> = []
        let edited = members.map { member -> String in
            guard let jwk = member.objectValue, let kid = jwk["kid"]?.stringValue else { return member.jsonText }
            let mine = overrides.filter { $0.0 == kid }
            guard !mine.isEmpty else { return member.jsonText }
            named.insert(kid)
            let kept = jwk.members.filter { member in !mine.contains { $0.1 == member.name } }
            let texts = kept.map { JSONValue.string($0.name).jsonText + ":" + $0.value.jsonText } + mine.map { "\"\($0.1)\":\($0.2)" }
            return "{" + texts.joined(separator: ",") + "}"
        }
        if let missing = overrides.first(where: { !named.contains($0.0) }) {
            throw CLIError("no key of --jwks has kid \(RevocationFiles.quoted(missing.0)) (named by --\(missing.1.replacing("_", with: "-")))")
        }
        guard let result = JSONValue.parse(Array(("{\"keys\":[" + edited.joined(separator: ",") + "]}").utf8)) else {
            throw CLIError("--jwks could not be rewritten with the key windows")
        }
        return result
    }

    /// `KID=SECONDS` arguments.
    private static func times(_ arguments: [String], option: String) throws(CLIError) -> [(String, UInt64)] {
        var times: [(String, UInt64)] = []
        for argument in arguments {
            guard let equals = argument.lastIndex(of: "="), let seconds = WholeSeconds(argument: String(argument[argument.index(after: equals)...])) else {
                throw CLIError("\(option) \(Terminal.safe(argument)): expected KID=UNIX_SECONDS")
            }
            times.append((String(argument[..<equals]), seconds.value))
        }
        return times
    }
}
