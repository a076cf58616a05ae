import Testing
@testable import EdgeJWT

/// Steps 1–2: splitting a compact JWS into three strict base64url segments, after the size cap.
@Suite struct CompactJWSTests {
    let harness: Harness
    /// A token that verifies, to cut, pad and resize.
    var valid: String { harness.token(payload: #"{"sub":"alice"}"#) }

    init() throws {
        harness = try Harness()
    }

    @Test func acceptsWellFormedToken() {
        #expect(harness.expectAccepted(valid)?.claims.subject == "alice")
    }

    @Test func refusesOversizedTokenBeforeDecodingIt() {
        let limit = VerifierOptions().limits.maxTokenBytes
        harness.expectRejected(String(repeating: "!", count: limit + 1), .tokenTooLarge)
    }

    @Test func acceptsTokenExactlyAtTheSizeLimit() throws {
        let atLimit = try Harness { $0.limits.maxTokenBytes = valid.utf8.count }
        atLimit.expectAccepted(valid)
    }

    @Test func refusesTokenOneByteOverTheSizeLimit() throws {
        let belowLength = try Harness { $0.limits.maxTokenBytes = valid.utf8.count - 1 }
        belowLength.expectRejected(valid, .tokenTooLarge)
    }

    @Test(arguments: [1, 2, 4])
    func refusesSegmentCountOtherThanThree(_ count: Int) {
        let segments = TokenEdit.segments(valid) + ["AAAA"]
        harness.expectRejected(segments.prefix(count).joined(separator: "."), .malformedToken)
    }

    @Test func refusesFiveSegmentJWE() {
        let header = Base64URL.encode(Array(#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#.utf8))
        harness.expectRejected([header, "AAAA", "AAAA", "AAAA", "AAAA"].joined(separator: "."), .malformedToken)
    }

    @Test(arguments: ["+", "/", "*", "é", "%2D", "\u{0}"])
    func refusesByteOutsideTheBase64URLAlphabet(_ text: String) {
        harness.expectRejected(TokenEdit.replacing(segment: 1, with: "eyJ9" + text, in: valid), .malformedToken)
    }

    @Test func refusesPaddedSegment() {
        let payload = Base64URL.encode(Array("{}".utf8)) + "=="
        harness.expectRejected(TokenEdit.replacing(segment: 1, with: payload, in: valid), .malformedToken)
    }

    @Test(arguments: [" ", "\n", "\r\n", "\t"])
    func refusesSurroundingWhitespace(_ space: String) {
        harness.expectRejected(valid + space, .malformedToken)
        harness.expectRejected(space + valid, .malformedToken)
    }

    @Test func refusesWhitespaceInsideASegment() {
        let segments = TokenEdit.segments(valid)
        harness.expectRejected(TokenEdit.replacing(segment: 2, with: String(segments[2].prefix(40)) + " " + String(segments[2].dropFirst(40)), in: valid), .malformedToken)
    }

    @Test func refusesAllEmptySegments() {
        harness.expectRejected("..", .malformedToken)
    }

    @Test func refusesEmptyHeaderSegment() {
        harness.expectRejected(harness.factory.signed("." + Base64URL.encode(Array("{}".utf8))), .malformedToken)
    }

    @Test func refusesSignedEmptyPayloadSegmentAsMalformed() {
        harness.expectRejected(harness.factory.signed(Base64URL.encode(Array(TokenFactory.defaultHeader.utf8)) + "."), .malformedToken)
    }

    @Test func refusesEmptySignatureSegmentAsInvalidSignature() {
        harness.expectRejected(TokenFactory.signingInput() + ".", .invalidSignature)
    }

    @Test func verifiesTokenGivenAsBytes() throws {
        let verified = try harness.verifier.verify(bytes: Array(valid.utf8))
        #expect(verified.claims.subject == "alice")
    }
}
