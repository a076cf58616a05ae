import EdgeJWT

/// `edgejwt inspect`: shows what a token says, without trusting any of it.
struct InspectCommand: Command {
    static let declaration = CommandDeclaration(
        name: "inspect",
        abstract: "Decode a token's header and payload WITHOUT verifying anything.",
        discussion: """
            For debugging only: the signature, the time claims and every policy are NOT checked, \
            and no key is needed. Use verify to decide whether a token is valid.

            The token must still be a compact JWS: three strict base64url segments whose header \
            and payload are strict JSON objects. TOKEN may be - for standard input (one trailing \
            LF or CRLF removed).

            Output: a first line UNVERIFIED — signature, time and policy NOT checked, then the \
            header and payload as indented JSON, the signature's length, and exp/nbf/iat as UTC \
            dates. With --json, one line: {"verified":false,"header":{…},"payload":{…}}.

            Exit status: 0 decoded, 1 cannot be decoded (UNDECODABLE <code>: <detail>, or \
            {"verified":false,"error":…,"detail":…} with --json), 2 usage error or unreadable input.
            """,
        options: [
            .flag("--json", help: "Print one JSON object on stdout."),
        ],
        arguments: [
            ArgumentDeclaration("TOKEN", help: "The compact JWT, or - to read it from standard input."),
        ]
    )

    /// Inspect reads tokens up to 1 MiB, not the verifier's 16 KiB: an oversized token is
    /// exactly the kind one wants to look into. A longer one is `token_too_large` (exit 1).
    static let limits: VerifierOptions.Limits = {
        var limits = VerifierOptions.Limits()
        limits.maxTokenBytes = InputFiles.maxBytes
        return limits
    }()

    let json: Bool
    let token: String

    init(parsing arguments: ParsedArguments) {
        json = arguments.flag("--json")
        token = arguments.requiredArgument("TOKEN")
    }

    func run() throws {
        let input = try InputFiles.token(token, maxTokenBytes: Self.limits.maxTokenBytes)
        let decoded: UnverifiedToken
        do {
            decoded = try UnverifiedToken(decoding: try input.get(), limits: Self.limits)
        } catch {
            print(json ? JSONOutput.rejected(error, flag: "verified") : "UNDECODABLE \(error.code.rawValue): \(Terminal.safe(error.detail))")
            throw ExitCode(ExitStatus.rejected)
        }
        if json {
            print(
                JSONOutput.object([
                    "verified": .bool(false),
                    "header": .object(decoded.header),
                    "payload": .object(decoded.payload),
                ]).jsonText)
        } else {
            print(Self.report(decoded))
        }
    }

    /// The human-readable report.
    static func report(_ token: UnverifiedToken) -> String {
        var lines = [
            "UNVERIFIED — signature, time and policy NOT checked",
            "header: " + JSONOutput.pretty(.object(token.header)),
            "payload: " + JSONOutput.pretty(.object(token.payload)),
            "signature: \(token.signature.count) bytes (not checked)",
        ]
        for name in ["exp", "nbf", "iat"] {
            if case .number(let number)? = token.payload[name], number.value.isFinite, number.value >= NumericDate.earliest,
                number.value <= NumericDate.latest
            {
                lines.append("\(name): " + Terminal.date(number.literal, seconds: number.value))
            }
        }
        return lines.joined(separator: "\n")
    }
}
