/// A private Ed25519 key (RFC 8037 `OKP` JWK with `d`) that signs compact JWTs.
///
/// For `edgejwt keygen` and `edgejwt sign`: tooling and tests, never the verify path. The seed
/// is never printed: ``description`` names only the `kid`.
///
/// ```swift
/// let key = try SigningKey(contentsOfFile: "issuer.private.jwk")
/// let token = key.sign(header: JSONObject(["alg": .string("EdDSA")]), claims: claims)
/// ```
package struct SigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Largest private JWK file read from disk: 64 KiB.
    package static let maxFileBytes = 64 * 1024

    /// `kid`, if the JWK has one.
    package let keyID: String?
    /// The JWK's `alg` (`EdDSA` or `Ed25519`), if it names one.
    package let algorithm: String?
    /// The 32-byte public key derived from the seed.
    package let publicKey: [UInt8]
    private let seed: [UInt8]
    private let secretKey: [UInt8]

    /// Creates a key from a 32-byte seed (the JWK `d`).
    /// - Parameters:
    ///   - seed: 32 random bytes, e.g. `Sodium.randomBytes(Sodium.seedByteCount)`.
    ///   - keyID: The `kid`, or `nil`.
    ///   - algorithm: `EdDSA`, `Ed25519`, or `nil` for a key not bound to one spelling.
    package init(seed: [UInt8], keyID: String?, algorithm: String?) {
        precondition(seed.count == Sodium.seedByteCount, "an Ed25519 seed is 32 bytes")
        precondition(algorithm.map(JOSEHeader.acceptedAlgorithms.contains) ?? true, "alg must be EdDSA or Ed25519")
        let pair = Sodium.keyPair(seed: seed)
        self.seed = seed
        self.secretKey = pair.secretKey
        self.publicKey = pair.publicKey
        self.keyID = keyID
        self.algorithm = algorithm
    }

    /// Loads a private JWK `{"kty":"OKP","crv":"Ed25519","d":…,"x":…}` (RFC 8037 §2).
    /// - Parameter jwk: The JWK document's bytes.
    /// - Throws: ``KeySetError`` — `malformed_key` when the document is not one strict JSON
    ///   object, is a JWK Set, is not an Ed25519 `OKP` key, lacks a 32-byte `d` or `x`, names an
    ///   `alg` other than EdDSA/Ed25519, or when `x` is not the public key derived from `d`.
    package init(jwk: [UInt8]) throws(KeySetError) {
        let document: JSONValue
        do {
            document = try StrictJSONParser.parse(jwk, maxDepth: 4)
        } catch {
            throw KeySetError(.malformedKey, "not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let object) = document else {
            throw KeySetError(.malformedKey, "a private JWK is a JSON object")
        }
        guard object["keys"] == nil else {
            throw KeySetError(.malformedKey, "this is a JWK Set; a single private JWK is needed")
        }
        guard object["kty"] == .string("OKP"), object["crv"] == .string("Ed25519") else {
            throw KeySetError(.malformedKey, "only Ed25519 keys are supported: kty must be \"OKP\" and crv \"Ed25519\"")
        }
        guard let d = object["d"] else {
            throw KeySetError(.malformedKey, "the JWK has no d: it is a public key, signing needs the private one")
        }
        guard case .string(let seedText) = d, let seed = Base64URL.decode(seedText), seed.count == Sodium.seedByteCount else {
            throw KeySetError(.malformedKey, "d must be 32 bytes of strict base64url")
        }
        guard case .string(let publicText)? = object["x"], let x = Base64URL.decode(publicText),
            x.count == Sodium.publicKeyByteCount
        else {
            throw KeySetError(.malformedKey, "x must be 32 bytes of strict base64url")
        }
        let keyID = try Self.optionalString(object, "kid")
        let algorithm = try Self.optionalString(object, "alg")
        if let algorithm, !JOSEHeader.acceptedAlgorithms.contains(algorithm) {
            throw KeySetError(.malformedKey, "alg \(JSONValue.string(algorithm).jsonText) is not EdDSA or Ed25519")
        }
        self.init(seed: seed, keyID: keyID, algorithm: algorithm)
        guard publicKey == x else {
            throw KeySetError(.malformedKey, "x is not the public key derived from d")
        }
    }

    /// Loads a private JWK from a file (at most ``maxFileBytes``).
    /// - Parameter path: The file path.
    /// - Throws: `unreadable_file`, or any error of ``init(jwk:)``.
    package init(contentsOfFile path: String) throws(KeySetError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: Self.maxFileBytes)
        } catch {
            throw KeySetError(.unreadableFile, error.description)
        }
        try self.init(jwk: bytes)
    }

    /// The private JWK: `kty`, `crv`, `kid`?, `alg`?, `x`, `d`. Secret: store it with mode 0600.
    package var privateJWK: JSONValue {
        var members = identity
        members.append(("x", .string(Base64URL.encode(publicKey))))
        members.append(("d", .string(Base64URL.encode(seed))))
        return Self.object(members)
    }

    /// The public JWK Set to pin: `{"keys":[{kty, crv, kid?, use: "sig", alg?, x}]}`.
    package var publicJWKSet: JSONValue {
        var members: [(String, JSONValue)] = [("kty", .string("OKP")), ("crv", .string("Ed25519"))]
        if let keyID { members.append(("kid", .string(keyID))) }
        members.append(("use", .string("sig")))
        if let algorithm { members.append(("alg", .string(algorithm))) }
        members.append(("x", .string(Base64URL.encode(publicKey))))
        return .object(JSONObject(["keys": .array([Self.object(members)])]))
    }

    /// Signs a header and claims into a compact JWS `header.payload.signature` (RFC 7515 §7.1).
    ///
    /// Both are serialized with ``JSONValue/jsonText``, members in order. The header is used as
    /// given: the caller sets `alg`, `kid` and `typ`.
    /// - Parameters:
    ///   - header: The protected header.
    ///   - claims: The claims set.
    /// - Returns: The compact token.
    package func sign(header: JSONObject, claims: JSONObject) -> String {
        let signingInput = Base64URL.encode(JSONValue.object(header).jsonText.utf8) + "."
            + Base64URL.encode(JSONValue.object(claims).jsonText.utf8)
        let signature = Sodium.sign(Array(signingInput.utf8), secretKey: secretKey)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Names the key without its secret.
    package var description: String {
        "SigningKey(kid: \(keyID.map { JSONValue.string($0).jsonText } ?? "none"))"
    }

    /// Same as ``description``: the seed never reaches logs.
    package var debugDescription: String { description }

    private var identity: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("kty", .string("OKP")), ("crv", .string("Ed25519"))]
        if let keyID { members.append(("kid", .string(keyID))) }
        if let algorithm { members.append(("alg", .string(algorithm))) }
        return members
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(uniqueMembers: members.map { JSONObject.Member(name: $0.0, value: $0.1) }))
    }

    private static func optionalString(_ object: JSONObject, _ member: String) throws(KeySetError) -> String? {
        guard let value = object[member] else { return nil }
        guard case .string(let text) = value else {
            throw KeySetError(.malformedKey, "\(member) must be a string")
        }
        return text
    }
}
