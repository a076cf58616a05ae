/// Step 10: a token that passed every check, with its header and claims.
public struct VerifiedToken: Sendable, Hashable {
    /// The checked protected header.
    public let header: JOSEHeader
    /// The verified claims.
    public let claims: Claims
    /// The `kid` of the pinned key that verified the signature (`nil` if that key has none).
    public let keyID: String?
}
