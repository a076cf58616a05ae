import ArgumentParser
import EdgeJWT

/// `edgejwt verify`: the whole verification pipeline, with its outcome on stdout and in the exit status.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a token's signature, time claims and policy against a pinned JWK Set.",
        discussion: """
            Checks, in order: size and structure, the header (alg must be EdDSA or Ed25519; an \
            unknown crit is refused), the key, the Ed25519 signature, the claims, exp/nbf/iat \
            (with --leeway), then --issuer, --audience, --typ and --require.

            Keys come only from --keys, never from the token. A token with a kid is checked with \
            the pinned key of that kid and no other. A token without a kid is accepted only when \
            exactly one usable key is pinned for its alg; with several, it is refused as unknown_key.

            TOKEN may be - to read the token from standard input: it is read whole and one \
            trailing LF or CRLF is removed; any other whitespace stays and makes the token \
            malformed. Put -- before a TOKEN that starts with -.

            Output (stdout): VALID then kid, iss, sub, aud and exp; or REJECTED <code>: <detail>. \
            With --json, one line: {"valid":true,"kid":…,"header":{…},"claims":{…}} ("kid" is null \
            when the key has none) or {"valid":false,"error":"<code>","detail":"…"}.

            Codes: malformed_token, token_too_large, unsupported_algorithm, \
            unsupported_critical_header, unknown_key, invalid_signature, expired, not_yet_valid, \
            issued_in_future, token_too_old, issuer_mismatch, audience_mismatch, missing_claim, \
            type_mismatch.

            Exit status: 0 valid, 1 rejected, 2 usage error, unusable key set or unreadable input \
            (message on stderr, nothing on stdout).
            """
    )

    @Option(name: .customLong("keys"), help: ArgumentHelp("The pinned JWK Set of public Ed25519 keys.", valueName: "JWKS_FILE"))
    var keys: String

    @Option(help: ArgumentHelp("Evaluation time, in seconds since 1970 (default: the system clock).", valueName: "UNIX_SECONDS"))
    var now: Seconds?

    @Option(help: ArgumentHelp("Allowed clock skew for exp, nbf and iat.", valueName: "SECONDS"))
    var leeway = Seconds(60)

    @Option(name: .customLong("issuer"), help: ArgumentHelp("An accepted iss (repeatable: any of them).", valueName: "ISS"))
    var issuers: [String] = []

    @Option(name: .customLong("audience"), help: ArgumentHelp("An accepted aud (repeatable: any of them).", valueName: "AUD"))
    var audiences: [String] = []

    @Option(
        name: .customLong("max-age"),
        help: ArgumentHelp("Reject tokens whose iat is older than now - max-age - leeway (iat becomes required).", valueName: "SECONDS"))
    var maxAge: Seconds?

    @Option(name: .customLong("require"), help: ArgumentHelp("A claim that must be present (repeatable).", valueName: "CLAIM"))
    var requiredClaims: [String] = []

    @Option(name: .customLong("typ"), help: ArgumentHelp("The required typ header (case-insensitive; application/ optional).", valueName: "VALUE"))
    var type: String?

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @OptionGroup(title: "Not supported yet (each exits with status 2)")
    var planned: PlannedVerifyOptions

    @Argument(help: ArgumentHelp("The compact JWT, or - to read it from standard input.", valueName: "TOKEN"))
    var token: String

    /// The verifier options the flags describe.
    var options: VerifierOptions {
        var options = VerifierOptions()
        options.leeway = leeway.duration
        options.issuers = issuers
        options.audiences = audiences
        options.maxAge = maxAge?.duration
        options.requiredClaims = requiredClaims
        options.requiredType = type
        return options
    }

    func run() throws {
        let pinned: PinnedKeySet
        do {
            pinned = try PinnedKeySet(contentsOfFile: keys)
        } catch {
            throw CLIError(error, loading: "the key set --keys", at: keys)
        }
        let bytes = try InputFiles.token(token)
        let clock: any TimeSource = now.map { FixedClock($0.date) } ?? SystemClock()
        let verifier = Verifier(keys: pinned, options: options, clock: clock)
        do {
            let verified = try verifier.verify(bytes: bytes)
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
