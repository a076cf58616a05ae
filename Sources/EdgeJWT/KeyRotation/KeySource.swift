/// Where a ``Verifier`` finds the key for a token (step 4): a fixed pinned set, or a
/// ``RotatingKeySet`` that follows signed key-set statements.
public enum KeySource: Sendable {
    /// A JWK Set pinned once, e.g. from a file.
    case pinned(PinnedKeySet)
    /// The installed statement of a rotating key set, read without a lock at each verification.
    case rotating(RotatingKeySet)

    /// Step 4: the key that must have signed a token with this header, at `now`.
    /// - Parameters:
    ///   - header: The checked header.
    ///   - now: The evaluation time (key windows and statement expiry depend on it).
    /// - Returns: The key to verify the signature with.
    /// - Throws: `unknown_key`; for a rotating set also `key_set_expired`, `key_not_active`.
    @inline(__always)
    func key(for header: JOSEHeader, at now: NumericDate) throws(VerificationError) -> PinnedKey {
        switch self {
        case .pinned(let keys): try keys.key(for: header)
        case .rotating(let keys): try keys.key(for: header, at: now)
        }
    }
}
