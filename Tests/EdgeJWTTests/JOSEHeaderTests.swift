import Testing
@testable import EdgeJWT

/// Step 3: the protected header — `alg`, `kid`, `typ`, `crit` and `b64` — checked before any key is used.
@Suite struct JOSEHeaderTests {
    let harness: Harness

    init() throws {
        harness = try Harness()
    }

    /// A header with `kid` "k1" and the given extra members.
    func header(_ members: String...) -> String {
        JWKS.object([#""kid":"k1""#] + members)
    }

    @Test(arguments: ["EdDSA", "Ed25519"])
    func acceptsEdDSAAlgorithms(_ algorithm: String) {
        #expect(harness.expectAccepted(header: header(#""alg":"\#(algorithm)""#))?.header.algorithm == algorithm)
    }

    @Test(arguments: [#""none""#, #""HS256""#, #""RS256""#, #""ES256""#, #""eddsa""#, #""ED25519""#, #""EdDSA ""#, "1", "null", "true", #"["EdDSA"]"#])
    func refusesOtherAlgorithms(_ algorithm: String) {
        harness.expectRejected(.unsupportedAlgorithm, header: header(#""alg":\#(algorithm)"#))
    }

    @Test func refusesMissingAlgorithm() {
        harness.expectRejected(.unsupportedAlgorithm, header: header())
    }

    @Test func readsKeyIDAndType() throws {
        let verified = try #require(harness.expectAccepted(header: header(#""alg":"EdDSA""#, #""typ":"JWT""#)))
        #expect(verified.header.keyID == "k1")
        #expect(verified.header.type == "JWT")
    }

    @Test(arguments: ["1", "null", "true", #"["k1"]"#, #"{"k":"k1"}"#])
    func refusesNonStringKeyID(_ value: String) {
        harness.expectRejected(.malformedToken, header: JWKS.object([#""alg":"EdDSA""#, #""kid":\#(value)"#]))
    }

    @Test(arguments: ["1", "null", "false", #"["JWT"]"#])
    func refusesNonStringType(_ value: String) {
        harness.expectRejected(.malformedToken, header: header(#""alg":"EdDSA""#, #""typ":\#(value)"#))
    }

    @Test func keepsUnknownParametersForInspection() throws {
        let verified = try #require(harness.expectAccepted(header: header(#""alg":"EdDSA""#, #""x-trace":"abc""#)))
        #expect(verified.header.object["x-trace"] == .string("abc"))
    }

    @Test func refusesEmptyCritical() {
        harness.expectRejected(.malformedToken, header: header(#""alg":"EdDSA""#, #""crit":[]"#))
    }

    @Test(arguments: [#""b64""#, "1", "null", #"{"b64":true}"#])
    func refusesNonArrayCritical(_ value: String) {
        harness.expectRejected(.malformedToken, header: header(#""alg":"EdDSA""#, #""b64":true"#, #""crit":\#(value)"#))
    }

    @Test(arguments: ["[1]", "[null]", #"["b64",1]"#, #"[["b64"]]"#])
    func refusesNonStringCriticalName(_ value: String) {
        harness.expectRejected(.malformedToken, header: header(#""alg":"EdDSA""#, #""b64":true"#, #""crit":\#(value)"#))
    }

    @Test(arguments: [#"["exp"]"#, #"["b64","x-custom"]"#, #"["alg"]"#, #"["B64"]"#])
    func refusesUnknownCriticalName(_ value: String) {
        harness.expectRejected(.unsupportedCriticalHeader, header: header(#""alg":"EdDSA""#, #""b64":true"#, #""crit":\#(value)"#))
    }

    @Test func acceptsCriticalB64WhenItIsTrue() {
        harness.expectAccepted(header: header(#""alg":"EdDSA""#, #""b64":true"#, #""crit":["b64"]"#))
    }

    @Test func refusesCriticalB64WhenTheHeaderHasNoB64() {
        harness.expectRejected(.unsupportedCriticalHeader, header: header(#""alg":"EdDSA""#, #""crit":["b64"]"#))
    }

    @Test(arguments: ["false", #""false""#, #""true""#, "0", "null"])
    func refusesB64OtherThanTrue(_ value: String) {
        harness.expectRejected(.unsupportedCriticalHeader, header: header(#""alg":"EdDSA""#, #""b64":\#(value)"#, #""crit":["b64"]"#))
    }

    @Test func refusesB64FalseEvenWithoutCritical() {
        harness.expectRejected(.unsupportedCriticalHeader, header: header(#""alg":"EdDSA""#, #""b64":false"#))
    }

    @Test(arguments: ["[]", #""EdDSA""#, "1", "null", #"[{"alg":"EdDSA"}]"#])
    func refusesHeaderThatIsNotAnObject(_ text: String) {
        harness.expectRejected(.malformedToken, header: text)
    }

    @Test(arguments: [#"{"alg":"EdDSA","kid":"k1""#, #"{"alg":"EdDSA","alg":"EdDSA","kid":"k1"}"#, #"{'alg':'EdDSA'}"#])
    func refusesHeaderThatIsNotStrictJSON(_ text: String) {
        harness.expectRejected(.malformedToken, header: text)
    }
}
