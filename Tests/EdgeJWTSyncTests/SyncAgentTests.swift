import EdgeJWT
import EdgeJWTSync
import Foundation
import Testing

/// The agent against a real nginx: fetch, verify, store, install; 304s; deltas; restarts;
/// backoff with an injected clock and random source.
@Suite(.serialized) struct SyncAgentTests {
    @Test func installsVerifiedListsFromNginxSoVerifiersSeeThem() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let agent = try SyncAgent(configuration: fixture.configuration(nginx: nginx))
        #expect(fixture.verdict(agent, fixture.valid) == "status_unavailable")

        let outcomes = agent.syncAll()

        #expect(outcomes.map(\.result) == [.updated, .updated])
        #expect(fixture.verdict(agent, fixture.valid) == "valid")
        #expect(fixture.verdict(agent, fixture.revokedByList) == "revoked")
        #expect(fixture.verdict(agent, fixture.revokedByStatus) == "revoked")
        let stored = fixture.storedFiles()
        #expect(stored["status/status.jwt"] != nil && stored["revocation/main/current.ejrl"] != nil)
        let persisted = try SyncStatus(stateDirectory: fixture.stateDirectory)
        #expect(persisted.sources.map(\.isHealthy) == [true, true])
        #expect(persisted.sources[1].sequence == 1)
    }

    @Test func unchangedListsCostA304FromNginx() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let agent = try SyncAgent(configuration: fixture.configuration(nginx: nginx))
        agent.syncAll()

        let outcomes = agent.syncAll()

        #expect(outcomes.map(\.result) == [.unchanged, .unchanged])
        #expect(agent.status.sources.map(\.lastHTTPStatus) == [304, 304])
    }

    @Test func republishedListsAreFetchedAgainAfterTheirETagChanges() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let agent = try SyncAgent(configuration: fixture.configuration(nginx: nginx))
        agent.syncAll()
        try fixture.publish(statusRevoked: [1, 2], statusIAT: fixture.publisher.now - 30, sequence: 2, revoked: ["revoked-1", "revoked-2"])

        let outcomes = agent.syncAll()

        #expect(outcomes.map(\.result) == [.updated, .updated])
        #expect(fixture.verdict(agent, fixture.revokedLater) == "revoked")
        #expect(agent.status.sources[1].sequence == 2)
    }

    @Test func fetchesTheDeltaFromTheStoredSequenceWhenTheServerHasIt() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let agent = try SyncAgent(
            configuration: fixture.configuration(nginx: nginx, deltaURL: nginx.baseURL + "/main.from-{sequence}.ejrl"))
        agent.syncAll()
        let one = try fixture.publisher.revocationContent(sequence: 1, revoked: ["revoked-1"])
        let two = try fixture.publisher.revocationContent(sequence: 2, revoked: ["revoked-1", "revoked-2"])
        // Only the delta leads to sequence 2: the full list still says 1.
        try fixture.served.write("main.from-1.ejrl", fixture.publisher.delta(from: one, to: two))

        let outcomes = agent.syncAll()

        #expect(outcomes[1].result == .updated)
        #expect(agent.revocationLists["main"]?.list?.sequence == 2)
        #expect(fixture.verdict(agent, fixture.revokedLater) == "revoked")
        // The device holds the signed snapshot the delta leads to, byte for byte.
        let stored = try #require(FileManager.default.contents(atPath: fixture.stateDirectory + "/revocation/main/current.ejrl"))
        #expect([UInt8](stored) == (try two.signed(by: fixture.publisher.key)))
    }

    @Test func fallsBackToTheFullListWhenTheServerHasNoDelta() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let agent = try SyncAgent(
            configuration: fixture.configuration(nginx: nginx, deltaURL: nginx.baseURL + "/main.from-{sequence}.ejrl"))
        agent.syncAll()
        try fixture.publish(statusRevoked: [1], sequence: 2, revoked: ["revoked-1", "revoked-2"])

        let outcomes = agent.syncAll()

        #expect(outcomes[1].result == .updated)
        #expect(agent.revocationLists["main"]?.list?.sequence == 2)
    }

    @Test func aRestartedAgentVerifiesWithStoredListsBeforeAnyFetch() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        try SyncAgent(configuration: fixture.configuration(nginx: nginx)).syncAll()
        nginx.stop()

        let restarted = try SyncAgent(configuration: fixture.configuration(nginx: nginx))

        #expect(fixture.verdict(restarted, fixture.valid) == "valid")
        #expect(fixture.verdict(restarted, fixture.revokedByList) == "revoked")
        #expect(fixture.verdict(restarted, fixture.revokedByStatus) == "revoked")
        #expect(restarted.status.sources.allSatisfy { $0.lastSuccess != nil && $0.dataIssuedAt != nil })
    }

    @Test func backoffDoublesWithEachFailureAndStaysInTheUpperHalfWithJitter() throws {
        let fixture = try Fixture()
        let port = try freePort()
        var configuration = fixture.configuration(
            status: "http://127.0.0.1:\(port)/status.jwt", revocation: "http://127.0.0.1:\(port)/main.ejrl")
        configuration.initialBackoff = .seconds(4)
        configuration.maximumBackoff = .seconds(20)
        let clock = FixedClock(1_000_000)
        let agent = try SyncAgent(configuration: configuration, clock: clock, jitter: { 0.5 })

        var delays: [Double] = []
        for _ in 0..<4 {
            agent.syncAll()
            delays.append(try #require(agent.status.sources[0].nextAttempt).secondsSinceEpoch - 1_000_000)
        }

        // 4, 8, 16, 20 (capped) seconds, each at 3/4 of its value with jitter 0.5.
        #expect(delays == [3, 6, 12, 15])
        #expect(agent.status.sources[0].consecutiveFailures == 4)
        #expect(agent.syncDue().isEmpty)
    }

    @Test func successSchedulesTheNextFetchAfterThePeriodOrTheListTTL() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(nginx: nginx)
        configuration.period = .seconds(600)
        configuration.minimumPeriod = .seconds(5)
        let clock = FixedClock(NumericDate(Double(fixture.publisher.now)))
        let agent = try SyncAgent(configuration: configuration, clock: clock)

        agent.syncAll()

        let next = agent.status.sources.map { $0.nextAttempt.map { $0.secondsSinceEpoch - Double(fixture.publisher.now) } }
        #expect(next == [600, 600])
    }

    @Test func configurationRefusesUnknownMembers() throws {
        let json = #"{"state_directory":"s","keys":"k.json","sources":[{"name":"a","kind":"status_list","url":"http://127.0.0.1/x","ur1":"y"}]}"#
        let error = #expect(throws: SyncConfigurationError.self) {
            try SyncConfiguration(json: Array(json.utf8), relativeTo: "/etc")
        }
        #expect(error?.detail.contains("ur1") == true)
    }

    @Test func configurationResolvesRelativePathsAgainstItsDirectory() throws {
        let json = #"{"state_directory":"state","keys":"k.json","period_seconds":60,"sources":[{"name":"a","kind":"revocation_list","url":"http://127.0.0.1/x.ejrl","delta_url":"http://127.0.0.1/x.from-{sequence}.ejrl"}]}"#
        let configuration = try SyncConfiguration(json: Array(json.utf8), relativeTo: "/etc/gw")
        #expect(configuration.stateDirectory == "/etc/gw/state")
        #expect(configuration.keysPath == "/etc/gw/k.json")
        #expect(configuration.period == .seconds(60))
        #expect(configuration.sources[0].deltaURL == "http://127.0.0.1/x.from-{sequence}.ejrl")
    }
}
