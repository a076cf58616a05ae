import EdgeJWT
import EdgeJWTSync
import Foundation
import Testing

/// The agent's Prometheus text file (`metrics_file`) against a real nginx and the fault
/// server: written after every round of attempts, read back by `prometheus_client`, with the
/// values of the agent's status and failure counters that grow by error code.
@Suite(.serialized) struct SyncAgentMetricsTests {
    private func makeAgent(_ fixture: Fixture, _ configuration: SyncConfiguration, clock: SteppedClock) throws -> (SyncAgent, String) {
        var configuration = configuration
        // A directory that does not exist yet: the agent creates it.
        let path = fixture.work.file("metrics/edgejwt.prom")
        configuration.metricsPath = path
        return (try SyncAgent(configuration: configuration, clock: clock, jitter: { 0.5 }), path)
    }

    @Test func afterASuccessfulAttemptTheFileHoldsTimesAgesAndSequence() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let start = NumericDate(Double(fixture.publisher.now))
        let clock = SteppedClock(start)
        let (agent, path) = try makeAgent(fixture, fixture.configuration(nginx: nginx), clock: clock)
        #expect(!FileManager.default.fileExists(atPath: path), "written before any attempt")

        try #require(agent.syncAll().map(\.result) == [.updated, .updated])

        let metrics = try PrometheusSamples(parsing: path, scratch: fixture.work)
        let issued = Double(fixture.publisher.now - 60)  // the publisher's lists' iat
        for source in ["status", "main"] {
            #expect(metrics.value("edgejwt_sync_last_success_timestamp_seconds", source: source) == start.secondsSinceEpoch)
            #expect(metrics.value("edgejwt_sync_last_attempt_timestamp_seconds", source: source) == start.secondsSinceEpoch)
            #expect(metrics.value("edgejwt_sync_list_issued_timestamp_seconds", source: source) == issued)
            #expect(metrics.value("edgejwt_sync_list_age_seconds", source: source) == 60)
            #expect(metrics.value("edgejwt_sync_source_healthy", source: source) == 1)
            #expect(metrics.value("edgejwt_sync_consecutive_failures", source: source) == 0)
        }
        #expect(metrics.value("edgejwt_sync_revocation_list_sequence", source: "main") == 1)
        #expect(metrics.value("edgejwt_sync_revocation_list_sequence", source: "status") == nil)
        #expect(metrics.all("edgejwt_sync_failures_total").isEmpty)
        #expect(metrics.types["edgejwt_sync_failures"] == "counter")
        #expect(metrics.all("edgejwt_sync_metrics_timestamp_seconds").map(\.value) == [start.secondsSinceEpoch])
    }

    @Test func failuresAreCountedByCodeAndTheLastSuccessIsKept() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let start = NumericDate(Double(fixture.publisher.now))
        let clock = SteppedClock(start)
        let (agent, path) = try makeAgent(fixture, fixture.configuration(nginx: nginx), clock: clock)
        try #require(agent.syncAll().map(\.result) == [.updated, .updated])

        nginx.stop()
        clock.advance(by: 30)
        agent.syncAll()
        clock.advance(by: 30)
        try #require(failureCodes(agent.syncAll()) == [.unreachable, .unreachable])
        let down = try PrometheusSamples(parsing: path, scratch: fixture.work)

        // Back up, but the lists are gone: 404, an HTTP status failure of its own kind.
        try nginx.start()
        fixture.served.remove("status.jwt")
        fixture.served.remove("main.ejrl")
        clock.advance(by: 30)
        try #require(failureCodes(agent.syncAll()) == [.httpStatus, .httpStatus])
        let missing = try PrometheusSamples(parsing: path, scratch: fixture.work)

        for source in ["status", "main"] {
            #expect(down.value("edgejwt_sync_failures_total", source: source, code: "unreachable") == 2)
            #expect(down.value("edgejwt_sync_failures_total", source: source, code: "http_status") == nil)
            #expect(down.value("edgejwt_sync_consecutive_failures", source: source) == 2)
            #expect(down.value("edgejwt_sync_source_healthy", source: source) == 0)
            #expect(down.value("edgejwt_sync_last_success_timestamp_seconds", source: source) == start.secondsSinceEpoch)
            #expect(down.value("edgejwt_sync_last_attempt_timestamp_seconds", source: source) == start.secondsSinceEpoch + 60)
            #expect(down.value("edgejwt_sync_list_age_seconds", source: source) == 120)
            #expect(missing.value("edgejwt_sync_failures_total", source: source, code: "unreachable") == 2)
            #expect(missing.value("edgejwt_sync_failures_total", source: source, code: "http_status") == 1)
            #expect(missing.value("edgejwt_sync_consecutive_failures", source: source) == 3)
        }
        #expect(missing.value("edgejwt_sync_revocation_list_sequence", source: "main") == 1)

        // A restarted agent goes on counting from the persisted state.
        nginx.stop()
        let (restarted, _) = try makeAgent(fixture, fixture.configuration(nginx: nginx), clock: clock)
        try #require(failureCodes(restarted.syncAll()) == [.unreachable, .unreachable])
        let afterRestart = try PrometheusSamples(parsing: path, scratch: fixture.work)
        #expect(afterRestart.value("edgejwt_sync_failures_total", source: "main", code: "unreachable") == 3)
        #expect(afterRestart.value("edgejwt_sync_failures_total", source: "main", code: "http_status") == 1)
    }

    @Test func aDeviceWhoseServerAnswers500HasNoSuccessSampleAndCountsTheFailure() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        let clock = SteppedClock(NumericDate(Double(fixture.publisher.now)))
        let configuration = fixture.configuration(status: server.url("status/500"), revocation: server.url("status/500"))
        let (agent, path) = try makeAgent(fixture, configuration, clock: clock)

        #expect(failureCodes(agent.syncAll()) == [.httpStatus, .httpStatus])

        let metrics = try PrometheusSamples(parsing: path, scratch: fixture.work)
        for source in ["status", "main"] {
            #expect(metrics.value("edgejwt_sync_failures_total", source: source, code: "http_status") == 1)
            #expect(metrics.value("edgejwt_sync_last_success_timestamp_seconds", source: source) == nil)
            #expect(metrics.value("edgejwt_sync_list_age_seconds", source: source) == nil)
            #expect(metrics.value("edgejwt_sync_source_healthy", source: source) == 0)
        }
    }

    @Test func syncDueWritesTheFileOnlyWhenItAttemptedSomething() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let clock = SteppedClock(NumericDate(Double(fixture.publisher.now)))
        let (agent, path) = try makeAgent(fixture, fixture.configuration(nginx: nginx), clock: clock)
        try #require(agent.syncDue().count == 2)
        let first = try String(contentsOfFile: path, encoding: .utf8)

        clock.advance(by: 1)  // nothing is due for the period (300 s)
        #expect(agent.syncDue().isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == first)

        clock.advance(by: 300)
        #expect(agent.syncDue().count == 2)
        let metrics = try PrometheusSamples(parsing: path, scratch: fixture.work)
        #expect(metrics.all("edgejwt_sync_metrics_timestamp_seconds").map(\.value) == [Double(fixture.publisher.now + 301)])
    }

    @Test func aKeySetSourceReportsItsStatementAndRootSequenceAndExpiry() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let expiresAt = publisher.now + 7 * 86_400
        try fixture.serve(publisher.statement(sequence: 3, [.init(key: publisher.keyA)], expiresAt: expiresAt))
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(baseURL: nginx.baseURL)
        let path = fixture.work.file("edgejwt.prom")
        configuration.metricsPath = path
        let agent = try SyncAgent(configuration: configuration, clock: SteppedClock(NumericDate(Double(publisher.now))))

        try #require(agent.syncAll().map(\.result) == [.updated])

        let metrics = try PrometheusSamples(parsing: path, scratch: fixture.work)
        #expect(metrics.value("edgejwt_sync_key_set_sequence", source: "keys") == 3)
        #expect(metrics.value("edgejwt_sync_trust_root_sequence", source: "keys") == 1)
        #expect(metrics.value("edgejwt_sync_key_set_expiry_timestamp_seconds", source: "keys") == Double(expiresAt))
        #expect(metrics.value("edgejwt_sync_revocation_list_sequence", source: "keys") == nil)
        #expect(metrics.samples.first { $0.labels["source"] == "keys" }?.labels["kind"] == "key_set_statement")
    }

    @Test func anUnwritableMetricsDirectoryStopsTheAgentAtStart() throws {
        let fixture = try Fixture()
        var configuration = fixture.configuration(status: "http://127.0.0.1:9/s.jwt", revocation: "http://127.0.0.1:9/m.ejrl")
        configuration.metricsPath = fixture.work.file("no/such/parent/edgejwt.prom")

        let error = #expect(throws: SyncConfigurationError.self) { try SyncAgent(configuration: configuration) }

        #expect(error?.detail.contains("metrics directory") == true)
    }
}
