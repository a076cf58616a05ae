import ArgumentParser

/// `verify` options for EdgeJWT's own compact revocation list (docs/revocation-format.md).
///
/// Unlike the Token Status List, this check runs only when `--revocation` is given: then every
/// token is checked against the installed list, and a list past its `valid_until` refuses every
/// token (`revocation_list_stale`, fail closed). `--no-status-check` does not turn it off. Which
/// combinations are usage errors is decided in ``VerificationSetup/validate(_:)``.
struct RevocationVerifyOptions: ParsableArguments {
    @Option(
        name: .customLong("revocation"),
        help: ArgumentHelp("A revocation list: a snapshot, then its deltas, installed in order (repeatable).", valueName: "FILE"))
    var files: [String] = []

    @Option(
        name: .customLong("revocation-keys"),
        help: ArgumentHelp("The JWK Set of the revocation list's publisher (default: --keys).", valueName: "JWKS_FILE"))
    var keys: String?
}
