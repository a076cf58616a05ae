/// Step 9: revocation or status data consulted after every other rule has passed.
///
/// Implementations (the IETF Token Status List, EdgeJWT's compact revocation list) read the data
/// they hold at call time, so a sync agent may swap it while verifiers run. They fail closed:
/// missing or stale data is a rejection unless the caller chose otherwise.
public protocol StatusCheck: Sendable {
    /// Throws when the token must not be accepted now.
    /// - Parameters:
    ///   - header: The verified header.
    ///   - claims: The verified claims.
    ///   - now: The evaluation time.
    /// - Throws: `revoked`, `suspended`, `revocation_list_stale`, `status_unavailable`, or
    ///   `malformed_token` for an unusable status claim.
    func check(header: JOSEHeader, claims: Claims, at now: NumericDate) throws(VerificationError)
}
