/// A member of a pinned JWK Set that was loaded but can never verify a token, with the reason.
///
/// A provider's published set mixes key types: RSA and EC keys, X25519 or Ed448 `OKP` keys sit
/// next to its Ed25519 ones. Those are kept here instead of failing the whole set, as are
/// Ed25519 keys kept out of selection by their `use`, `key_ops` or `alg` (RFC 7517 §4.2–4.4).
///
/// ```swift
/// for skipped in keys.skippedKeys {
///     print("#\(skipped.position) \(skipped.keyType) \(skipped.curve ?? "-"): \(skipped.reason)")
/// }
/// ```
public struct SkippedKey: Sendable, Hashable {
    /// The key's index in the set's `keys` array, from 0.
    public let position: Int
    /// `kid`, if the JWK had a string one.
    public let keyID: String?
    /// The JWK's `kty`, e.g. `RSA`, `EC`, `OKP`.
    public let keyType: String
    /// The JWK's `crv`, if it had a string one, e.g. `P-256`, `X25519`, `Ed448`.
    public let curve: String?
    /// Why the key is never used, in plain language, e.g. `kty RSA is not OKP`.
    public let reason: String

    /// Whether the key is an Ed25519 key (`OKP`/`Ed25519`) that is only kept out of selection by
    /// its `use`, `key_ops` or `alg`; `false` for a key of another type or curve.
    public var isEd25519: Bool { keyType == "OKP" && curve == "Ed25519" }

    /// Creates a record of a skipped key.
    /// - Parameters:
    ///   - position: The index in the `keys` array.
    ///   - keyID: The `kid`, if any.
    ///   - keyType: The `kty`.
    ///   - curve: The `crv`, if any.
    ///   - reason: Why the key is never used.
    init(position: Int, keyID: String?, keyType: String, curve: String?, reason: String) {
        self.position = position
        self.keyID = keyID
        self.keyType = keyType
        self.curve = curve
        self.reason = reason
    }

    /// The key's type for a message: `kty RSA`, or `kty OKP, crv X25519` (JSON-quoted when odd).
    var typeDescription: String {
        let type = "kty " + PinnedKeySet.quotedIfNeeded(keyType)
        return curve.map { type + ", crv " + PinnedKeySet.quotedIfNeeded($0) } ?? type
    }
}
