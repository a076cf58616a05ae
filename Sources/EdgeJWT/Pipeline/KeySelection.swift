extension PinnedKeySet {
    /// Step 4: the pinned key that must have signed a token with this header.
    ///
    /// With a `kid`: that key, if usable for the token's `alg`. Without: the only key usable for
    /// the token's `alg`. Never a fall-back to another key; keys named in the header
    /// (`jwk`, `jku`, `x5u`, `x5c`) are never consulted.
    /// - Parameter header: The checked header.
    /// - Returns: The key to verify the signature with.
    /// - Throws: `unknown_key` when no single usable key matches.
    func key(for header: JOSEHeader) throws(VerificationError) -> PinnedKey {
        guard let keyID = header.keyID else {
            return try onlyKey(for: header.algorithm)
        }
        guard let key = keys.first(where: { $0.keyID?.isExactly(keyID) == true }) else {
            let reason = skippedKeyIDs[keyID].map { " is pinned but never used: \($0)" } ?? " is not in the pinned set"
            throw VerificationError(.unknownKey, "kid \(Self.quoted(keyID))\(reason)")
        }
        guard key.accepts(algorithm: header.algorithm) else {
            throw VerificationError(.unknownKey, "kid \(Self.quoted(keyID)) is pinned for alg \(key.algorithm ?? ""), not \(header.algorithm)")
        }
        return key
    }

    private func onlyKey(for algorithm: String) throws(VerificationError) -> PinnedKey {
        var found: PinnedKey? = nil
        for key in keys where key.accepts(algorithm: algorithm) {
            guard found == nil else {
                throw VerificationError(.unknownKey, "the token has no kid and several pinned keys could verify it")
            }
            found = key
        }
        guard let found else {
            throw VerificationError(.unknownKey, "the token has no kid and no pinned key accepts alg \(algorithm)")
        }
        return found
    }
}
