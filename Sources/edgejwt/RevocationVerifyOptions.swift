/// `verify` options for EdgeJWT's own compact revocation list (docs/revocation-format.md).
///
/// Unlike the Token Status List, this check runs only when `--revocation` is given: then every
/// token is checked against the installed list, and a list past its `valid_until` refuses every
/// token (`revocation_list_stale`, fail closed). `--no-status-check` does not turn it off. Which
/// combinations are usage errors is decided in ``VerificationSetup/validate(_:)``.
struct RevocationVerifyOptions {
    /// The options, declared for `verify`.
    /// - Parameter section: The help section they are listed under.
    static func options(section: String? = nil) -> [OptionDeclaration] {
        [
            .repeatable(
                "--revocation", value: "FILE", help: "A revocation list: a snapshot, then its deltas, installed in order (repeatable).",
                section: section),
            .option(
                "--revocation-keys", value: "JWKS_FILE", help: "The JWK Set of the revocation list's publisher (default: --keys).",
                section: section),
        ]
    }

    /// `--revocation`, in command-line order.
    let files: [String]
    /// `--revocation-keys`.
    let keys: String?

    /// Reads the options.
    /// - Parameter arguments: A command line parsed with ``options(section:)`` declared.
    init(parsing arguments: ParsedArguments) {
        files = arguments.values("--revocation")
        keys = arguments.value("--revocation-keys")
    }
}
