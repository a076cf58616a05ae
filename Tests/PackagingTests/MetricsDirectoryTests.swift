import EdgeJWTSync
import Foundation
import Testing

/// The default configuration's `metrics_file` lies in a directory the unit creates and may
/// write under `ProtectSystem=strict`: one of its `StateDirectory=` entries, below /var/lib.
@Suite struct MetricsDirectoryTests {
    @Test func defaultMetricsFileIsInAStateDirectoryOfTheUnit() throws {
        let unit = try String(contentsOfFile: Repository.file("Packaging/systemd/edgejwt-sync.service"), encoding: .utf8)
        let stateDirectories = unit.split(separator: "\n").filter { $0.hasPrefix("StateDirectory=") }
            .flatMap { $0.dropFirst("StateDirectory=".count).split(separator: " ") }.map { "/var/lib/" + $0 }
        let configuration = try SyncConfiguration(contentsOfFile: Repository.file("Packaging/etc/edgejwt/sync.json"))
        let metricsPath = try #require(configuration.metricsPath)
        let slash = try #require(metricsPath.lastIndex(of: "/"))
        let directory = String(metricsPath[..<slash])

        #expect(stateDirectories.contains(directory), "\(directory) is not one of \(stateDirectories)")
        #expect(metricsPath.hasSuffix(".prom"))
    }
}
