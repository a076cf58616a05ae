import EdgeJWT
import Foundation

/// The operator and issuer of the key-rotation tests: a trust root of one root key (fixed seed),
/// issuer keys `A` and `B`, and a key outside the root that forges statements. Times are
/// relative to the real clock when the value is made (``now``), so the CLI can use the system clock.
struct KeyPublisher: Sendable {
    static let issuer = "https://issuer.example"

    let root = SigningKey(seed: [UInt8](repeating: 0x21, count: 32), keyID: "root-1", algorithm: "EdDSA")
    let nextRoot = SigningKey(seed: [UInt8](repeating: 0x22, count: 32), keyID: "root-2", algorithm: "EdDSA")
    let impostor = SigningKey(seed: [UInt8](repeating: 0x23, count: 32), keyID: "root-1", algorithm: "EdDSA")
    let keyA = SigningKey(seed: [UInt8](repeating: 0x31, count: 32), keyID: "A", algorithm: "EdDSA")
    let keyB = SigningKey(seed: [UInt8](repeating: 0x32, count: 32), keyID: "B", algorithm: "EdDSA")
    let now = Int(Date().timeIntervalSince1970)

    /// The provisioned trust root: sequence 1, `root-1`, threshold 1.
    var trustRoot: [UInt8] {
        StatementSigner.root(sequence: 1, issuedAt: UInt64(now - 7_200), threshold: 1, jwks: root.publicJWKSet, signedBy: [root])
    }

    /// Root 2 (`root-2` alone), signed by root 1 and by itself.
    var secondRoot: [UInt8] {
        StatementSigner.root(
            sequence: 2, issuedAt: UInt64(now - 3_600), threshold: 1, jwks: nextRoot.publicJWKSet, signedBy: [root, nextRoot])
    }

    /// One key of a statement with its window, in seconds since 1970.
    struct Entry {
        let key: SigningKey
        var notBefore: Int? = nil
        var retireAt: Int? = nil
    }

    /// A key-set statement. Default: issued a minute ago, expiring in 30 days, signed by `root-1`.
    func statement(
        sequence: UInt64, _ entries: [Entry], issuedAt: Int? = nil, expiresAt: Int? = nil, issuer: String = Self.issuer,
        signedBy signers: [SigningKey]? = nil
    ) -> [UInt8] {
        let members = entries.map { entry -> String in
            var jwk: [(String, JSONValue)] = [
                ("kty", .string("OKP")), ("crv", .string("Ed25519")), ("kid", .string(entry.key.keyID ?? "")),
                ("use", .string("sig")), ("alg", .string("EdDSA")), ("x", .string(base64URL(entry.key.publicKey))),
            ]
            if let notBefore = entry.notBefore { jwk.append(("not_before", .number(JSONNumber(Double(notBefore))))) }
            if let retireAt = entry.retireAt { jwk.append(("retire_at", .number(JSONNumber(Double(retireAt))))) }
            return JSONValue.objectText(jwk)
        }
        let jwks = JSONValue.parse(Array(("{\"keys\":[" + members.joined(separator: ",") + "]}").utf8))!
        return StatementSigner.keySet(
            issuer: issuer, sequence: sequence, issuedAt: UInt64(issuedAt ?? now - 60), expiresAt: UInt64(expiresAt ?? now + 30 * 86_400),
            jwks: jwks, signedBy: signers ?? [root])
    }

    /// A token of ``issuer`` signed by `key` (its `kid` in the header), valid for 90 days.
    func token(_ key: SigningKey, subject: String = "device-1") -> String {
        let header = JSONValue.objectText([("alg", .string("EdDSA")), ("kid", .string(key.keyID ?? "")), ("typ", .string("JWT"))])
        let claims = JSONValue.objectText([
            ("iss", .string(Self.issuer)), ("sub", .string(subject)), ("iat", .number(JSONNumber(Double(now - 60)))),
            ("exp", .number(JSONNumber(Double(now + 90 * 86_400)))),
        ])
        guard case .object(let headerObject)? = JSONValue.parse(Array(header.utf8)),
            case .object(let claimsObject)? = JSONValue.parse(Array(claims.utf8))
        else { fatalError("bad JSON") }
        return key.sign(header: headerObject, claims: claimsObject)
    }
}
