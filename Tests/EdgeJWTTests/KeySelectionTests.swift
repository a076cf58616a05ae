import Testing
@testable import EdgeJWT

/// Step 4: choosing the pinned key by `kid`, never by a fall-back or a key named in the token.
@Suite struct KeySelectionTests {
    static let edOnly = TestKey(keyID: "ed", seedByte: 3)
    static let encryption = TestKey(keyID: "enc", seedByte: 4)

    /// Issuer (k1), second (k2), an `alg: Ed25519` key, and an RSA and a `use: enc` key that are skipped.
    let harness: Harness

    init() throws {
        harness = try Harness(keys: [
            TestKey.issuer.jwk(), TestKey.second.jwk(), Self.edOnly.jwk(#""alg":"Ed25519""#),
            KeySetTests.rsaKey, Self.encryption.jwk(#""use":"enc""#),
        ])
    }

    /// A token with this header text, signed by `key`.
    func token(by key: TestKey, header: String) -> String {
        TokenFactory(key: key).token(header: header)
    }

    @Test(arguments: [TestKey.issuer, TestKey.second])
    func selectsKeyByKeyID(_ key: TestKey) {
        let token = token(by: key, header: #"{"alg":"EdDSA","kid":"\#(key.keyID)"}"#)
        #expect(harness.expectAccepted(token)?.keyID == key.keyID)
    }

    @Test func refusesTokenSignedByAnotherPinnedKeyThanItsKeyIDNames() {
        harness.expectRejected(token(by: .second, header: #"{"alg":"EdDSA","kid":"k1"}"#), .invalidSignature)
    }

    @Test(arguments: ["k3", "K1", "k1 ", ""])
    func refusesUnknownKeyID(_ keyID: String) {
        harness.expectRejected(token(by: .issuer, header: #"{"alg":"EdDSA","kid":"\#(keyID)"}"#), .unknownKey)
    }

    @Test func refusesKeyIDOfSkippedRSAKeyAsUnsupportedAlgorithm() {
        harness.expectRejected(token(by: .issuer, header: #"{"alg":"EdDSA","kid":"rsa1"}"#), .unsupportedAlgorithm)
    }

    @Test(arguments: [("ec1", KeySetTests.ecKey), ("x1", KeySetTests.x25519Key), ("ed448", KeySetTests.ed448Key)])
    func refusesKeyIDOfKeyOfAnotherTypeOrCurveAsUnsupportedAlgorithm(_ keyID: String, _ jwk: String) throws {
        let mixed = try Harness(keys: [TestKey.issuer.jwk(), jwk])
        let error = #expect(throws: VerificationError.self) {
            try mixed.verifier.verify(token(by: .issuer, header: #"{"alg":"EdDSA","kid":"\#(keyID)"}"#))
        }
        #expect(error?.code == .unsupportedAlgorithm)
        #expect(error?.detail.contains("kty") == true)
    }

    @Test func refusesKeyIDOfAnotherTypeOnlyWhenTheKeyIDMatchesExactly() {
        harness.expectRejected(token(by: .issuer, header: #"{"alg":"EdDSA","kid":"RSA1"}"#), .unknownKey)
    }

    @Test func selectsTheEd25519KeyWhenAnRSAKeySharesItsKeyID() throws {
        let rsaNamedK1 = KeySetTests.rsaKey.replacing(#""kid":"rsa1""#, with: #""kid":"k1""#)
        let shared = try Harness(keys: [rsaNamedK1, TestKey.issuer.jwk()])
        #expect(shared.expectAccepted(token(by: .issuer, header: #"{"alg":"EdDSA","kid":"k1"}"#))?.keyID == "k1")
    }

    @Test func refusesKeyIDOfKeyNotMeantForSignatures() {
        harness.expectRejected(token(by: Self.encryption, header: #"{"alg":"EdDSA","kid":"enc"}"#), .unknownKey)
    }

    @Test func keyPinnedForEd25519RefusesEdDSAToken() {
        harness.expectRejected(token(by: Self.edOnly, header: #"{"alg":"EdDSA","kid":"ed"}"#), .unknownKey)
    }

    @Test func keyPinnedForEd25519AcceptsEd25519Token() {
        harness.expectAccepted(token(by: Self.edOnly, header: #"{"alg":"Ed25519","kid":"ed"}"#))
    }

    @Test func usesTheOnlyPinnedKeyWhenKeyIDIsMissing() throws {
        let single = try Harness(keys: [TestKey.issuer.jwk(keyID: nil)])
        #expect(single.expectAccepted(header: #"{"alg":"EdDSA"}"#)?.keyID == nil)
    }

    @Test func usesTheOnlyUsableKeyWhenOthersAreSkipped() throws {
        let single = try Harness(keys: [KeySetTests.rsaKey, TestKey.issuer.jwk(), Self.encryption.jwk(#""use":"enc""#)])
        #expect(single.expectAccepted(header: #"{"alg":"EdDSA"}"#)?.keyID == "k1")
    }

    @Test func usesTheOnlyKeyAcceptingTheAlgorithmWhenKeyIDIsMissing() throws {
        let pair = try Harness(keys: [TestKey.issuer.jwk(), Self.edOnly.jwk(#""alg":"Ed25519""#)])
        #expect(pair.expectAccepted(header: #"{"alg":"EdDSA"}"#)?.keyID == "k1")
    }

    @Test func refusesMissingKeyIDWhenSeveralKeysCouldVerify() throws {
        let pair = try Harness(keys: [TestKey.issuer.jwk(), TestKey.second.jwk()])
        pair.expectRejected(.unknownKey, header: #"{"alg":"EdDSA"}"#)
    }

    @Test func refusesMissingKeyIDWhenNoKeyAcceptsTheAlgorithm() throws {
        let edOnly = try Harness(keys: [Self.edOnly.jwk(#""alg":"Ed25519""#)], signer: Self.edOnly)
        edOnly.expectRejected(.unknownKey, header: #"{"alg":"EdDSA"}"#)
    }

    @Test(arguments: [#"{"alg":"EdDSA","kid":"k1","jwk":"#, #"{"alg":"EdDSA","jwk":"#])
    func neverUsesAKeyEmbeddedInTheHeader(_ headerStart: String) throws {
        let single = try Harness(keys: [TestKey.issuer.jwk()], signer: .attacker)
        single.expectRejected(.invalidSignature, header: headerStart + TestKey.attacker.jwk() + "}")
    }
}
