import Testing
@testable import EdgeJWT

/// Claim values and key ids compare code unit by code unit, never after Unicode normalization
/// (RFC 7519 §7.3): "é" (U+00E9) and "e" + U+0301 are different issuers, audiences and kids.
@Suite struct ExactComparisonTests {
    private static let composed = "https://caf\u{E9}.example"
    private static let decomposed = "https://cafe\u{301}.example"

    @Test func canonicallyEquivalentIssuerIsNotAccepted() throws {
        #expect(Self.composed == Self.decomposed, "Swift's == normalizes; the verifier must not")
        let harness = try Harness { $0.issuers = [Self.composed] }
        harness.expectRejected(.issuerMismatch, payload: #"{"iss":"\#(Self.decomposed)"}"#)
        harness.expectAccepted(payload: #"{"iss":"\#(Self.composed)"}"#)
    }

    @Test func canonicallyEquivalentAudienceIsNotAccepted() throws {
        let harness = try Harness { $0.audiences = [Self.composed] }
        harness.expectRejected(.audienceMismatch, payload: #"{"aud":["\#(Self.decomposed)"]}"#)
        harness.expectAccepted(payload: #"{"aud":["\#(Self.composed)"]}"#)
    }

    @Test func canonicallyEquivalentKeyIDSelectsNoKey() throws {
        let harness = try Harness(keys: [TestKey.issuer.jwk(keyID: "k\u{E9}")])
        harness.expectRejected(.unknownKey, header: #"{"alg":"EdDSA","kid":"ke\#u{301}"}"#)
        harness.expectAccepted(header: #"{"alg":"EdDSA","kid":"k\#u{E9}"}"#)
    }

    @Test func canonicallyEquivalentClaimNameIsNotTheRequiredClaim() throws {
        let harness = try Harness { $0.requiredClaims = ["caf\u{E9}"] }
        harness.expectRejected(.missingClaim, payload: #"{"cafe\#u{301}":1}"#)
        harness.expectAccepted(payload: #"{"caf\#u{E9}":1}"#)
    }
}

/// Duplicate member detection compares names code unit by code unit, with or without the `Set`
/// used for large objects.
@Suite struct ExactDuplicateNameTests {
    @Test(arguments: [1, 40])
    func canonicallyEquivalentNamesAreDistinctMembers(fillerCount: Int) throws {
        let filler = (0..<fillerCount).map { #""f\#($0)":0,"# }.joined()
        let text = "{" + filler + #""caf\u00e9":1,"cafe\u0301":2}"#
        let object = try #require(JSONValue.parse(Array(text.utf8))?.objectValue)
        #expect(object.members.count == fillerCount + 2)
    }

    @Test(arguments: [1, 40])
    func identicalNamesAreStillDuplicates(fillerCount: Int) {
        let filler = (0..<fillerCount).map { #""f\#($0)":0,"# }.joined()
        let text = "{" + filler + #""caf\u00e9":1,"caf\u00e9":2}"#
        #expect(JSONValue.parse(Array(text.utf8)) == nil)
    }
}
