import EdgeJWT

/// `verify` options for the OpenID Connect ID Token profile (OpenID Connect Core 1.0 §3.1.3.7,
/// docs/oidc.md).
///
/// `--oidc` turns the profile on for the single `--issuer`; `--nonce` also applies to the
/// issuers of a `--config` file. Which combinations are usage errors is decided in
/// ``VerificationSetup/validate(_:)``.
struct OIDCVerifyOptions {
    /// The options, declared for `verify`.
    /// - Parameter section: The help section they are listed under.
    static func options(section: String? = nil) -> [OptionDeclaration] {
        [
            .flag(
                "--oidc", help: "Apply the OpenID Connect ID Token rules (needs exactly one --issuer and --client-id).", section: section),
            .option(
                "--client-id", value: "ID", help: "The relying party's client id: aud must contain it, azp equal it.", section: section),
            .option(
                "--nonce", value: "N",
                help: "The nonce sent in the authentication request: the token's must equal it (with --oidc or --config).",
                section: section),
            .option(
                "--max-auth-age", value: "SECONDS",
                help: "Require auth_time, no older than now - SECONDS - leeway (the request's max_age).", section: section),
        ]
    }

    /// `--oidc`.
    let isEnabled: Bool
    /// `--client-id`.
    let clientID: String?
    /// `--nonce`.
    let nonce: String?
    /// `--max-auth-age`.
    let maxAuthAge: Seconds?

    /// Reads the options.
    /// - Parameter arguments: A command line parsed with ``options(section:)`` declared.
    /// - Throws: ``ValidationError`` when `--max-auth-age` is not a number of seconds.
    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        isEnabled = arguments.flag("--oidc")
        clientID = arguments.value("--client-id")
        nonce = arguments.value("--nonce")
        maxAuthAge = try arguments.value("--max-auth-age", as: Seconds.self)
    }

    /// The profile the flags describe, or `nil` without `--oidc`.
    var profile: OIDCOptions? {
        guard isEnabled, let clientID else { return nil }
        var oidc = OIDCOptions(clientID: clientID)
        oidc.nonce = nonce
        oidc.maxAuthenticationAge = maxAuthAge?.duration
        return oidc
    }
}
