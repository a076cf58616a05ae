import Testing
@testable import EdgeJWT

/// Steps 3 and 6 share it: the strict RFC 8259 parser for header, claims and JWK Sets.
@Suite struct StrictJSONParserTests {
    /// Parses UTF-8 text.
    func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    /// Parses `"` + bytes + `"`: a string literal with raw bytes inside.
    func parseString(bytes: [UInt8]) -> JSONValue? { JSONValue.parse([0x22] + bytes + [0x22]) }

    /// `depth` nested arrays around `0`.
    func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + "0" + String(repeating: "]", count: depth)
    }

    // MARK: UTF-8

    @Test(arguments: [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9D, 0x84, 0x9E], [0xF4, 0x8F, 0xBF, 0xBF]] as [[UInt8]])
    func acceptsWellFormedMultiByteUTF8(_ bytes: [UInt8]) {
        #expect(parseString(bytes: bytes) == .string(String(decoding: bytes, as: UTF8.self)))
    }

    @Test(arguments: [[0xC0, 0x80], [0xC1, 0xBF]] as [[UInt8]])
    func refusesOverlongTwoByteSequence(_ bytes: [UInt8]) {
        #expect(parseString(bytes: bytes) == nil)
    }

    @Test func refusesOverlongThreeByteSequence() {
        #expect(parseString(bytes: [0xE0, 0x80, 0x80]) == nil)
    }

    @Test func refusesOverlongFourByteSequence() {
        #expect(parseString(bytes: [0xF0, 0x80, 0x80, 0x80]) == nil)
    }

    @Test(arguments: [[0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF]] as [[UInt8]])
    func refusesEncodedSurrogate(_ bytes: [UInt8]) {
        #expect(parseString(bytes: bytes) == nil)
    }

    @Test func refusesCodePointAboveU10FFFF() {
        #expect(parseString(bytes: [0xF4, 0x90, 0x80, 0x80]) == nil)
    }

    @Test(arguments: [[0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE]] as [[UInt8]])
    func refusesInvalidLeadByte(_ bytes: [UInt8]) {
        #expect(parseString(bytes: bytes) == nil)
    }

    @Test func refusesStrayContinuationByte() {
        #expect(parseString(bytes: [0x80]) == nil)
    }

    @Test(arguments: [[0xC3], [0xE2, 0x82], [0xF0, 0x9D, 0x84]] as [[UInt8]])
    func refusesTruncatedSequenceBeforeTheClosingQuote(_ bytes: [UInt8]) {
        #expect(parseString(bytes: bytes) == nil)
    }

    @Test(arguments: [[0xC3], [0xE2, 0x82], [0xF0, 0x9D, 0x84]] as [[UInt8]])
    func refusesTruncatedSequenceAtEndOfInput(_ bytes: [UInt8]) {
        #expect(JSONValue.parse([0x22] + bytes) == nil)
    }

    @Test func refusesByteOrderMark() {
        #expect(JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == nil)
    }

    @Test func refusesNonASCIIOutsideStrings() {
        #expect(JSONValue.parse(Array("{}".utf8) + [0xC2, 0xA0]) == nil)
    }

    // MARK: Objects

    @Test func refusesDuplicateMemberName() {
        #expect(parse(#"{"a":1,"a":1}"#) == nil)
    }

    @Test func refusesDuplicateMemberNameSpelledWithAnEscape() {
        #expect(parse(#"{"\u0061":1,"a":2}"#) == nil)
    }

    @Test func acceptsSameNameInNestedObjects() {
        #expect(parse(#"{"a":{"a":1}}"#)?.objectValue?["a"]?.objectValue?["a"] == .number(JSONNumber(1)))
    }

    @Test func keepsMembersInSourceOrder() {
        #expect(parse(#"{"b":1,"a":2,"c":3}"#)?.objectValue?.names == ["b", "a", "c"])
    }

    @Test(arguments: [#"{"a":1,}"#, "[1,]", "[1,,2]", #"{,"a":1}"#])
    func refusesTrailingOrMissingElementAroundComma(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: [#"{"a" 1}"#, #"{a:1}"#, #"{"a":}"#, "{1:2}", #"{"a":1"#, "[1", "[1 2]"])
    func refusesBrokenStructure(_ text: String) {
        #expect(parse(text) == nil)
    }

    // MARK: Strings and escapes

    @Test func resolvesEverySimpleEscape() {
        #expect(parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
    }

    @Test func resolvesUnicodeEscapeInEitherCase() {
        #expect(parse(#""\u00e9\u00C9\u20AC""#) == .string("éÉ€"))
    }

    @Test(arguments: [#""\x41""#, #""\'""#, #""\U0041""#, #""\u12""#, #""\u12G4""#, #""\"#, #""\a""#])
    func refusesInvalidEscape(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func decodesSurrogatePairToOneScalar() throws {
        let text = try #require(parse(#""\uD834\uDD1E""#)?.stringValue)
        #expect(text.unicodeScalars.map(\.value) == [0x1D11E])
    }

    @Test(arguments: [#""\uD834""#, #""\uD834x""#, #""\uD834\u0041""#, #""\uD834\uD834""#, #""\uDBFF\n""#])
    func refusesLoneHighSurrogate(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: [#""\uDD1E""#, #""\uDC00\uD834""#, #""a\uDFFF""#])
    func refusesLoneLowSurrogate(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] as [UInt8])
    func refusesRawControlCharacterInString(_ byte: UInt8) {
        #expect(parseString(bytes: [0x61, byte]) == nil)
    }

    @Test func acceptsEscapedNulCharacter() {
        #expect(parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func refusesUnterminatedString() {
        #expect(parse(#""abc"#) == nil)
    }

    // MARK: Numbers

    @Test(arguments: [("-0", -0.0), ("0", 0), ("0.5", 0.5), ("1e5", 1e5), ("1E+5", 1e5), ("1e-5", 1e-5), ("-12.5E2", -1250), ("10", 10)])
    func acceptsNumberInTheRFCGrammar(_ literal: String, _ value: Double) {
        #expect(parse(literal)?.doubleValue == value)
    }

    @Test func keepsTheNumberLiteralExactly() {
        guard case .number(let number)? = parse("12345678901234567890123") else {
            Issue.record("expected a number")
            return
        }
        #expect(number.literal == "12345678901234567890123")
    }

    @Test(arguments: ["01", "-01", "+1", ".5", "1.", "-", "1e", "1e+", "1.e5", "NaN", "Infinity", "-Infinity", "0x10", "1_000"])
    func refusesNumberOutsideTheRFCGrammar(_ literal: String) {
        #expect(parse(literal) == nil)
        #expect(parse("[\(literal)]") == nil)
    }

    // MARK: Literals and whole texts

    @Test(arguments: [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)])
    func acceptsLiteral(_ text: String, _ value: JSONValue) {
        #expect(parse(text) == value)
    }

    @Test(arguments: ["tru", "True", "nul", "NULL", "fals"])
    func refusesMisspelledLiteral(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: ["{} x", "{}{}", "truex", "1 2", "{}\u{0}", "[]]"])
    func refusesTrailingBytes(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: ["", " ", "\n\t"])
    func refusesTextWithNoValue(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func acceptsTheFourWhitespaceBytesEverywhere() {
        let space = " \t\r\n"
        let text = space + "{" + space + #""a""# + space + ":" + space + "[" + space + "1" + space + "," + space + "2" + space + "]" + space + "}" + space
        #expect(parse(text) == parse(#"{"a":[1,2]}"#))
        #expect(parse(text) != nil)
    }

    @Test(arguments: ["\u{0C}", "\u{0B}", "\u{A0}", "\u{2028}", "\u{FEFF}"])
    func refusesOtherWhitespace(_ space: String) {
        #expect(parse(space + "{}") == nil)
        #expect(parse("[1," + space + "2]") == nil)
    }

    // MARK: Depth

    @Test func acceptsNestingAtTheDefaultDepthOf32() {
        #expect(parse(nestedArrays(32)) != nil)
        #expect(parse(String(repeating: #"{"a":"#, count: 32) + "0" + String(repeating: "}", count: 32)) != nil)
    }

    @Test func refusesNestingDeeperThan32() {
        #expect(parse(nestedArrays(33)) == nil)
        #expect(parse(String(repeating: #"{"a":"#, count: 33) + "0" + String(repeating: "}", count: 33)) == nil)
    }

    @Test func honoursACustomMaximumDepth() {
        #expect(JSONValue.parse(Array(nestedArrays(2).utf8), maxDepth: 2) != nil)
        #expect(JSONValue.parse(Array(nestedArrays(3).utf8), maxDepth: 2) == nil)
    }

    // MARK: Serialization

    @Test(arguments: [
        #"{"b":[1,-0.5e3,true,false,null],"a":{"x":"y"},"e":[],"o":{}}"#,
        #""h\u00e9llo""#, "12345678901234567890123", #"{"\"q\"":"\\"}"#,
    ])
    func serializationRoundTrips(_ text: String) throws {
        let value = try #require(parse(text))
        #expect(parse(value.jsonText) == value)
    }

    @Test func serializesCompactlyInSourceOrder() {
        #expect(parse(" { \"b\" : [ 1 , 2.50 ] , \"a\" : null } ")?.jsonText == #"{"b":[1,2.50],"a":null}"#)
    }

    @Test func serializationEscapesControlCharacters() {
        let value = JSONValue.string("\u{0}\u{1F}\u{08}\u{0C}\n\r\t\"\\")
        #expect(value.jsonText == #""\u0000\u001f\b\f\n\r\t\"\\""#)
        #expect(parse(value.jsonText) == value)
    }

    @Test func serializationWritesNonASCIIAsUTF8() {
        #expect(JSONValue.string("é𝄞").jsonText == "\"é𝄞\"")
    }
}
