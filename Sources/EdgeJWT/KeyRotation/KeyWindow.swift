/// When one key of a key-set statement may verify tokens: from `not_before` (inclusive) until
/// `retire_at` (exclusive), both optional (docs/key-rotation.md §3).
///
/// No leeway applies: the operator sets these instants in advance, with the overlap built in,
/// and a window that stretched by the verifier's leeway would no longer be the one signed.
/// ```swift
/// let window = KeyWindow(notBefore: 1_700_000_000, retireAt: 1_702_592_000)
/// window.contains(1_701_000_000)   // true
/// ```
public struct KeyWindow: Sendable, Hashable {
    /// The first instant the key may verify, or `nil` for "since the statement".
    public let notBefore: NumericDate?
    /// The first instant it may no longer verify, or `nil` for "until the statement expires".
    public let retireAt: NumericDate?

    /// Creates a window.
    /// - Parameters:
    ///   - notBefore: The first usable instant, or `nil`.
    ///   - retireAt: The first unusable instant, or `nil`; after `notBefore` when both are set.
    public init(notBefore: NumericDate? = nil, retireAt: NumericDate? = nil) {
        self.notBefore = notBefore
        self.retireAt = retireAt
    }

    /// Whether `now` is within [`notBefore`, `retireAt`). O(1); does not allocate.
    /// - Parameter now: The evaluation time.
    /// - Returns: `true` when the key may verify a token at `now`.
    @inline(__always)
    public func contains(_ now: NumericDate) -> Bool {
        if let notBefore, now < notBefore { return false }
        if let retireAt, now >= retireAt { return false }
        return true
    }

    /// Why a key with this window may not verify at `now`, or `nil` when it may.
    func inactivity(at now: NumericDate) -> String? {
        if let notBefore, now < notBefore { return "not active before \(notBefore); now is \(now)" }
        if let retireAt, now >= retireAt { return "retired at \(retireAt); now is \(now)" }
        return nil
    }
}
