import EdgeJWT
import Foundation

/// The issuer and list publisher of the tests: one Ed25519 key (fixed seed) that signs tokens,
/// Status List Tokens and revocation lists, with list times relative to the real clock so the
/// agent, the CLI and the example can verify with the system clock.
struct Publisher: Sendable {
    static let statusURI = "https://issuer.example/statuslists/1"
    static let listName = "gateway-main"

    let key: SigningKey
    let now: Int
    let salt: [UInt8]

    init(seedByte: UInt8 = 7, kid: String = "k1") {
        key = SigningKey(seed: [UInt8](repeating: seedByte, count: 32), keyID: kid, algorithm: "EdDSA")
        now = Int(Date().timeIntervalSince1970)
        salt = [UInt8](repeating: 0x5A, count: 32)
    }

    /// The public JWK Set.
    var jwks: String { key.publicJWKSet.jsonText }

    /// A token for `jti`, optionally referencing status list entry `idx`.
    func token(jti: String, statusIndex: Int? = nil) -> String {
        var claims: [(String, JSONValue)] = [
            ("iss", .string("https://issuer.example")), ("sub", .string("device-1")), ("jti", .string(jti)),
            ("iat", .number(JSONNumber(Double(now - 60)))), ("exp", .number(JSONNumber(Double(now + 3600)))),
        ]
        if let statusIndex {
            claims.append(
                ("status", .object(JSONObject(["status_list": .object(JSONObject(["idx": .number(JSONNumber(Double(statusIndex))), "uri": .string(Self.statusURI)]))]))))
        }
        return sign(header: [("alg", .string("EdDSA")), ("kid", .string("k1")), ("typ", .string("JWT"))], claims: claims)
    }

    /// A Status List Token with 1-bit entries: `revoked` indices are 1.
    func statusList(revoked: Set<Int>, iat: Int? = nil, count: Int = 64) -> String {
        var bytes = [UInt8](repeating: 0, count: count / 8)
        for index in revoked { bytes[index / 8] |= 1 << (index % 8) }
        let claims: [(String, JSONValue)] = [
            ("sub", .string(Self.statusURI)), ("iat", .number(JSONNumber(Double(iat ?? now - 60)))),
            ("exp", .number(JSONNumber(Double(now + 86_400)))),
            ("status_list", .object(JSONObject(["bits": .number(JSONNumber(1)), "lst": .string(base64URL(zlibStored(bytes)))]))),
        ]
        return sign(header: [("alg", .string("EdDSA")), ("kid", .string("k1")), ("typ", .string("statuslist+jwt"))], claims: claims)
    }

    /// The content of revocation list `sequence` revoking the token `jti`s.
    func revocationContent(sequence: UInt64, revoked: [String], iat: Int? = nil) throws -> RevocationListContent {
        let issued = UInt64(iat ?? now - 60)
        var content = try RevocationListContent(
            name: Self.listName, sequence: sequence, issuedAt: issued, validUntil: UInt64(now + 86_400), salt: salt)
        try content.insert(contentsOf: revoked.map { .token(issuer: "https://issuer.example", jwtID: $0, expiration: nil) })
        return content
    }

    /// A signed snapshot.
    func revocationList(sequence: UInt64, revoked: [String], iat: Int? = nil) throws -> [UInt8] {
        try revocationContent(sequence: sequence, revoked: revoked, iat: iat).signed(by: key)
    }

    /// A signed delta from one snapshot's content to another's.
    func delta(from base: RevocationListContent, to target: RevocationListContent) throws -> [UInt8] {
        try target.delta(from: base, signedBy: key)
    }

    private func sign(header: [(String, JSONValue)], claims: [(String, JSONValue)]) -> String {
        key.sign(header: object(header), claims: object(claims))
    }

    private func object(_ pairs: [(String, JSONValue)]) -> JSONObject {
        guard case .object(let object)? = JSONValue.parse(Array(JSONValue.objectText(pairs).utf8)) else { fatalError("bad JSON") }
        return object
    }
}

extension JSONValue {
    /// `{"name":value,...}` from pairs, in order.
    static func objectText(_ pairs: [(String, JSONValue)]) -> String {
        "{" + pairs.map { JSONValue.string($0.0).jsonText + ":" + $0.1.jsonText }.joined(separator: ",") + "}"
    }
}

/// Unpadded base64url.
func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// `bytes` as a ZLIB stream (RFC 1950) of one stored DEFLATE block (RFC 1951 §3.2.4).
func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
    let length = UInt16(bytes.count)
    var output: [UInt8] = [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
    output += bytes
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in bytes {
        a = (a + UInt32(byte)) % 65_521
        b = (b + a) % 65_521
    }
    let adler = b << 16 | a
    return output + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
}
