import Testing
@testable import EdgeJWT

/// Two providers, each pinned with its own keys and client id: the token's `iss` chooses the keys.
@Suite struct OIDCMultiIssuerTests {
    static let accounts = "https://accounts.example.com"
    static let login = "https://login.other-idp.example"
    /// The second provider's key. It reuses the first provider's `kid` "k1" on purpose.
    static let loginKey = TestKey(keyID: "k1", seedByte: 0x42)
    static let loginKeyOwnKID = TestKey(keyID: "login-1", seedByte: 0x43)

    static func gateway(accountsKeys: [String] = [TestKey.issuer.jwk()]) throws -> MultiIssuerVerifier {
        var accountsOIDC = OIDCOptions(clientID: OIDCFixture.clientID)
        accountsOIDC.maxAuthenticationAge = .seconds(3600)
        let configuration = try IssuerConfiguration([
            .init(issuer: accounts, keys: try PinnedKeySet(jwks: JWKS.document(accountsKeys)), oidc: accountsOIDC),
            .init(
                issuer: login, keys: try JWKS.keySet(loginKey.jwk(keyID: "k1"), loginKeyOwnKID.jwk()),
                oidc: OIDCOptions(clientID: "gateway-at-login")),
        ])
        return MultiIssuerVerifier(configuration, clock: FixedClock(NumericDate(integerLiteral: OIDCFixture.now)))
    }

    static func loginToken(signer: TestKey = loginKey) -> String {
        var fixture = OIDCFixture(issuer: login, audience: "gateway-at-login")
        fixture.signer = signer
        fixture.header = #"{"alg":"EdDSA","kid":"\#(signer.keyID)","typ":"JWT"}"#
        return fixture.token
    }

    static func expectRejected(
        _ code: VerificationError.Code, _ token: String, nonce: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let gateway = try gateway()
        let error = #expect(throws: VerificationError.self, sourceLocation: sourceLocation) { try gateway.verify(token, nonce: nonce) }
        #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "accepted")", sourceLocation: sourceLocation)
    }

    @Test func acceptsEachProvidersOwnTokens() throws {
        let gateway = try Self.gateway()
        #expect(try gateway.verify(OIDCFixture().token).claims.issuer == Self.accounts)
        #expect(try gateway.verify(Self.loginToken()).claims.issuer == Self.login)
        #expect(try gateway.verify(Self.loginToken(signer: Self.loginKeyOwnKID)).keyID == "login-1")
    }

    @Test func rejectsAnUnpinnedIssuerBeforeTheSignatureIsChecked() throws {
        let forged = TokenEdit.replacing(segment: 2, with: String(repeating: "A", count: 86), in: OIDCFixture(issuer: "https://evil.example").token)
        try Self.expectRejected(.issuerMismatch, forged)
    }

    @Test func neverVerifiesATokenWithAnotherProvidersKeyThatSharesItsKid() throws {
        // Claims the first provider, signed by the second provider's key under the same kid "k1".
        var fixture = OIDCFixture()
        fixture.signer = Self.loginKey
        try Self.expectRejected(.invalidSignature, fixture.token)
    }

    @Test func neverLooksUpAnotherProvidersKid() throws {
        var fixture = OIDCFixture()
        fixture.signer = Self.loginKeyOwnKID
        fixture.header = #"{"alg":"EdDSA","kid":"login-1","typ":"JWT"}"#
        try Self.expectRejected(.unknownKey, fixture.token)
    }

    @Test func appliesEachIssuersOwnClientID() throws {
        try Self.expectRejected(.audienceMismatch, OIDCFixture(audience: "gateway-at-login").token)
    }

    @Test func appliesEachIssuersOwnPolicy() throws {
        var fixture = OIDCFixture()
        fixture["auth_time"] = nil
        try Self.expectRejected(.missingClaim, fixture.token)
        var login = OIDCFixture(issuer: Self.login, audience: "gateway-at-login")
        login.signer = Self.loginKey
        login["auth_time"] = nil
        _ = try Self.gateway().verify(login.token)
    }

    @Test func checksTheNonceGivenPerCall() throws {
        try Self.expectRejected(.nonceMismatch, OIDCFixture().token, nonce: "another-nonce")
        _ = try Self.gateway().verify(OIDCFixture().token, nonce: OIDCFixture.nonce)
    }

    @Test func checksTheAccessTokenGivenPerCall() throws {
        let gateway = try Self.gateway()
        _ = try gateway.verify(OIDCFixture().token, accessToken: OIDCFixture.accessToken)
        let error = #expect(throws: VerificationError.self) { try gateway.verify(OIDCFixture().token, accessToken: "other") }
        #expect(error?.code == .tokenHashMismatch)
    }

    @Test func requiresIss() throws {
        var fixture = OIDCFixture()
        fixture["iss"] = nil
        try Self.expectRejected(.missingClaim, fixture.token)
    }

    @Test func rejectsANonStringIss() throws {
        var fixture = OIDCFixture()
        fixture["iss"] = .array([.string(Self.accounts)])
        try Self.expectRejected(.malformedToken, fixture.token)
    }

    @Test func readsIssStrictlyBeforeChoosingKeys() throws {
        let duplicate = #"{"iss":"https://evil.example","iss":"https://accounts.example.com"}"#
        try Self.expectRejected(.malformedToken, TokenFactory().token(header: #"{"alg":"EdDSA","kid":"k1"}"#, payload: duplicate))
        try Self.expectRejected(.malformedToken, "a.b")
    }

    @Test func choosesTheIssuerByExactBytes() throws {
        let gateway = try Self.gateway()
        #expect(gateway.verifier(forIssuer: Self.accounts) != nil)
        #expect(gateway.verifier(forIssuer: Self.accounts + "/") == nil)
        let lookalike = TokenEdit.replacing(segment: 2, with: String(repeating: "A", count: 86), in: OIDCFixture(issuer: "https://ACCOUNTS.example.com").token)
        try Self.expectRejected(.issuerMismatch, lookalike)
        #expect(gateway.issuers == [Self.accounts, Self.login])
    }

    @Test func acceptsOldAndNewKeysDuringRotationAndOnlyTheNewAfter() throws {
        var old = OIDCFixture()
        old.signer = TestKey.issuer
        var new = OIDCFixture()
        new.signer = TestKey.second
        new.header = #"{"alg":"EdDSA","kid":"k2","typ":"JWT"}"#
        let during = try Self.gateway(accountsKeys: [TestKey.issuer.jwk(), TestKey.second.jwk()])
        #expect(try during.verify(old.token).keyID == "k1")
        #expect(try during.verify(new.token).keyID == "k2")
        let after = try Self.gateway(accountsKeys: [TestKey.second.jwk()])
        #expect(try after.verify(new.token).keyID == "k2")
        let error = #expect(throws: VerificationError.self) { try after.verify(old.token) }
        #expect(error?.code == .unknownKey)
    }

    @Test func isASendableValue() throws {
        let gateway: any Sendable = try Self.gateway()
        #expect(gateway is MultiIssuerVerifier)
    }
}
