import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a finished process did.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// A built executable of this package, next to the running test binary.
func product(_ name: String) -> URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name)
}

/// Starts a built executable with stdout and stderr going to files (no pipe can fill up).
func launch(_ name: String, _ arguments: [String], stdin: String = "", in directory: TemporaryDirectory) throws -> Process {
    let process = Process()
    process.executableURL = product(name)
    process.arguments = arguments
    let input = try directory.write("stdin-\(name)", stdin)
    try directory.write("stdout-\(name)", "")
    try directory.write("stderr-\(name)", "")
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.file("stdout-\(name)")))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.file("stderr-\(name)")))
    try process.run()
    return process
}

/// Runs a built executable to completion (at most 60 s).
func run(_ name: String, _ arguments: [String], stdin: String = "", in directory: TemporaryDirectory) throws -> RunResult {
    let process = try launch(name, arguments, stdin: stdin, in: directory)
    if !waitUntil(seconds: 60, { !process.isRunning }) { process.terminate() }
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus,
        stdout: (try? String(contentsOfFile: directory.file("stdout-\(name)"), encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: directory.file("stderr-\(name)"), encoding: .utf8)) ?? "")
}

/// `edgejwt sync` and the gateway-daemon example, run as built, against nginx.
@Suite(.serialized) struct EndToEndTests {
    /// Writes a configuration file for nginx's lists and returns its path.
    private func writeConfiguration(_ fixture: Fixture, baseURL: String, extra: String = "") throws -> String {
        try fixture.work.write(
            "sync.json",
            """
            {
              "state_directory": "state",
              "keys": "keys.json",
              "period_seconds": 1,
              "min_period_seconds": 0.2,
              "initial_backoff_seconds": 0.2,
              "max_backoff_seconds": 1,
              "timeout_seconds": 2,\(extra)
              "sources": [
                {"name": "status", "kind": "status_list", "url": "\(baseURL)/status.jwt", "uri": "\(Publisher.statusURI)"},
                {"name": "main", "kind": "revocation_list", "url": "\(baseURL)/main.ejrl"}
              ]
            }
            """)
    }

    @Test func syncOnceExitsZeroThenStatusReportsEverySourceHealthy() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)

        let once = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let again = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let status = try run("edgejwt", ["sync", "--status", "--config", configuration], in: fixture.work)

        #expect(once.status == 0, "\(once)")
        #expect(once.stdout == "status: updated\nmain: updated\n")
        #expect(again.stdout == "status: unchanged\nmain: unchanged\n")
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("status status_list ok") && status.stdout.contains("main revocation_list ok"))
        #expect(status.stdout.contains("sequence=1"))
    }

    @Test func syncOnceExitsOneWhenTheServerIsDownAndStatusReportsTheFailure() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)
        _ = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        nginx.stop()

        let once = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let status = try run("edgejwt", ["sync", "--status", "--json", "--config", configuration], in: fixture.work)

        #expect(once.status == 1, "\(once)")
        #expect(once.stdout.contains("main: failed unreachable"))
        #expect(status.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let sources = try #require(json["sources"] as? [[String: Any]])
        #expect(sources.map { $0["consecutive_failures"] as? Int } == [1, 1])
        #expect(sources.allSatisfy { ($0["last_error"] as? String)?.hasPrefix("unreachable") == true && $0["data_age_seconds"] != nil })
    }

    @Test func syncRefusesAConfigurationWithAnUnknownMemberWithExitTwo() throws {
        let fixture = try Fixture()
        let configuration = try writeConfiguration(fixture, baseURL: "http://127.0.0.1:9", extra: "\n  \"perod_seconds\": 5,")

        let result = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)

        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("perod_seconds"))
    }

    @Test func syncRunsInTheForegroundAndStopsCleanlyOnSIGTERM() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)
        let process = try launch("edgejwt", ["sync", "--config", configuration], in: fixture.work)
        defer { if process.isRunning { process.terminate() } }
        let stateFile = fixture.work.file("state/state.json")
        #expect(waitUntil(seconds: 20) { FileManager.default.fileExists(atPath: stateFile) })

        process.terminate()  // SIGTERM
        let stopped = waitUntil(seconds: 10) { !process.isRunning }

        #expect(stopped)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let log = (try? String(contentsOfFile: fixture.work.file("stderr-edgejwt"), encoding: .utf8)) ?? ""
        #expect(log.contains("sync agent stopped"), "\(log)")
    }

    @Test func gatewayDaemonVerifiesEachStdinLineAgainstTheSyncedLists() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)
        let input = [fixture.valid, fixture.revokedByList, fixture.revokedByStatus, "not-a-token"].joined(separator: "\n") + "\n"

        let result = try run("gateway-daemon", [configuration], stdin: input, in: fixture.work)

        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "valid device-1\nrejected revoked\nrejected revoked\nrejected malformed_token\n", "\(result)")
    }

    @Test func gatewayDaemonKeepsVerifyingWithStoredListsWhenTheServerIsDown() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)
        _ = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        nginx.stop()

        let result = try run(
            "gateway-daemon", [configuration], stdin: fixture.valid + "\n" + fixture.revokedByList + "\n", in: fixture.work)

        #expect(result.stdout == "valid device-1\nrejected revoked\n", "\(result)")
    }
}
