/// The trusted keys: a JWK Set (RFC 7517 §5) of Ed25519 public keys (RFC 8037), loaded once.
///
/// Loading refuses private material (`d`, symmetric `oct` keys), malformed `x`, points of small
/// order or outside the prime-order subgroup, and duplicate `kid`s. Keys of other types (RSA, EC)
/// are skipped, so a provider's published set can be pinned as it is. Keys whose `use` is not
/// `sig`, whose `key_ops` lacks `verify`, or whose `alg` is not EdDSA/Ed25519 are kept out of
/// selection.
///
/// ```swift
/// let keys = try PinnedKeySet(contentsOfFile: "/etc/gateway/issuer.jwks.json")
/// ```
public struct PinnedKeySet: Sendable, Hashable {
    /// Largest JWK Set file read from disk: 1 MiB.
    public static let maxFileBytes = 1 << 20

    /// The keys that may verify tokens, in file order.
    public let keys: [PinnedKey]
    /// `kid`s present in the file but never used, with the reason (for clear rejections).
    let skippedKeyIDs: [String: String]

    /// Loads a JWK Set from its JSON text.
    /// - Parameter jwks: The JWK Set document's bytes.
    /// - Throws: ``KeySetError`` — `malformed_key_set`, `malformed_key`, `private_key_material`,
    ///   `small_order_key`, `duplicate_key_id`, `no_usable_key`.
    public init(jwks: [UInt8]) throws(KeySetError) {
        let document: JSONValue
        do {
            document = try StrictJSONParser.parse(jwks, maxDepth: 32)
        } catch {
            throw KeySetError(.malformedKeySet, "not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .array(let entries)? = document.objectValue?["keys"] else {
            throw KeySetError(.malformedKeySet, "a JWK Set is a JSON object with a \"keys\" array")
        }
        var keys: [PinnedKey] = []
        var skipped: [String: String] = [:]
        var seenKeyIDs: Set<String> = []
        for (position, entry) in entries.enumerated() {
            let loaded = try JWKEntry(entry, position: position)
            if let keyID = loaded.keyID {
                guard seenKeyIDs.insert(keyID).inserted else {
                    throw KeySetError(.duplicateKeyID, "kid \(Self.quoted(keyID)) appears more than once")
                }
            }
            switch loaded.outcome {
            case .usable(let key): keys.append(key)
            case .skipped(let reason): if let keyID = loaded.keyID { skipped[keyID] = reason }
            }
        }
        guard !keys.isEmpty else {
            throw KeySetError(.noUsableKey, "the set has no usable Ed25519 verification key")
        }
        self.keys = keys
        self.skippedKeyIDs = skipped
    }

    /// Loads a JWK Set from a file (at most ``maxFileBytes``).
    /// - Parameter path: The file path.
    /// - Throws: `unreadable_file`, or any error of ``init(jwks:)``.
    public init(contentsOfFile path: String) throws(KeySetError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: Self.maxFileBytes)
        } catch {
            throw KeySetError(.unreadableFile, error.description)
        }
        try self.init(jwks: bytes)
    }

    /// A `kid` for a message: JSON-quoted (control characters escaped) and cut to 64 characters.
    static func quoted(_ keyID: String) -> String {
        let shown = keyID.count > 64 ? String(keyID.prefix(64)) + "…" : keyID
        return JSONValue.string(shown).jsonText
    }
}

/// One member of a JWK Set's `keys` array, checked.
private struct JWKEntry {
    enum Outcome {
        case usable(PinnedKey)
        case skipped(String)
    }

    let keyID: String?
    let outcome: Outcome

    init(_ value: JSONValue, position: Int) throws(KeySetError) {
        let name = "key #\(position)"
        guard case .object(let jwk) = value else {
            throw KeySetError(.malformedKey, "\(name) is not a JSON object")
        }
        guard jwk["d"] == nil, jwk["kty"] != .string("oct") else {
            throw KeySetError(.privateKeyMaterial, "\(name) holds private or secret key material; pin public keys only")
        }
        guard case .string(let keyType)? = jwk["kty"] else {
            throw KeySetError(.malformedKey, "\(name) has no string kty")
        }
        keyID = try Self.optionalString(jwk, "kid", name)
        guard keyType == "OKP" else {
            outcome = .skipped("kty \(keyType) is not OKP")
            return
        }
        guard case .string(let curve)? = jwk["crv"] else {
            throw KeySetError(.malformedKey, "\(name) has no string crv")
        }
        guard curve == "Ed25519" else {
            outcome = .skipped("crv \(curve) is not Ed25519")
            return
        }
        guard case .string(let x)? = jwk["x"], let publicKey = Base64URL.decode(x),
            publicKey.count == Sodium.publicKeyByteCount
        else {
            throw KeySetError(.malformedKey, "\(name): x must be 32 bytes of strict base64url")
        }
        guard Sodium.isValidPoint(publicKey) else {
            throw KeySetError(.smallOrderKey, "\(name): x is not a valid Ed25519 point of prime order (small-order or non-canonical)")
        }
        let use = try Self.optionalString(jwk, "use", name)
        let algorithm = try Self.optionalString(jwk, "alg", name)
        let operations = try Self.optionalStrings(jwk, "key_ops", name)
        if let use, use != "sig" {
            outcome = .skipped("use is \"\(use)\", not \"sig\"")
        } else if let operations, !operations.contains("verify") {
            outcome = .skipped("key_ops does not include \"verify\"")
        } else if let algorithm, !JOSEHeader.acceptedAlgorithms.contains(algorithm) {
            outcome = .skipped("alg \(algorithm) is not EdDSA or Ed25519")
        } else {
            outcome = .usable(PinnedKey(keyID: keyID, publicKey: publicKey, algorithm: algorithm))
        }
    }

    private static func optionalString(_ jwk: JSONObject, _ member: String, _ name: String) throws(KeySetError) -> String? {
        guard let value = jwk[member] else { return nil }
        guard case .string(let text) = value else {
            throw KeySetError(.malformedKey, "\(name): \(member) must be a string")
        }
        return text
    }

    private static func optionalStrings(_ jwk: JSONObject, _ member: String, _ name: String) throws(KeySetError) -> [String]? {
        guard let value = jwk[member] else { return nil }
        guard case .array(let elements) = value else {
            throw KeySetError(.malformedKey, "\(name): \(member) must be an array of strings")
        }
        var strings: [String] = []
        for element in elements {
            guard case .string(let text) = element else {
                throw KeySetError(.malformedKey, "\(name): \(member) must be an array of strings")
            }
            strings.append(text)
        }
        return strings
    }
}
