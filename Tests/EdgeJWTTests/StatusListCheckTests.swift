#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import Testing
@testable import EdgeJWT

/// Step 9 with the Token Status List: the relying-party rules of draft-ietf-oauth-status-list-20
/// §8.3, installation and anti-rollback.
@Suite struct StatusListCheckTests {
    /// Entries of the default list (2 bits): 0 valid, 1 invalid, 2 suspended, 3 application-specific,
    /// 4 reserved-looking 0 (valid), then zeros.
    static let entries: [UInt8] = [0b11_10_01_00, 0]

    let keys: PinnedKeySet = try! JWKS.keySet(TestKey.issuer.jwk(), TestKey.second.jwk())

    func check(_ policy: StatusListPolicy = .init(), floor: TimeFloor? = nil, lists: [String]) throws -> StatusListCheck {
        let check = StatusListCheck(keys: keys, policy: policy, timeFloor: floor)
        for list in lists { try check.install(list) }
        return check
    }

    func standardList(iat: Int64 = testNow - 600, exp: Int64? = testNow + 3600, ttl: Int? = nil, extra: String = "") -> String {
        StatusListFixture.token(bytes: Self.entries, bits: 2, iat: iat, exp: exp, ttl: ttl, extra: extra)
    }

    func verdict(_ check: StatusListCheck, payload: String, at now: Int64 = testNow) -> VerificationError.Code? {
        let verifier = Verifier(keys: keys, clock: FixedClock(NumericDate(integerLiteral: now)), statusChecks: [check])
        do {
            _ = try verifier.verify(TokenFactory().token(payload: payload))
            return nil
        } catch {
            return error.code
        }
    }

    func verdict(_ check: StatusListCheck, idx: String, uri: String = StatusListFixture.uri, at now: Int64 = testNow) -> VerificationError
        .Code?
    {
        verdict(check, payload: StatusListFixture.referencing(idx: idx, uri: uri), at: now)
    }

    // MARK: Status values (§7.1)

    @Test func acceptsValidEntry() throws {
        #expect(verdict(try check(lists: [standardList()]), idx: "0") == nil)
    }

    @Test func refusesInvalidEntryAsRevoked() throws {
        #expect(verdict(try check(lists: [standardList()]), idx: "1") == .revoked)
    }

    @Test func refusesSuspendedEntry() throws {
        #expect(verdict(try check(lists: [standardList()]), idx: "2") == .suspended)
    }

    @Test func refusesApplicationSpecificValueByDefault() throws {
        #expect(verdict(try check(lists: [standardList()]), idx: "3") == .revoked)
    }

    @Test func acceptsApplicationSpecificValueListedByThePolicy() throws {
        var policy = StatusListPolicy()
        policy.acceptedStatuses = [0, 3]
        #expect(verdict(try check(policy, lists: [standardList()]), idx: "3") == nil)
    }

    @Test func refusesReservedValue() throws {
        let list = StatusListFixture.token(bytes: [0x04], bits: 8)
        #expect(verdict(try check(lists: [list]), idx: "0") == .revoked)
    }

    // MARK: The status claim (§6.2)

    @Test func indexOutOfRangeIsMalformed() throws {
        #expect(verdict(try check(lists: [standardList()]), idx: "8") == .malformedToken)
    }

    @Test func indexBeyondSixtyFourBitsIsMalformed() throws {
        #expect(verdict(try check(lists: [standardList()]), idx: "100000000000000000000000") == .malformedToken)
    }

    @Test(arguments: ["-1", "-0", "1.5", "1e0", "\"1\"", "null", "true"])
    func indexThatIsNotANonNegativeIntegerIsMalformed(_ idx: String) throws {
        #expect(verdict(try check(lists: [standardList()]), idx: idx) == .malformedToken)
    }

    @Test(arguments: [
        #"{"status":"revoked"}"#,
        #"{"status":{"status_list":[0]}}"#,
        #"{"status":{"status_list":{"uri":"https://issuer.example/statuslists/1"}}}"#,
        #"{"status":{"status_list":{"idx":0,"uri":7}}}"#,
        #"{"status":{"status_list":{"idx":0}}}"#,
    ])
    func malformedStatusClaimIsMalformed(_ payload: String) throws {
        #expect(verdict(try check(lists: [standardList()]), payload: payload) == .malformedToken)
    }

    @Test func tokenWithoutStatusClaimIsAcceptedByDefault() throws {
        #expect(verdict(try check(lists: [standardList()]), payload: #"{"sub":"device-42"}"#) == nil)
    }

    @Test func tokenWithoutStatusClaimIsRefusedWhenRequired() throws {
        var policy = StatusListPolicy()
        policy.requiresStatusClaim = true
        #expect(verdict(try check(policy, lists: [standardList()]), payload: #"{"sub":"device-42"}"#) == .missingClaim)
    }

    @Test func statusClaimWithAnotherMechanismOnlyIsNotThisChecksBusiness() throws {
        #expect(verdict(try check(lists: []), payload: #"{"status":{"other":{"id":1}}}"#) == nil)
    }

    // MARK: Finding the list

    @Test func missingListIsStatusUnavailable() throws {
        #expect(verdict(try check(lists: []), idx: "1") == .statusUnavailable)
    }

    @Test func missingListIsAcceptedOnlyWithTheExplicitOptOut() throws {
        var policy = StatusListPolicy()
        policy.acceptsUnavailableList = true
        #expect(verdict(try check(policy, lists: []), idx: "1") == nil)
    }

    @Test func listForAnotherURIIsNeverUsed() throws {
        let check = try check(lists: [standardList()])
        #expect(verdict(check, idx: "1", uri: StatusListFixture.uri + "/") == .statusUnavailable)
        #expect(verdict(check, idx: "1", uri: "HTTPS://issuer.example/statuslists/1") == .statusUnavailable)
    }

    @Test func listIsFoundOnlyByCodeUnitEqualURI() throws {
        let composed = "https://issuer.example/statuslists/caf\u{E9}"
        let decomposed = "https://issuer.example/statuslists/cafe\u{301}"
        let check = try check(lists: [StatusListFixture.token(bytes: [0b10], uri: composed)])
        #expect(verdict(check, idx: "1", uri: composed) == .revoked)
        #expect(verdict(check, idx: "1", uri: decomposed) == .statusUnavailable)
    }

    @Test func installRefusesListWhoseSubIsOnlyCanonicallyEquivalentToTheExpectedURI() throws {
        let check = StatusListCheck(keys: keys)
        let list = StatusListFixture.token(bytes: [0], uri: "https://issuer.example/statuslists/caf\u{E9}")
        let error = #expect(throws: StatusListError.self) {
            try check.install(list, expectedURI: "https://issuer.example/statuslists/cafe\u{301}")
        }
        #expect(error?.code == .uriMismatch)
    }

    @Test func installRefusesListWhoseSubIsNotTheExpectedURI() throws {
        let check = StatusListCheck(keys: keys)
        let error = #expect(throws: StatusListError.self) {
            try check.install(standardList(), expectedURI: "https://issuer.example/statuslists/2")
        }
        #expect(error?.code == .uriMismatch)
        #expect(check.installedURIs.isEmpty)
    }

    // MARK: Freshness (§8.3 step 4, §13.7)

    @Test func expiredListIsStale() throws {
        let check = try check(lists: [standardList(exp: testNow - 1)])
        #expect(verdict(check, idx: "0") == .revocationListStale)
    }

    @Test func listIsStaleFromTheInstantOfItsExp() throws {
        let check = try check(lists: [standardList(exp: testNow + 10)])
        #expect(verdict(check, idx: "0", at: testNow + 9) == nil)
        #expect(verdict(check, idx: "0", at: testNow + 10) == .revocationListStale)
    }

    @Test func staleListIsRefusedEvenWithTheMissingListOptOut() throws {
        var policy = StatusListPolicy()
        policy.acceptsUnavailableList = true
        #expect(verdict(try check(policy, lists: [standardList(exp: testNow - 1)]), idx: "0") == .revocationListStale)
    }

    @Test func policyLeewayExtendsExp() throws {
        var policy = StatusListPolicy()
        policy.leeway = .seconds(5)
        #expect(verdict(try check(policy, lists: [standardList(exp: testNow - 1)]), idx: "0") == nil)
    }

    @Test func listPastIatPlusTtlIsStaleByDefault() throws {
        let check = try check(lists: [standardList(iat: testNow - 7200, exp: nil, ttl: 3600)])
        #expect(verdict(check, idx: "0") == .revocationListStale)
    }

    @Test func listBeforeIatPlusTtlIsUsable() throws {
        let check = try check(lists: [standardList(iat: testNow - 7200, exp: nil, ttl: 7201)])
        #expect(verdict(check, idx: "1") == .revoked)
    }

    @Test func ttlAsRefreshHintLeavesOnlyExp() throws {
        var policy = StatusListPolicy()
        policy.timeToLive = .refreshHint
        let check = try check(policy, lists: [standardList(iat: testNow - 7200, exp: testNow + 60, ttl: 3600)])
        #expect(verdict(check, idx: "1") == .revoked)
        #expect(verdict(check, idx: "1", at: testNow + 60) == .revocationListStale)
    }

    @Test func listOlderThanTheMaximumAgeIsStale() throws {
        var policy = StatusListPolicy()
        policy.maxListAge = .seconds(3600)
        let check = try check(policy, lists: [standardList(iat: testNow - 3600, exp: nil)])
        #expect(verdict(check, idx: "0") == .revocationListStale)
        #expect(verdict(check, idx: "0", at: testNow - 1) == nil)
    }

    @Test func listBeforeItsNbfIsStale() throws {
        let check = try check(lists: [standardList(extra: #","nbf":\#(testNow + 60)"#)])
        #expect(verdict(check, idx: "0") == .revocationListStale)
        #expect(verdict(check, idx: "0", at: testNow + 60) == nil)
    }

    @Test func tokenRulesComeBeforeTheStatus() throws {
        let check = try check(lists: [standardList()])
        let expired = #"{"exp":\#(testNow - 3600),"status":{"status_list":{"idx":0,"uri":"\#(StatusListFixture.uri)"}}}"#
        #expect(verdict(check, payload: expired) == .expired)
    }

    // MARK: Installing

    @Test func installRefusesAListThatFailsVerification() throws {
        let check = StatusListCheck(keys: keys)
        let forged = StatusListFixture.token(bytes: [0], key: .attacker)
        #expect(throws: StatusListError.self) { try check.install(forged) }
        #expect(check.list(for: StatusListFixture.uri) == nil)
        #expect(verdict(check, idx: "0") == .statusUnavailable)
    }

    @Test func failedInstallKeepsThePreviousList() throws {
        let check = try check(lists: [standardList()])
        let wrongType = StatusListFixture.token(bytes: [0], header: #"{"alg":"EdDSA","kid":"k1","typ":"JWT"}"#)
        #expect(throws: StatusListError.self) { try check.install(wrongType) }
        #expect(verdict(check, idx: "1") == .revoked)
    }

    @Test func newerListReplacesTheOlderOne() throws {
        let check = try check(lists: [standardList(iat: testNow - 600), StatusListFixture.token(bytes: [0], bits: 2, iat: testNow - 300)])
        #expect(verdict(check, idx: "1") == nil)
    }

    @Test func olderListIsRefusedAsRollback() throws {
        let check = try check(lists: [standardList(iat: testNow - 300)])
        let older = StatusListFixture.token(bytes: [0], bits: 2, iat: testNow - 600)
        let error = #expect(throws: StatusListError.self) { try check.install(older) }
        #expect(error?.code == .rollback)
        #expect(verdict(check, idx: "1") == .revoked)
    }

    @Test func sameIatIsNotARollback() throws {
        let check = try check(lists: [standardList(), standardList()])
        #expect(check.installedURIs == [StatusListFixture.uri])
    }

    @Test func installFromFile() throws {
        let file = try TemporaryFile(Array((standardList() + "\n").utf8))
        defer { file.remove() }
        let check = StatusListCheck(keys: keys)
        let list = try check.install(contentsOfFile: file.path)
        #expect(list.uri == StatusListFixture.uri)
        #expect(verdict(check, idx: "2") == .suspended)
    }

    // MARK: Time floor

    @Test func installRaisesTheTimeFloorToTheListIat() throws {
        let floor = try TimeFloor(path: nil)
        _ = try check(floor: floor, lists: [standardList(iat: testNow - 600)])
        #expect(floor.value == NumericDate(integerLiteral: testNow - 600))
    }

    @Test func installWithoutAFloorLeavesNoFloor() throws {
        let floor = try TimeFloor(path: nil)
        _ = try check(lists: [standardList(iat: testNow - 600)])
        #expect(floor.value == NumericDate(0))
    }

    @Test func installFailsWhenTheFloorCannotBeStoredAndInstallsNothing() throws {
        let directory = "/tmp/edgejwt-status-floor-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #expect(mkdir(directory, 0o700) == 0)
        let floor = try TimeFloor(path: directory + "/floor")
        #expect(rmdir(directory) == 0)  // the floor can no longer be persisted
        let check = StatusListCheck(keys: keys, timeFloor: floor)
        let error = #expect(throws: StatusListError.self) { try check.install(standardList()) }
        #expect(error?.code == .timeFloorUnavailable)
        #expect(check.installedURIs.isEmpty)
    }
}
