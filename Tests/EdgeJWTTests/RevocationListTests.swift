import Testing
@testable import EdgeJWT

/// The compact revocation list: envelope, lookups, and its effect on verification.
@Suite struct RevocationListTests {
    // MARK: Verification through the pipeline

    @Test func revokedJWTIDIsRefusedAsRevoked() throws {
        let fixture = try RevocationFixture(entries: [.token(issuer: "https://id.example", jwtID: "stolen", expiration: 1_700_003_600)])
        fixture.expectRejected(#"{"iss":"https://id.example","jti":"stolen","exp":1700003600}"#, .revoked)
    }

    @Test func unlistedJWTIDIsAccepted() throws {
        let fixture = try RevocationFixture(entries: [.token(issuer: "https://id.example", jwtID: "stolen", expiration: 1_700_003_600)])
        fixture.expectAccepted(#"{"iss":"https://id.example","jti":"fine","exp":1700003600}"#)
    }

    @Test func sameJWTIDOfAnotherIssuerIsAccepted() throws {
        let fixture = try RevocationFixture(entries: [.token(issuer: "https://id.example", jwtID: "stolen", expiration: 1_700_003_600)])
        fixture.expectAccepted(#"{"iss":"https://other.example","jti":"stolen","exp":1700003600}"#)
    }

    @Test func tokenWithoutIssuerMatchesAnEntryWithTheEmptyIssuer() throws {
        let fixture = try RevocationFixture(entries: [.token(issuer: "", jwtID: "stolen", expiration: nil)])
        fixture.expectRejected(#"{"jti":"stolen"}"#, .revoked)
    }

    @Test func lengthPrefixesKeepIssuerAndJWTIDApart() throws {
        let salt = RevocationFixture.salt
        #expect(
            RevocationFingerprint.token(version: .current, salt: salt, issuer: "a", jwtID: "bc")
                != RevocationFingerprint.token(version: .current, salt: salt, issuer: "ab", jwtID: "c"))
        let list = try RevocationFixture.list([.token(issuer: "a", jwtID: "bc", expiration: nil)])
        #expect(list.containsToken(issuer: "a", jwtID: "bc", expiration: nil))
        #expect(!list.containsToken(issuer: "ab", jwtID: "c", expiration: nil))
    }

    @Test func entryIsFoundThroughTheTokensExpiryDay() throws {
        let list = try RevocationFixture.list([.token(issuer: "i", jwtID: "j", expiration: 1_700_003_600)])
        #expect(list.containsToken(issuer: "i", jwtID: "j", expiration: 1_700_003_600))
        #expect(list.containsToken(issuer: "i", jwtID: "j", expiration: 1_700_006_399), "same day")
        #expect(!list.containsToken(issuer: "i", jwtID: "j", expiration: NumericDate(1_700_006_400 + 86_400)), "another day's group")
    }

    @Test func entryWithoutExpiryMatchesTokensWithAndWithoutExp() throws {
        let list = try RevocationFixture.list([.token(issuer: "i", jwtID: "j", expiration: nil)])
        #expect(list.containsToken(issuer: "i", jwtID: "j", expiration: nil))
        #expect(list.containsToken(issuer: "i", jwtID: "j", expiration: 1_700_003_600))
    }

    @Test func subjectRevokesTokensIssuedBeforeItsTime() throws {
        let fixture = try RevocationFixture(entries: [
            .subject(issuer: "https://id.example", subject: "user-7", issuedBefore: 1_699_999_000, expires: nil)
        ])
        fixture.expectRejected(#"{"iss":"https://id.example","sub":"user-7","iat":1699998999}"#, .revoked)
    }

    @Test func subjectAcceptsTokensIssuedAtOrAfterItsTime() throws {
        let fixture = try RevocationFixture(entries: [
            .subject(issuer: "https://id.example", subject: "user-7", issuedBefore: 1_699_999_000, expires: nil)
        ])
        fixture.expectAccepted(#"{"iss":"https://id.example","sub":"user-7","iat":1699999000}"#)
    }

    @Test func subjectRevokesItsTokensWithoutIssuedAt() throws {
        let fixture = try RevocationFixture(entries: [
            .subject(issuer: "https://id.example", subject: "user-7", issuedBefore: 1_699_999_000, expires: nil)
        ])
        fixture.expectRejected(#"{"iss":"https://id.example","sub":"user-7"}"#, .revoked)
    }

    @Test func subjectOfAnotherIssuerIsAccepted() throws {
        let fixture = try RevocationFixture(entries: [
            .subject(issuer: "https://id.example", subject: "user-7", issuedBefore: 1_699_999_000, expires: nil)
        ])
        fixture.expectAccepted(#"{"iss":"https://other.example","sub":"user-7","iat":1699998000}"#)
    }

    @Test func revokedSigningKeyRefusesItsTokens() throws {
        let fixture = try RevocationFixture(entries: [.key(keyID: "k1", expires: nil)])
        fixture.expectRejected("{}", .revoked)
    }

    @Test func tokenExpiringBeforeTheHorizonIsExpired() throws {
        var content = try RevocationFixture.content([])
        content.prune(before: 1_699_990_000)
        let fixture = try RevocationFixture(content: content, now: 1_699_980_000)
        fixture.expectRejected(#"{"exp":1699985000}"#, .expired)
    }

    // MARK: Envelope

    @Test func flippedBodyByteIsAnInvalidSignature() throws {
        var bytes = try RevocationFixture.signed([.token(issuer: "i", jwtID: "j", expiration: nil)])
        bytes[bytes.count - 70] ^= 0x01
        expectListRejected(.invalidSignature) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func signatureIsCheckedBeforeTheBodyIsParsed() throws {
        var bytes = try RevocationFixture.signed([.token(issuer: "i", jwtID: "j", expiration: nil)])
        let body = try RevocationListHeader(parsing: bytes).bodyOffset
        bytes[body + 3] = 0xFF  // group count becomes absurd: malformed, were it read
        expectListRejected(.invalidSignature) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func listSignedByAnUnpinnedKeyWithAPinnedKidIsAnInvalidSignature() throws {
        let impostor = SigningKey(seed: [UInt8](repeating: 0xA7, count: 32), keyID: RevocationFixture.publisher.keyID, algorithm: nil)
        let bytes = try RevocationFixture.content([]).signed(by: impostor)
        expectListRejected(.invalidSignature) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func listNamingAnUnknownKidIsUnknownKey() throws {
        let other = SigningKey(seed: [UInt8](repeating: 0x51, count: 32), keyID: "pub-9", algorithm: nil)
        let bytes = try RevocationFixture.content([]).signed(by: other)
        expectListRejected(.unknownKey) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func truncatedFileIsTruncatedList() throws {
        let bytes = try RevocationFixture.signed([.token(issuer: "i", jwtID: "j", expiration: nil)])
        for length in [0, 3, 9, 100, bytes.count - 1] {
            let cut = Array(bytes.prefix(length))
            let error = #expect(throws: RevocationListError.self) {
                try RevocationList(verifying: cut, publisherKeys: RevocationFixture.publisherKeys)
            }
            #expect(error?.code == .truncatedList, "length \(length)")
        }
    }

    @Test func fileWithoutTheMagicIsMalformed() throws {
        var bytes = try RevocationFixture.signed([])
        bytes[0] = UInt8(ascii: "e")
        expectListRejected(.malformedList) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test(arguments: [0, 3, 0xFF] as [UInt8])
    func otherFormatVersionIsUnsupported(version: UInt8) throws {
        var bytes = try RevocationFixture.signed([])
        bytes[4] = version
        expectListRejected(.unsupportedVersion) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func versionByteIsUnderTheSignature() throws {
        var bytes = try RevocationFixture.content([], version: .blake2b).signed(by: RevocationFixture.publisher)
        bytes[4] = RevocationListVersion.sipHash.rawValue
        expectListRejected(.invalidSignature) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func deltaIsNotAcceptedAsASnapshot() throws {
        let base = try RevocationFixture.content([])
        var next = base
        next.sequence = 2
        let delta = try next.delta(from: base, signedBy: RevocationFixture.publisher)
        expectListRejected(.malformedList) { try RevocationList(verifying: delta, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func signedButNonCanonicalBucketExponentIsMalformed() throws {
        let content = try RevocationFixture.content((0..<200).map { .token(issuer: "i", jwtID: "j\($0)", expiration: nil) })
        var bytes = content.encodedSnapshot(keyID: RevocationFixture.publisher.keyID)
        let body = try RevocationListHeader(parsing: bytes + [UInt8](repeating: 0, count: 64)).bodyOffset
        bytes[body + 4 + 9] += 1  // the first group's b
        bytes += RevocationFixture.publisher.revocationListSignature(over: bytes)
        expectListRejected(.malformedList) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func signedButTrailingBytesAreMalformed() throws {
        var bytes = try RevocationFixture.content([]).encodedSnapshot(keyID: RevocationFixture.publisher.keyID)
        bytes.append(0)
        var writer = ByteWriter(bytes: bytes)
        writer.patchLength()
        bytes = writer.bytes + RevocationFixture.publisher.revocationListSignature(over: writer.bytes)
        expectListRejected(.malformedList) { try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func headerTimesOutOfOrderAreRefusedWhenSigning() throws {
        var content = try RevocationFixture.content([])
        content.validUntil = content.issuedAt - 1
        let error = #expect(throws: RevocationListError.self) { try content.signed(by: RevocationFixture.publisher) }
        #expect(error?.code == .invalidEntry)
    }

    // MARK: Publisher side

    @Test func verifiedListDecodesToTheContentItWasSignedFrom() throws {
        var content = try RevocationFixture.content(RevocationFixture.mixedEntries)
        content.prune(before: 1_699_000_000)
        let list = try RevocationList(
            verifying: content.signed(by: RevocationFixture.publisher), publisherKeys: RevocationFixture.publisherKeys)
        #expect(RevocationListContent(list) == content)
        #expect(list.revokedTokenCount == 3 && list.revokedSubjectCount == 1 && list.revokedKeyIDs == ["old-key"])
    }

    @Test func groupBeyondItsCapacityIsRefused() throws {
        var content = try RevocationFixture.content([.token(issuer: "i", jwtID: "first", expiration: nil)])
        let group = try #require(content.tokenGroups[RevocationListFormat.noExpiryDay])
        let capacity = content.version.capacity(fingerprintBits: group.fingerprintBits)
        let error = #expect(throws: RevocationListError.self) {
            try content.insert(contentsOf: (0..<capacity).map { .token(issuer: "i", jwtID: "n\($0)", expiration: nil) })
        }
        #expect(error?.code == .capacityExceeded)
        #expect(content.tokenCount == 1, "a refused insert changes nothing")
    }

    @Test func newVersionOneGroupIsSizedForTwiceItsEntries() throws {
        let version = RevocationListVersion.blake2b
        #expect(version.fingerprintBits(forCount: 1) == 49)
        #expect(version.fingerprintBits(forCount: 1_000_000) == 54)
        #expect(version.capacity(fingerprintBits: 54) >= 2_000_000)
    }

    @Test func newVersionTwoGroupIsSizedForTwiceItsEntriesWithOneBitLessMargin() throws {
        let version = RevocationListVersion.sipHash
        #expect(version.fingerprintBits(forCount: 1) == 48)
        #expect(version.fingerprintBits(forCount: 1_000_000) == 53)
        #expect(version.capacity(fingerprintBits: 53) >= 2_000_000)
        #expect(version.capacity(fingerprintBits: 53) < 1 << 21, "the share of one group stays below 2^-32")
    }

    @Test func pruningDropsWhatTheHorizonCovers() throws {
        var content = try RevocationFixture.content(RevocationFixture.mixedEntries)
        content.prune(before: 1_700_200_000)
        #expect(content.tokenGroups.keys.sorted() == [RevocationListFormat.noExpiryDay])
        #expect(content.subjects.isEmpty)
        #expect(content.revokedKeys.isEmpty)
    }

    @Test func summaryOfAVerifiedSnapshotCountsItsEntries() throws {
        let bytes = try RevocationFixture.signed(RevocationFixture.mixedEntries)
        let summary = try RevocationFileSummary(bytes: bytes, publisherKeys: RevocationFixture.publisherKeys)
        #expect(summary.kind == "snapshot" && summary.signatureVerified && summary.tokenCount == 3)
        #expect(summary.groups.map(\.day) == [19_675, 19_676, nil])
        #expect(summary.subjectCount == 1 && summary.revokedKeyIDs == ["old-key"])
        #expect(summary.jsonValue.objectValue?["sequence"] == .number(JSONNumber(1)))
    }

    @Test func summaryOfADeltaCountsItsChanges() throws {
        let base = try RevocationFixture.content(RevocationFixture.mixedEntries)
        var next = base
        next.sequence = 2
        try next.insert(.token(issuer: "https://id.example", jwtID: "d", expiration: nil))
        next.remove(contentsOf: [.key(keyID: "old-key", expires: nil)])
        let delta = try next.delta(from: base, signedBy: RevocationFixture.publisher)
        let summary = try RevocationFileSummary(bytes: delta, publisherKeys: RevocationFixture.publisherKeys)
        #expect(summary.kind == "delta" && summary.baseSequence == 1 && summary.sequence == 2)
        #expect(summary.groupChanges == [.init(day: nil, mode: "edit", removed: 0, added: 1)])
        #expect(summary.keyChanges.removed == ["old-key"] && summary.keyChanges.added == [])
    }

    @Test func summaryWithoutKeysSaysItIsUnverified() throws {
        var bytes = try RevocationFixture.signed([])
        bytes[bytes.count - 1] ^= 1
        let summary = try RevocationFileSummary(bytes: bytes, publisherKeys: nil)
        #expect(!summary.signatureVerified && summary.name == "test")
        expectListRejected(.invalidSignature) { try RevocationFileSummary(bytes: bytes, publisherKeys: RevocationFixture.publisherKeys) }
    }

    @Test func entriesDocumentIsRead() throws {
        let document = #"""
            {"tokens":[{"iss":"https://id.example","jti":"a","exp":1700003600},{"jti":"b"}],
             "subjects":[{"iss":"https://id.example","sub":"u","issued_before":1700000000,"expires":1700086400}],
             "keys":[{"kid":"k1"}]}
            """#
        let entries = try RevocationEntry.entries(fromJSON: Array(document.utf8))
        #expect(
            entries == [
                .token(issuer: "https://id.example", jwtID: "a", expiration: 1_700_003_600),
                .token(issuer: "", jwtID: "b", expiration: nil),
                .subject(issuer: "https://id.example", subject: "u", issuedBefore: 1_700_000_000, expires: 1_700_086_400),
                .key(keyID: "k1", expires: nil),
            ])
    }

    @Test(arguments: [
        #"{"token":[]}"#, #"{"tokens":[{"iss":"i"}]}"#, #"{"tokens":[{"jti":1}]}"#, #"{"subjects":[{"sub":"u"}]}"#,
        #"{"keys":[{"kid":"k","expires":-1}]}"#, #"[]"#, #"{"subjects":[{"sub":"u","issued_before":1,"expire":2}]}"#,
    ])
    func entriesDocumentNotAsDocumentedIsInvalidEntry(_ document: String) {
        let error = #expect(throws: RevocationListError.self) { try RevocationEntry.entries(fromJSON: Array(document.utf8)) }
        #expect(error?.code == .invalidEntry)
    }
}

// MARK: - Fixtures shared by the revocation tests

/// A publisher key, its pinned set, and verifiers that consult a revocation list.
struct RevocationFixture {
    /// The publisher's private key, `kid` "pub-1".
    static let publisher = SigningKey(seed: [UInt8](repeating: 0x50, count: 32), keyID: "pub-1", algorithm: nil)
    /// The pinned publisher set.
    static let publisherKeys: PinnedKeySet = try! PinnedKeySet(jwks: Array(publisher.publicJWKSet.jsonText.utf8))
    /// A fixed salt, so lists are reproducible.
    static let salt = [UInt8](repeating: 0x5E, count: 32)
    /// The list's issue time: 1,000 s before ``testNow``.
    static let issuedAt: UInt64 = 1_699_999_000

    /// Tokens, subjects and keys mixed: 3 token entries over 2 days, 1 subject, 1 key.
    static let mixedEntries: [RevocationEntry] = [
        .token(issuer: "https://id.example", jwtID: "a", expiration: 1_700_003_600),
        .token(issuer: "https://id.example", jwtID: "b", expiration: NumericDate(1_700_003_600 + 86_400)),
        .token(issuer: "https://id.example", jwtID: "c", expiration: nil),
        .subject(issuer: "https://id.example", subject: "u", issuedBefore: 1_699_000_000, expires: 1_700_100_000),
        .key(keyID: "old-key", expires: 1_700_100_000),
    ]

    let check: RevocationListCheck
    let verifier: Verifier
    let factory = TokenFactory()

    /// A verifier at `now` whose only status check holds the list of `entries`.
    init(entries: [RevocationEntry], now: Int64 = testNow) throws {
        try self.init(content: Self.content(entries), now: now)
    }

    /// A verifier at `now` whose only status check holds `content`, signed.
    init(content: RevocationListContent, policy: RevocationPolicy = RevocationPolicy(), now: Int64 = testNow) throws {
        check = try RevocationListCheck(publisherKeys: Self.publisherKeys, policy: policy)
        try check.install(content.signed(by: Self.publisher))
        verifier = Verifier(
            keys: try JWKS.keySet(TestKey.issuer.jwk()), clock: FixedClock(NumericDate(integerLiteral: now)), statusChecks: [check])
    }

    /// List content of `entries`: name "test", sequence 1, iat 1,000 s before now, valid a day.
    static func content(
        _ entries: [RevocationEntry], sequence: UInt64 = 1, name: String = "test", version: RevocationListVersion = .current
    ) throws -> RevocationListContent {
        var content = try RevocationListContent(
            name: name, sequence: sequence, issuedAt: issuedAt, validUntil: issuedAt + 86_400, salt: salt,
            formatVersion: version.rawValue)
        try content.insert(contentsOf: entries)
        return content
    }

    /// The signed list file of `entries`.
    static func signed(_ entries: [RevocationEntry], sequence: UInt64 = 1) throws -> [UInt8] {
        try content(entries, sequence: sequence).signed(by: publisher)
    }

    /// The verified list of `entries`.
    static func list(_ entries: [RevocationEntry]) throws -> RevocationList {
        try RevocationList(verifying: signed(entries), publisherKeys: publisherKeys)
    }

    func expectAccepted(_ payload: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let token = factory.token(payload: payload)
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try verifier.verify(token) }
    }

    func expectRejected(_ payload: String, _ code: VerificationError.Code, sourceLocation: SourceLocation = #_sourceLocation) {
        let token = factory.token(payload: payload)
        let error = #expect(throws: VerificationError.self, sourceLocation: sourceLocation) { try verifier.verify(token) }
        #expect(error?.code == code, sourceLocation: sourceLocation)
    }
}

/// Expects `body` to fail with the revocation-list error `code`.
func expectListRejected<Result>(
    _ code: RevocationListError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Result
) {
    let error = #expect(throws: RevocationListError.self, sourceLocation: sourceLocation) { _ = try body() }
    #expect(error?.code == code, sourceLocation: sourceLocation)
}
