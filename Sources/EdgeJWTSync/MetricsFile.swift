public import EdgeJWT

/// Writes ``SyncMetrics`` as a Prometheus text-format file (exposition format 0.0.4) for
/// node_exporter's textfile collector: a `.prom` file in the collector's directory, replaced
/// atomically (temporary file, `fsync`, `rename`), so the collector never reads half of one.
///
/// The metric names are listed in `docs/sync.md` ("Metrics"). A value that does not exist yet
/// (no success so far, no list installed) has no sample rather than a misleading 0.
/// ```swift
/// let file = MetricsFile(path: "/var/lib/edgejwt/metrics/edgejwt.prom")
/// try file.write(metrics, at: SystemClock().now())
/// ```
public struct MetricsFile: Sendable, Hashable {
    /// The file to write, e.g. `/var/lib/edgejwt/metrics/edgejwt.prom`.
    public let path: String

    /// A metrics file at `path`.
    /// - Parameter path: The file; its directory must exist.
    public init(path: String) {
        self.path = path
    }

    /// Replaces the file with `metrics` as of `now`.
    /// - Parameters:
    ///   - metrics: What to report.
    ///   - now: The time ages are measured at, also written as `edgejwt_sync_metrics_timestamp_seconds`.
    /// - Throws: ``SyncError`` `storage_failure` when the file cannot be written; the previous
    ///   file, if any, is then unchanged.
    public func write(_ metrics: SyncMetrics, at now: NumericDate) throws(SyncError) {
        do {
            try AtomicFile.replace(path, with: Array(Self.text(metrics, at: now).utf8))
        } catch {
            throw SyncError(.storageFailure, "cannot write the metrics file: \(error.description)")
        }
    }

    /// The file's content.
    /// - Parameters:
    ///   - metrics: What to report.
    ///   - now: The time ages are measured at.
    /// - Returns: Prometheus text format, one `# HELP` and `# TYPE` per metric, `\n` line ends.
    public static func text(_ metrics: SyncMetrics, at now: NumericDate) -> String {
        var output = PrometheusText()
        func perSource(_ name: String, _ type: String, _ help: String, _ value: (SyncMetrics.Source) -> Double?) {
            output.family(name, type: type, help: help)
            for source in metrics.sources {
                if let sample = value(source) { output.sample(name, Self.labels(source), sample) }
            }
        }
        perSource("edgejwt_sync_last_attempt_timestamp_seconds", "gauge", "When the source was last tried (seconds since the epoch).") {
            $0.lastAttempt?.secondsSinceEpoch
        }
        perSource("edgejwt_sync_last_success_timestamp_seconds", "gauge", "When the source last succeeded, updated or unchanged.") {
            $0.lastSuccess?.secondsSinceEpoch
        }
        perSource("edgejwt_sync_list_issued_timestamp_seconds", "gauge", "The installed list's iat.") {
            $0.dataIssuedAt?.secondsSinceEpoch
        }
        perSource("edgejwt_sync_list_age_seconds", "gauge", "Now minus the installed list's iat.") {
            $0.dataIssuedAt.map { now.secondsSinceEpoch - $0.secondsSinceEpoch }
        }
        perSource("edgejwt_sync_revocation_list_sequence", "gauge", "The installed revocation list's sequence number.") {
            $0.sequence.map { Double($0) }
        }
        perSource("edgejwt_sync_key_set_sequence", "gauge", "The installed key-set statement's sequence number.") {
            $0.keySetSequence.map { Double($0) }
        }
        perSource("edgejwt_sync_trust_root_sequence", "gauge", "The sequence of the trust root a key-set source's statements need.") {
            $0.trustRootSequence.map { Double($0) }
        }
        perSource("edgejwt_sync_key_set_expiry_timestamp_seconds", "gauge", "The installed key-set statement's exp.") {
            $0.keySetExpiresAt?.secondsSinceEpoch
        }
        perSource("edgejwt_sync_consecutive_failures", "gauge", "Failed attempts since the last success.") {
            Double($0.consecutiveFailures)
        }
        perSource("edgejwt_sync_source_healthy", "gauge", "1 when a list is installed and the last attempt did not fail, else 0.") {
            $0.isHealthy ? 1 : 0
        }
        output.family("edgejwt_sync_failures_total", type: "counter", help: "Failed attempts by error code, kept across restarts.")
        for source in metrics.sources {
            for code in source.failures.keys.sorted() {
                output.sample("edgejwt_sync_failures_total", Self.labels(source) + [("code", code)], Double(source.failures[code] ?? 0))
            }
        }
        output.family("edgejwt_sync_metrics_timestamp_seconds", type: "gauge", help: "When this file was written.")
        output.sample("edgejwt_sync_metrics_timestamp_seconds", [], now.secondsSinceEpoch)
        return output.text
    }

    private static func labels(_ source: SyncMetrics.Source) -> [(String, String)] {
        [("source", source.name), ("kind", source.kind.rawValue)]
    }
}

/// Prometheus text exposition format, built line by line.
private struct PrometheusText {
    private(set) var text = ""

    mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    /// Integers without a fraction; other values as the shortest text that reads back exactly.
    private static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Label values escape backslash, double quote and line feed.
    private static func escapeLabel(_ value: String) -> String {
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// HELP text escapes backslash and line feed.
    private static func escapeHelp(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }
}
