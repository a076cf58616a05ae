import EdgeJWT
import Foundation
import Testing

/// `edgejwt sync --once` with a `metrics_file`, and `--status --json` after it, run as built
/// against nginx: the JSON parses and carries each source's fields; the metrics file the CLI
/// wrote parses with `prometheus_client`.
@Suite(.serialized) struct SyncCommandStatusTests {
    private func writeConfiguration(_ fixture: Fixture, baseURL: String) throws -> String {
        try fixture.work.write(
            "sync.json",
            """
            {
              "state_directory": "state",
              "keys": "keys.json",
              "timeout_seconds": 2,
              "metrics_file": "metrics/edgejwt.prom",
              "sources": [
                {"name": "status", "kind": "status_list", "url": "\(baseURL)/status.jwt", "uri": "\(Publisher.statusURI)"},
                {"name": "main", "kind": "revocation_list", "url": "\(baseURL)/main.ejrl"}
              ]
            }
            """)
    }

    @Test func statusJSONReportsEachHealthySourceAfterSyncOnce() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)

        let once = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let status = try run("edgejwt", ["sync", "--status", "--json", "--config", configuration], in: fixture.work)

        #expect(once.status == 0, "\(once)")
        #expect(status.status == 0, "\(status)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status)")
        #expect(object["version"] as? Int == 1)
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == ["status", "main"])
        #expect(sources.map { $0["kind"] as? String } == ["status_list", "revocation_list"])
        #expect(sources.map { $0["healthy"] as? Bool } == [true, true])
        #expect(sources.map { $0["last_outcome"] as? String } == ["updated", "updated"])
        #expect(sources.map { $0["last_http_status"] as? Int } == [200, 200])
        #expect(sources.map { $0["consecutive_failures"] as? Int } == [0, 0])
        #expect(sources.map { $0["data_issued_at"] as? Int } == [fixture.publisher.now - 60, fixture.publisher.now - 60])
        #expect(sources.allSatisfy { ($0["data_age_seconds"] as? Double).map { $0 >= 60 } == true && $0["last_error"] == nil })
        #expect(sources[1]["sequence"] as? Int == 1 && sources[0]["sequence"] == nil)
        #expect(sources[0]["uri"] as? String == Publisher.statusURI)
    }

    @Test func syncOnceWritesTheMetricsFileAndItsCountersAddUpAcrossRuns() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)

        let once = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        nginx.stop()
        let failed = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let failedAgain = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let status = try run("edgejwt", ["sync", "--status", "--json", "--config", configuration], in: fixture.work)

        #expect(once.status == 0, "\(once)")
        #expect(failed.status == 1 && failedAgain.status == 1, "\(failed)")
        let metrics = try PrometheusSamples(parsing: fixture.work.file("metrics/edgejwt.prom"), scratch: fixture.work)
        #expect(metrics.value("edgejwt_sync_revocation_list_sequence", source: "main") == 1)
        // Each run is a new agent; the counts live in state.json, so a cron job's counter grows.
        #expect(metrics.value("edgejwt_sync_failures_total", source: "main", code: "unreachable") == 2)
        #expect(metrics.value("edgejwt_sync_failures_total", source: "status", code: "unreachable") == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status)")
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.map { ($0["failures"] as? [String: Int])?["unreachable"] } == [2, 2])
        #expect(metrics.value("edgejwt_sync_source_healthy", source: "status") == 0)
        #expect(metrics.value("edgejwt_sync_last_success_timestamp_seconds", source: "status") != nil)
    }
}
