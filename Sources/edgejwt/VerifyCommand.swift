import EdgeJWT

/// `edgejwt verify`: the whole verification pipeline, with its outcome on stdout and in the exit status.
struct VerifyCommand: Command {
    static let declaration = CommandDeclaration(
        name: "verify",
        abstract: "Verify a token's signature, time claims and policy against a pinned JWK Set.",
        discussion: """
            Checks, in order: size and structure, the header (alg must be EdDSA or Ed25519; an \
            unknown crit is refused), the key, the Ed25519 signature, the claims, exp/nbf/iat \
            (with --leeway), then --issuer, --audience, --typ and --require, then with --oidc the \
            OpenID Connect ID Token rules, and last the token's status.

            Keys come only from --keys, never from the token. A token with a kid is checked with \
            the pinned key of that kid and no other. A token without a kid is accepted only when \
            exactly one usable key is pinned for its alg; with several, it is refused as unknown_key. \
            The set may hold keys of other types or curves (RSA, EC, X25519, Ed448), as providers \
            publish them: they are skipped, and a token whose kid names one is refused as \
            unsupported_algorithm.

            OpenID Connect (docs/oidc.md): --oidc --client-id ID with exactly one --issuer applies \
            OpenID Connect Core §3.1.3.7: sub, aud, exp and iat required, aud containing ID, azp \
            (required with several audiences) equal to ID. --nonce N requires the token's nonce to \
            equal N; --max-auth-age SECONDS requires auth_time, no older than now - SECONDS - leeway.

            Several issuers (docs/oidc.md): --config FILE replaces --keys and the policy options \
            (--issuer, --audience, --leeway, --max-age, --typ, --require, --oidc, --client-id, \
            --max-auth-age): the token's iss picks that issuer's keys, client id and policy from \
            the file before the signature is checked. --nonce, --now, --json and the status options \
            still apply.

            Token Status List (docs/status-list.md): the status check always runs. A token with a \
            "status": {"status_list": {"idx": N, "uri": U}} claim is looked up in the list whose \
            sub is U among the --status-list files, each a Status List Token signed by a key of \
            --keys (with --config: of an issuer's key set; it then applies to that issuer's tokens). \
            With no such list the token is refused (status_unavailable): fail closed, also when no \
            --status-list is given. A list past exp or iat + ttl is revocation_list_stale. \
            --no-status-check skips Token Status List checks entirely (status claims are ignored); \
            no other option implies it. A list file that cannot be read, verified or installed is \
            a configuration error.

            Revocation list (docs/revocation-format.md): --revocation FILE installs an EdgeJWT \
            revocation list signed by a key of --revocation-keys, the publisher's JWK Set \
            (default: the --keys set; required with --config, where the list then applies to \
            every issuer's tokens). Repeat it for a snapshot followed by its deltas, installed in \
            order. After the Token Status List check, a token is revoked when the list names its \
            (iss, jti), its (iss, sub) with an iat before the entry's time (or no iat), or its \
            header kid; expired when its exp is before the list's horizon (the list's trusted \
            iat is after it); and from the list's valid_until on, every token is \
            revocation_list_stale (fail closed). --no-status-check does not skip it. A file that \
            cannot be read or verified, or a lower sequence after a higher one (rollback), is a \
            configuration error. Build lists with edgejwt revocation build | add | delta.

            TOKEN may be - to read the token from standard input: one trailing LF or CRLF is \
            removed; any other whitespace stays and makes the token malformed. At most the size \
            limit (16 KiB) plus 3 bytes are read: a longer input is rejected as token_too_large \
            (exit 1), like a longer TOKEN. Put -- before a TOKEN that starts with -.

            --stream (no TOKEN): reads one token per line from standard input until it ends and \
            writes one --json verdict per line, in input order: output line N is the verdict on \
            input line N. One trailing CR is removed from each line. An empty, malformed, \
            non-UTF-8 or over-long line gets its own rejection and the stream goes on. Output is \
            buffered unless standard output is a terminal. --threads N verifies on N threads \
            (order kept). Exit status 0 when the input has ended, whatever the verdicts: read \
            "valid" on each line; 2 as below (configuration errors, before any output) or when \
            standard input cannot be read.

            Output (stdout): VALID then kid, iss, sub, aud and exp; or REJECTED <code>: <detail>. \
            With --json, one line: {"valid":true,"kid":…,"header":{…},"claims":{…}} ("kid" is null \
            when the key has none) or {"valid":false,"error":"<code>","detail":"…"}.

            Codes: malformed_token, token_too_large, unsupported_algorithm, \
            unsupported_critical_header, unknown_key, invalid_signature, expired, not_yet_valid, \
            issued_in_future, token_too_old, issuer_mismatch, audience_mismatch, missing_claim, \
            type_mismatch; with --oidc or --config: nonce_mismatch, azp_mismatch, \
            auth_time_too_old, and with a configuration's acr_values acr_mismatch; status: \
            revoked, suspended, revocation_list_stale, status_unavailable; with --revocation: \
            revoked, expired, revocation_list_stale.

            Exit status: 0 valid, 1 rejected, 2 usage error, unusable key set, configuration, \
            status list or revocation list, or unreadable input (message on stderr, nothing on stdout).
            """,
        options: [
            .option("--keys", value: "JWKS_FILE", help: "The pinned JWK Set of public Ed25519 keys (or give --config)."),
            .option("--config", value: "FILE", help: "A multi-issuer configuration (docs/oidc.md): keys and policy per issuer, instead of --keys."),
            .option("--now", value: "UNIX_SECONDS", help: "Evaluation time, in seconds since 1970 (default: the system clock)."),
            .option("--time-floor", value: "FILE", help: "The device's persisted time floor (docs/time-model.md): now is never taken earlier than it, and every status or revocation list installed raises it to the list's iat. Created when missing."),
            .option("--leeway", value: "SECONDS", help: "Allowed clock skew for exp, nbf, iat and auth_time (default: 60)."),
            .repeatable("--issuer", value: "ISS", help: "An accepted iss (repeatable: any of them)."),
            .repeatable("--audience", value: "AUD", help: "An accepted aud (repeatable: any of them)."),
            .option("--max-age", value: "SECONDS", help: "Reject tokens whose iat is older than now - max-age - leeway (iat becomes required)."),
            .repeatable("--require", value: "CLAIM", help: "A claim that must be present (repeatable)."),
            .option("--typ", value: "VALUE", help: "The required typ header (case-insensitive; application/ optional)."),
            .flag("--json", help: "Print one JSON object on stdout."),
        ] + OIDCVerifyOptions.options(section: "OpenID Connect ID Tokens")
            + StatusListVerifyOptions.options(section: "Token Status List (always checked)")
            + RevocationVerifyOptions.options(section: "Revocation list (checked only when given)") + [
            .flag("--stream", help: "Read one token per line from standard input; write one JSON verdict per line, in order (no TOKEN)."),
            .option("--threads", value: "N", help: "With --stream: verify on this many threads, output order kept (default: 1)."),
        ],
        arguments: [
            ArgumentDeclaration("TOKEN", .optional, help: "The compact JWT, or - to read it from standard input (not with --stream)."),
        ]
    )

    let keys: String?
    let config: String?
    let now: Seconds?
    let timeFloor: String?
    let leeway: Seconds?
    let issuers: [String]
    let audiences: [String]
    let maxAge: Seconds?
    let requiredClaims: [String]
    let type: String?
    let json: Bool
    let oidc: OIDCVerifyOptions
    let statusLists: StatusListVerifyOptions
    let revocation: RevocationVerifyOptions
    let stream: Bool
    let threads: Int?
    let token: String?

    /// The verifier options the flags describe (with `--keys`; `--config` sets its own).
    var options: VerifierOptions {
        var options = VerifierOptions()
        if let leeway { options.leeway = leeway.duration }
        options.issuers = issuers
        options.audiences = audiences
        options.maxAge = maxAge?.duration
        options.requiredClaims = requiredClaims
        options.requiredType = type
        options.oidc = oidc.profile
        return options
    }

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        keys = arguments.value("--keys")
        config = arguments.value("--config")
        now = try arguments.value("--now", as: Seconds.self)
        timeFloor = arguments.value("--time-floor")
        leeway = try arguments.value("--leeway", as: Seconds.self)
        issuers = arguments.values("--issuer")
        audiences = arguments.values("--audience")
        maxAge = try arguments.value("--max-age", as: Seconds.self)
        requiredClaims = arguments.values("--require")
        type = arguments.value("--typ")
        json = arguments.flag("--json")
        oidc = try OIDCVerifyOptions(parsing: arguments)
        statusLists = StatusListVerifyOptions(parsing: arguments)
        revocation = RevocationVerifyOptions(parsing: arguments)
        stream = arguments.flag("--stream")
        threads = try arguments.value("--threads", as: Int.self)
        token = arguments.argument("TOKEN")
    }

    func validate() throws {
        try VerificationSetup.validate(self)
        try VerifyStream.validate(self)
    }

    func run() throws {
        let setup = try VerificationSetup(self)
        guard let token else {
            return try VerifyStream.run(setup, threads: threads ?? 1)
        }
        let input = try InputFiles.token(token, maxTokenBytes: setup.maxTokenBytes)
        do {
            let verified = try setup.verify(try input.get())
            print(json ? JSONOutput.valid(verified) : Self.summary(of: verified))
        } catch {
            print(json ? JSONOutput.rejected(error) : "REJECTED \(error.code.rawValue): \(Terminal.safe(error.detail))")
            throw ExitCode(ExitStatus.rejected)
        }
    }

    /// The human-readable report of a valid token.
    static func summary(of token: VerifiedToken) -> String {
        let claims = token.claims
        let lines = [
            "VALID",
            "kid: " + shown(token.keyID),
            "iss: " + shown(claims.issuer),
            "sub: " + shown(claims.subject),
            "aud: " + shown(claims.audience?.joined(separator: ", ")),
            "exp: " + (claims.expiration.map { Terminal.date($0.description, seconds: $0.secondsSinceEpoch) } ?? "(none)"),
        ]
        return lines.joined(separator: "\n")
    }

    private static func shown(_ text: String?) -> String {
        text.map(Terminal.safe) ?? "(none)"
    }
}
