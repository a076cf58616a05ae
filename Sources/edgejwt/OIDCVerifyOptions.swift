import ArgumentParser
import EdgeJWT

/// `verify` options for the OpenID Connect ID Token profile (OpenID Connect Core 1.0 §3.1.3.7,
/// docs/oidc.md).
///
/// `--oidc` turns the profile on for the single `--issuer`; `--nonce` also applies to the
/// issuers of a `--config` file. Which combinations are usage errors is decided in
/// ``VerificationSetup/validate(_:)``.
struct OIDCVerifyOptions: ParsableArguments {
    @Flag(
        name: .customLong("oidc"),
        help: "Apply the OpenID Connect ID Token rules (needs exactly one --issuer and --client-id).")
    var isEnabled = false

    @Option(
        name: .customLong("client-id"),
        help: ArgumentHelp("The relying party's client id: aud must contain it, azp equal it.", valueName: "ID"))
    var clientID: String?

    @Option(
        name: .customLong("nonce"),
        help: ArgumentHelp(
            "The nonce sent in the authentication request: the token's must equal it (with --oidc or --config).", valueName: "N"))
    var nonce: String?

    @Option(
        name: .customLong("max-auth-age"),
        help: ArgumentHelp("Require auth_time, no older than now - SECONDS - leeway (the request's max_age).", valueName: "SECONDS"))
    var maxAuthAge: Seconds?

    /// The profile the flags describe, or `nil` without `--oidc`.
    var profile: OIDCOptions? {
        guard isEnabled, let clientID else { return nil }
        var oidc = OIDCOptions(clientID: clientID)
        oidc.nonce = nonce
        oidc.maxAuthenticationAge = maxAuthAge?.duration
        return oidc
    }
}
