/// The trusted keys: a JWK Set (RFC 7517 §5) of Ed25519 public keys (RFC 8037), loaded once.
///
/// Loading refuses private material (`d` in any key, symmetric `oct` keys), Ed25519 keys with a
/// malformed `x` or a point of small order or outside the prime-order subgroup, and two Ed25519
/// keys with the same `kid`. Keys of other types or curves (RSA, EC, OKP X25519 or Ed448) are
/// skipped whatever their other members, so a provider's published set can be pinned as it is;
/// they may share a `kid` with an Ed25519 key (RFC 7517 §4.5: the same key in another type).
/// Ed25519 keys whose `use` is not `sig`, whose `key_ops` lacks `verify`, or whose `alg` is not
/// EdDSA/Ed25519 are kept out of selection. Every skipped key is listed in ``skippedKeys``.
///
/// ```swift
/// let keys = try PinnedKeySet(contentsOfFile: "/etc/gateway/issuer.jwks.json")
/// ```
public struct PinnedKeySet: Sendable, Hashable {
    /// Largest JWK Set file read from disk: 1 MiB.
    public static let maxFileBytes = 1 << 20

    /// The keys that may verify tokens, in file order.
    public let keys: [PinnedKey]
    /// The keys of the file that can never verify a token (other types or curves, or Ed25519
    /// keys kept out of selection), in file order, each with the reason.
    public let skippedKeys: [SkippedKey]

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
        var skipped: [SkippedKey] = []
        var ed25519KeyIDs: Set<String> = []
        for (position, entry) in entries.enumerated() {
            let loaded = try JWKEntry(entry, position: position)
            // Only Ed25519 keys must have distinct kids: a token's kid selects among them alone.
            if loaded.isEd25519, let keyID = loaded.keyID {
                guard ed25519KeyIDs.insert(keyID).inserted else {
                    throw KeySetError(.duplicateKeyID, "kid \(Self.quoted(keyID)) appears on more than one Ed25519 key")
                }
            }
            switch loaded.outcome {
            case .usable(let key): keys.append(key)
            case .skipped(let key): skipped.append(key)
            }
        }
        guard !keys.isEmpty else {
            throw KeySetError(.noUsableKey, "the set has no usable Ed25519 verification key")
        }
        self.keys = keys
        self.skippedKeys = skipped
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

    /// A `kty` or `crv` for a message: as is when it is short and only letters, digits, `-` and
    /// `_`, else like ``quoted(_:)``.
    /// - Parameter name: The member's value.
    /// - Returns: The text to show.
    static func quotedIfNeeded(_ name: String) -> String {
        let isPlain = !name.isEmpty && name.utf8.count <= 32 && name.utf8.allSatisfy(Self.isPlainNameByte)
        return isPlain ? name : quoted(name)
    }

    private static func isPlainNameByte(_ byte: UInt8) -> Bool {
        let letter = byte | 0x20
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(letter) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// The skipped key a token's `kid` names, if any: an Ed25519 one first (at most one, as
    /// Ed25519 `kid`s are distinct), else the first of another type. Compared code unit by code unit.
    /// - Parameter keyID: The token's `kid`.
    /// - Returns: The skipped key, or `nil` when no skipped key has this `kid`.
    func skippedKey(keyID: String) -> SkippedKey? {
        let named = skippedKeys.filter { $0.keyID?.isExactly(keyID) == true }
        return named.first(where: \.isEd25519) ?? named.first
    }

    /// `kid`s of skipped keys with the reason, for messages (the first key of each `kid`).
    var skippedKeyIDs: [String: String] {
        var reasons: [String: String] = [:]
        for key in skippedKeys {
            if let keyID = key.keyID, reasons[keyID] == nil { reasons[keyID] = key.reason }
        }
        return reasons
    }
}

/// One member of a JWK Set's `keys` array, checked.
private struct JWKEntry {
    enum Outcome {
        case usable(PinnedKey)
        case skipped(SkippedKey)
    }

    let keyID: String?
    /// Whether the key is `OKP`/`Ed25519`, usable or not.
    let isEd25519: Bool
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
        guard keyType == "OKP" else {
            // Another key type is never read beyond kty, kid and crv: its other members may be
            // anything, as the key will never be used.
            isEd25519 = false
            keyID = jwk["kid"]?.stringValue
            let type = PinnedKeySet.quotedIfNeeded(keyType)
            outcome = .skipped(Self.skipped(jwk, position, keyType, "kty \(type) is not OKP (only Ed25519 keys verify)"))
            return
        }
        guard case .string(let curve)? = jwk["crv"] else {
            throw KeySetError(.malformedKey, "\(name) has no string crv")
        }
        guard curve == "Ed25519" else {
            isEd25519 = false
            keyID = jwk["kid"]?.stringValue
            let shown = PinnedKeySet.quotedIfNeeded(curve)
            outcome = .skipped(Self.skipped(jwk, position, keyType, "crv \(shown) is not Ed25519 (only Ed25519 keys verify)"))
            return
        }
        isEd25519 = true
        keyID = try Self.optionalString(jwk, "kid", name)
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
        let reason: String
        if let use, use != "sig" {
            reason = "use is \(PinnedKeySet.quoted(use)), not \"sig\""
        } else if let operations, !operations.contains("verify") {
            reason = "key_ops does not include \"verify\""
        } else if let algorithm, !JOSEHeader.acceptedAlgorithms.contains(algorithm) {
            reason = "alg \(PinnedKeySet.quotedIfNeeded(algorithm)) is not EdDSA or Ed25519"
        } else {
            outcome = .usable(PinnedKey(keyID: keyID, publicKey: publicKey, algorithm: algorithm))
            return
        }
        outcome = .skipped(SkippedKey(position: position, keyID: keyID, keyType: keyType, curve: curve, reason: reason))
    }

    /// A key of another type or curve: its `kid` and `crv` are kept only when they are strings.
    private static func skipped(_ jwk: JSONObject, _ position: Int, _ keyType: String, _ reason: String) -> SkippedKey {
        SkippedKey(position: position, keyID: jwk["kid"]?.stringValue, keyType: keyType, curve: jwk["crv"]?.stringValue, reason: reason)
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
