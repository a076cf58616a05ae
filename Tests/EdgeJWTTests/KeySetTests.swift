import Testing
@testable import EdgeJWT

/// Loading the pinned JWK Set: every `KeySetError`, skipped key types and unusable keys.
@Suite struct KeySetTests {
    static let rsaKey = #"{"kty":"RSA","kid":"rsa1","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}"#
    static let ecKey = #"{"kty":"EC","kid":"ec1","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pTyRofGn34QVtgpQ"}"#
    static let x25519Key = #"{"kty":"OKP","kid":"x1","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#
    static let ed448Key = #"{"kty":"OKP","kid":"ed448","crv":"Ed448","x":"X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA"}"#

    /// An OKP/Ed25519 JWK with this `x`.
    func ed25519JWK(x: String) -> String {
        #"{"kty":"OKP","crv":"Ed25519","kid":"bad","x":"\#(x)"}"#
    }

    /// Expects the JSON text to be refused as a JWK Set with `code`.
    func expectRejected(_ code: KeySetError.Code, _ document: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectKeySetRejected(code, sourceLocation: sourceLocation) { try PinnedKeySet(jwks: Array(document.utf8)) }
    }

    /// Expects a set of the issuer key and `jwk` to be refused with `code`.
    func expectRejected(_ code: KeySetError.Code, key jwk: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectKeySetRejected(code, sourceLocation: sourceLocation) {
            try PinnedKeySet(jwks: JWKS.document([TestKey.issuer.jwk(), jwk]))
        }
    }

    @Test func loadsAnEd25519Key() throws {
        let keys = try JWKS.keySet(TestKey.issuer.jwk(#""use":"sig""#, #""alg":"EdDSA""#, #""key_ops":["verify"]"#))
        #expect(keys.keys == [PinnedKey(keyID: "k1", publicKey: TestKey.issuer.publicKey, algorithm: "EdDSA")])
    }

    @Test func loadsKeyWithoutKeyID() throws {
        let keys = try JWKS.keySet(TestKey.issuer.jwk(keyID: nil))
        #expect(keys.keys.map(\.keyID) == [nil])
    }

    @Test func skipsRSAAndECAndX25519Keys() throws {
        let keys = try JWKS.keySet(Self.rsaKey, Self.ecKey, Self.x25519Key, TestKey.issuer.jwk())
        #expect(keys.keys.map(\.keyID) == ["k1"])
    }

    @Test func listsSkippedKeysInFileOrderWithTheirTypeAndReason() throws {
        let keys = try JWKS.keySet(Self.rsaKey, TestKey.issuer.jwk(), Self.ecKey, Self.x25519Key, Self.ed448Key, TestKey.second.jwk(#""use":"enc""#))
        #expect(keys.skippedKeys.map(\.position) == [0, 2, 3, 4, 5])
        #expect(keys.skippedKeys.map(\.keyID) == ["rsa1", "ec1", "x1", "ed448", "k2"])
        #expect(keys.skippedKeys.map(\.keyType) == ["RSA", "EC", "OKP", "OKP", "OKP"])
        #expect(keys.skippedKeys.map(\.curve) == [nil, "P-256", "X25519", "Ed448", "Ed25519"])
        #expect(keys.skippedKeys.map(\.isEd25519) == [false, false, false, false, true])
        #expect(keys.skippedKeys.allSatisfy { !$0.reason.isEmpty })
        #expect(keys.skippedKeys[0].reason.contains("RSA"))
        #expect(keys.skippedKeys[2].reason.contains("X25519"))
        #expect(keys.skippedKeys[4].reason.contains("use"))
    }

    @Test func listsNoSkippedKeyForASetOfUsableKeys() throws {
        #expect(try JWKS.keySet(TestKey.issuer.jwk(), TestKey.second.jwk()).skippedKeys.isEmpty)
    }

    @Test func skipsKeysOfOtherTypesWithoutKeyID() throws {
        let keys = try JWKS.keySet(#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, #"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#, TestKey.issuer.jwk())
        #expect(keys.keys.map(\.keyID) == ["k1"])
        #expect(keys.skippedKeys.map(\.keyID) == [nil, nil])
    }

    @Test(arguments: [
        #"{"kty":"RSA","kid":"r"}"#, #"{"kty":"RSA","kid":"r","n":1,"e":null}"#, #"{"kty":"EC","kid":"e","crv":"P-256"}"#,
        #"{"kty":"EC","kid":"e"}"#, #"{"kty":"EC","crv":7,"x":"!"}"#, #"{"kty":"RSA","kid":7}"#, #"{"kty":"OKP","crv":"Ed448"}"#,
        #"{"kty":"OKP","crv":"X25519","x":"not base64url!","use":1,"key_ops":"x"}"#, #"{"kty":"RSA\u0000","kid":"r"}"#,
    ])
    func skipsKeyOfAnotherTypeOrCurveWhateverItsOtherMembers(_ entry: String) throws {
        let keys = try JWKS.keySet(entry, TestKey.issuer.jwk())
        #expect(keys.keys.map(\.keyID) == ["k1"])
        #expect(keys.skippedKeys.map(\.position) == [0])
    }

    @Test func keepsASkippedKeyIDOnlyWhenItIsAString() throws {
        let keys = try JWKS.keySet(#"{"kty":"RSA","kid":7}"#, #"{"kty":"EC","kid":"e2","crv":5}"#, TestKey.issuer.jwk())
        #expect(keys.skippedKeys.map(\.keyID) == [nil, "e2"])
        #expect(keys.skippedKeys.map(\.curve) == [nil, nil])
    }

    @Test func quotesAnOddKeyTypeInTheReason() throws {
        let keys = try JWKS.keySet(#"{"kty":"RSA\u001b[31m"}"#, TestKey.issuer.jwk())
        let reason = try #require(keys.skippedKeys.first?.reason)
        #expect(!reason.unicodeScalars.contains("\u{1B}"))
        #expect(reason.contains(#""RSA\u001b[31m""#))
    }

    @Test func loadsKeyOfAnotherTypeSharingTheKeyIDOfAnEd25519Key() throws {
        let keys = try JWKS.keySet(Self.rsaKey.replacing("rsa1", with: "k1"), TestKey.issuer.jwk(), Self.x25519Key.replacing(#""x1""#, with: #""k1""#))
        #expect(keys.keys.map(\.keyID) == ["k1"])
        #expect(keys.skippedKeys.map(\.keyID) == ["k1", "k1"])
    }

    @Test func loadsTwoSkippedKeysOfOtherTypesSharingAKeyID() throws {
        let keys = try JWKS.keySet(Self.rsaKey, Self.ecKey.replacing("ec1", with: "rsa1"), TestKey.issuer.jwk())
        #expect(keys.skippedKeys.map(\.keyID) == ["rsa1", "rsa1"])
    }

    @Test(arguments: [#""use":"enc""#, #""key_ops":["sign"]"#, #""key_ops":[]"#, #""alg":"ES256""#, #""alg":"none""#])
    func keepsUnusableKeyOutOfSelection(_ member: String) throws {
        let keys = try JWKS.keySet(TestKey.issuer.jwk(), TestKey.second.jwk(member))
        #expect(keys.keys.map(\.keyID) == ["k1"])
    }

    @Test(arguments: [#""use":"sig""#, #""key_ops":["sign","verify"]"#, #""alg":"EdDSA""#, #""alg":"Ed25519""#])
    func keepsUsableKeyWithRestrictions(_ member: String) throws {
        let keys = try JWKS.keySet(TestKey.issuer.jwk(), TestKey.second.jwk(member))
        #expect(keys.keys.map(\.keyID) == ["k1", "k2"])
    }

    // MARK: malformed_key_set

    @Test(arguments: ["", "{", "[]", "{}", #"{"keys":{}}"#, #"{"keys":"x"}"#, #"{"keys":null}"#, #"{"keys":[],"keys":[]}"#])
    func refusesDocumentThatIsNotAJWKSet(_ document: String) {
        expectRejected(.malformedKeySet, document)
    }

    // MARK: malformed_key

    @Test(arguments: [#""k""#, "1", "null", "[]"])
    func refusesEntryThatIsNotAnObject(_ entry: String) {
        expectRejected(.malformedKey, key: entry)
    }

    @Test(arguments: [#"{"crv":"Ed25519","x":"AAAA"}"#, #"{"kty":1}"#, #"{"kty":null}"#])
    func refusesKeyWithoutStringKeyType(_ entry: String) {
        expectRejected(.malformedKey, key: entry)
    }

    @Test(arguments: [#"{"kty":"OKP","x":"AAAA"}"#, #"{"kty":"OKP","crv":25519,"x":"AAAA"}"#])
    func refusesOKPKeyWithoutStringCurve(_ entry: String) {
        expectRejected(.malformedKey, key: entry)
    }

    @Test func refusesEd25519KeyWithoutX() {
        expectRejected(.malformedKey, key: #"{"kty":"OKP","crv":"Ed25519","kid":"k9"}"#)
    }

    @Test(arguments: [
        Base64URL.encode(TestKey.second.publicKey.dropLast()),
        Base64URL.encode(TestKey.second.publicKey + [0]),
        Base64URL.encode(TestKey.second.publicKey) + "=",
        "+" + Base64URL.encode(TestKey.second.publicKey).dropFirst(),
        "",
    ])
    func refusesXThatIsNotThirtyTwoBytesOfStrictBase64URL(_ x: String) {
        expectRejected(.malformedKey, key: ed25519JWK(x: x))
    }

    @Test(arguments: ["kid", "use", "alg"])
    func refusesNonStringMember(_ name: String) {
        expectRejected(.malformedKey, key: TestKey.second.jwk(keyID: nil, [#""\#(name)":1"#]))
    }

    @Test(arguments: [#""verify""#, #"[1]"#, #"["verify",null]"#])
    func refusesKeyOperationsThatAreNotAnArrayOfStrings(_ value: String) {
        expectRejected(.malformedKey, key: TestKey.second.jwk(#""key_ops":\#(value)"#))
    }

    // MARK: private_key_material

    @Test func refusesPrivateEd25519Key() {
        expectRejected(.privateKeyMaterial, key: TestKey.second.jwk(#""d":"\#(Base64URL.encode([UInt8](repeating: 2, count: 32)))""#))
    }

    @Test func refusesPrivateRSAKey() {
        expectRejected(.privateKeyMaterial, key: #"{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB","d":"AQAB"}"#)
    }

    @Test func refusesSymmetricKey() {
        expectRejected(.privateKeyMaterial, key: #"{"kty":"oct","kid":"hmac","k":"c2VjcmV0"}"#)
    }

    // MARK: small_order_key

    @Test func refusesIdentityPoint() {
        expectRejected(.smallOrderKey, key: ed25519JWK(x: Base64URL.encode([1] + [UInt8](repeating: 0, count: 31))))
    }

    @Test func refusesNonCanonicalEncoding() {
        // y = p = 2^255 - 19: not reduced modulo p.
        let unreduced: [UInt8] = [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
        expectRejected(.smallOrderKey, key: ed25519JWK(x: Base64URL.encode(unreduced)))
    }

    @Test func refusesPointOfOrderEight() {
        let orderEight: [UInt8] = [
            0xC7, 0x17, 0x6A, 0x70, 0x3D, 0x4D, 0xD8, 0x4F, 0xBA, 0x3C, 0x0B, 0x76, 0x0D, 0x10, 0x67, 0x0F,
            0x2A, 0x20, 0x53, 0xFA, 0x2C, 0x39, 0xCC, 0xC6, 0x4E, 0xC7, 0xFD, 0x77, 0x92, 0xAC, 0x03, 0x7A,
        ]
        expectRejected(.smallOrderKey, key: ed25519JWK(x: Base64URL.encode(orderEight)))
    }

    // MARK: duplicate_key_id

    @Test func refusesDuplicateKeyID() {
        expectRejected(.duplicateKeyID, key: TestKey.second.jwk(keyID: "k1"))
    }

    @Test func refusesDuplicateKeyIDOfAnEd25519KeyKeptOutOfSelection() {
        expectRejected(.duplicateKeyID, key: TestKey.second.jwk(keyID: "k1", [#""use":"enc""#]))
    }

    @Test(arguments: [#"{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB","d":"AQAB"}"#, #"{"kty":"EC","crv":"P-256","d":"AQAB"}"#,
                      #"{"kty":"OKP","crv":"X25519","d":"AQAB"}"#, #"{"kty":"OKP","crv":"Ed448","x":"AA","d":"AA"}"#, #"{"kty":"RSA","d":null}"#,
                      #"{"kty":"oct","kid":"k","k":"c2VjcmV0"}"#, #"{"d":"AQAB"}"#])
    func refusesPrivateMaterialInAKeyThatWouldBeSkipped(_ entry: String) {
        expectKeySetRejected(.privateKeyMaterial) { try PinnedKeySet(jwks: JWKS.document([KeySetTests.rsaKey, TestKey.issuer.jwk(), entry])) }
    }

    @Test func namesTheReasonForAPrivateKeyClearly() {
        let error = #expect(throws: KeySetError.self) {
            try PinnedKeySet(jwks: JWKS.document([TestKey.issuer.jwk(), #"{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB","d":"AQAB"}"#]))
        }
        #expect(error?.detail == "key #1 holds private or secret key material; pin public keys only")
    }

    // MARK: no_usable_key

    @Test(arguments: [[], [KeySetTests.rsaKey, KeySetTests.ecKey], [TestKey.issuer.jwk(#""use":"enc""#)]])
    func refusesSetWithoutUsableKey(_ keys: [String]) {
        expectKeySetRejected(.noUsableKey) { try PinnedKeySet(jwks: JWKS.document(keys)) }
    }

    // MARK: Files

    @Test func loadsSetFromFile() throws {
        let file = try TemporaryFile(JWKS.document([TestKey.issuer.jwk()]))
        defer { file.remove() }
        #expect(try PinnedKeySet(contentsOfFile: file.path).keys.map(\.keyID) == ["k1"])
    }

    @Test(arguments: ["/nonexistent/edgejwt/jwks.json", "/"])
    func refusesUnreadableFile(_ path: String) {
        expectKeySetRejected(.unreadableFile) { try PinnedKeySet(contentsOfFile: path) }
    }

    /// A file holding the issuer's set padded with spaces to `size` bytes.
    func paddedSetFile(size: Int) throws -> TemporaryFile {
        let document = JWKS.document([TestKey.issuer.jwk()])
        return try TemporaryFile(document + [UInt8](repeating: 0x20, count: size - document.count))
    }

    @Test func loadsFileOfExactlyOneMebibyte() throws {
        let file = try paddedSetFile(size: PinnedKeySet.maxFileBytes)
        defer { file.remove() }
        #expect(try PinnedKeySet(contentsOfFile: file.path).keys.count == 1)
    }

    @Test func refusesFileLargerThanOneMebibyte() throws {
        let file = try paddedSetFile(size: PinnedKeySet.maxFileBytes + 1)
        defer { file.remove() }
        expectKeySetRejected(.unreadableFile) { try PinnedKeySet(contentsOfFile: file.path) }
    }
}
