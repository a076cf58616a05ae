import EdgeJWT
import EdgeJWTSync
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One test per fault. Each device first gets good lists from nginx; a second agent on the same
/// state directory (a restart) then meets the fault. In every case it keeps verifying with its
/// last good lists, its status reports the failure, and the stored files are byte for byte
/// what they were.
@Suite(.serialized) struct FaultTests {
    /// Syncs good lists from nginx, then runs `fault` and checks the device came through it.
    private func expectLastGoodDataSurvives(
        _ expected: SyncError.Code, fixture given: Fixture? = nil,
        beforeFault: (Fixture, Nginx) throws -> Void = { _, _ in },
        configuration makeConfiguration: (Fixture, Nginx) throws -> SyncConfiguration,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let fixture = try given ?? Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let good = try SyncAgent(configuration: fixture.configuration(nginx: nginx))
        try #require(good.syncAll().map(\.result) == [.updated, .updated], sourceLocation: sourceLocation)
        try beforeFault(fixture, nginx)
        let stored = fixture.storedFiles()

        let device = try SyncAgent(configuration: makeConfiguration(fixture, nginx))
        let outcomes = device.syncAll()

        #expect(failureCodes(outcomes) == [expected, expected], "\(outcomes)", sourceLocation: sourceLocation)
        #expect(fixture.verdict(device, fixture.valid) == "valid", sourceLocation: sourceLocation)
        #expect(fixture.verdict(device, fixture.revokedByList) == "revoked", sourceLocation: sourceLocation)
        #expect(fixture.verdict(device, fixture.revokedByStatus) == "revoked", sourceLocation: sourceLocation)
        #expect(fixture.verdict(device, fixture.revokedLater) == "valid", sourceLocation: sourceLocation)
        for source in device.status.sources {
            #expect(source.consecutiveFailures == 1, sourceLocation: sourceLocation)
            #expect(source.lastError?.hasPrefix(expected.rawValue) == true, sourceLocation: sourceLocation)
            #expect(source.dataIssuedAt != nil && source.lastSuccess != nil, sourceLocation: sourceLocation)
        }
        #expect(fixture.storedFiles() == stored, sourceLocation: sourceLocation)
        #expect(device.revocationLists["main"]?.list?.sequence == 1, sourceLocation: sourceLocation)
    }

    /// The fault server's URLs for both lists under one fault path.
    private func faulty(_ fixture: Fixture, _ server: FaultServer, _ mode: String, timeout: Duration = .seconds(1)) -> SyncConfiguration {
        fixture.configuration(
            status: server.url("\(mode)/status.jwt"), revocation: server.url("\(mode)/main.ejrl"), timeout: timeout)
    }

    @Test func serverDown() throws {
        try expectLastGoodDataSurvives(.unreachable) { fixture, nginx in
            nginx.stop()
            return fixture.configuration(nginx: nginx)
        }
    }

    @Test func connectionResetMidBody() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        try expectLastGoodDataSurvives(.transferFailed, fixture: fixture) { fixture, _ in faulty(fixture, server, "reset") }
    }

    @Test func truncatedBody() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        try expectLastGoodDataSurvives(.transferFailed, fixture: fixture) { fixture, _ in faulty(fixture, server, "truncate") }
    }

    @Test func badSignature() throws {
        try expectLastGoodDataSurvives(
            .invalidList,
            beforeFault: { fixture, _ in
                // A newer list whose signature's last byte is flipped: nginx serves it as is.
                try fixture.publish(statusRevoked: [1, 2], statusIAT: fixture.publisher.now, sequence: 2, revoked: ["revoked-1", "revoked-2"])
                for name in ["status.jwt", "main.ejrl"] {
                    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture.served.file(name))))
                    let last = name.hasSuffix(".jwt") ? bytes.count - 3 : bytes.count - 1
                    bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "Q") : (name.hasSuffix(".jwt") ? UInt8(ascii: "A") : bytes[last] ^ 1)
                    try fixture.replaceServed(name, with: bytes)
                }
            },
            configuration: { fixture, nginx in fixture.configuration(nginx: nginx) })
    }

    @Test func olderSequenceIsARollback() throws {
        let fixture = try Fixture()
        try expectLastGoodDataSurvives(
            .rollback, fixture: fixture,
            beforeFault: { fixture, nginx in
                // The device holds sequence 1 (iat now − 60); the server goes back to older lists.
                try fixture.publish(statusRevoked: [], statusIAT: fixture.publisher.now - 3600, sequence: 1, revoked: [], listIAT: fixture.publisher.now - 3600)
                // Same sequence, other bytes, is refused too; a lower one needs a device at 2:
                // here sequence 1 with other content stands for the replayed older list.
            },
            configuration: { fixture, nginx in fixture.configuration(nginx: nginx) })
    }

    @Test func garbage() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        try expectLastGoodDataSurvives(.invalidList, fixture: fixture) { fixture, _ in
            fixture.configuration(status: server.url("garbage"), revocation: server.url("garbage"))
        }
    }

    @Test func oversizedResponse() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        try expectLastGoodDataSurvives(.responseTooLarge, fixture: fixture) { fixture, _ in
            fixture.configuration(status: server.url("oversize"), revocation: server.url("oversize"), maxResponseBytes: 64 << 10)
        }
    }

    @Test func slowServerTimesOut() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        let started = Date()
        try expectLastGoodDataSurvives(.timeout, fixture: fixture) { fixture, _ in faulty(fixture, server, "slow", timeout: .seconds(1)) }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test(.enabled(if: TinyFileSystem.isAvailable, "mounting a tmpfs needs root and mount(2); not available here"))
    func storeDirectoryReadOnly() throws {
        let mount = try TinyFileSystem(kilobytes: 256)
        defer { mount.unmount() }
        let fixture = try Fixture(stateDirectory: mount.path + "/state")
        try expectLastGoodDataSurvives(
            .storageFailure, fixture: fixture,
            beforeFault: { fixture, _ in
                // Newer lists with the same iat, so only storing them (not the time floor) writes.
                try fixture.publish(statusRevoked: [1, 2], sequence: 2, revoked: ["revoked-1", "revoked-2"])
                try mount.remount(readOnly: true)
            },
            configuration: { fixture, nginx in fixture.configuration(nginx: nginx) })
    }

    @Test(.enabled(if: TinyFileSystem.isAvailable, "mounting a tmpfs needs root and mount(2); not available here"))
    func storeDirectoryFull() throws {
        let mount = try TinyFileSystem(kilobytes: 64)
        defer { mount.unmount() }
        let fixture = try Fixture(stateDirectory: mount.path + "/state")
        try expectLastGoodDataSurvives(
            .storageFailure, fixture: fixture,
            beforeFault: { fixture, _ in
                try fixture.publish(statusRevoked: [1, 2], sequence: 2, revoked: ["revoked-1", "revoked-2"])
                try mount.fill()
            },
            configuration: { fixture, nginx in fixture.configuration(nginx: nginx) })
        // Space again: the next attempt stores and installs the newer lists.
        mount.unfill()
        let nginx = try Nginx(root: fixture.served.path)
        let device = try SyncAgent(configuration: fixture.configuration(nginx: nginx))
        #expect(device.syncAll().map(\.result) == [.updated, .updated])
        #expect(fixture.verdict(device, fixture.revokedLater) == "revoked")
    }
}

/// A tiny tmpfs mounted in a temporary directory: a store that can really be full or read-only.
final class TinyFileSystem {
    let directory: TemporaryDirectory
    var path: String { directory.path + "/mnt" }

    static let isAvailable: Bool = {
        guard getuid() == 0, let probe = try? TinyFileSystem(kilobytes: 16) else { return false }
        probe.unmount()
        return true
    }()

    init(kilobytes: Int) throws {
        directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/mnt", withIntermediateDirectories: false)
        try run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", directory.path + "/mnt"])
    }

    func remount(readOnly: Bool) throws {
        try run(["mount", "-o", "remount," + (readOnly ? "ro" : "rw"), path])
    }

    /// Fills the file system with one file until a write fails.
    func fill() throws {
        let descriptor = open(path + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 1024)
        for _ in 0..<100_000 where block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        let byte: [UInt8] = [0]
        for _ in 0..<1024 where byte.withUnsafeBytes({ write(descriptor, $0.baseAddress, 1) }) > 0 {}
    }

    func unfill() { unlink(path + "/filler") }

    func unmount() {
        _ = try? run(["umount", "-l", path])
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw NginxError(message: "\(arguments.joined(separator: " ")) failed") }
    }
}
