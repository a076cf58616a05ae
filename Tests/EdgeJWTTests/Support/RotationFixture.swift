@testable import EdgeJWT

/// Root keys, token keys and statement builders for the key-rotation tests. Seeds are fixed and
/// used by no other test.
enum RotationFixture {
    static let issuer = "https://id.example"
    static let now: UInt64 = 1_700_000_000
    /// Three root keys, `root-1` … `root-3`.
    static let rootKeys = (1...3).map { SigningKey(seed: [UInt8](repeating: 0xB0 + UInt8($0), count: 32), keyID: "root-\($0)", algorithm: nil) }
    /// The keys of a second root, `next-1` … `next-3`.
    static let nextRootKeys = (1...3).map { SigningKey(seed: [UInt8](repeating: 0xD0 + UInt8($0), count: 32), keyID: "next-\($0)", algorithm: nil) }
    /// A key no root holds, claiming a root kid.
    static let impostor = SigningKey(seed: [UInt8](repeating: 0xEE, count: 32), keyID: "root-1", algorithm: nil)
    /// Token signing keys A and B.
    static let keyA = TestKey(keyID: "A", seedByte: 0xC1)
    static let keyB = TestKey(keyID: "B", seedByte: 0xC2)

    /// The public JWK Set of `keys`.
    static func jwks(_ keys: [SigningKey]) -> JSONValue {
        let members = keys.map { key -> JSONValue in
            key.publicJWKSet.objectValue!["keys"]!.arrayValue![0]
        }
        return .object(JSONObject(["keys": .array(members)]))
    }

    /// A JWK Set from JWK texts.
    static func jwks(_ texts: [String]) -> JSONValue {
        JSONValue.parse(JWKS.document(texts))!
    }

    /// A root statement.
    static func root(
        sequence: UInt64 = 1, threshold: Int = 1, keys: [SigningKey] = [rootKeys[0]], signedBy signers: [SigningKey]? = nil,
        issuedAt: UInt64 = now - 86_400
    ) -> [UInt8] {
        StatementSigner.root(sequence: sequence, issuedAt: issuedAt, threshold: threshold, jwks: jwks(keys), signedBy: signers ?? keys)
    }

    /// The provisioned root: `root-1` alone, threshold 1.
    static func trustRoot(threshold: Int = 1, keys: [SigningKey] = [rootKeys[0]]) throws -> TrustRoot {
        try TrustRoot(verifying: root(threshold: threshold, keys: keys))
    }

    /// A key-set statement for ``issuer`` holding A (and any other JWK texts).
    static func statement(
        sequence: UInt64 = 1, issuer: String = issuer, issuedAt: UInt64 = now - 60, expiresAt: UInt64 = now + 30 * 86_400,
        keys: [String] = [keyA.jwk()], signedBy signers: [SigningKey] = [rootKeys[0]]
    ) -> [UInt8] {
        StatementSigner.keySet(
            issuer: issuer, sequence: sequence, issuedAt: issuedAt, expiresAt: expiresAt, jwks: jwks(keys), signedBy: signers)
    }

    /// A statement file rebuilt with a raw payload text, signed by `signers` with header `typ`.
    static func rawStatement(payload: String, type: String = KeySetStatement.type, signedBy signers: [SigningKey] = [rootKeys[0]]) -> [UInt8] {
        StatementSigner.sign(JSONValue.parse(Array(payload.utf8))!.objectValue!, type: type, by: signers)
    }

    /// A rotating key set in memory over the default root, at ``now``.
    static func keySet(
        root: TrustRoot? = nil, policy: KeySetPolicy = KeySetPolicy(), store: KeySetStore? = nil, timeFloor: TimeFloor? = nil
    ) throws -> RotatingKeySet {
        try RotatingKeySet(
            issuer: issuer, trustRoot: root ?? trustRoot(), policy: policy, store: store, timeFloor: timeFloor,
            clock: FixedClock(NumericDate(Double(now))))
    }

    /// A token `{"iss":issuer}` signed by `key` with its kid.
    static func token(by key: TestKey) -> String {
        TokenFactory(key: key).token(header: #"{"alg":"EdDSA","kid":"\#(key.keyID)"}"#, payload: #"{"iss":"\#(issuer)"}"#)
    }

    /// A verifier over `keys` at `time`.
    static func verifier(_ keys: RotatingKeySet, at time: UInt64 = now) -> Verifier {
        Verifier(keys: keys, clock: FixedClock(NumericDate(Double(time))))
    }
}
