import Foundation
import Testing
@testable import EdgeJWT

#if canImport(Glibc)
    import Glibc
#endif

/// A writer killed with SIGKILL at random moments, mid-write included, never leaves the store
/// corrupt or loses a committed list.
///
/// The writer is the `revocation-store-writer` helper (Tests/Helpers): it installs ~250 KB lists
/// with increasing sequence numbers through ``RevocationListCheck`` and reports each commit.
@Suite struct RevocationStoreCrashTests {
    /// Rounds; each starts the writer, lets it commit at least once more, and SIGKILLs it: even
    /// rounds after a random delay (0–300 ms), odd rounds the moment a temporary file appears in
    /// the store, i.e. inside `AtomicFile.replace`, between `open` and `rename`.
    static let rounds = 12

    @Test func killedWriterLeavesTheLastGoodListLoadable() throws {
        let writerKey = SigningKey(seed: [UInt8](repeating: 0x5A, count: 32), keyID: "crash-publisher", algorithm: nil)
        let publisherKeys = try PinnedKeySet(jwks: Array(writerKey.publicJWKSet.jsonText.utf8))
        var random = SystemRandomNumberGenerator()
        var midWriteKills = 0
        try withStore { store in
            var committed: UInt64 = 0
            for round in 0..<Self.rounds {
                let run = try WriterRun(directory: store.directory)
                try run.waitForCommit(after: committed)
                if round.isMultiple(of: 2) {
                    usleep(UInt32.random(in: 0...300_000, using: &random))
                } else {
                    run.waitForATemporaryFile(in: store.directory)
                }
                let reported = try run.kill()
                if let reported { committed = max(committed, reported) }
                if try FileManager.default.contentsOfDirectory(atPath: store.directory).contains(where: { $0.contains(".tmp-") }) {
                    midWriteKills += 1
                }

                let loaded = store.load(publisherKeys: publisherKeys)
                #expect(loaded.problems == [], "round \(round)")
                let list = try #require(loaded.list, "round \(round): no list after the kill")
                #expect(
                    list.sequence == committed || list.sequence == committed + 1,
                    "round \(round): committed \(committed), stored \(list.sequence)")
                #expect(list.containsToken(issuer: "https://id.example", jwtID: "seq-\(list.sequence)", expiration: nil))
                #expect(list.revokedTokenCount == 50_000 + Int(list.sequence) + 1)
                // The previous file holds the list before the current one, or (when the kill fell
                // between the two renames of an install) the current one again; only the very
                // first list has none.
                if FileManager.default.fileExists(atPath: store.previousPath) {
                    let previous = try RevocationList(contentsOfFile: store.previousPath, publisherKeys: publisherKeys)
                    #expect(previous.sequence == list.sequence - 1 || previous.sequence == list.sequence, "round \(round)")
                } else {
                    #expect(list.sequence == 1, "round \(round)")
                }
                let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: store.directory))
                #expect(
                    remaining.isSubset(of: [RevocationStore.currentFileName, RevocationStore.previousFileName]),
                    "round \(round): \(remaining)")
                committed = list.sequence
            }
        }
        // A kill that left a temporary file behind landed mid-write. The targeted rounds almost
        // always do; the random ones sometimes.
        print("RevocationStoreCrashTests: \(midWriteKills) of \(Self.rounds) kills left a temporary file behind")
        #expect(midWriteKills >= 3, "only \(midWriteKills) kills landed mid-write")
    }
}

/// One run of the writer helper.
private final class WriterRun {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    var text = ""

    init(directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("revocation-store-writer")
        process.arguments = [directory, "50000"]
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
                throw WriterFailure(reason: "the writer stopped before committing: \(stderr)")
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
            throw WriterFailure(reason: "the writer ended by itself (status \(process.terminationStatus)): \(stderr)")
        }
        return Self.lastCommit(in: text)
    }

    private static func lastCommit(in text: String) -> UInt64? {
        text.split(separator: "\n").compactMap { line in
            line.hasPrefix("committed ") ? UInt64(line.dropFirst("committed ".count)) : nil
        }.max()
    }

    struct WriterFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }
}
