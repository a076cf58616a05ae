import Testing
@testable import EdgeJWT

#if canImport(Glibc)
    import Glibc
#endif

/// ``RevocationListCheck``: installing snapshots and deltas, anti-rollback, freshness, the time
/// floor, and swaps while other threads verify.
@Suite struct RevocationListCheckTests {
    static let revokedPayload = #"{"iss":"https://id.example","jti":"stolen"}"#
    static let revoked: [RevocationEntry] = [.token(issuer: "https://id.example", jwtID: "stolen", expiration: nil)]

    // MARK: Freshness

    @Test func noInstalledListFailsClosed() throws {
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        let error = #expect(throws: VerificationError.self) {
            try check.check(header: Self.header, claims: Self.claims("{}"), at: 1_700_000_000)
        }
        #expect(error?.code == .revocationListStale)
    }

    @Test func noInstalledListIsAcceptedWhenFailingOpen() throws {
        var policy = RevocationPolicy()
        policy.failsOpen = true
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, policy: policy)
        #expect(throws: Never.self) { try check.check(header: Self.header, claims: Self.claims("{}"), at: 1_700_000_000) }
    }

    @Test func listIsStaleFromItsValidUntil() throws {
        let check = try Self.installed([])
        let validUntil = NumericDate(Double(RevocationFixture.issuedAt + 86_400))
        #expect(throws: Never.self) { try check.check(header: Self.header, claims: Self.claims("{}"), at: validUntil.adding(seconds: -1)) }
        let error = #expect(throws: VerificationError.self) {
            try check.check(header: Self.header, claims: Self.claims("{}"), at: validUntil)
        }
        #expect(error?.code == .revocationListStale)
    }

    @Test func maximumStalenessExtendsReliancePastValidUntil() throws {
        var policy = RevocationPolicy()
        policy.maximumStaleness = .seconds(3_600)
        let check = try Self.installed([], policy: policy)
        let validUntil = NumericDate(Double(RevocationFixture.issuedAt + 86_400))
        #expect(throws: Never.self) {
            try check.check(header: Self.header, claims: Self.claims("{}"), at: validUntil.adding(seconds: 3_599))
        }
        let error = #expect(throws: VerificationError.self) {
            try check.check(header: Self.header, claims: Self.claims("{}"), at: validUntil.adding(seconds: 3_600))
        }
        #expect(error?.code == .revocationListStale)
    }

    @Test func maxListAgeEndsRelianceBeforeValidUntil() throws {
        var policy = RevocationPolicy()
        policy.maxListAge = .seconds(600)
        let check = try Self.installed([], policy: policy)
        let error = #expect(throws: VerificationError.self) {
            try check.check(header: Self.header, claims: Self.claims("{}"), at: NumericDate(Double(RevocationFixture.issuedAt + 600)))
        }
        #expect(error?.code == .revocationListStale)
    }

    @Test func staleListIsAcceptedWhenFailingOpen() throws {
        var policy = RevocationPolicy()
        policy.failsOpen = true
        let check = try Self.installed(Self.revoked, policy: policy)
        #expect(throws: Never.self) { try check.check(header: Self.header, claims: Self.claims("{}"), at: 1_800_000_000) }
    }

    @Test func staleListStillRevokesWhenFailingOpen() throws {
        var policy = RevocationPolicy()
        policy.failsOpen = true
        let check = try Self.installed(Self.revoked, policy: policy)
        let error = #expect(throws: VerificationError.self) {
            try check.check(header: Self.header, claims: Self.claims(Self.revokedPayload), at: 1_800_000_000)
        }
        #expect(error?.code == .revoked)
    }

    @Test func revokedTakesPrecedenceOverStale() throws {
        let check = try Self.installed(Self.revoked)
        let error = #expect(throws: VerificationError.self) {
            try check.check(header: Self.header, claims: Self.claims(Self.revokedPayload), at: 1_800_000_000)
        }
        #expect(error?.code == .revoked)
    }

    // MARK: Installing

    @Test func lowerSequenceIsRefusedAndChangesNothing() throws {
        let check = try Self.installed(Self.revoked, sequence: 5)
        expectListRejected(.rollback) { try check.install(RevocationFixture.signed([], sequence: 4)) }
        #expect(check.list?.sequence == 5 && check.list?.revokedTokenCount == 1)
    }

    @Test func sameSequenceWithSameBytesChangesNothing() throws {
        let bytes = try RevocationFixture.signed(Self.revoked, sequence: 5)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        try check.install(bytes)
        #expect(try check.install(bytes).bytes == bytes)
    }

    @Test func sameSequenceWithOtherContentIsRollback() throws {
        let check = try Self.installed(Self.revoked, sequence: 5)
        expectListRejected(.rollback) { try check.install(RevocationFixture.signed([], sequence: 5)) }
        #expect(check.list?.revokedTokenCount == 1)
    }

    @Test func higherSequenceReplacesTheList() throws {
        let check = try Self.installed(Self.revoked, sequence: 5)
        try check.install(RevocationFixture.signed([], sequence: 6))
        #expect(check.list?.sequence == 6 && check.list?.revokedTokenCount == 0)
    }

    @Test func listOfAnotherNameIsRefused() throws {
        let check = try Self.installed([], sequence: 1)
        expectListRejected(.nameMismatch) {
            try check.install(RevocationFixture.content([], sequence: 2, name: "other").signed(by: RevocationFixture.publisher))
        }
    }

    @Test func firstListMustHaveTheConfiguredName() throws {
        var policy = RevocationPolicy()
        policy.listName = "production"
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, policy: policy)
        expectListRejected(.nameMismatch) { try check.install(RevocationFixture.signed([])) }
        #expect(check.list == nil)
    }

    @Test func invalidListIsNeverInstalled() throws {
        let check = try Self.installed(Self.revoked, sequence: 1)
        var bytes = try RevocationFixture.signed([], sequence: 2)
        bytes[bytes.count - 1] ^= 0x80
        expectListRejected(.invalidSignature) { try check.install(bytes) }
        #expect(check.list?.sequence == 1)
    }

    @Test func deltaInstallsOnTopOfItsBase() throws {
        let base = try RevocationFixture.content([])
        var next = try RevocationFixture.content(Self.revoked, sequence: 2)
        next.issuedAt += 10
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        try check.install(base.signed(by: RevocationFixture.publisher))
        let installed = try check.install(next.delta(from: base, signedBy: RevocationFixture.publisher))
        let expected = try next.signed(by: RevocationFixture.publisher)
        #expect(installed.sequence == 2 && installed.bytes == expected)
    }

    @Test func deltaWithoutAnInstalledListIsBaseMismatch() throws {
        let base = try RevocationFixture.content([])
        let next = try RevocationFixture.content(Self.revoked, sequence: 2)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        expectListRejected(.baseMismatch) { try check.install(next.delta(from: base, signedBy: RevocationFixture.publisher)) }
    }

    @Test func deltaFromAnotherSequenceIsBaseMismatch() throws {
        let base = try RevocationFixture.content([], sequence: 2)
        let next = try RevocationFixture.content(Self.revoked, sequence: 4)
        let check = try Self.installed([], sequence: 3)
        expectListRejected(.baseMismatch) { try check.install(next.delta(from: base, signedBy: RevocationFixture.publisher)) }
        #expect(check.list?.sequence == 3)
    }

    @Test func deltaWhoseResultIsNotTheSignedSnapshotIsDeltaMismatch() throws {
        let base = try RevocationFixture.content([])
        let next = try RevocationFixture.content(Self.revoked, sequence: 2)
        var delta = try next.delta(from: base, signedBy: RevocationFixture.publisher)
        // Swap in the signature of another snapshot 2, then re-sign the delta's envelope: the
        // delta is authentic, its result is not what that signature covers.
        let other = try RevocationFixture.signed([], sequence: 2)
        let body = try RevocationListHeader(parsing: delta).bodyOffset
        delta.replaceSubrange(body..<(body + 64), with: other.suffix(64))
        delta.removeLast(64)
        delta += RevocationFixture.publisher.revocationListSignature(over: delta)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        try check.install(base.signed(by: RevocationFixture.publisher))
        expectListRejected(.deltaMismatch) { try check.install(delta) }
        #expect(check.list?.sequence == 1)
    }

    @Test func installRaisesTheTimeFloorToTheListsIssueTime() throws {
        let floor = try TimeFloor(path: nil)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, timeFloor: floor)
        try check.install(RevocationFixture.signed([]))
        #expect(floor.value == NumericDate(Double(RevocationFixture.issuedAt)))
    }

    @Test func refusedListDoesNotRaiseTheTimeFloor() throws {
        let floor = try TimeFloor(path: nil)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, timeFloor: floor)
        try check.install(RevocationFixture.signed([], sequence: 5))
        var later = try RevocationFixture.content([], sequence: 4)
        later.issuedAt += 1_000
        later.validUntil += 1_000
        expectListRejected(.rollback) { try check.install(later.signed(by: RevocationFixture.publisher)) }
        #expect(floor.value == NumericDate(Double(RevocationFixture.issuedAt)))
    }

    @Test func clockTurnedBackCannotReviveATokenTheListOutlived() throws {
        let floor = try TimeFloor(path: nil)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, timeFloor: floor)
        try check.install(RevocationFixture.signed([]))
        let verifier = Verifier(
            keys: try JWKS.keySet(TestKey.issuer.jwk()), clock: FlooredClock(base: FixedClock(0), floor: floor), statusChecks: [check])
        let token = TokenFactory().token(payload: #"{"exp":1699990000}"#)
        let error = #expect(throws: VerificationError.self) { try verifier.verify(token) }
        #expect(error?.code == .expired)
    }

    // MARK: Concurrency

    @Test func verifiersSeeWholeListsWhileASyncAgentInstalls() async throws {
        let check = try Self.installed(Self.revoked, sequence: 1)
        let verifier = Verifier(
            keys: try JWKS.keySet(TestKey.issuer.jwk()), clock: FixedClock(NumericDate(integerLiteral: testNow)), statusChecks: [check])
        let revokedToken = TokenFactory().token(payload: Self.revokedPayload)
        let goodToken = TokenFactory().token(payload: #"{"iss":"https://id.example","jti":"fine"}"#)
        let wrongVerdicts = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for sequence in 2...40 {
                    let entries =
                        Self.revoked
                        + (0..<200).map {
                            RevocationEntry.token(issuer: "https://id.example", jwtID: "s\(sequence)-\($0)", expiration: nil)
                        }
                    _ = try? check.install(RevocationFixture.signed(entries, sequence: UInt64(sequence)))
                }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var wrong = 0
                    for _ in 0..<300 {
                        if (try? verifier.verify(revokedToken)) != nil { wrong += 1 }
                        if (try? verifier.verify(goodToken)) == nil { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrongVerdicts == 0)
        #expect(check.list?.sequence == 40)
    }

    // MARK: Helpers

    static let header: JOSEHeader = {
        try! JOSEHeader(decoding: Array(#"{"alg":"EdDSA","kid":"k1"}"#.utf8), limits: .init())
    }()

    static func claims(_ payload: String) throws -> Claims {
        try Claims(decoding: Array(payload.utf8), limits: .init())
    }

    static func installed(_ entries: [RevocationEntry], sequence: UInt64 = 1, policy: RevocationPolicy = RevocationPolicy()) throws
        -> RevocationListCheck
    {
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, policy: policy)
        try check.install(RevocationFixture.signed(entries, sequence: sequence))
        return check
    }
}
