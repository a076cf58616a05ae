import Foundation
import Testing

/// A Prometheus text file as the reference Python client reads it
/// (`prometheus_client.parser.text_string_to_metric_families`): every sample, and each family's
/// type. The parser refusing the file fails the test.
struct PrometheusSamples {
    /// One sample.
    struct Sample: Hashable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    let samples: [Sample]
    let types: [String: String]

    init(parsing path: String, scratch: TemporaryDirectory) throws {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                print(json.dumps({"family": family.name, "type": family.type}))
                for sample in family.samples:
                    print(json.dumps({"name": sample.name, "labels": sample.labels, "value": sample.value}))
            """
        let output = try scratch.write("prometheus-parsed-\(UUID().uuidString)", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        process.waitUntilExit()
        let written = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(unreadable)"
        try #require(process.terminationStatus == 0, "prometheus_client refused \(written)")
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
        self.samples = samples
        self.types = types
    }

    /// The value of `name` for `source` (and `code`, for the failure counter), if sampled.
    func value(_ name: String, source: String, code: String? = nil) -> Double? {
        samples.first { $0.name == name && $0.labels["source"] == source && $0.labels["code"] == code }?.value
    }

    /// Every sample of `name`.
    func all(_ name: String) -> [Sample] { samples.filter { $0.name == name } }
}
