import Testing
@testable import EdgeJWT

/// Step 5: the Ed25519 signature over the signing input exactly as received, before the payload is read.
@Suite struct SignatureTests {
    static let header = #"{"alg":"EdDSA","kid":"k1","n":"b"}"#

    let harness: Harness
    /// A token that verifies, to tamper with.
    var valid: String { harness.token(header: Self.header, payload: #"{"sub":"alice"}"#) }

    init() throws {
        harness = try Harness()
    }

    @Test func acceptsValidSignature() {
        #expect(harness.expectAccepted(valid)?.claims.subject == "alice")
    }

    @Test(arguments: [0, 7, 255, 256, 500, 511])
    func refusesSignatureWithAFlippedBit(_ bit: Int) {
        harness.expectRejected(TokenEdit.flippingBit(bit, ofSegment: 2, in: valid), .invalidSignature)
    }

    @Test(arguments: [0, 8 * 9, 8 * 9 + 1, 8 * 13])
    func refusesPayloadWithAFlippedBit(_ bit: Int) {
        harness.expectRejected(TokenEdit.flippingBit(bit, ofSegment: 1, in: valid), .invalidSignature)
    }

    @Test func refusesHeaderWithAFlippedBit() throws {
        // The last `b` becomes `c`: still a valid header, so only the signature can catch it.
        let offset = try #require(Array(Self.header.utf8).lastIndex(of: UInt8(ascii: "b")))
        harness.expectRejected(TokenEdit.flippingBit(offset * 8, ofSegment: 0, in: valid), .invalidSignature)
    }

    @Test func refusesSignatureFromAnUnpinnedKey() throws {
        let attacker = try Harness(signer: .attacker)
        harness.expectRejected(attacker.token(), .invalidSignature)
    }

    @Test func refusesSignatureOneByteShort() {
        harness.expectRejected(TokenEdit.editingDecoded(valid, segment: 2) { $0.removeLast() }, .invalidSignature)
    }

    @Test func refusesValidSignatureWithAnExtraByte() {
        harness.expectRejected(TokenEdit.editingDecoded(valid, segment: 2) { $0.append(0) }, .invalidSignature)
    }

    @Test func refusesEmptySignature() {
        harness.expectRejected(TokenEdit.editingDecoded(valid, segment: 2) { $0.removeAll() }, .invalidSignature)
    }

    @Test func refusesSignatureMadeOverAPaddedEncodingOfTheSamePayload() {
        let presented = TokenFactory.signingInput(payload: #"{"sub":"alice"}"#)
        harness.expectRejected(harness.factory.token(presenting: presented, signatureOver: presented + "="), .invalidSignature)
    }

    @Test func refusesSignatureMadeOverDifferentlyFormattedEqualJSON() {
        let presented = TokenFactory.signingInput(payload: #"{"sub":"alice"}"#)
        let signed = TokenFactory.signingInput(payload: #"{ "sub": "alice" }"#)
        harness.expectRejected(harness.factory.token(presenting: presented, signatureOver: signed), .invalidSignature)
    }

    @Test func checksSignatureBeforeReadingThePayload() {
        let presented = TokenFactory.signingInput(payload: #"{"sub":"#)
        harness.expectRejected(harness.factory.token(presenting: presented, signatureOver: presented + "x"), .invalidSignature)
    }

    @Test func refusesSignatureOverThePayloadAlone() {
        let payload = Base64URL.encode(Array("{}".utf8))
        let presented = Base64URL.encode(Array(TokenFactory.defaultHeader.utf8)) + "." + payload
        harness.expectRejected(harness.factory.token(presenting: presented, signatureOver: payload), .invalidSignature)
    }
}
