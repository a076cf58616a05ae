import Testing
@testable import EdgeJWT

/// An ID Token as a provider issues it, signed by ``TestKey/issuer``, and a verifier that applies
/// the OpenID Connect profile at a fixed time.
struct OIDCFixture: Sendable {
    static let issuer = "https://accounts.example.com"
    static let clientID = "gateway-7f3a"
    static let now: Int64 = 1_700_000_000
    static let nonce = "n-0S6_WzA2Mj"
    static let accessToken = "SlAV32hkKG.eyJzY29wZSI6Im9wZW5pZCJ9.ya29-a0AfB_byC9qRt4"
    static let code = "SplxlOBeZQQYbYS6WxSbIA"

    /// Claims in issue order; assigning `nil` removes one.
    var members: [(name: String, value: JSONValue)]
    var header = #"{"alg":"EdDSA","kid":"k1","typ":"JWT"}"#
    var signer = TestKey.issuer

    /// Every claim the relying-party checks of ``verifier(_:)`` look at, all satisfying them.
    init(issuer: String = Self.issuer, audience: String = Self.clientID) {
        let iat = Double(Self.now - 60)
        members = [
            ("iss", .string(issuer)), ("sub", .string("248289761001")), ("aud", .string(audience)),
            ("exp", .number(JSONNumber(iat + 3600))), ("iat", .number(JSONNumber(iat))),
            ("auth_time", .number(JSONNumber(Double(Self.now - 300)))), ("nonce", .string(Self.nonce)),
            ("acr", .string("urn:example:loa:2")), ("amr", .array([.string("pwd"), .string("otp")])),
            ("at_hash", .string(TokenHash.value(of: Self.accessToken, algorithm: "EdDSA")!)),
            ("email", .string("jane.doe@example.com")),
        ]
    }

    subscript(name: String) -> JSONValue? {
        get { members.first { $0.name == name }?.value }
        set {
            if let position = members.firstIndex(where: { $0.name == name }) {
                if let newValue { members[position].value = newValue } else { members.remove(at: position) }
            } else if let newValue {
                members.append((name, newValue))
            }
        }
    }

    /// The signed compact token.
    var token: String {
        let payload = JSONValue.object(JSONObject(uniqueMembers: members.map { JSONObject.Member(name: $0.name, value: $0.value) }))
        return TokenFactory(key: signer).token(header: header, payload: payload.jsonText)
    }

    /// The relying-party profile with every check on (nonce, max auth age, acr, access token).
    static func profile() -> OIDCOptions {
        var oidc = OIDCOptions(clientID: clientID)
        oidc.nonce = nonce
        oidc.maxAuthenticationAge = .seconds(3600)
        oidc.acceptedACRValues = ["urn:example:loa:2", "urn:example:loa:3"]
        oidc.accessToken = accessToken
        return oidc
    }

    /// A verifier pinning ``issuer`` with ``TestKey/issuer``, at ``now``, leeway 60 s.
    static func verifier(
        _ configure: (inout OIDCOptions) -> Void = { _ in }, options configureOptions: (inout VerifierOptions) -> Void = { _ in }
    ) -> Verifier {
        var oidc = profile()
        configure(&oidc)
        var options = VerifierOptions()
        options.issuers = [issuer]
        options.oidc = oidc
        configureOptions(&options)
        let keys = try! PinnedKeySet(jwks: JWKS.document([TestKey.issuer.jwk()]))
        return Verifier(keys: keys, options: options, clock: FixedClock(NumericDate(integerLiteral: now)))
    }
}

/// Expects `verifier` to refuse `token` with `code`.
func expectOIDCRejection(
    _ code: VerificationError.Code, _ token: String, _ verifier: Verifier = OIDCFixture.verifier(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = #expect(throws: VerificationError.self, sourceLocation: sourceLocation) { try verifier.verify(token) }
    #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "accepted")", sourceLocation: sourceLocation)
}

/// Step 8b: each OpenID Connect rule (OIDC Core 1.0 §3.1.3.7) on its own.
@Suite struct OIDCRulesTests {
    @Test func acceptsAProviderIDTokenWithEveryCheckOn() throws {
        let token = try OIDCFixture.verifier().verify(OIDCFixture().token)
        #expect(token.keyID == "k1")
        #expect(token.claims.subject == "248289761001")
    }

    @Test func readsTypedOIDCClaimsAfterVerification() throws {
        var fixture = OIDCFixture()
        fixture["azp"] = .string(OIDCFixture.clientID)
        let oidc = try OIDCFixture.verifier().verify(fixture.token).claims.oidc()
        #expect(oidc.authorizedParty == OIDCFixture.clientID)
        #expect(oidc.nonce == OIDCFixture.nonce)
        #expect(oidc.authenticationTime == NumericDate(integerLiteral: OIDCFixture.now - 300))
        #expect(oidc.authenticationContextClass == "urn:example:loa:2")
        #expect(oidc.authenticationMethods == ["pwd", "otp"])
        #expect(oidc.accessTokenHash == TokenHash.value(of: OIDCFixture.accessToken, algorithm: "EdDSA"))
        #expect(oidc.codeHash == nil)
    }

    // MARK: iss

    @Test func rejectsIssuerThatIsOnlyCanonicallyEquivalent() throws {
        // Swift's String == says "é" (U+00E9) equals "e\u{301}"; OIDC says "exactly match".
        let pinned = "https://id.caf\u{E9}.example"
        let presented = "https://id.cafe\u{301}.example"
        #expect(pinned == presented)
        let verifier = OIDCFixture.verifier(options: { $0.issuers = [pinned] })
        expectOIDCRejection(.issuerMismatch, OIDCFixture(issuer: presented).token, verifier)
        #expect(throws: Never.self) { try verifier.verify(OIDCFixture(issuer: pinned).token) }
    }

    @Test func failsClosedWithoutAPinnedIssuer() {
        expectOIDCRejection(.issuerMismatch, OIDCFixture().token, OIDCFixture.verifier(options: { $0.issuers = [] }))
    }

    @Test func failsClosedWithSeveralPinnedIssuers() {
        let verifier = OIDCFixture.verifier(options: { $0.issuers = [OIDCFixture.issuer, "https://other.example"] })
        expectOIDCRejection(.issuerMismatch, OIDCFixture().token, verifier)
    }

    // MARK: required claims

    @Test(arguments: ["sub", "aud", "exp", "iat"])
    func rejectsIDTokenWithoutRequiredClaim(_ name: String) {
        var fixture = OIDCFixture()
        fixture[name] = nil
        expectOIDCRejection(.missingClaim, fixture.token)
    }

    @Test func rejectsExpiredIDTokenBeyondLeeway() {
        var fixture = OIDCFixture()
        fixture["exp"] = .number(JSONNumber(Double(OIDCFixture.now - 61)))
        expectOIDCRejection(.expired, fixture.token)
    }

    // MARK: aud and azp

    @Test func rejectsAudienceWithoutTheClientID() {
        expectOIDCRejection(.audienceMismatch, OIDCFixture(audience: "mobile-2c91").token)
    }

    @Test func rejectsAnEmptyAudienceArray() {
        var fixture = OIDCFixture()
        fixture["aud"] = .array([])
        expectOIDCRejection(.audienceMismatch, fixture.token)
    }

    @Test func rejectsOnlyTrustedAudiencesWithoutTheClientID() {
        var fixture = OIDCFixture(audience: "https://api.example.com")
        fixture["azp"] = .string(OIDCFixture.clientID)
        expectOIDCRejection(.audienceMismatch, fixture.token, OIDCFixture.verifier { $0.trustedAudiences = ["https://api.example.com"] })
    }

    @Test func rejectsAudienceThatIsOnlyCanonicallyEquivalentToTheClientID() {
        // Even when that look-alike is itself a trusted audience, it does not stand in for the client id.
        let verifier = OIDCFixture.verifier {
            $0.clientID = "caf\u{E9}"
            $0.trustedAudiences = ["cafe\u{301}"]
        }
        expectOIDCRejection(.audienceMismatch, OIDCFixture(audience: "cafe\u{301}").token, verifier)
    }

    @Test func rejectsAnUntrustedAdditionalAudience() {
        var fixture = OIDCFixture()
        fixture["aud"] = .array([.string(OIDCFixture.clientID), .string("https://api.example.com")])
        fixture["azp"] = .string(OIDCFixture.clientID)
        expectOIDCRejection(.audienceMismatch, fixture.token)
    }

    @Test func acceptsATrustedAdditionalAudienceWithAzp() throws {
        var fixture = OIDCFixture()
        fixture["aud"] = .array([.string(OIDCFixture.clientID), .string("https://api.example.com")])
        fixture["azp"] = .string(OIDCFixture.clientID)
        let verifier = OIDCFixture.verifier { $0.trustedAudiences = ["https://api.example.com"] }
        _ = try verifier.verify(fixture.token)
    }

    @Test func rejectsSeveralAudiencesWithoutAzp() {
        var fixture = OIDCFixture()
        fixture["aud"] = .array([.string(OIDCFixture.clientID), .string("https://api.example.com")])
        let verifier = OIDCFixture.verifier { $0.trustedAudiences = ["https://api.example.com"] }
        expectOIDCRejection(.azpMismatch, fixture.token, verifier)
    }

    @Test func rejectsAzpThatIsNotTheClientID() {
        var fixture = OIDCFixture()
        fixture["azp"] = .string("mobile-2c91")
        expectOIDCRejection(.azpMismatch, fixture.token)
    }

    @Test func rejectsNonceOfTheWrongType() {
        var fixture = OIDCFixture()
        fixture["nonce"] = .number(JSONNumber(12345))
        expectOIDCRejection(.malformedToken, fixture.token, OIDCFixture.verifier { $0.nonce = nil })
    }

    @Test func rejectsAmrThatIsNotAnArrayOfStrings() {
        var fixture = OIDCFixture()
        fixture["amr"] = .string("pwd")
        expectOIDCRejection(.malformedToken, fixture.token)
        fixture["amr"] = .array([.string("pwd"), .number(JSONNumber(2))])
        expectOIDCRejection(.malformedToken, fixture.token)
    }

    @Test func rejectsAzpOfTheWrongType() {
        var fixture = OIDCFixture()
        fixture["azp"] = .array([.string(OIDCFixture.clientID)])
        expectOIDCRejection(.malformedToken, fixture.token)
    }

    // MARK: nonce

    @Test func rejectsMissingNonceWhenOneWasSent() {
        var fixture = OIDCFixture()
        fixture["nonce"] = nil
        expectOIDCRejection(.nonceMismatch, fixture.token)
    }

    @Test func rejectsADifferentNonce() {
        var fixture = OIDCFixture()
        fixture["nonce"] = .string("n-0S6_WzA2Mk")
        expectOIDCRejection(.nonceMismatch, fixture.token)
    }

    @Test func ignoresTheNonceWhenNoneWasSent() throws {
        var fixture = OIDCFixture()
        fixture["nonce"] = .string("anything")
        _ = try OIDCFixture.verifier { $0.nonce = nil }.verify(fixture.token)
    }

    // MARK: auth_time

    @Test func rejectsMissingAuthTimeWhenAMaximumAgeIsSet() {
        var fixture = OIDCFixture()
        fixture["auth_time"] = nil
        expectOIDCRejection(.missingClaim, fixture.token)
    }

    @Test func rejectsAuthTimeOlderThanMaximumAgePlusLeeway() {
        var fixture = OIDCFixture()
        fixture["auth_time"] = .number(JSONNumber(Double(OIDCFixture.now - 3600 - 60 - 1)))
        expectOIDCRejection(.authTimeTooOld, fixture.token)
    }

    @Test func acceptsAuthTimeExactlyAtMaximumAgePlusLeeway() throws {
        var fixture = OIDCFixture()
        fixture["auth_time"] = .number(JSONNumber(Double(OIDCFixture.now - 3600 - 60)))
        _ = try OIDCFixture.verifier().verify(fixture.token)
    }

    @Test func rejectsNegativeAuthTimeAsOlderThanMaximumAge() {
        var fixture = OIDCFixture()
        fixture["auth_time"] = .number(JSONNumber(-100))
        expectOIDCRejection(.authTimeTooOld, fixture.token)
    }

    @Test func acceptsNegativeAuthTimeWithoutAMaximumAge() throws {
        var fixture = OIDCFixture()
        fixture["auth_time"] = .number(JSONNumber(-100))
        let verified = try OIDCFixture.verifier { $0.maxAuthenticationAge = nil }.verify(fixture.token)
        #expect(try verified.claims.oidc().authenticationTime == NumericDate(-100))
    }

    @Test func rejectsAuthTimeThatIsNotANumericDateEvenWithoutAMaximumAge() {
        var fixture = OIDCFixture()
        fixture["auth_time"] = .string("1699999700")
        expectOIDCRejection(.malformedToken, fixture.token, OIDCFixture.verifier { $0.maxAuthenticationAge = nil })
    }

    // MARK: acr

    @Test func rejectsMissingACRWhenValuesAreRequested() {
        var fixture = OIDCFixture()
        fixture["acr"] = nil
        expectOIDCRejection(.missingClaim, fixture.token)
    }

    @Test func rejectsAnACRThatIsNotAccepted() {
        var fixture = OIDCFixture()
        fixture["acr"] = .string("urn:example:loa:1")
        expectOIDCRejection(.acrMismatch, fixture.token)
    }

    // MARK: at_hash and c_hash

    @Test func rejectsAtHashOfAnotherAccessToken() {
        var fixture = OIDCFixture()
        fixture["at_hash"] = .string(TokenHash.value(of: OIDCFixture.accessToken + "x", algorithm: "EdDSA")!)
        expectOIDCRejection(.tokenHashMismatch, fixture.token)
    }

    @Test func acceptsMissingAtHashUnlessRequired() throws {
        var fixture = OIDCFixture()
        fixture["at_hash"] = nil
        _ = try OIDCFixture.verifier().verify(fixture.token)
        expectOIDCRejection(.missingClaim, fixture.token, OIDCFixture.verifier { $0.requiresAccessTokenHash = true })
    }

    @Test func rejectsMissingCHashWhenACodeIsSupplied() {
        expectOIDCRejection(.missingClaim, OIDCFixture().token, OIDCFixture.verifier { $0.authorizationCode = OIDCFixture.code })
    }

    @Test func rejectsCHashOfAnotherCode() throws {
        var fixture = OIDCFixture()
        fixture["c_hash"] = .string(TokenHash.value(of: OIDCFixture.code, algorithm: "EdDSA")!)
        _ = try OIDCFixture.verifier { $0.authorizationCode = OIDCFixture.code }.verify(fixture.token)
        expectOIDCRejection(.tokenHashMismatch, fixture.token, OIDCFixture.verifier { $0.authorizationCode = "another-code" })
    }

    @Test func checksAtHashWithSHA512ForTheEd25519AlgorithmName() throws {
        var fixture = OIDCFixture()
        fixture.header = #"{"alg":"Ed25519","kid":"k1","typ":"JWT"}"#
        fixture["at_hash"] = .string(TokenHash.value(of: OIDCFixture.accessToken, algorithm: "Ed25519")!)
        _ = try OIDCFixture.verifier().verify(fixture.token)
    }

    // MARK: without the profile

    @Test func plainVerifierIgnoresOIDCClaims() throws {
        var fixture = OIDCFixture()
        fixture["nonce"] = nil
        fixture["azp"] = .string("someone-else")
        _ = try OIDCFixture.verifier(options: { $0.oidc = nil }).verify(fixture.token)
    }
}
