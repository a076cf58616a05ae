import Foundation
import Testing
@testable import EdgeJWT

#if canImport(Glibc)
    import Glibc
#endif

/// A writer killed with SIGKILL during installs, mid-write included, leaves the old or the new
/// statement in the store, never a torn one, and never loses a committed one.
///
/// The writer is the `keyset-store-writer` helper (Tests/Helpers): it installs ~40 KB key-set
/// statements with increasing sequence numbers through ``RotatingKeySet`` and reports each commit.
@Suite struct KeySetStoreCrashTests {
    /// Kills; each round starts the writer, lets it commit at least once more, and SIGKILLs it:
    /// even rounds after a random delay (0–100 ms), odd rounds the moment a temporary file
    /// appears in the store, i.e. inside `AtomicFile.replace`, between `open` and `rename`.
    static let rounds = 50
    /// Keys per statement: 300 make a ~40 KB file, several pages to write, while a round stays
    /// short in a debug build.
    static let keyCount = 300

    @Test func killedWriterLeavesTheOldOrTheNewStatement() throws {
        let rootKey = SigningKey(seed: [UInt8](repeating: 0x5B, count: 32), keyID: "crash-root", algorithm: nil)
        let root = try TrustRoot(
            verifying: StatementSigner.root(sequence: 1, issuedAt: 1_700_000_000, threshold: 1, jwks: rootKey.publicJWKSet, signedBy: [rootKey]))
        var random = SystemRandomNumberGenerator()
        var midWriteKills = 0
        try withKeySetStore { store in
            var committed: UInt64 = 0
            for round in 0..<Self.rounds {
                let run = try StatementWriterRun(directory: store.directory)
                try run.waitForCommit(after: committed)
                if round.isMultiple(of: 2) {
                    usleep(UInt32.random(in: 0...100_000, using: &random))
                } else {
                    run.waitForATemporaryFile(in: store.directory)
                }
                let reported = try run.kill()
                if let reported { committed = max(committed, reported) }
                if try FileManager.default.contentsOfDirectory(atPath: store.directory).contains(where: { $0.contains(".tmp-") }) {
                    midWriteKills += 1
                }

                let loaded = store.load(trustRoot: root, issuer: "https://crash.example")
                #expect(loaded.problems == [], "round \(round)")
                let statement = try #require(loaded.statement, "round \(round): no statement after the kill")
                #expect(
                    statement.sequence == committed || statement.sequence == committed + 1,
                    "round \(round): committed \(committed), stored \(statement.sequence)")
                #expect(statement.entries.last?.keyID == "seq-\(statement.sequence)", "round \(round)")
                #expect(statement.entries.count == Self.keyCount + 1, "round \(round)")
                let remaining = try FileManager.default.contentsOfDirectory(atPath: store.directory)
                #expect(remaining == [KeySetStore.statementFileName], "round \(round): \(remaining)")
                committed = statement.sequence
            }
        }
        print("KeySetStoreCrashTests: \(midWriteKills) of \(Self.rounds) kills left a temporary file behind")
        #expect(midWriteKills >= 10, "only \(midWriteKills) kills landed mid-write")
    }
}

/// One run of the writer helper.
private final class StatementWriterRun {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    var text = ""

    init(directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("keyset-store-writer")
        process.arguments = [directory, String(KeySetStoreCrashTests.keyCount)]
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// Blocks until the writer reports a commit beyond `sequence`.
    func waitForCommit(after sequence: UInt64) throws {
        while (Self.lastCommit(in: text) ?? 0) <= sequence {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else {
                let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw Failure(reason: "the writer stopped before committing: \(stderr)")
            }
            text += String(decoding: data, as: UTF8.self)
        }
    }

    /// Polls `directory` until a temporary file of an atomic write shows up (or 10 s pass).
    func waitForATemporaryFile(in directory: String) {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            guard let handle = opendir(directory) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let isTemporary = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { strstr($0, ".tmp-") != nil }
                }
                if isTemporary { return }
            }
        }
    }

    /// SIGKILLs the writer and returns the last sequence it reported committed.
    func kill() throws -> UInt64? {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationReason == .uncaughtSignal, process.terminationStatus == SIGKILL else {
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(reason: "the writer ended by itself (status \(process.terminationStatus)): \(stderr)")
        }
        return Self.lastCommit(in: text)
    }

    private static func lastCommit(in text: String) -> UInt64? {
        text.split(separator: "\n").compactMap { line in
            line.hasPrefix("committed ") ? UInt64(line.dropFirst("committed ".count)) : nil
        }.max()
    }

    struct Failure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }
}
