/// `verify` options for the IETF Token Status List (draft-ietf-oauth-status-list-20,
/// docs/status-list.md).
///
/// The status check is always on: a token whose `status.status_list` names a list that was not
/// given is refused as `status_unavailable`. `--no-status-check` is the only way to turn it off,
/// and is never implied by any other option.
struct StatusListVerifyOptions {
    /// The options, declared for `verify`.
    /// - Parameter section: The help section they are listed under.
    static func options(section: String? = nil) -> [OptionDeclaration] {
        [
            .repeatable("--status-list", value: "FILE", help: "A Status List Token file, signed by a pinned key (repeatable).", section: section),
            .flag(
                "--no-status-check", help: "Skip Token Status List checks entirely: status claims are ignored (fail open; never implied).",
                section: section),
        ]
    }

    /// `--status-list`, in command-line order.
    let files: [String]
    /// `--no-status-check`.
    let skipsStatusCheck: Bool

    /// Reads the options.
    /// - Parameter arguments: A command line parsed with ``options(section:)`` declared.
    init(parsing arguments: ParsedArguments) {
        files = arguments.values("--status-list")
        skipsStatusCheck = arguments.flag("--no-status-check")
    }
}
