import CSodium

/// The only place EdgeJWT calls libsodium.
///
/// Every entry point first touches ``ready``, a global whose initializer runs `sodium_init()`
/// exactly once, thread-safely (Swift globals are initialized lazily under `swift_once`).
package enum Sodium {
    /// Size of an Ed25519 public key.
    package static let publicKeyByteCount = 32
    /// Size of an Ed25519 seed (the JWK `d` of RFC 8037).
    package static let seedByteCount = 32
    /// Size of an Ed25519 signature.
    package static let signatureByteCount = 64

    private static let ready: Bool = {
        let status = sodium_init()
        precondition(status >= 0, "sodium_init() failed: libsodium cannot be used")
        return true
    }()

    /// Verifies an Ed25519 signature with `crypto_sign_verify_detached`.
    /// - Parameters:
    ///   - signature: Exactly 64 bytes (checked by the caller).
    ///   - message: The signed bytes.
    ///   - publicKey: Exactly 32 bytes (checked when the key was loaded).
    /// - Returns: `true` when the signature is valid for `message` under `publicKey`.
    static func isValidSignature(
        _ signature: UnsafeRawBufferPointer,
        for message: UnsafeRawBufferPointer,
        publicKey: UnsafeRawBufferPointer
    ) -> Bool {
        precondition(ready && signature.count == signatureByteCount && publicKey.count == publicKeyByteCount)
        let empty: UInt8 = 0
        let status = withUnsafePointer(to: empty) { emptyMessage in
            crypto_sign_verify_detached(
                signature.baseAddress!.assumingMemoryBound(to: UInt8.self),
                message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyMessage,
                UInt64(message.count),
                publicKey.baseAddress!.assumingMemoryBound(to: UInt8.self)
            )
        }
        return status == 0
    }

    /// Whether 32 bytes encode a canonical point of the prime-order subgroup that is not of small
    /// order (`crypto_core_ed25519_is_valid_point`).
    /// - Parameter encodedPoint: A 32-byte Ed25519 public key.
    static func isValidPoint(_ encodedPoint: [UInt8]) -> Bool {
        precondition(ready && encodedPoint.count == publicKeyByteCount)
        return encodedPoint.withUnsafeBufferPointer { crypto_core_ed25519_is_valid_point($0.baseAddress!) == 1 }
    }

    /// Derives an Ed25519 key pair from a 32-byte seed.
    /// - Parameter seed: The private seed (RFC 8037 `d`).
    /// - Returns: The public key and libsodium's 64-byte secret key.
    package static func keyPair(seed: [UInt8]) -> (publicKey: [UInt8], secretKey: [UInt8]) {
        precondition(ready && seed.count == seedByteCount)
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var secretKey = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        let status = crypto_sign_seed_keypair(&publicKey, &secretKey, seed)
        precondition(status == 0, "crypto_sign_seed_keypair failed")
        return (publicKey, secretKey)
    }

    /// Fills a buffer from libsodium's CSPRNG.
    /// - Parameter count: How many bytes.
    package static func randomBytes(_ count: Int) -> [UInt8] {
        precondition(ready)
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// Signs a message with Ed25519.
    /// - Parameters:
    ///   - message: The bytes to sign.
    ///   - secretKey: libsodium's 64-byte secret key from ``keyPair(seed:)``.
    /// - Returns: The 64-byte detached signature.
    package static func sign(_ message: [UInt8], secretKey: [UInt8]) -> [UInt8] {
        precondition(ready && secretKey.count == Int(crypto_sign_SECRETKEYBYTES))
        var signature = [UInt8](repeating: 0, count: signatureByteCount)
        let status = crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
        precondition(status == 0, "crypto_sign_detached failed")
        return signature
    }

    /// SHA-512 of `message` (`crypto_hash_sha512`).
    /// - Parameter message: The bytes to hash.
    package static func sha512(_ message: [UInt8]) -> [UInt8] {
        precondition(ready)
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha512_BYTES))
        _ = crypto_hash_sha512(&digest, message, UInt64(message.count))
        return digest
    }

    /// Compares two byte strings in time that depends only on their lengths (`sodium_memcmp`).
    /// - Returns: `true` when the lengths and all bytes are equal.
    package static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        precondition(ready)
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return sodium_memcmp(lhs, rhs, lhs.count) == 0
    }
}
