/// How long a device relies on a revocation list, and what it does once it may not.
///
/// The defaults fail closed: from the list's `valid_until` on (or when no list is installed)
/// every token is refused with `revocation_list_stale`.
/// ```swift
/// var policy = RevocationPolicy()
/// policy.maximumStaleness = .seconds(3_600)   // tolerate an hour past valid_until
/// policy.maxListAge = .seconds(7 * 86_400)    // and never rely on a list older than a week
/// ```
public struct RevocationPolicy: Sendable, Hashable {
    /// How long past its `valid_until` a list is still relied on. Default: 0 s, the publisher's
    /// `valid_until` is the limit. Raising it trades revocation latency for availability on
    /// devices that are offline longer than the publisher planned.
    public var maximumStaleness: Duration = .zero
    /// Oldest list relied on, as an age from its `iat`, whatever its `valid_until` says.
    /// Default: `nil`, no limit beyond `valid_until` + ``maximumStaleness``.
    public var maxListAge: Duration? = nil
    /// Accept tokens when the list is stale or none is installed, instead of refusing them with
    /// `revocation_list_stale`. An explicit opt-out of failing closed: tokens the stale list
    /// revokes are still refused. Default: `false`.
    public var failsOpen = false
    /// The list name this device accepts. Default: `nil`, the name of the first list installed
    /// (later lists must keep it either way).
    public var listName: String? = nil

    /// A policy with the defaults above.
    public init() {}
}
