import CFuzzLibs
public import EdgeJWT

/// What every fuzz target shares: the conformance vectors' keys (`k1`, `k2`, `k3`, from the seeds
/// SHA-256("EdgeJWT vector key " + label), as in `Vectors/README.md`), their pinned JWK Set, a
/// fixed time, and a signer, so a harness can sign what the fuzzer wrote and reach the steps
/// behind the signature check.
///
/// Only EdgeJWT's public API is used; libsodium is called directly for signing and hashing.
public enum Fixture {
    /// The vectors' evaluation time (`Vectors/README.md`: `now` 1700000000).
    public static let now: NumericDate = 1_700_000_000

    /// One Ed25519 key pair with its `kid`.
    public struct Key: Sendable {
        /// The `kid`.
        public let keyID: String
        /// The 32-byte public key.
        public let publicKey: [UInt8]
        /// libsodium's 64-byte secret key (seed ‖ public key).
        let secretKey: [UInt8]

        /// The deterministic RFC 8032 signature of `message`.
        public func sign<Message: Collection<UInt8>>(_ message: Message) -> [UInt8] {
            let bytes = Array(message)
            var signature = [UInt8](repeating: 0, count: 64)
            let status = crypto_sign_detached(&signature, nil, bytes, UInt64(bytes.count), secretKey)
            precondition(status == 0)
            return signature
        }
    }

    /// `k1`, `k2`, `k3`.
    public static let keys: [Key] = {
        precondition(sodium_init() >= 0)
        return ["k1", "k2", "k3"].map { label in
            let seed = sha256(Array("EdgeJWT vector key \(label)".utf8))
            var publicKey = [UInt8](repeating: 0, count: 32)
            var secretKey = [UInt8](repeating: 0, count: 64)
            precondition(crypto_sign_seed_keypair(&publicKey, &secretKey, seed) == 0)
            return Key(keyID: label, publicKey: publicKey, secretKey: secretKey)
        }
    }()

    /// `k1`, which signs everything the harnesses sign.
    public static var signer: Key { keys[0] }

    /// The JWK Set text pinning `k1`, `k2`, `k3` (the vectors' usual set).
    public static let jwksText: String = {
        let members = keys.map { key in
            #"{"kty":"OKP","crv":"Ed25519","kid":"\#(key.keyID)","x":"\#(Base64URL.encode(key.publicKey))"}"#
        }
        return #"{"keys":["# + members.joined(separator: ",") + "]}"
    }()

    /// The pinned set loaded from ``jwksText``.
    public static let pinnedKeys: PinnedKeySet = {
        do {
            return try PinnedKeySet(jwks: Array(jwksText.utf8))
        } catch {
            fatalError("the fixture key set does not load: \(error)")
        }
    }()

    /// SHA-256 (libsodium `crypto_hash_sha256`).
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return digest
    }

    /// `base64url(header).base64url(payload).base64url(signature by key)`: signs whatever bytes
    /// it is given, so that only the rules after the signature can refuse the token.
    public static func signedToken(header: [UInt8], payload: [UInt8], key: Key = signer) -> [UInt8] {
        let signingInput = Array((Base64URL.encode(header) + "." + Base64URL.encode(payload)).utf8)
        return signingInput + Array(".".utf8) + Array(Base64URL.encode(key.sign(signingInput)).utf8)
    }

    /// Whether `token` is exactly what a key of the fixture signs for its own signing input: the
    /// signature segment is the canonical base64url of the deterministic RFC 8032 signature.
    ///
    /// The fuzzer cannot forge Ed25519, so every token EdgeJWT accepts must be one that was
    /// signed by one of these keys, byte for byte: a mutated token that still verifies means a
    /// malleable signature, a lenient encoding, or a signature checked over other bytes.
    public static func isExactlySigned(_ token: [UInt8], by keyID: String?) -> Bool {
        guard let dot = token.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let signingInput = token[..<dot]
        let segment = token[(dot + 1)...]
        return keys.contains { key in
            (keyID == nil || keyID == key.keyID) && Array(Base64URL.encode(key.sign(signingInput)).utf8) == Array(segment)
        }
    }

    /// Stops the process with a message libFuzzer prints next to the crashing input.
    public static func violation(_ message: String) -> Never {
        fatalError("property violated: \(message)")
    }
}

extension Array where Element == UInt8 {
    /// Builds a byte array from a fuzzer's buffer.
    public init(fuzz data: UnsafePointer<UInt8>?, count: Int) {
        self = count == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: count))
    }
}

/// Runs libFuzzer with `body` as the test function: each target's `<module>_main` calls this.
/// - Parameters:
///   - argc: The process's argument count.
///   - argv: The process's arguments (libFuzzer's flags and corpus directories).
///   - body: The target's `LLVMFuzzerTestOneInput`.
/// - Returns: libFuzzer's exit status.
public func runFuzzer(
    _ argc: CInt,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, body)
}
