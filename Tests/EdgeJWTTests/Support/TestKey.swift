import Testing
@testable import EdgeJWT

/// A deterministic Ed25519 key pair (libsodium, fixed seed) and its public JWK text.
struct TestKey: Sendable {
    let keyID: String
    let publicKey: [UInt8]
    let secretKey: [UInt8]

    /// Derives the key pair from a seed made of one repeated byte.
    init(keyID: String, seedByte: UInt8) {
        self.keyID = keyID
        (publicKey, secretKey) = Sodium.keyPair(seed: [UInt8](repeating: seedByte, count: Sodium.seedByteCount))
    }

    /// The pinned issuer key, `kid` "k1".
    static let issuer = TestKey(keyID: "k1", seedByte: 1)
    /// A second pinned key, `kid` "k2".
    static let second = TestKey(keyID: "k2", seedByte: 2)
    /// A key that is never pinned.
    static let attacker = TestKey(keyID: "k1", seedByte: 0xA7)

    /// The public key as JWK `x`.
    var x: String { Base64URL.encode(publicKey) }

    /// A detached Ed25519 signature.
    func sign(_ message: [UInt8]) -> [UInt8] { Sodium.sign(message, secretKey: secretKey) }

    /// The public OKP JWK with this key's `kid`, plus extra members written as JSON text.
    /// - Parameter extraMembers: Members such as `#""use":"sig""#`.
    func jwk(_ extraMembers: String...) -> String {
        jwk(keyID: keyID, extraMembers)
    }

    /// The public OKP JWK with the given `kid` (`nil`: none), plus extra members.
    func jwk(keyID: String?, _ extraMembers: [String] = []) -> String {
        let kid = keyID.map { [#""kid":\#(JSONValue.string($0).jsonText)"#] } ?? []
        return JWKS.object([#""kty":"OKP""#, #""crv":"Ed25519""#, #""x":"\#(x)""#] + kid + extraMembers)
    }
}

extension TestKey: CustomTestStringConvertible {
    /// Names the key by its `kid` in test reports.
    var testDescription: String { "key \(keyID)" }
}

/// Builds JWK Set documents from JWK texts.
enum JWKS {
    /// `{"keys":[...]}` as bytes.
    static func document(_ keys: [String]) -> [UInt8] {
        Array(#"{"keys":[\#(keys.joined(separator: ","))]}"#.utf8)
    }

    /// Loads a pinned set made of the given JWK texts.
    static func keySet(_ keys: String...) throws -> PinnedKeySet {
        try PinnedKeySet(jwks: document(keys))
    }

    /// A JSON object from member texts.
    static func object(_ members: [String]) -> String {
        "{" + members.joined(separator: ",") + "}"
    }
}
