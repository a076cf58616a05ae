import EdgeJWT
import EdgeJWTSync
import Foundation
import Logging
import Testing

/// Key-set statements synced from a real nginx (issue 10, "Done when"): a rotation from key A to
/// key B reaches a running verifier without a restart, and every statement that must not be
/// installed (older, forged, for another issuer, expired, torn, oversized) is refused with its
/// code while the installed one stays in force.
@Suite(.serialized) struct KeyRotationSyncTests {
    /// Agent, its key set and a verifier built once, before any rotation, on the test's clock.
    private struct Device {
        let agent: SyncAgent
        let keys: RotatingKeySet
        let verifier: Verifier
        let clock: SteppedClock
        let log: CapturedLog
    }

    private func device(_ fixture: KeySetFixture, _ configuration: SyncConfiguration) throws -> Device {
        let clock = SteppedClock(NumericDate(Double(fixture.publisher.now)))
        let log = CapturedLog()
        let agent = try SyncAgent(configuration: configuration, clock: clock, jitter: { 0.5 }, logger: log.logger())
        let keys = try #require(agent.keySets[KeyPublisher.issuer])
        return Device(agent: agent, keys: keys, verifier: Verifier(keys: keys, clock: agent.clock), clock: clock, log: log)
    }

    private func failure(_ outcomes: [SyncAgent.Outcome]) -> SyncError? {
        if case .failed(let error) = outcomes.first?.result { error } else { nil }
    }

    @Test func tokensByTheKeyOfTheInstalledStatementVerifyAndOthersAreUnknown() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyA)) == "unknown_key")

        let outcomes = device.agent.syncAll()

        #expect(outcomes.map(\.result) == [.updated])
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyA)) == "valid")
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyB)) == "unknown_key")
        #expect(device.keys.statement?.sequence == 1)
        #expect(fixture.storedStatement == publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
    }

    @Test func theSameStatementServedAgainIsUnchangedAndCostsA304() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()

        let conditional = device.agent.syncAll()
        let conditionalStatus = device.agent.status.sources[0].lastHTTPStatus
        // Republished with the same bytes (a new ETag): fetched in full, found identical.
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let full = device.agent.syncAll()

        #expect(conditional.map(\.result) == [.unchanged] && conditionalStatus == 304)
        #expect(full.map(\.result) == [.unchanged])
        #expect(device.agent.status.sources[0].lastHTTPStatus == 200)
        #expect(device.keys.statement?.sequence == 1)
    }

    @Test func aRotationAddingBWithARetiringLaterReachesARunningVerifierWithoutRestart() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let retireAt = publisher.now + 3_600
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()
        let tokenA = publisher.token(publisher.keyA)
        let tokenB = publisher.token(publisher.keyB)

        try fixture.serve(
            publisher.statement(sequence: 2, [.init(key: publisher.keyA, retireAt: retireAt), .init(key: publisher.keyB)]))
        let outcomes = device.agent.syncAll()

        #expect(outcomes.map(\.result) == [.updated])
        #expect(device.keys.statement?.sequence == 2)
        // The overlap: both verify with the verifier made before the rotation.
        #expect(fixture.verdict(device.verifier, tokenA, at: retireAt - 1) == "valid")
        #expect(fixture.verdict(device.verifier, tokenB, at: retireAt - 1) == "valid")
        // After retire_at, A's tokens fail and B's still verify.
        #expect(fixture.verdict(device.verifier, tokenA, at: retireAt) == "key_not_active")
        #expect(fixture.verdict(device.verifier, tokenB, at: retireAt) == "valid")
    }

    @Test func anOlderStatementServedAgainIsRefusedAsARollbackAndLogged() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let older = publisher.statement(sequence: 1, [.init(key: publisher.keyA)])
        let newer = publisher.statement(sequence: 2, [.init(key: publisher.keyB)])
        try fixture.serve(newer)
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()

        try fixture.serve(older)
        let outcomes = device.agent.syncAll()

        #expect(failure(outcomes)?.code == .rollback)
        #expect(device.keys.statement?.sequence == 2)
        #expect(fixture.storedStatement == newer)
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyA)) == "unknown_key")
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyB)) == "valid")
        let logged = device.log.all.filter { $0.level == .error && $0.metadata["code"] == "rollback" }
        #expect(logged.count == 1, "\(device.log.all.map(\.message))")
        #expect(logged.first?.metadata["installed_sequence"] == "2")
        let status = device.agent.status.sources[0]
        #expect(status.lastError?.hasPrefix("rollback") == true && status.consecutiveFailures == 1)
    }

    @Test func aStatementSignedByAKeyOutsideTheTrustRootIsRefused() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()

        // Same kid as the root key, another key: the signature is by a non-root key.
        try fixture.serve(publisher.statement(sequence: 5, [.init(key: publisher.keyB)], signedBy: [publisher.impostor]))
        let forged = device.agent.syncAll()
        // A kid the root does not have.
        try fixture.serve(publisher.statement(sequence: 6, [.init(key: publisher.keyB)], signedBy: [publisher.keyB]))
        let unknownSigner = device.agent.syncAll()

        #expect(failure(forged)?.code == .invalidList)
        #expect(failure(forged)?.detail.contains("invalid_signature") == true, "\(String(describing: failure(forged)))")
        #expect(failure(unknownSigner)?.detail.contains("untrusted_signer") == true, "\(String(describing: failure(unknownSigner)))")
        #expect(device.keys.statement?.sequence == 1)
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyB)) == "unknown_key")
        #expect(device.log.all.filter { $0.level == .error }.count == 2)
    }

    @Test func aStatementForAnotherIssuerIsRefused() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)], issuer: "https://other.example"))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))

        let outcomes = device.agent.syncAll()

        #expect(failure(outcomes)?.detail.contains("issuer_mismatch") == true)
        #expect(device.keys.statement == nil && fixture.storedStatement == nil)
    }

    @Test func anExpiredStatementIsNeverInstalled() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(
            publisher.statement(sequence: 1, [.init(key: publisher.keyA)], issuedAt: publisher.now - 7_200, expiresAt: publisher.now - 60))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))

        let outcomes = device.agent.syncAll()

        #expect(failure(outcomes)?.detail.contains("expired") == true)
        #expect(device.keys.statement == nil && fixture.storedStatement == nil)
    }

    @Test func aTornStatementIsRefusedAndTheInstalledOneKept() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let good = publisher.statement(sequence: 1, [.init(key: publisher.keyA)])
        try fixture.serve(good)
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()
        let next = publisher.statement(sequence: 2, [.init(key: publisher.keyB)])

        try fixture.serve(Array(next.prefix(next.count / 2)))
        let outcomes = device.agent.syncAll()

        #expect(failure(outcomes)?.detail.contains("malformed_statement") == true, "\(String(describing: failure(outcomes)))")
        #expect(device.keys.statement?.sequence == 1 && fixture.storedStatement == good)
    }

    @Test func aStatementLargerThanTheResponseCapIsRefusedBeforeItIsRead() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA), .init(key: publisher.keyB)]))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL, maxResponseBytes: 200))

        let outcomes = device.agent.syncAll()

        #expect(failure(outcomes)?.code == .responseTooLarge)
        #expect(device.keys.statement == nil)
    }

    @Test func failuresBackOffLikeEveryOtherSource() throws {
        let fixture = try KeySetFixture()
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(baseURL: nginx.baseURL)
        configuration.initialBackoff = .seconds(8)
        let device = try device(fixture, configuration)

        let first = device.agent.syncAll()  // nothing served: 404
        let second = device.agent.syncAll()

        #expect(failure(first)?.code == .httpStatus && failure(second)?.code == .httpStatus)
        let status = device.agent.status.sources[0]
        #expect(status.consecutiveFailures == 2)
        // Equal jitter at 0.5: 3/4 of initial · 2^(2−1) = 12 s.
        let lastAttempt = try #require(status.lastAttempt?.secondsSinceEpoch)
        #expect(status.nextAttempt?.secondsSinceEpoch == lastAttempt + 12)
    }

    @Test func aDeviceOfflinePastTheStatementsExpiryFailsClosedWithKeySetExpired() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let expiresAt = publisher.now + 3_600
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)], expiresAt: expiresAt))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()
        nginx.stop()
        let token = publisher.token(publisher.keyA)
        let graceEnd = expiresAt + 86_400

        device.clock.advance(by: Double(graceEnd - publisher.now))
        let offline = device.agent.syncAll()

        #expect(failure(offline)?.code == .unreachable)
        #expect(fixture.verdict(device.verifier, token, at: expiresAt - 1) == "valid")
        #expect(fixture.verdict(device.verifier, token, at: graceEnd - 1) == "valid")
        #expect(fixture.verdict(device.verifier, token, at: graceEnd) == "key_set_expired")
        #expect(fixture.verdict(device.verifier, token) == "key_set_expired")
        let keySet = try #require(device.agent.status.sources[0].keySet)
        #expect(keySet.expiry(at: NumericDate(Double(expiresAt - 1))) == .current)
        #expect(keySet.expiry(at: NumericDate(Double(expiresAt))) == .inGrace)
        #expect(keySet.expiry(at: NumericDate(Double(graceEnd))) == .expired)
        #expect(!device.agent.status.sources[0].isHealthy(at: NumericDate(Double(graceEnd))))
        let json = try #require(device.agent.status.jsonObject(at: NumericDate(Double(graceEnd)))["sources"]?.arrayValue?.first?.objectValue)
        #expect(json["healthy"]?.boolValue == false && json["key_set"]?.objectValue?["expiry"]?.stringValue == "expired")
    }

    @Test func theConfiguredGracePeriodDecidesWhenAnExpiredStatementFailsClosed() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let expiresAt = publisher.now + 3_600
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)], expiresAt: expiresAt))
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(baseURL: nginx.baseURL)
        configuration.sources[0].expiryGracePeriod = .seconds(3 * 86_400)
        let device = try device(fixture, configuration)
        device.agent.syncAll()
        let token = publisher.token(publisher.keyA)
        let graceEnd = expiresAt + 3 * 86_400

        #expect(fixture.verdict(device.verifier, token, at: expiresAt + 86_400) == "valid")
        #expect(fixture.verdict(device.verifier, token, at: graceEnd - 1) == "valid")
        #expect(fixture.verdict(device.verifier, token, at: graceEnd) == "key_set_expired")
        #expect(device.agent.status.sources[0].keySet?.graceEndsAt?.secondsSinceEpoch == Double(graceEnd))
    }

    @Test func aRestartedAgentVerifiesWithTheStoredStatementWhileTheServerIsDown() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 3, [.init(key: publisher.keyB)]))
        let nginx = try Nginx(root: fixture.served.path)
        _ = try device(fixture, fixture.configuration(baseURL: nginx.baseURL)).agent.syncAll()
        nginx.stop()

        let restarted = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))

        #expect(restarted.keys.statement?.sequence == 3)
        #expect(fixture.verdict(restarted.verifier, publisher.token(publisher.keyB)) == "valid")
        #expect(restarted.agent.status.sources[0].sequence == 3)
        #expect(restarted.agent.timeFloor.value.secondsSinceEpoch >= Double(publisher.now - 60))
    }

    @Test func aStoredStatementReplacedOnDiskByAnUnsignedOneIsNotUsedAfterRestart() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        _ = try device(fixture, fixture.configuration(baseURL: nginx.baseURL)).agent.syncAll()
        nginx.stop()
        let stored = fixture.stateDirectory + "/keys/keys/" + KeySetStore.statementFileName
        try Data(publisher.statement(sequence: 9, [.init(key: publisher.keyB)], signedBy: [publisher.keyB])).write(
            to: URL(fileURLWithPath: stored))

        let restarted = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))

        #expect(restarted.keys.statement == nil)
        #expect(fixture.verdict(restarted.verifier, publisher.token(publisher.keyB)) == "unknown_key")
        #expect(restarted.log.all.contains { $0.level == .error && $0.message.contains("stored key-set statement refused") })
    }

    @Test func aRootRotationServedAtRootURLIsFollowedAndLaterStatementsNeedTheNewRoot() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL, rootURL: true))
        #expect(device.agent.syncAll().map(\.result) == [.updated])
        #expect(device.keys.trustRoot.sequence == 1)

        try fixture.serve(publisher.secondRoot, as: "root-2.json")
        try fixture.serve(publisher.statement(sequence: 2, [.init(key: publisher.keyB)], signedBy: [publisher.nextRoot]))
        let rotated = device.agent.syncAll()
        try fixture.serve(publisher.statement(sequence: 3, [.init(key: publisher.keyA)], signedBy: [publisher.root]))
        let byOldRoot = device.agent.syncAll()

        #expect(rotated.map(\.result) == [.updated])
        #expect(device.keys.trustRoot.sequence == 2 && device.keys.statement?.sequence == 2)
        #expect(device.agent.status.sources[0].keySet?.rootSequence == 2)
        #expect(failure(byOldRoot)?.detail.contains("untrusted_signer") == true, "\(String(describing: failure(byOldRoot)))")
        #expect(fixture.verdict(device.verifier, publisher.token(publisher.keyB)) == "valid")
    }

    @Test func statusReportsTheInstalledSequenceExpiryAndEachKeysWindow() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let retireAt = publisher.now + 3_600
        let notBefore = publisher.now + 600
        let expiresAt = publisher.now + 7 * 86_400
        try fixture.serve(
            publisher.statement(
                sequence: 4, [.init(key: publisher.keyA, retireAt: retireAt), .init(key: publisher.keyB, notBefore: notBefore)],
                expiresAt: expiresAt))
        let nginx = try Nginx(root: fixture.served.path)
        let device = try device(fixture, fixture.configuration(baseURL: nginx.baseURL))
        device.agent.syncAll()

        let persisted = try SyncStatus(stateDirectory: fixture.stateDirectory).sources[0]

        #expect(persisted.sequence == 4)
        let keySet = try #require(persisted.keySet)
        #expect(keySet == device.agent.status.sources[0].keySet)
        #expect(keySet.sequence == 4 && keySet.rootSequence == 1 && keySet.issuer == KeyPublisher.issuer)
        #expect(keySet.expiresAt.secondsSinceEpoch == Double(expiresAt))
        #expect(keySet.graceEndsAt?.secondsSinceEpoch == Double(expiresAt + 86_400))
        #expect(keySet.keys.map(\.keyID) == ["A", "B"])
        #expect(keySet.keys[0].retireAt?.secondsSinceEpoch == Double(retireAt) && keySet.keys[0].notBefore == nil)
        #expect(keySet.keys[1].notBefore?.secondsSinceEpoch == Double(notBefore))
        let now = NumericDate(Double(publisher.now))
        #expect(keySet.keys.map { $0.isUsable(at: now) } == [true, false])
    }
}
