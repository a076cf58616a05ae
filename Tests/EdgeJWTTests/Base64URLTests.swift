import Testing
@testable import EdgeJWT

/// Step 2: strict unpadded base64url, one accepted encoding per byte string.
@Suite struct Base64URLTests {
    /// RFC 4648 §10 test vectors; unpadded, as base64url writes them.
    static let rfc4648Vectors: [(text: String, encoded: String)] = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: 0...10)
    func roundTripsRandomBytes(count: Int) {
        let bytes = Sodium.randomBytes(count)
        #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
    }

    @Test(arguments: rfc4648Vectors)
    func encodesRFC4648Vector(_ vector: (text: String, encoded: String)) {
        #expect(Base64URL.encode(Array(vector.text.utf8)) == vector.encoded)
    }

    @Test(arguments: rfc4648Vectors)
    func decodesRFC4648Vector(_ vector: (text: String, encoded: String)) {
        #expect(Base64URL.decode(vector.encoded) == Array(vector.text.utf8))
    }

    @Test func encodesValues62And63AsDashAndUnderscore() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test func decodesDashAndUnderscore() {
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test(arguments: ["Zg==", "Zm8=", "Zg=", "Zm9v===="])
    func refusesPadding(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test(arguments: ["+_8", "-/8", "+/8=", "Zm9v+A"])
    func refusesStandardAlphabetCharacters(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test(arguments: [" Zm9v", "Zm9v ", "Zm\n9v", "Zm9v\r\n", "Zm\t9v"])
    func refusesWhitespace(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test(arguments: ["A", "Zm9vA", "Zm9vYmFyA"])
    func refusesLengthOfOneModuloFour(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test(arguments: ["Zh", "Zm9vYh", "Zm9vY_"])
    func refusesNonZeroTrailingBitsAfterTwoCharacterTail(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test(arguments: ["Zm9", "Zm-", "Zm9vYmF"])
    func refusesNonZeroTrailingBitsAfterThreeCharacterTail(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test(arguments: ["Zm9v\u{E9}", "Zm9.", "Zm\u{0}v"])
    func refusesBytesOutsideTheAlphabet(_ encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test func decodesByteSlices() {
        let text = Array("xxZm9vxx".utf8)
        #expect(Base64URL.decode(text[2..<6]) == Array("foo".utf8))
    }
}
