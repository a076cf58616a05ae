import EdgeJWT
import EdgeJWTSync
import Foundation
import Logging
import Testing

/// A publisher's served directory, a device's work directory (keys, state), and the tokens the
/// tests verify. Initial publication: status list entry 1 revoked; revocation list sequence 1
/// revoking `revoked-1`.
final class Fixture: @unchecked Sendable {
    let publisher = Publisher()
    /// What the servers serve: `status.jwt`, `main.ejrl`.
    let served: TemporaryDirectory
    /// Keys, configuration, state.
    let work: TemporaryDirectory
    let keysPath: String

    /// Valid everywhere.
    let valid: String
    /// Revoked by the revocation list (jti `revoked-1`).
    let revokedByList: String
    /// Revoked by status list entry 1.
    let revokedByStatus: String
    /// Revoked only by the second revocation list (jti `revoked-2`).
    let revokedLater: String

    init(stateDirectory: String? = nil) throws {
        _ = TestLogging.bootstrapped
        served = try TemporaryDirectory()
        work = try TemporaryDirectory()
        self.stateDirectoryOverride = stateDirectory
        keysPath = try work.write("keys.json", publisher.jwks)
        valid = publisher.token(jti: "valid-1", statusIndex: 0)
        revokedByList = publisher.token(jti: "revoked-1", statusIndex: 0)
        revokedByStatus = publisher.token(jti: "valid-2", statusIndex: 1)
        revokedLater = publisher.token(jti: "revoked-2", statusIndex: 0)
        try publish(statusRevoked: [1], sequence: 1, revoked: ["revoked-1"])
    }

    private let stateDirectoryOverride: String?
    var stateDirectory: String { stateDirectoryOverride ?? work.file("state") }

    /// Replaces the served lists.
    ///
    /// Each publication is dated one second after the last, starting an hour before the
    /// fixture was made, as real publications minutes apart are (nginx then sends validators
    /// the agent keeps). `modified` dates both files explicitly instead (seconds since 1970).
    func publish(
        statusRevoked: Set<Int>, statusIAT: Int? = nil, sequence: UInt64, revoked: [String], listIAT: Int? = nil, modified: Int? = nil
    ) throws {
        publications += 1
        let date = Date(timeIntervalSince1970: Double(modified ?? publicationSecond))
        for (name, bytes) in [
            ("status.jwt", Array((publisher.statusList(revoked: statusRevoked, iat: statusIAT) + "\n").utf8)),
            ("main.ejrl", try publisher.revocationList(sequence: sequence, revoked: revoked, iat: listIAT)),
        ] {
            let path = try served.write(name, bytes)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        }
    }

    private var publications = 0
    /// The modification second of the latest publication.
    private var publicationSecond: Int { publisher.now - 3_600 + publications }

    /// Replaces one served file, dated as a new publication (a new nginx ETag).
    func replaceServed(_ name: String, with bytes: [UInt8]) throws {
        publications += 1
        let path = try served.write(name, bytes)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: Double(publicationSecond))], ofItemAtPath: path)
    }

    /// A configuration of two sources: `status` (a status list) and `main` (a revocation list).
    func configuration(
        status statusURL: String, revocation revocationURL: String, deltaURL: String? = nil,
        timeout: Duration = .seconds(1), maxResponseBytes: Int = 64 << 10
    ) -> SyncConfiguration {
        var configuration = SyncConfiguration(
            stateDirectory: stateDirectory, keysPath: keysPath,
            sources: [
                .init(name: "status", kind: .statusList, url: statusURL, uri: Publisher.statusURI),
                .init(name: "main", kind: .revocationList, url: revocationURL, deltaURL: deltaURL, listName: Publisher.listName),
            ])
        configuration.timeout = timeout
        configuration.maxResponseBytes = maxResponseBytes
        return configuration
    }

    /// The configuration for nginx's copy of the lists.
    func configuration(nginx: Nginx, deltaURL: String? = nil) -> SyncConfiguration {
        configuration(status: nginx.baseURL + "/status.jwt", revocation: nginx.baseURL + "/main.ejrl", deltaURL: deltaURL)
    }

    /// The verdict on a token with the agent's live checks: `valid` or the error code.
    func verdict(_ agent: SyncAgent, _ token: String) -> String {
        let verifier = Verifier(keys: agent.keys, clock: agent.clock, statusChecks: agent.statusChecks)
        do {
            _ = try verifier.verify(token)
            return "valid"
        } catch {
            return error.code.rawValue
        }
    }

    /// Every stored list file, by path relative to the state directory.
    func storedFiles() -> [String: Data] {
        var files: [String: Data] = [:]
        for relative in ["status/status.jwt", "revocation/main/current.ejrl", "revocation/main/previous.ejrl", "time-floor"] {
            if let data = FileManager.default.contents(atPath: stateDirectory + "/" + relative) { files[relative] = data }
        }
        return files
    }
}

/// The failure code of each outcome (`nil` for a success).
func failureCodes(_ outcomes: [SyncAgent.Outcome]) -> [SyncError.Code?] {
    outcomes.map {
        if case .failed(let error) = $0.result { error.code } else { nil }
    }
}

/// The sync tests' log level: `warning`, or `EDGEJWT_TEST_LOG` (`trace` … `critical`, e.g.
/// `EDGEJWT_TEST_LOG=debug swift test --filter EdgeJWTSyncTests`), to standard error.
enum TestLogging {
    static let bootstrapped: Void = {
        let level = ProcessInfo.processInfo.environment["EDGEJWT_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()
}
