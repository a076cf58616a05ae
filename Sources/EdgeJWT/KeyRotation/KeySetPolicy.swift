/// How a device treats its key-set statement over time: how far a new statement's `iat` may be
/// ahead of the clock, and what happens once the installed statement has expired while offline.
///
/// The default fails closed one day after `exp`: every token is refused with `key_set_expired`
/// until a newer statement is installed (docs/key-rotation.md §6).
/// ```swift
/// var policy = KeySetPolicy()
/// policy.expiryGracePeriod = .seconds(3 * 86_400)   // devices that sync only on weekdays
/// ```
public struct KeySetPolicy: Sendable, Hashable {
    /// How long after the installed statement's `exp` its keys are still used. Default: one day
    /// (86 400 s): a device that misses one publication cycle keeps working, while an attacker
    /// who cuts a device off from updates (to keep a stolen, since-retired key usable) gains at
    /// most a day.
    public var expiryGracePeriod: Duration = .seconds(86_400)
    /// Keep using an expired statement's keys after the grace period instead of refusing every
    /// token with `key_set_expired`. An explicit opt-out of failing closed; key windows still
    /// apply. Default: `false`.
    public var failsOpenAfterExpiry = false
    /// How far a statement's `iat` may be after the device clock when it is installed.
    /// Default: 60 s, as ``VerifierOptions/leeway``.
    public var leeway: Duration = .seconds(60)

    /// A policy with the defaults above.
    public init() {}
}
