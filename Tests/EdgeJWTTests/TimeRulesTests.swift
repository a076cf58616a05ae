import Testing
@testable import EdgeJWT

/// Step 7: `exp`, `nbf`, `iat` and maximum age against the injected clock, with leeway, at each boundary.
@Suite struct TimeRulesTests {
    /// The default leeway, 60 s.
    static let leeway: Int64 = 60

    let harness: Harness

    init() throws {
        harness = try Harness()
    }

    /// A harness whose options have a maximum age of 300 s.
    func maxAgeHarness() throws -> Harness {
        try Harness { $0.maxAge = .seconds(300) }
    }

    @Test func defaultLeewayIsSixtySeconds() {
        #expect(VerifierOptions().leeway == .seconds(Self.leeway))
    }

    @Test func expiresWhenExpirationEqualsNowMinusLeeway() {
        harness.expectRejected(.expired, payload: #"{"exp":\#(testNow - Self.leeway)}"#)
    }

    @Test func acceptsExpirationOneSecondInsideLeeway() {
        harness.expectAccepted(payload: #"{"exp":\#(testNow - Self.leeway + 1)}"#)
    }

    @Test(arguments: ["-100", "-0.5", "-62135596800"])
    func acceptsNegativeNotBeforeAsLongPast(_ value: String) {
        harness.expectAccepted(payload: #"{"nbf":\#(value)}"#)
    }

    @Test func acceptsNegativeIssuedAtWithoutMaximumAge() {
        harness.expectAccepted(payload: #"{"iat":-100}"#)
    }

    @Test(arguments: ["-100", "-0.5", "-62135596800"])
    func refusesNegativeExpirationAsExpired(_ value: String) {
        harness.expectRejected(.expired, payload: #"{"exp":\#(value)}"#)
    }

    @Test func refusesNegativeIssuedAtOlderThanMaximumAge() throws {
        try maxAgeHarness().expectRejected(.tokenTooOld, payload: #"{"iat":-100}"#)
    }

    @Test func acceptsNegativeIssuedAtWithinMaximumAgeOfANowBefore1970() throws {
        let harness = try maxAgeHarness()
        let token = harness.token(payload: #"{"iat":-400,"exp":-100}"#)
        #expect(throws: Never.self) { try harness.verifier.verify(token, at: NumericDate(-200)) }
    }

    @Test func acceptsNotBeforeEqualToNowPlusLeeway() {
        harness.expectAccepted(payload: #"{"nbf":\#(testNow + Self.leeway)}"#)
    }

    @Test func refusesNotBeforeOneSecondBeyondLeeway() {
        harness.expectRejected(.notYetValid, payload: #"{"nbf":\#(testNow + Self.leeway + 1)}"#)
    }

    @Test func acceptsIssuedAtEqualToNowPlusLeeway() {
        harness.expectAccepted(payload: #"{"iat":\#(testNow + Self.leeway)}"#)
    }

    @Test func refusesIssuedAtOneSecondBeyondLeeway() {
        harness.expectRejected(.issuedInFuture, payload: #"{"iat":\#(testNow + Self.leeway + 1)}"#)
    }

    @Test func maximumAgeRequiresIssuedAt() throws {
        try maxAgeHarness().expectRejected(.missingClaim, payload: #"{"exp":\#(testNow + 100)}"#)
    }

    @Test func acceptsIssuedAtExactlyMaximumAgePlusLeewayAgo() throws {
        try maxAgeHarness().expectAccepted(payload: #"{"iat":\#(testNow - 300 - Self.leeway)}"#)
    }

    @Test func refusesIssuedAtOneSecondOlderThanMaximumAgePlusLeeway() throws {
        try maxAgeHarness().expectRejected(.tokenTooOld, payload: #"{"iat":\#(testNow - 300 - Self.leeway - 1)}"#)
    }

    @Test func ignoresAgeWithoutMaximumAge() {
        harness.expectAccepted(payload: #"{"iat":0}"#)
    }

    @Test func acceptsTokenWithoutTimeClaims() {
        harness.expectAccepted(payload: #"{"sub":"alice"}"#)
    }

    @Test func zeroLeewayExpiresAtExpiration() throws {
        try Harness { $0.leeway = .zero }.expectRejected(.expired, payload: #"{"exp":\#(testNow)}"#)
    }

    @Test func zeroLeewayAcceptsExpirationOneSecondAhead() throws {
        try Harness { $0.leeway = .zero }.expectAccepted(payload: #"{"exp":\#(testNow + 1)}"#)
    }

    @Test func zeroLeewayRefusesNotBeforeOneSecondAhead() throws {
        try Harness { $0.leeway = .zero }.expectRejected(.notYetValid, payload: #"{"nbf":\#(testNow + 1)}"#)
    }

    @Test func zeroLeewayRefusesIssuedAtOneSecondAhead() throws {
        try Harness { $0.leeway = .zero }.expectRejected(.issuedInFuture, payload: #"{"iat":\#(testNow + 1)}"#)
    }

    @Test func keepsTheFractionOfExpiration() throws {
        try Harness { $0.leeway = .zero }.expectAccepted(payload: #"{"exp":\#(testNow).5}"#)
    }

    @Test func readsNowFromTheInjectedClock() throws {
        let keys = try JWKS.keySet(TestKey.issuer.jwk())
        let token = harness.token(payload: #"{"exp":\#(testNow)}"#)
        let early = Verifier(keys: keys, clock: FixedClock(NumericDate(integerLiteral: testNow - 3600)))
        let late = Verifier(keys: keys, clock: FixedClock(NumericDate(integerLiteral: testNow + 3600)))
        #expect(throws: Never.self) { try early.verify(token) }
        let error = #expect(throws: VerificationError.self) { try late.verify(token) }
        #expect(error?.code == .expired)
    }

    @Test func explicitTimeOverridesTheClock() {
        let token = harness.token(payload: #"{"nbf":\#(testNow)}"#)
        let error = #expect(throws: VerificationError.self) { try harness.verifier.verify(token, at: NumericDate(integerLiteral: testNow - 3600)) }
        #expect(error?.code == .notYetValid)
        #expect(throws: Never.self) { try harness.verifier.verify(token, at: NumericDate(integerLiteral: testNow + 3600)) }
    }
}
