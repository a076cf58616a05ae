import Foundation
import Testing
@testable import EdgeJWT

#if canImport(Glibc)
    import Glibc
#endif

/// ``RevocationStore``: the device directory keeps the current and the previous good list, and a
/// corrupt or truncated file is detected at start and never used.
@Suite struct RevocationStoreTests {
    @Test func installedListIsLoadedAfterARestart() throws {
        try withStore { store in
            try Self.check(store).install(RevocationFixture.signed(RevocationListCheckTests.revoked, sequence: 3))
            let restarted = try Self.check(store)
            #expect(restarted.list?.sequence == 3 && restarted.list?.revokedTokenCount == 1)
            #expect(restarted.loaded?.fileName == RevocationStore.currentFileName && restarted.loaded?.problems == [])
        }
    }

    @Test func replacedListIsKeptAsThePreviousFile() throws {
        try withStore { store in
            let check = try Self.check(store)
            let first = try RevocationFixture.signed([], sequence: 1)
            try check.install(first)
            #expect(!FileManager.default.fileExists(atPath: store.previousPath))
            try check.install(RevocationFixture.signed([], sequence: 2))
            #expect(try Self.bytes(store.previousPath) == first)
        }
    }

    @Test func truncatedCurrentFileFallsBackToThePreviousList() throws {
        try withStore { store in
            try Self.installTwo(store)
            let current = try Self.bytes(store.currentPath)
            try Data(current.prefix(current.count / 2)).write(to: URL(fileURLWithPath: store.currentPath))
            let restarted = try Self.check(store)
            #expect(restarted.list?.sequence == 1)
            #expect(restarted.loaded?.fileName == RevocationStore.previousFileName)
            #expect(restarted.loaded?.problems.count == 1 && restarted.loaded?.problems.first?.contains("truncated_list") == true)
        }
    }

    @Test func corruptCurrentFileFallsBackToThePreviousList() throws {
        try withStore { store in
            try Self.installTwo(store)
            var current = try Self.bytes(store.currentPath)
            current[current.count / 2] ^= 0x10
            try Data(current).write(to: URL(fileURLWithPath: store.currentPath))
            let restarted = try Self.check(store)
            #expect(restarted.list?.sequence == 1)
            #expect(restarted.loaded?.problems.first?.contains("invalid_signature") == true)
        }
    }

    @Test func corruptStoreWithoutAGoodListFailsClosed() throws {
        try withStore { store in
            try Self.check(store).install(RevocationFixture.signed([]))
            try Data([0x45, 0x4A]).write(to: URL(fileURLWithPath: store.currentPath))
            let restarted = try Self.check(store)
            #expect(restarted.list == nil && restarted.loaded?.problems.count == 1)
            let error = #expect(throws: VerificationError.self) {
                try restarted.check(
                    header: RevocationListCheckTests.header, claims: RevocationListCheckTests.claims("{}"), at: 1_700_000_000)
            }
            #expect(error?.code == .revocationListStale)
        }
    }

    @Test func installAfterAFallbackKeepsTheGoodListAsPrevious() throws {
        try withStore { store in
            let first = try RevocationFixture.signed([], sequence: 1)
            let check = try Self.check(store)
            try check.install(first)
            try check.install(RevocationFixture.signed([], sequence: 2))
            try Data([0]).write(to: URL(fileURLWithPath: store.currentPath))
            try Self.check(store).install(RevocationFixture.signed([], sequence: 3))
            #expect(try Self.bytes(store.previousPath) == first)
        }
    }

    @Test func olderSequenceIsRefusedAfterARestart() throws {
        try withStore { store in
            try Self.check(store).install(RevocationFixture.signed([], sequence: 7))
            let restarted = try Self.check(store)
            expectListRejected(.rollback) { try restarted.install(RevocationFixture.signed([], sequence: 6)) }
        }
    }

    @Test func storedListRaisesTheTimeFloorAtStart() throws {
        try withStore { store in
            try Self.check(store).install(RevocationFixture.signed([]))
            let floor = try TimeFloor(path: nil)
            _ = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, store: store, timeFloor: floor)
            #expect(floor.value == NumericDate(Double(RevocationFixture.issuedAt)))
        }
    }

    @Test func storedListOfAnotherNameIsNotLoaded() throws {
        try withStore { store in
            try Self.check(store).install(RevocationFixture.signed([]))
            var policy = RevocationPolicy()
            policy.listName = "production"
            let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, policy: policy, store: store)
            #expect(check.list == nil && check.loaded?.problems.count == 1)
        }
    }

    @Test func temporaryFileOfAWriterThatIsGoneIsRemoved() throws {
        try withStore { store in
            let stale = store.currentPath + ".tmp-\(Int32.max)-1"
            let live = store.currentPath + ".tmp-\(getpid())-1"
            #expect(FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3])))
            #expect(FileManager.default.createFile(atPath: live, contents: Data([1, 2, 3])))
            let loaded = store.load(publisherKeys: RevocationFixture.publisherKeys)
            #expect(loaded.removedTemporaryFiles == 1)
            #expect(!FileManager.default.fileExists(atPath: stale) && FileManager.default.fileExists(atPath: live))
        }
    }

    @Test func failedWriteLeavesTheInstalledListInPlace() throws {
        try withStore { store in
            let check = try Self.check(store)
            try check.install(RevocationFixture.signed([], sequence: 1))
            try FileManager.default.removeItem(atPath: store.directory)
            expectListRejected(.storageFailure) { try check.install(RevocationFixture.signed([], sequence: 2)) }
            #expect(check.list?.sequence == 1)
        }
    }

    // MARK: Helpers

    static func check(_ store: RevocationStore) throws -> RevocationListCheck {
        try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys, store: store)
    }

    static func installTwo(_ store: RevocationStore) throws {
        let check = try check(store)
        try check.install(RevocationFixture.signed([], sequence: 1))
        try check.install(RevocationFixture.signed(RevocationListCheckTests.revoked, sequence: 2))
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Runs `body` with a store in a new directory under the temporary directory, removed after.
func withStore(_ body: (RevocationStore) throws -> Void) throws {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-revocation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    try body(RevocationStore(directory: parent.appendingPathComponent("store").path))
}
