import EdgeJWT
import EdgeJWTSync
import Foundation
import Testing

/// The Prometheus text file, read back by the reference Python client's parser
/// (`prometheus_client.parser.text_string_to_metric_families`, installed by Scripts/setup.sh).
@Suite struct MetricsFileTests {
    static let now = NumericDate(1_800_000_000)

    /// One sample as the parser read it.
    struct Sample: Hashable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// Writes `metrics` to a fresh file and parses it; also returns the metric types.
    private func parse(_ metrics: SyncMetrics) throws -> (samples: [Sample], types: [String: String]) {
        let directory = NSTemporaryDirectory() + "edgejwt-metrics-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/edgejwt.prom"
        try MetricsFile(path: path).write(metrics, at: Self.now)
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                print(json.dumps({"family": family.name, "type": family.type}))
                for sample in family.samples:
                    print(json.dumps({"name": sample.name, "labels": sample.labels, "value": sample.value}))
            """
        let output = directory + "/parsed"
        try #require(FileManager.default.createFile(atPath: output, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        process.waitUntilExit()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        try #require(process.terminationStatus == 0, "the parser refused \(written)")
        var samples: [Sample] = []
        var types: [String: String] = [:]
        for line in try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if let family = object["family"] as? String {
                types[family] = object["type"] as? String
            } else {
                samples.append(
                    Sample(
                        name: try #require(object["name"] as? String), labels: try #require(object["labels"] as? [String: String]),
                        value: try #require(object["value"] as? Double)))
            }
        }
        return (samples, types)
    }

    private func value(_ samples: [Sample], _ name: String, source: String, code: String? = nil) -> Double? {
        samples.first { $0.name == name && $0.labels["source"] == source && $0.labels["code"] == code }?.value
    }

    private let fresh = SyncMetrics.Source(
        name: "main", kind: .revocationList, lastAttempt: NumericDate(1_799_999_990), lastSuccess: NumericDate(1_799_999_990),
        dataIssuedAt: NumericDate(1_799_999_700), sequence: 42, consecutiveFailures: 0, failures: ["timeout": 3, "http_status": 1])
    private let neverSynced = SyncMetrics.Source(
        name: "status-1", kind: .statusList, lastAttempt: NumericDate(1_799_999_995), consecutiveFailures: 2, failures: ["unreachable": 2])

    @Test func reportsTimesSequenceAndHealthPerSource() throws {
        let (samples, _) = try parse(SyncMetrics(sources: [fresh, neverSynced]))
        #expect(value(samples, "edgejwt_sync_last_attempt_timestamp_seconds", source: "main") == 1_799_999_990)
        #expect(value(samples, "edgejwt_sync_last_success_timestamp_seconds", source: "main") == 1_799_999_990)
        #expect(value(samples, "edgejwt_sync_list_issued_timestamp_seconds", source: "main") == 1_799_999_700)
        #expect(value(samples, "edgejwt_sync_revocation_list_sequence", source: "main") == 42)
        #expect(value(samples, "edgejwt_sync_source_healthy", source: "main") == 1)
        #expect(value(samples, "edgejwt_sync_source_healthy", source: "status-1") == 0)
        #expect(value(samples, "edgejwt_sync_consecutive_failures", source: "status-1") == 2)
        #expect(samples.first { $0.labels["source"] == "status-1" }?.labels["kind"] == "status_list")
    }

    @Test func reportsTheListAgeAsNowMinusItsIssueTime() throws {
        let (samples, _) = try parse(SyncMetrics(sources: [fresh]))
        #expect(value(samples, "edgejwt_sync_list_age_seconds", source: "main") == 300)
    }

    @Test func countsFailuresByCodeAsACounter() throws {
        let (samples, types) = try parse(SyncMetrics(sources: [fresh, neverSynced]))
        #expect(types["edgejwt_sync_failures"] == "counter")
        #expect(value(samples, "edgejwt_sync_failures_total", source: "main", code: "timeout") == 3)
        #expect(value(samples, "edgejwt_sync_failures_total", source: "main", code: "http_status") == 1)
        #expect(value(samples, "edgejwt_sync_failures_total", source: "status-1", code: "unreachable") == 2)
    }

    @Test func writesNoSampleForWhatHasNotHappenedYet() throws {
        let (samples, _) = try parse(SyncMetrics(sources: [neverSynced]))
        #expect(value(samples, "edgejwt_sync_last_success_timestamp_seconds", source: "status-1") == nil)
        #expect(value(samples, "edgejwt_sync_list_age_seconds", source: "status-1") == nil)
        #expect(value(samples, "edgejwt_sync_revocation_list_sequence", source: "status-1") == nil)
    }

    @Test func escapesLabelValuesSoTheyReadBackExactly() throws {
        let name = "odd \"name\" with \\ and\nnewline"
        let (samples, _) = try parse(SyncMetrics(sources: [SyncMetrics.Source(name: name, kind: .statusList)]))
        #expect(value(samples, "edgejwt_sync_consecutive_failures", source: name) == 0)
    }

    @Test func stampsTheFileWithItsWriteTime() throws {
        let (samples, _) = try parse(SyncMetrics(sources: []))
        #expect(samples.first { $0.name == "edgejwt_sync_metrics_timestamp_seconds" }?.value == Self.now.secondsSinceEpoch)
    }

    @Test func replacesAnExistingFileWhole() throws {
        let directory = NSTemporaryDirectory() + "edgejwt-metrics-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/edgejwt.prom"
        try Data(String(repeating: "old line\n", count: 1_000).utf8).write(to: URL(fileURLWithPath: path))
        try MetricsFile(path: path).write(SyncMetrics(sources: [fresh]), at: Self.now)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == MetricsFile.text(SyncMetrics(sources: [fresh]), at: Self.now))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["edgejwt.prom"])
    }

    @Test func reportsAnUnwritableLocationAsAStorageFailure() {
        let file = MetricsFile(path: "/nonexistent-edgejwt-directory/edgejwt.prom")
        let error = #expect(throws: SyncError.self) { try file.write(SyncMetrics(sources: [fresh]), at: Self.now) }
        #expect(error?.code == .storageFailure)
    }
}
