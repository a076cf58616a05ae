import Testing
@testable import EdgeJWT

/// Step 8: accepted issuers and audiences, the required `typ`, and required claims.
@Suite struct PolicyRulesTests {
    /// A harness accepting issuers A and B.
    func issuerHarness() throws -> Harness {
        try Harness { $0.issuers = ["https://a.example", "https://b.example"] }
    }

    /// A harness accepting audiences x and y.
    func audienceHarness() throws -> Harness {
        try Harness { $0.audiences = ["x", "y"] }
    }

    /// A harness requiring `typ` to be `type`.
    func typeHarness(_ type: String) throws -> Harness {
        try Harness { $0.requiredType = type }
    }

    /// A header with `typ` set to `type`.
    func header(typ type: String) -> String {
        #"{"alg":"EdDSA","kid":"k1","typ":"\#(type)"}"#
    }

    @Test(arguments: ["https://a.example", "https://b.example"])
    func acceptsAnyAcceptedIssuer(_ issuer: String) throws {
        try issuerHarness().expectAccepted(payload: #"{"iss":"\#(issuer)"}"#)
    }

    @Test(arguments: ["https://c.example", "https://a.example/", "https://A.example", "", "https://a.exampl"])
    func refusesOtherIssuer(_ issuer: String) throws {
        try issuerHarness().expectRejected(.issuerMismatch, payload: #"{"iss":"\#(issuer)"}"#)
    }

    @Test func requiresIssuerWhenIssuersAreConfigured() throws {
        try issuerHarness().expectRejected(.missingClaim, payload: #"{"sub":"alice"}"#)
    }

    @Test func ignoresIssuerWhenNoneAreConfigured() throws {
        try Harness().expectAccepted(payload: #"{"iss":"https://anyone.example"}"#)
    }

    @Test(arguments: [#""x""#, #""y""#, #"["z","y"]"#, #"["x"]"#])
    func acceptsAudienceNamingAnAcceptedOne(_ audience: String) throws {
        try audienceHarness().expectAccepted(payload: #"{"aud":\#(audience)}"#)
    }

    @Test(arguments: [#""z""#, #"["z","w"]"#, "[]", #""X""#, #"["xy"]"#])
    func refusesAudienceNamingNoAcceptedOne(_ audience: String) throws {
        try audienceHarness().expectRejected(.audienceMismatch, payload: #"{"aud":\#(audience)}"#)
    }

    @Test func requiresAudienceWhenAudiencesAreConfigured() throws {
        try audienceHarness().expectRejected(.missingClaim, payload: #"{"sub":"alice"}"#)
    }

    @Test func ignoresAudienceWhenNoneAreConfigured() throws {
        try Harness().expectAccepted(payload: #"{"aud":"anyone"}"#)
    }

    @Test(arguments: ["JWT", "jwt", "Jwt", "application/JWT", "APPLICATION/jwt"])
    func acceptsTypeMatchingCaseInsensitivelyWithOptionalApplicationPrefix(_ type: String) throws {
        try typeHarness("JWT").expectAccepted(header: header(typ: type))
    }

    @Test func acceptsRequiredTypeWrittenWithApplicationPrefix() throws {
        try typeHarness("application/at+jwt").expectAccepted(header: header(typ: "at+JWT"))
    }

    @Test(arguments: [("JWT", "at+jwt"), ("at+jwt", "JWT"), ("JWT", "JWS"), ("JWT", "text/JWT"), ("JWT", "application/jwt+json")])
    func refusesDifferentType(_ required: String, _ type: String) throws {
        try typeHarness(required).expectRejected(.typeMismatch, header: header(typ: type))
    }

    @Test func refusesMissingTypeWhenOneIsRequired() throws {
        try typeHarness("JWT").expectRejected(.typeMismatch)
    }

    @Test func ignoresTypeWhenNoneIsRequired() throws {
        try Harness().expectAccepted(header: header(typ: "anything"))
    }

    @Test(arguments: [#"{"scope":"read","tenant":"t1"}"#, #"{"scope":null,"tenant":0}"#])
    func acceptsTokenCarryingEveryRequiredClaim(_ payload: String) throws {
        try Harness { $0.requiredClaims = ["scope", "tenant"] }.expectAccepted(payload: payload)
    }

    @Test(arguments: [#"{"scope":"read"}"#, #"{"tenant":"t1"}"#, "{}"])
    func refusesTokenMissingARequiredClaim(_ payload: String) throws {
        try Harness { $0.requiredClaims = ["scope", "tenant"] }.expectRejected(.missingClaim, payload: payload)
    }
}
