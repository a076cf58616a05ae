import ArgumentParser

/// `verify` options that later versions implement.
///
/// Each is parsed, so it is not reported as an unknown option, and then refused with exit 2, so
/// it is never silently ignored. To implement one, move it from here into ``VerifyCommand`` and
/// delete its line from ``given``.
struct PlannedVerifyOptions: ParsableArguments {
    @Option(name: .customLong("status-list"), help: ArgumentHelp("Status List Token file.", valueName: "FILE"))
    var statusList: String?

    @Option(name: .customLong("revocation"), help: ArgumentHelp("Signed revocation list file.", valueName: "FILE"))
    var revocation: String?

    @Option(name: .customLong("revocation-keys"), help: ArgumentHelp("JWK Set that signs the revocation list.", valueName: "FILE"))
    var revocationKeys: String?

    @Flag(name: .customLong("oidc"), help: "Apply the OpenID Connect ID Token rules.")
    var oidc = false

    @Option(name: .customLong("client-id"), help: ArgumentHelp("OpenID Connect client id (azp, aud).", valueName: "ID"))
    var clientID: String?

    @Option(name: .customLong("nonce"), help: ArgumentHelp("Expected OpenID Connect nonce.", valueName: "N"))
    var nonce: String?

    @Option(name: .customLong("max-auth-age"), help: ArgumentHelp("Oldest accepted auth_time, as an age.", valueName: "SECONDS"))
    var maxAuthAge: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Verification policy file.", valueName: "FILE"))
    var config: String?

    /// Every planned option, by its spelling, with whether it was given.
    var given: [(option: String, isSet: Bool)] {
        [
            ("--status-list", statusList != nil),
            ("--revocation", revocation != nil),
            ("--revocation-keys", revocationKeys != nil),
            ("--oidc", oidc),
            ("--client-id", clientID != nil),
            ("--nonce", nonce != nil),
            ("--max-auth-age", maxAuthAge != nil),
            ("--config", config != nil),
        ]
    }

    /// Refuses the first planned option that was given.
    func validate() throws {
        if let first = given.first(where: \.isSet) {
            throw ValidationError("\(first.option) is not supported yet by this version of edgejwt")
        }
    }
}
