import Testing
@testable import EdgeJWT

/// Step 6: decoding the verified payload into typed registered claims plus custom ones.
@Suite struct ClaimsTests {
    let harness: Harness

    init() throws {
        harness = try Harness()
    }

    /// Verifies a signed token with this payload and returns its claims, recording an issue if it fails.
    func verifiedClaims(_ payload: String, sourceLocation: SourceLocation = #_sourceLocation) -> Claims? {
        harness.expectAccepted(payload: payload, sourceLocation: sourceLocation)?.claims
    }

    @Test(arguments: ["[]", #""claims""#, "1", "null", "true"])
    func refusesPayloadThatIsNotAnObject(_ payload: String) {
        harness.expectRejected(.malformedToken, payload: payload)
    }

    @Test(arguments: [#"{"sub":"a","sub":"b"}"#, #"{"sub":"a""#, "{'sub':'a'}", #"{"exp":01}"#])
    func refusesPayloadThatIsNotStrictJSON(_ payload: String) {
        harness.expectRejected(.malformedToken, payload: payload)
    }

    @Test func refusesPayloadThatIsNotUTF8() {
        let token = harness.factory.token(headerBytes: Array(TokenFactory.defaultHeader.utf8), payloadBytes: Array(#"{"sub":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8))
        harness.expectRejected(token, .malformedToken)
    }

    @Test(arguments: ["exp", "nbf", "iat"], [#""1700000000""#, "true", "null", "-62135596801", "-62135596800.5", "1e400", "-1e400", "253402300800", "[1700000000]", "{}"])
    func refusesTimeClaimThatIsNotANumericDate(_ name: String, _ value: String) {
        harness.expectRejected(.malformedToken, payload: #"{"\#(name)":\#(value)}"#)
    }

    @Test(arguments: ["nbf", "iat"])
    func acceptsTimeClaimAtZero(_ name: String) {
        #expect(verifiedClaims(#"{"\#(name)":0}"#)?[name] == .number(JSONNumber(0)))
    }

    @Test(arguments: ["exp", "nbf", "iat"], ["-100", "-0.5", "-1e2", "-62135596800"])
    func readsNegativeTimeClaimAsADateBefore1970(_ name: String, _ value: String) throws {
        let claims = try Claims(decoding: Array(#"{"\#(name)":\#(value)}"#.utf8), limits: .init())
        let date = [claims.expiration, claims.notBefore, claims.issuedAt].compactMap(\.self)
        #expect(date.map(\.secondsSinceEpoch) == [Double(value)])
    }

    @Test func acceptsNotBeforeAtTheEarliestNumericDate() {
        #expect(verifiedClaims(#"{"nbf":-62135596800}"#)?.notBefore == NumericDate(NumericDate.earliest))
    }

    @Test func acceptsExpirationAtTheLatestNumericDate() {
        #expect(verifiedClaims(#"{"exp":253402300799}"#)?.expiration == NumericDate(NumericDate.latest))
    }

    @Test func acceptsFractionalExpiration() {
        #expect(verifiedClaims(#"{"exp":\#(testNow + 100).25}"#)?.expiration?.secondsSinceEpoch == Double(testNow) + 100.25)
    }

    @Test func acceptsExponentNotationForTimeClaims() {
        #expect(verifiedClaims(#"{"iat":1.7e9}"#)?.issuedAt == 1_700_000_000)
    }

    @Test func readsRegisteredClaims() throws {
        let claims = try #require(verifiedClaims(#"{"iss":"https://id.example","sub":"alice","jti":"t-1","exp":\#(testNow + 60),"nbf":\#(testNow - 5),"iat":\#(testNow - 10)}"#))
        #expect(claims.issuer == "https://id.example")
        #expect(claims.subject == "alice")
        #expect(claims.jwtID == "t-1")
        #expect(claims.expiration == NumericDate(integerLiteral: testNow + 60))
        #expect(claims.notBefore == NumericDate(integerLiteral: testNow - 5))
        #expect(claims.issuedAt == NumericDate(integerLiteral: testNow - 10))
    }

    @Test func leavesAbsentRegisteredClaimsNil() throws {
        let claims = try #require(verifiedClaims("{}"))
        #expect(claims.issuer == nil && claims.subject == nil && claims.audience == nil && claims.jwtID == nil)
        #expect(claims.expiration == nil && claims.notBefore == nil && claims.issuedAt == nil)
    }

    @Test func readsSingleStringAudienceAsOneElementArray() {
        #expect(verifiedClaims(#"{"aud":"gateway"}"#)?.audience == ["gateway"])
    }

    @Test func readsAudienceArrayInOrder() {
        #expect(verifiedClaims(#"{"aud":["b","a"]}"#)?.audience == ["b", "a"])
    }

    @Test(arguments: [#"["a",1]"#, #"["a",null]"#, #"[["a"]]"#, "1", "true", "null", #"{"a":"b"}"#])
    func refusesAudienceThatIsNotAStringOrArrayOfStrings(_ value: String) {
        harness.expectRejected(.malformedToken, payload: #"{"aud":\#(value)}"#)
    }

    @Test(arguments: ["iss", "sub", "jti"], ["1", "null", "true", #"["a"]"#, #"{}"#])
    func refusesNonStringStringClaim(_ name: String, _ value: String) {
        harness.expectRejected(.malformedToken, payload: #"{"\#(name)":\#(value)}"#)
    }

    @Test func readsCustomClaimThroughTheSubscript() {
        let claims = verifiedClaims(#"{"role":"admin","scopes":["read","write"],"limits":{"rpm":60}}"#)
        #expect(claims?["role"] == .string("admin"))
        #expect(claims?["scopes"] == .array([.string("read"), .string("write")]))
        #expect(claims?["limits"]?.objectValue?["rpm"]?.doubleValue == 60)
        #expect(claims?["missing"] == nil)
    }

    @Test func countsNullClaimAsPresent() {
        #expect(verifiedClaims(#"{"nonce":null}"#)?.contains("nonce") == true)
    }
}
