import EdgeJWT
import EdgeJWTSync
import Foundation
import Logging
import Testing

/// A key-rotation publisher's served directory (`keyset.json`, `root-N.json`) and a device's work
/// directory (pinned list keys, the provisioned trust root, state), for one `key_set_statement`
/// source named `keys`.
final class KeySetFixture: @unchecked Sendable {
    let publisher = KeyPublisher()
    let served: TemporaryDirectory
    let work: TemporaryDirectory
    let trustRootPath: String
    let keysPath: String
    var stateDirectory: String { work.file("state") }

    init() throws {
        _ = TestLogging.bootstrapped
        served = try TemporaryDirectory()
        work = try TemporaryDirectory()
        trustRootPath = try work.write("trust-root.json", publisher.trustRoot)
        keysPath = try work.write("keys.json", Publisher().jwks)
    }

    private var publications = 0

    /// Serves `bytes` as `name`, dated one second after the previous publication (starting an
    /// hour ago, so nginx's validators are kept and a republished file gets a new ETag).
    @discardableResult
    func serve(_ bytes: [UInt8], as name: String = "keyset.json") throws -> String {
        publications += 1
        let path = try served.write(name, bytes)
        let date = Date(timeIntervalSince1970: Double(publisher.now - 3_600 + publications))
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        return path
    }

    /// The source: `url` = `BASE/keyset.json`, `root_url` = `BASE/root-{sequence}.json` if asked.
    func source(baseURL: String, rootURL: Bool = false) -> SyncConfiguration.Source {
        SyncConfiguration.Source(
            name: "keys", kind: .keySetStatement, url: baseURL + "/keyset.json", issuer: KeyPublisher.issuer,
            trustRootPath: trustRootPath, rootURL: rootURL ? baseURL + "/root-{sequence}.json" : nil)
    }

    /// A configuration with only the key-set source.
    func configuration(baseURL: String, rootURL: Bool = false, maxResponseBytes: Int = 64 << 10) -> SyncConfiguration {
        var configuration = SyncConfiguration(
            stateDirectory: stateDirectory, keysPath: keysPath, sources: [source(baseURL: baseURL, rootURL: rootURL)])
        configuration.timeout = .seconds(2)
        configuration.maxResponseBytes = maxResponseBytes
        return configuration
    }

    /// The verdict on a token with the agent's rotating key set at `time`: `valid` or the code.
    func verdict(_ verifier: Verifier, _ token: String, at time: Int? = nil) -> String {
        do {
            _ = try verifier.verify(token, at: time.map { NumericDate(Double($0)) })
            return "valid"
        } catch {
            return error.code.rawValue
        }
    }

    /// The stored statement file, if any.
    var storedStatement: [UInt8]? {
        FileManager.default.contents(atPath: stateDirectory + "/keys/keys/" + KeySetStore.statementFileName).map { [UInt8]($0) }
    }
}

/// A log handler that keeps every message, for tests that check what was logged.
final class CapturedLog: @unchecked Sendable {
    struct Entry {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let entries = Locked<[Entry]>([])

    var all: [Entry] { entries.withLock { $0 } }

    /// A logger writing here.
    func logger() -> Logger {
        Logger(label: "edgejwt.sync.test") { _ in Handler(log: self) }
    }

    fileprivate func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(
                CapturedLog.Entry(
                    level: event.level, message: "\(event.message)",
                    metadata: (event.metadata ?? [:]).mapValues { "\($0)" }))
        }
    }
}
