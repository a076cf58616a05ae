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

    /// The linked libsodium's version, e.g. `1.0.18`.
    package static var version: String { String(cString: sodium_version_string()) }

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

    /// Verifies a raw Ed25519 signature with no JWT around it (conformance and edge-case runs).
    /// - Parameters:
    ///   - signature: The signature; anything but 64 bytes is invalid.
    ///   - message: The signed bytes.
    ///   - publicKey: The public key; anything but 32 bytes is invalid. Not checked for small order.
    /// - Returns: libsodium's verdict.
    package static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureByteCount, publicKey.count == publicKeyByteCount else { return false }
        return signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { messageBytes in
                publicKey.withUnsafeBytes { isValidSignature(signatureBytes, for: messageBytes, publicKey: $0) }
            }
        }
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

extension Sodium {
    /// Size of the key of ``keyedHash128(key:tag:_:_:)``: a revocation list's salt.
    package static let keyedHashKeyByteCount = 32

    /// Stack scratch for a `crypto_generichash_state` plus alignment slack.
    private static let stateScratchByteCount = 512

    /// BLAKE2b (RFC 7693, `crypto_generichash`) with a 32-byte key and a 16-byte digest over
    /// `tag ‖ u32be(first.count) ‖ first ‖ u32be(second.count) ‖ second`.
    ///
    /// The length prefixes keep `("a", "bc")` and `("ab", "c")` apart. Does not allocate: the
    /// hash state lives in stack scratch space. This is the revocation list's keyed hash
    /// (`docs/revocation-format.md`).
    /// - Parameters:
    ///   - key: Exactly ``keyedHashKeyByteCount`` bytes.
    ///   - tag: A domain-separation byte.
    ///   - first: The first field (e.g. `iss` as UTF-8), at most `UInt32.max` bytes.
    ///   - second: The second field (e.g. `jti` as UTF-8), at most `UInt32.max` bytes.
    /// - Returns: The digest as two big-endian words: bytes 0–7 and bytes 8–15.
    package static func keyedHash128(
        key: UnsafeRawBufferPointer,
        tag: UInt8,
        _ first: UnsafeRawBufferPointer,
        _ second: UnsafeRawBufferPointer
    ) -> (high: UInt64, low: UInt64) {
        precondition(ready && key.count == keyedHashKeyByteCount)
        precondition(first.count <= Int(UInt32.max) && second.count <= Int(UInt32.max))
        // The C state is 384 bytes, 64-byte aligned (so Swift sees only an opaque pointer). A
        // constant-size scratch with at most 16-byte alignment stays on the stack (a 64-byte
        // alignment request goes to the heap): align inside it by hand.
        precondition(crypto_generichash_statebytes() <= stateScratchByteCount - 64)
        return withUnsafeTemporaryAllocation(byteCount: stateScratchByteCount, alignment: 16) { scratch in
            let state = OpaquePointer(scratch.baseAddress!.alignedUp(toMultipleOf: 64))
            var status = crypto_generichash_init(state, key.baseAddress!.assumingMemoryBound(to: UInt8.self), key.count, 16)
            precondition(status == 0, "crypto_generichash_init failed")
            func absorb(_ bytes: UnsafeRawBufferPointer) {
                guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                status = crypto_generichash_update(state, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
                precondition(status == 0, "crypto_generichash_update failed")
            }
            func absorb(length: Int) {
                var prefix = UInt32(length).bigEndian
                withUnsafeBytes(of: &prefix) { absorb($0) }
            }
            var tagByte = tag
            withUnsafeBytes(of: &tagByte) { absorb($0) }
            absorb(length: first.count)
            absorb(first)
            absorb(length: second.count)
            absorb(second)
            var digest: (UInt64, UInt64) = (0, 0)
            status = withUnsafeMutableBytes(of: &digest) {
                crypto_generichash_final(state, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 16)
            }
            precondition(status == 0, "crypto_generichash_final failed")
            return (UInt64(bigEndian: digest.0), UInt64(bigEndian: digest.1))
        }
    }
}

extension Sodium {
    /// Size of the key of ``sipHash64(key:tag:_:_:)`` and ``sipHash128(key:tag:_:_:)``.
    package static let sipHashKeyByteCount = 16

    /// Messages up to this size are laid out in stack scratch space; longer ones in a heap buffer.
    private static let sipHashStackByteCount = 1024

    /// SipHash-2-4 (`crypto_shorthash_siphash24`) keyed with 16 bytes over
    /// `tag ‖ u32be(first.count) ‖ first ‖ u32be(second.count) ‖ second`: the keyed hash of
    /// revocation list token entries, format version 2 (`docs/revocation-format.md` §3).
    ///
    /// The length prefixes keep `("a", "bc")` and `("ab", "c")` apart. Does not allocate for
    /// messages up to 1 KiB (the message is assembled in stack scratch space).
    /// - Parameters:
    ///   - key: Exactly ``sipHashKeyByteCount`` bytes.
    ///   - tag: A domain-separation byte.
    ///   - first: The first field (e.g. `iss` as UTF-8), at most `UInt32.max` bytes.
    ///   - second: The second field (e.g. `jti` as UTF-8), at most `UInt32.max` bytes.
    /// - Returns: The SipHash output word: libsodium's 8 output bytes read little-endian.
    package static func sipHash64(
        key: UnsafeRawBufferPointer, tag: UInt8, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer
    ) -> UInt64 {
        precondition(ready && key.count == sipHashKeyByteCount)
        var output: UInt64 = 0
        withFramedMessage(tag: tag, first, second) { message in
            let status = withUnsafeMutableBytes(of: &output) { out in
                crypto_shorthash_siphash24(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), message.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    UInt64(message.count), key.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            precondition(status == 0, "crypto_shorthash_siphash24 failed")
        }
        return UInt64(littleEndian: output)
    }

    /// SipHash-128 with 2 compression and 4 finalization rounds (`crypto_shorthash_siphashx24`)
    /// over the same framed message as ``sipHash64(key:tag:_:_:)``: the keyed hash of
    /// revocation list subject entries, format version 2.
    /// - Parameters:
    ///   - key: Exactly ``sipHashKeyByteCount`` bytes.
    ///   - tag: A domain-separation byte.
    ///   - first: The first field, at most `UInt32.max` bytes.
    ///   - second: The second field, at most `UInt32.max` bytes.
    /// - Returns: libsodium's 16 output bytes as two big-endian words: bytes 0–7 and 8–15.
    package static func sipHash128(
        key: UnsafeRawBufferPointer, tag: UInt8, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer
    ) -> (high: UInt64, low: UInt64) {
        precondition(ready && key.count == sipHashKeyByteCount)
        var output: (UInt64, UInt64) = (0, 0)
        withFramedMessage(tag: tag, first, second) { message in
            let status = withUnsafeMutableBytes(of: &output) { out in
                crypto_shorthash_siphashx24(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), message.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    UInt64(message.count), key.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            precondition(status == 0, "crypto_shorthash_siphashx24 failed")
        }
        return (UInt64(bigEndian: output.0), UInt64(bigEndian: output.1))
    }

    /// Lays out `tag ‖ u32be(first.count) ‖ first ‖ u32be(second.count) ‖ second` contiguously
    /// (SipHash in libsodium is one-shot) and passes it to `body`.
    private static func withFramedMessage(
        tag: UInt8, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        precondition(first.count <= Int(UInt32.max) && second.count <= Int(UInt32.max))
        let count = 9 + first.count + second.count
        func fill(_ buffer: UnsafeMutableRawBufferPointer) {
            buffer[0] = tag
            buffer.storeBytes(of: UInt32(first.count).bigEndian, toByteOffset: 1, as: UInt32.self)
            if first.count > 0 { (buffer.baseAddress! + 5).copyMemory(from: first.baseAddress!, byteCount: first.count) }
            buffer.storeBytes(of: UInt32(second.count).bigEndian, toByteOffset: 5 + first.count, as: UInt32.self)
            if second.count > 0 { (buffer.baseAddress! + 9 + first.count).copyMemory(from: second.baseAddress!, byteCount: second.count) }
            body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
        }
        if count <= sipHashStackByteCount {
            withUnsafeTemporaryAllocation(byteCount: sipHashStackByteCount, alignment: 16) { fill($0) }
        } else {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
            defer { buffer.deallocate() }
            fill(buffer)
        }
    }
}
