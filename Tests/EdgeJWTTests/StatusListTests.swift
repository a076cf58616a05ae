import Testing
@testable import EdgeJWT

/// A verified Status List Token: what is accepted, what is refused, and O(1) entry lookup.
@Suite struct StatusListTests {
    static let keys: PinnedKeySet = try! JWKS.keySet(TestKey.issuer.jwk(), TestKey.second.jwk())

    func load(_ token: String, limits: StatusList.Limits = .init()) throws -> StatusList {
        try StatusList(token: token, keys: Self.keys, limits: limits)
    }

    func expectRefused(
        _ token: String, _ code: StatusListError.Code, limits: StatusList.Limits = .init(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: StatusListError.self, sourceLocation: sourceLocation) {
            try load(token, limits: limits)
        }
        #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
    }

    // MARK: Entries (draft-ietf-oauth-status-list-20 §4.1)

    @Test func readsTheDraftBitsOneExampleAcrossTheByteBoundary() throws {
        let list = try load(StatusListFixture.token(lst: "eNrbuRgAAhcBXQ", bits: 1))
        let expected: [UInt8] = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
        #expect(list.count == 16)
        #expect((0..<16).map { list.status(at: $0) } == expected)
    }

    @Test func readsTheDraftBitsTwoExample() throws {
        let list = try load(StatusListFixture.token(lst: "eNo76fITAAPfAgc", bits: 2))
        let expected: [UInt8] = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]
        #expect(list.count == 12)
        #expect((0..<12).map { list.status(at: $0) } == expected)
    }

    @Test func readsOneBitEntriesLeastSignificantFirst() throws {
        let list = try load(StatusListFixture.token(bytes: [0b0000_0001, 0b1000_0000], bits: 1))
        #expect(list.status(at: 0) == 1 && list.status(at: 1) == 0)
        #expect(list.status(at: 7) == 0 && list.status(at: 8) == 0)
        #expect(list.status(at: 15) == 1)
    }

    @Test func readsTwoBitEntriesAtByteBoundaries() throws {
        let list = try load(StatusListFixture.token(bytes: [0b11_00_00_01, 0b00_00_00_10], bits: 2))
        #expect([0, 1, 2, 3, 4, 5, 7].map { list.status(at: $0) } == [1, 0, 0, 3, 2, 0, 0])
        #expect(list.count == 8)
    }

    @Test func readsFourBitEntriesAtByteBoundaries() throws {
        let list = try load(StatusListFixture.token(bytes: [0xA5, 0x0F], bits: 4))
        #expect([0, 1, 2, 3].map { list.status(at: $0) } == [0x5, 0xA, 0xF, 0x0])
        #expect(list.count == 4)
    }

    @Test func readsEightBitEntriesAsWholeBytes() throws {
        let list = try load(StatusListFixture.token(bytes: [0x00, 0xFF, 0x03, 0x80], bits: 8))
        #expect([0, 1, 2, 3].map { list.status(at: $0) } == [0x00, 0xFF, 0x03, 0x80])
        #expect(list.count == 4)
    }

    @Test func indexPastTheEndHasNoStatus() throws {
        let list = try load(StatusListFixture.token(bytes: [0xFF, 0xFF], bits: 1))
        #expect(list.status(at: 16) == nil)
        #expect(list.status(at: Int.max) == nil)
        #expect(list.status(at: -1) == nil)
    }

    @Test func exposesTheListClaims() throws {
        let token = StatusListFixture.token(bytes: [0], bits: 4, iat: testNow - 60, exp: testNow + 60, ttl: 30)
        let list = try load(token)
        #expect(list.uri == StatusListFixture.uri)
        #expect(list.issuedAt == NumericDate(integerLiteral: testNow - 60))
        #expect(list.expiration == NumericDate(integerLiteral: testNow + 60))
        #expect(list.timeToLive == .seconds(30))
        #expect(list.bits == 4 && list.keyID == "k1")
    }

    // MARK: The list token (draft §5.1)

    @Test func acceptsTypWithTheApplicationPrefix() throws {
        let header = #"{"alg":"EdDSA","kid":"k1","typ":"application/statuslist+jwt"}"#
        _ = try load(StatusListFixture.token(bytes: [0], header: header))
    }

    @Test func acceptsAListSignedByAnotherPinnedKeyChosenByKid() throws {
        let list = try load(StatusListFixture.token(bytes: [0], key: .second))
        #expect(list.keyID == "k2")
    }

    @Test func refusesBadSignature() {
        let token = TokenEdit.flippingBit(9, ofSegment: 2, in: StatusListFixture.token(bytes: [0]))
        expectRefused(token, .invalidSignature)
    }

    @Test func refusesListSignedByAnUnpinnedKeyUnderAPinnedKid() {
        expectRefused(StatusListFixture.token(bytes: [0], key: .attacker), .invalidSignature)
    }

    @Test func refusesKidOutsideThePinnedSet() {
        let header = #"{"alg":"EdDSA","kid":"k9","typ":"statuslist+jwt"}"#
        expectRefused(StatusListFixture.token(bytes: [0], header: header), .unknownKey)
    }

    @Test func refusesMacAlgorithm() {
        let header = #"{"alg":"HS256","kid":"k1","typ":"statuslist+jwt"}"#
        expectRefused(StatusListFixture.token(bytes: [0], header: header), .unsupportedAlgorithm)
    }

    @Test func refusesWrongTyp() {
        expectRefused(StatusListFixture.token(bytes: [0], header: #"{"alg":"EdDSA","kid":"k1","typ":"JWT"}"#), .typeMismatch)
    }

    @Test func refusesMissingTyp() {
        expectRefused(StatusListFixture.token(bytes: [0], header: #"{"alg":"EdDSA","kid":"k1"}"#), .typeMismatch)
    }

    @Test(arguments: ["sub", "iat", "status_list"])
    func refusesMissingRequiredClaim(_ claim: String) {
        expectRefused(StatusListFixture.token(bytes: [0], omitting: claim), .missingClaim)
    }

    @Test(arguments: ["3", "0", "16", "\"1\"", "1.0", "null"])
    func refusesBitsOtherThanOneTwoFourEight(_ bits: String) {
        let payload = #"{"sub":"\#(StatusListFixture.uri)","iat":\#(testNow),"status_list":{"bits":\#(bits),"lst":"eNrbuRgAAhcBXQ"}}"#
        expectRefused(StatusListFixture.signed(payload: payload), .malformedList)
    }

    @Test func refusesStatusListThatIsNotAnObject() {
        let payload = #"{"sub":"\#(StatusListFixture.uri)","iat":\#(testNow),"status_list":"eNrbuRgAAhcBXQ"}"#
        expectRefused(StatusListFixture.signed(payload: payload), .malformedList)
    }

    @Test(arguments: ["eNrbuRgAAhcBXQ==", "eNrbuRgAAhcBXQ+", "eNrbuRgAAhcBXR"])
    func refusesLstThatIsNotStrictBase64URL(_ lst: String) {
        expectRefused(StatusListFixture.token(lst: lst, bits: 1), .malformedList)
    }

    @Test(arguments: ["0", "-1", "\"60\"", "null"])
    func refusesTtlThatIsNotAPositiveNumber(_ ttl: String) {
        let payload =
            #"{"sub":"\#(StatusListFixture.uri)","iat":\#(testNow),"ttl":\#(ttl),"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}"#
        expectRefused(StatusListFixture.signed(payload: payload), .malformedList)
    }

    @Test func refusesTruncatedCompressedList() {
        let truncated = Array(ZlibBuilder.stored([1, 2, 3, 4]).dropLast(2))
        expectRefused(StatusListFixture.token(lst: Base64URL.encode(truncated), bits: 1), .invalidCompression)
    }

    @Test func refusesCorruptCompressedList() {
        var corrupt = ZlibBuilder.stored([1, 2, 3, 4])
        corrupt[corrupt.count - 1] ^= 0x80
        expectRefused(StatusListFixture.token(lst: Base64URL.encode(corrupt), bits: 1), .invalidCompression)
    }

    @Test func refusesZipBombWithBoundedOutput() {
        let bomb = ZlibBuilder.zeros(matches: 406_426)  // ≈ 100 MiB of zeros
        expectRefused(StatusListFixture.token(lst: Base64URL.encode(bomb), bits: 1), .listTooLarge)
    }

    @Test func refusesListLargerThanTheConfiguredCap() {
        var limits = StatusList.Limits()
        limits.maxListBytes = 3
        expectRefused(StatusListFixture.token(bytes: [0, 0, 0, 0], bits: 1), .listTooLarge, limits: limits)
    }

    @Test func refusesTokenLargerThanTheConfiguredCap() {
        var limits = StatusList.Limits()
        limits.maxTokenBytes = 64
        expectRefused(StatusListFixture.token(bytes: [0]), .listTooLarge, limits: limits)
    }

    // MARK: Files

    @Test func readsATokenFileEndingInANewline() throws {
        let file = try TemporaryFile(Array((StatusListFixture.token(bytes: [0b10]) + "\n").utf8))
        defer { file.remove() }
        let list = try StatusList(contentsOfFile: file.path, keys: Self.keys)
        #expect(list.status(at: 1) == 1)
    }

    @Test func refusesMissingFile() {
        let error = #expect(throws: StatusListError.self) {
            try StatusList(contentsOfFile: "/nonexistent/edgejwt/status.jwt", keys: Self.keys)
        }
        #expect(error?.code == .unreadableFile)
    }
}

/// Status List Tokens and referenced tokens for tests, signed with the test keys.
enum StatusListFixture {
    static let uri = "https://issuer.example/statuslists/1"
    /// The list header for `key`: EdDSA, its `kid`, `typ` `statuslist+jwt`.
    static func header(for key: TestKey) -> String {
        #"{"alg":"EdDSA","kid":"\#(key.keyID)","typ":"statuslist+jwt"}"#
    }

    /// A list token holding `bytes` (compressed in stored blocks).
    static func token(
        bytes: [UInt8], bits: Int = 1, uri: String = uri, iat: Int64 = testNow - 600, exp: Int64? = testNow + 3600,
        ttl: Int? = nil, extra: String = "", header: String? = nil, key: TestKey = .issuer, omitting: String? = nil
    ) -> String {
        token(
            lst: Base64URL.encode(ZlibBuilder.stored(bytes)), bits: bits, uri: uri, iat: iat, exp: exp, ttl: ttl,
            extra: extra, header: header, key: key, omitting: omitting)
    }

    /// A list token with the given `lst` text.
    static func token(
        lst: String, bits: Int, uri: String = uri, iat: Int64 = testNow - 600, exp: Int64? = testNow + 3600,
        ttl: Int? = nil, extra: String = "", header: String? = nil, key: TestKey = .issuer, omitting: String? = nil
    ) -> String {
        var members: [(String, String)] = [("sub", JSONValue.string(uri).jsonText), ("iat", "\(iat)")]
        if let exp { members.append(("exp", "\(exp)")) }
        if let ttl { members.append(("ttl", "\(ttl)")) }
        members.append(("status_list", #"{"bits":\#(bits),"lst":"\#(lst)"}"#))
        let body = members.filter { $0.0 != omitting }.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",")
        return signed(header: header ?? Self.header(for: key), payload: "{" + body + extra + "}", key: key)
    }

    /// A token signed over raw header and payload texts.
    static func signed(header: String? = nil, payload: String, key: TestKey = .issuer) -> String {
        TokenFactory(key: key).token(header: header ?? Self.header(for: key), payload: payload)
    }

    /// A referenced token's payload naming entry `idx` (raw JSON text) of list `uri`.
    static func referencing(idx: String, uri: String = uri) -> String {
        #"{"sub":"device-42","exp":\#(testNow + 3600),"status":{"status_list":{"idx":\#(idx),"uri":\#(JSONValue.string(uri).jsonText)}}}"#
    }
}
