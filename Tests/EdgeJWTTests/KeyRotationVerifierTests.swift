import Testing
@testable import EdgeJWT

/// Verifiers over a ``RotatingKeySet``: new statements take effect without a new verifier, key
/// windows and statement expiry are enforced with their own codes.
@Suite struct KeyRotationVerifierTests {
    typealias F = RotationFixture

    private func code(_ verifier: Verifier, _ token: String) -> VerificationError.Code? {
        let error = #expect(throws: VerificationError.self) { try verifier.verify(token) }
        return error?.code
    }

    @Test func noStatementInstalledRefusesEveryToken() throws {
        #expect(code(F.verifier(try F.keySet()), F.token(by: F.keyA)) == .unknownKey)
    }

    @Test func installedStatementIsUsedByAnExistingVerifier() throws {
        let keys = try F.keySet()
        let verifier = F.verifier(keys)
        try keys.install(F.statement(sequence: 1, keys: [F.keyA.jwk()]))
        #expect(try verifier.verify(F.token(by: F.keyA)).keyID == "A")
        #expect(code(verifier, F.token(by: F.keyB)) == .unknownKey)
        try keys.install(F.statement(sequence: 2, keys: [F.keyB.jwk()]))
        #expect(try verifier.verify(F.token(by: F.keyB)).keyID == "B")
        #expect(code(verifier, F.token(by: F.keyA)) == .unknownKey)
    }

    @Test func retiredKeyIsNotActiveFromItsRetireTime() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(keys: [F.keyA.jwk(#""retire_at":\#(F.now + 100)"#), F.keyB.jwk()]))
        #expect(try F.verifier(keys, at: F.now + 99).verify(F.token(by: F.keyA)).keyID == "A")
        #expect(code(F.verifier(keys, at: F.now + 100), F.token(by: F.keyA)) == .keyNotActive)
        #expect(try F.verifier(keys, at: F.now + 100).verify(F.token(by: F.keyB)).keyID == "B")
    }

    @Test func keyIsNotActiveBeforeItsNotBefore() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(keys: [F.keyA.jwk(), F.keyB.jwk(#""not_before":\#(F.now + 100)"#)]))
        #expect(code(F.verifier(keys, at: F.now + 99), F.token(by: F.keyB)) == .keyNotActive)
        #expect(try F.verifier(keys, at: F.now + 100).verify(F.token(by: F.keyB)).keyID == "B")
    }

    @Test func windowUsesTheCallersTimeNotOnlyTheClock() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(keys: [F.keyA.jwk(#""retire_at":\#(F.now + 100)"#)]))
        let verifier = F.verifier(keys)
        #expect(try verifier.verify(F.token(by: F.keyA)).keyID == "A")
        let error = #expect(throws: VerificationError.self) { try verifier.verify(F.token(by: F.keyA), at: NumericDate(Double(F.now + 100))) }
        #expect(error?.code == .keyNotActive)
    }

    @Test func expiredStatementIsStillUsedWithinTheGracePeriod() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(expiresAt: F.now + 10))
        #expect(try F.verifier(keys, at: F.now + 10 + 86_399).verify(F.token(by: F.keyA)).keyID == "A")
    }

    @Test func expiredStatementFailsClosedAfterTheGracePeriod() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(expiresAt: F.now + 10))
        let error = #expect(throws: VerificationError.self) { try F.verifier(keys, at: F.now + 10 + 86_400).verify(F.token(by: F.keyA)) }
        #expect(error?.code == .keySetExpired)
        #expect(error?.detail.contains("grace 86400 s") == true)
    }

    @Test func failingOpenAfterExpiryKeepsTheKeys() throws {
        var policy = KeySetPolicy()
        policy.failsOpenAfterExpiry = true
        let keys = try F.keySet(policy: policy)
        try keys.install(F.statement(expiresAt: F.now + 10))
        #expect(try F.verifier(keys, at: F.now + 365 * 86_400).verify(F.token(by: F.keyA)).keyID == "A")
    }

    @Test func pinnedVerifierIsUnchanged() throws {
        let keys = try JWKS.keySet(F.keyA.jwk())
        let verifier = Verifier(keys: keys, clock: FixedClock(NumericDate(Double(F.now))))
        #expect(try verifier.verify(F.token(by: F.keyA)).keyID == "A")
        #expect(verifier.keys == keys)
    }

    @Test func multiIssuerVerifierUsesTheRotatingSetOfItsIssuer() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(keys: [F.keyB.jwk()]))
        let configuration = try IssuerConfiguration([
            IssuerConfiguration.Entry(issuer: F.issuer, keys: try JWKS.keySet(F.keyA.jwk()), oidc: OIDCOptions(clientID: "c"))
        ])
        let claims = #"{"iss":"\#(F.issuer)","sub":"u","aud":"c","iat":\#(F.now),"exp":\#(F.now + 300)}"#
        func idToken(_ key: TestKey) -> String {
            TokenFactory(key: key).token(header: #"{"alg":"EdDSA","kid":"\#(key.keyID)"}"#, payload: claims)
        }
        let gateway = MultiIssuerVerifier(configuration, rotatingKeys: [F.issuer: keys], clock: FixedClock(NumericDate(Double(F.now))))
        let error = #expect(throws: VerificationError.self) { try gateway.verify(idToken(F.keyA)) }
        #expect(error?.code == .unknownKey)
        #expect(try gateway.verify(idToken(F.keyB)).keyID == "B")
    }
}
