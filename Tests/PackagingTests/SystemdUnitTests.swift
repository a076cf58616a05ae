import EdgeJWTSync
import Foundation
import Testing

/// `Packaging/systemd/edgejwt-sync.service` as systemd reads it, and the default configuration
/// it starts the agent with.
@Suite struct SystemdUnitTests {
    static let unit = Repository.file("Packaging/systemd/edgejwt-sync.service")

    /// The unit with its ExecStart binary replaced by the test build's `edgejwt` (verify checks
    /// that the binary exists), in a scratch directory.
    private func unitCopy(in scratch: Scratch) throws -> String {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/bin/edgejwt "))
        return try scratch.write(
            "edgejwt-sync.service", text.replacingOccurrences(of: "ExecStart=/usr/bin/edgejwt ", with: "ExecStart=\(Repository.builtEdgeJWT) "))
    }

    @Test func passesSystemdAnalyzeVerifyWithoutAWarning() throws {
        let scratch = try Scratch()
        let result = try run("/usr/bin/systemd-analyze", ["verify", "--man=no", try unitCopy(in: scratch)])
        // verify exits 0 on a misspelt key or a value it cannot parse, and only warns: a clean
        // unit prints nothing at all.
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")
    }

    @Test func keepsItsExposureAtOrBelowOnePointFive() throws {
        let scratch = try Scratch()
        let result = try run("/usr/bin/systemd-analyze", ["security", "--offline=yes", "--threshold=15", try unitCopy(in: scratch)])
        #expect(result.status == 0, "\(result)")
    }

    @Test(arguments: [
        "ProtectSystem=strict", "NoNewPrivileges=yes", "StateDirectory=edgejwt", "User=edgejwt", "Restart=always",
        "StartLimitIntervalSec=0", "CapabilityBoundingSet=", "ExecStart=/usr/bin/edgejwt sync --config /etc/edgejwt/sync.json",
    ])
    func setsTheDirective(_ directive: String) throws {
        let lines = try String(contentsOfFile: Self.unit, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0 == directive || $0.hasPrefix(directive + " ") })
    }

    @Test func defaultConfigurationIsOneTheAgentAccepts() throws {
        let configuration = try SyncConfiguration(contentsOfFile: Repository.file("Packaging/etc/edgejwt/sync.json"))
        #expect(configuration.stateDirectory == "/var/lib/edgejwt")
        #expect(configuration.keysPath == "/etc/edgejwt/keys.json")
        #expect(!configuration.sources.isEmpty)
    }

    @Test func sysusersFileDeclaresTheServiceUser() throws {
        let text = try String(contentsOfFile: Repository.file("Packaging/sysusers.d/edgejwt.conf"), encoding: .utf8)
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("u edgejwt ") })
    }
}
