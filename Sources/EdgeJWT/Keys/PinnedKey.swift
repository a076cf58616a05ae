/// One trusted Ed25519 public key from the pinned set (RFC 8037 `OKP` / `Ed25519`).
public struct PinnedKey: Sendable, Hashable {
    /// `kid`, if the JWK had one.
    public let keyID: String?
    /// The 32-byte public key, a valid point of the prime-order subgroup (checked at load).
    public let publicKey: [UInt8]
    /// The JWK's `alg`, if any: the key then verifies only tokens with exactly this `alg`.
    public let algorithm: String?

    /// Creates a key from already validated parts.
    init(keyID: String?, publicKey: [UInt8], algorithm: String?) {
        precondition(publicKey.count == Sodium.publicKeyByteCount)
        self.keyID = keyID
        self.publicKey = publicKey
        self.algorithm = algorithm
    }

    /// Whether this key may verify a token whose header says `algorithm`.
    /// - Parameter tokenAlgorithm: The token's `alg`.
    public func accepts(algorithm tokenAlgorithm: String) -> Bool {
        algorithm == nil || algorithm == tokenAlgorithm
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    /// - Parameters:
    ///   - signature: The signature; anything but 64 bytes is invalid.
    ///   - message: The signed bytes.
    /// - Returns: The libsodium verdict (`crypto_sign_verify_detached`).
    public func isValidSignature<Message: Collection<UInt8>>(_ signature: [UInt8], for message: Message) -> Bool {
        guard signature.count == Sodium.signatureByteCount else { return false }
        return signature.withUnsafeBytes { signatureBytes in
            publicKey.withUnsafeBytes { keyBytes in
                let verdict = message.withContiguousStorageIfAvailable { messageBytes in
                    Sodium.isValidSignature(signatureBytes, for: UnsafeRawBufferPointer(messageBytes), publicKey: keyBytes)
                }
                return verdict ?? Array(message).withUnsafeBytes {
                    Sodium.isValidSignature(signatureBytes, for: $0, publicKey: keyBytes)
                }
            }
        }
    }
}
