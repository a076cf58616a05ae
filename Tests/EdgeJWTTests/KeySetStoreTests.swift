import Foundation
import Testing
@testable import EdgeJWT

/// ``KeySetStore``: what was installed survives a restart, anti-rollback included, and a corrupt
/// stored file is reported and never used.
@Suite struct KeySetStoreTests {
    typealias F = RotationFixture
    static let rotation = F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0], F.nextRootKeys[0]])

    @Test func installedStatementIsLoadedAfterARestart() throws {
        try withKeySetStore { store in
            try F.keySet(store: store).install(F.statement(sequence: 3))
            let restarted = try F.keySet(store: store)
            #expect(restarted.statement?.sequence == 3)
            #expect(restarted.loaded?.problems == [])
        }
    }

    @Test func rollbackProtectionSurvivesARestart() throws {
        try withKeySetStore { store in
            try F.keySet(store: store).install(F.statement(sequence: 3))
            let error = #expect(throws: KeySetStatementError.self) { try F.keySet(store: store).install(F.statement(sequence: 2)) }
            #expect(error?.code == .rollback)
        }
    }

    @Test func rotatedRootAndItsStatementAreLoadedAfterARestart() throws {
        try withKeySetStore { store in
            let keys = try F.keySet(store: store)
            try keys.install(F.statement(sequence: 1))
            try keys.installRoot(Self.rotation)
            try keys.install(F.statement(sequence: 2, signedBy: [F.nextRootKeys[0]]))
            let restarted = try F.keySet(store: store)
            #expect(restarted.trustRoot.sequence == 2 && restarted.statement?.sequence == 2)
            #expect(restarted.loaded?.problems == [])
        }
    }

    @Test func statementSignedByTheRootBeforeARotationIsStillLoaded() throws {
        try withKeySetStore { store in
            let keys = try F.keySet(store: store)
            try keys.install(F.statement(sequence: 1))
            try keys.installRoot(Self.rotation)
            let restarted = try F.keySet(store: store)
            #expect(restarted.trustRoot.sequence == 2 && restarted.statement?.sequence == 1)
        }
    }

    @Test func corruptStatementFileIsReportedAndNotUsed() throws {
        try withKeySetStore { store in
            try F.keySet(store: store).install(F.statement(sequence: 3))
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: store.statementPath)))
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: store.statementPath))
            let restarted = try F.keySet(store: store)
            #expect(restarted.statement == nil)
            #expect(restarted.loaded?.problems.count == 1)
        }
    }

    @Test func truncatedRootFileStopsTheChainAndIsReported() throws {
        try withKeySetStore { store in
            try F.keySet(store: store).installRoot(Self.rotation)
            let path = store.directory + "/" + KeySetStore.rootFileName(2)
            try Data(Self.rotation.prefix(Self.rotation.count / 2)).write(to: URL(fileURLWithPath: path))
            let restarted = try F.keySet(store: store)
            #expect(restarted.trustRoot.sequence == 1)
            #expect(restarted.loaded?.problems.first?.hasPrefix("root-2.json: malformed_statement") == true)
        }
    }

    @Test func storedStatementForAnotherIssuerIsNotUsed() throws {
        try withKeySetStore { store in
            try F.keySet(store: store).install(F.statement(sequence: 3))
            let other = try RotatingKeySet(
                issuer: "https://other.example", trustRoot: F.trustRoot(), store: store, clock: FixedClock(NumericDate(Double(F.now))))
            #expect(other.statement == nil)
            #expect(other.loaded?.problems.first?.contains("issuer_mismatch") == true)
        }
    }

    @Test func loadingRaisesTheTimeFloorToTheStoredStatement() throws {
        try withKeySetStore { store in
            try F.keySet(store: store).install(F.statement(issuedAt: F.now - 30))
            let floor = try TimeFloor(path: nil)
            _ = try F.keySet(store: store, timeFloor: floor)
            #expect(floor.value == NumericDate(Double(F.now - 30)))
        }
    }

    @Test func failedStoreWriteRefusesTheInstall() throws {
        try withKeySetStore { store in
            let keys = try F.keySet(store: store)
            try FileManager.default.createDirectory(atPath: store.statementPath, withIntermediateDirectories: false)
            let error = #expect(throws: KeySetStatementError.self) { try keys.install(F.statement(sequence: 1)) }
            #expect(error?.code == .storageFailure)
            #expect(keys.statement == nil)
        }
    }
}

/// Runs `body` with a fresh key-set store under the temporary directory.
func withKeySetStore(_ body: (KeySetStore) throws -> Void) throws {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-keyset-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    try body(KeySetStore(directory: parent.appendingPathComponent("store").path))
}
