extension PinnedKeySet {
    /// Step 4: the pinned key that must have signed a token with this header.
    ///
    /// With a `kid`: that key, if usable for the token's `alg`. Without: the only key usable for
    /// the token's `alg`. Never a fall-back to another key; keys named in the header
    /// (`jwk`, `jku`, `x5u`, `x5c`) are never consulted.
    /// - Parameter header: The checked header.
    /// - Returns: The key to verify the signature with.
    /// - Throws: `unsupported_algorithm` when the `kid` names a key of another type or curve
    ///   (RSA, EC, X25519, Ed448); `unknown_key` when no single usable key matches.
    func key(for header: JOSEHeader) throws(VerificationError) -> PinnedKey {
        guard let keyID = header.keyID else {
            return try onlyKey(for: header.algorithm)
        }
        guard let key = keys.first(where: { $0.keyID?.isExactly(keyID) == true }) else {
            throw unusableKeyError(keyID: keyID)
        }
        guard key.accepts(algorithm: header.algorithm) else {
            throw VerificationError(.unknownKey, "kid \(Self.quoted(keyID)) is pinned for alg \(key.algorithm ?? ""), not \(header.algorithm)")
        }
        return key
    }

    /// Why no usable key has this `kid`: a skipped key of another type or curve cannot verify
    /// an EdDSA signature (`unsupported_algorithm`); a skipped Ed25519 key or none is `unknown_key`.
    private func unusableKeyError(keyID: String) -> VerificationError {
        guard let skipped = skippedKey(keyID: keyID) else {
            return VerificationError(.unknownKey, "kid \(Self.quoted(keyID)) is not in the pinned set")
        }
        guard skipped.isEd25519 else {
            return VerificationError(
                .unsupportedAlgorithm, "kid \(Self.quoted(keyID)) is a pinned \(skipped.typeDescription) key: only Ed25519 keys verify")
        }
        return VerificationError(.unknownKey, "kid \(Self.quoted(keyID)) is pinned but never used: \(skipped.reason)")
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
