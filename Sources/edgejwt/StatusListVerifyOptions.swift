import ArgumentParser

/// `verify` options for the IETF Token Status List (draft-ietf-oauth-status-list-20,
/// docs/status-list.md).
///
/// The status check is always on: a token whose `status.status_list` names a list that was not
/// given is refused as `status_unavailable`. `--no-status-check` is the only way to turn it off,
/// and is never implied by any other option.
struct StatusListVerifyOptions: ParsableArguments {
    @Option(
        name: .customLong("status-list"),
        help: ArgumentHelp("A Status List Token file, signed by a pinned key (repeatable).", valueName: "FILE"))
    var files: [String] = []

    @Flag(
        name: .customLong("no-status-check"),
        help: "Skip Token Status List checks entirely: status claims are ignored (fail open; never implied).")
    var skipsStatusCheck = false
}
