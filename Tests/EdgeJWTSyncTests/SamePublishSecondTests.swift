import EdgeJWT
@testable import EdgeJWTSync
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// nginx's `ETag` (modification second, size) and `Last-Modified` (the same second) cannot tell
/// apart two lists of one size published within one second. The agent must see the second one
/// anyway: it keeps validators only when `Last-Modified` is at least a second before `Date`, and
/// trusts them for at most `fullFetchPeriod`; `edgejwt revocation build` dates each file after
/// the one it replaced.
@Suite(.serialized) struct SamePublishSecondTests {
    @Test func secondSameSizeListPublishedWithinTheSameSecondIsInstalled() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        let agent = try SyncAgent(configuration: fixture.configuration(nginx: nginx))
        // Both publications carry the next second as their modification time, so the whole test
        // runs before that second ends, however slow the machine: the server's `Date` is never
        // a second past `Last-Modified`, exactly as when the first list is fetched in the second
        // it was written.
        let second = Int(Date().timeIntervalSince1970) + 1
        try fixture.publish(statusRevoked: [1], sequence: 1, revoked: ["revoked-1"], modified: second)
        let first = try servedFiles(fixture)
        try #require(agent.syncAll().map(\.result) == [.updated, .updated])

        try fixture.publish(
            statusRevoked: [2], statusIAT: fixture.publisher.now - 59, sequence: 2, revoked: ["revoked-2"], modified: second)
        let next = try servedFiles(fixture)
        // Same sizes, same modification second: nginx sends the same ETag and Last-Modified.
        try #require(next.map(\.size) == first.map(\.size) && next.map(\.second) == first.map(\.second))
        try #require(next.map(\.bytes) != first.map(\.bytes))

        let outcomes = agent.syncAll()

        #expect(outcomes.map(\.result) == [.updated, .updated])
        #expect(agent.status.sources.map(\.lastHTTPStatus) == [200, 200])
        #expect(agent.revocationLists["main"]?.list?.sequence == 2)
        #expect(fixture.verdict(agent, fixture.revokedLater) == "revoked")
        #expect(fixture.verdict(agent, fixture.revokedByList) == "valid")
    }

    @Test func validatorsAreTrustedOnlyUntilTheFullFetchPeriodEnds() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(nginx: nginx)
        configuration.fullFetchPeriod = .seconds(120)
        let clock = SteppedClock(NumericDate(Double(fixture.publisher.now)))
        let agent = try SyncAgent(configuration: configuration, clock: clock)
        // Dated well in the past: nginx's validators look reliable, yet the second list shares
        // them (a server whose dates the agent cannot check, e.g. a CDN with its own clock).
        let second = fixture.publisher.now - 600
        try fixture.publish(statusRevoked: [1], sequence: 1, revoked: ["revoked-1"], modified: second)
        try #require(agent.syncAll().map(\.result) == [.updated, .updated])
        try fixture.publish(
            statusRevoked: [2], statusIAT: fixture.publisher.now - 59, sequence: 2, revoked: ["revoked-2"], modified: second)

        clock.advance(by: 60)
        let early = agent.syncAll()
        clock.advance(by: 61)
        let late = agent.syncAll()

        #expect(early.map(\.result) == [.unchanged, .unchanged])
        #expect(late.map(\.result) == [.updated, .updated])
        #expect(agent.revocationLists["main"]?.list?.sequence == 2)
        // After the full fetch the validators are trusted again: a 304.
        clock.advance(by: 10)
        #expect(agent.syncAll().map(\.result) == [.unchanged, .unchanged])
        #expect(agent.status.sources.map(\.lastHTTPStatus) == [304, 304])
    }

    @Test func revocationBuildDatesEachListAfterTheOneItReplaces() throws {
        let fixture = try Fixture()
        let key = fixture.work.file("publisher.private.jwk")
        let keygen = try run(
            "edgejwt", ["keygen", "--kid", "p1", "--private", key, "--public", fixture.work.file("publisher.jwks.json")], in: fixture.work)
        try #require(keygen.status == 0, "\(keygen)")
        let out = fixture.served.file("built.ejrl")
        func build(_ sequence: Int) throws -> RunResult {
            try run(
                "edgejwt",
                ["revocation", "build", "--name", Publisher.listName, "--key", key, "--sequence", "\(sequence)", "--out", out],
                in: fixture.work)
        }
        try #require(try build(1).status == 0)
        // The first list dated later than now: the second, written at once, must still be dated
        // after it (a publication within the same second is the case this covers).
        let later = Int(Date().timeIntervalSince1970) + 5
        var times = [timespec(tv_sec: later, tv_nsec: 0), timespec(tv_sec: later, tv_nsec: 0)]
        try #require(utimensat(AT_FDCWD, out, &times, 0) == 0)

        let second = try build(2)

        #expect(second.status == 0, "\(second)")
        #expect(try modificationSecond(out) == later + 1)
    }

    @Test func validatorsAreReliableOnlyWhenModifiedAtLeastASecondBeforeTheResponse() {
        let date = "Sun, 06 Dec 2026 22:00:10 GMT"
        #expect(Revalidation.validatorsAreReliable(lastModified: "Sun, 06 Dec 2026 22:00:09 GMT", date: date))
        #expect(!Revalidation.validatorsAreReliable(lastModified: "Sun, 06 Dec 2026 22:00:10 GMT", date: date))
        #expect(!Revalidation.validatorsAreReliable(lastModified: "Sun, 06 Dec 2026 22:00:11 GMT", date: date))
        #expect(!Revalidation.validatorsAreReliable(lastModified: "Sun, 06 Dec 2026 22:00:09 GMT", date: nil))
        #expect(!Revalidation.validatorsAreReliable(lastModified: "Sunday, 06-Dec-26 22:00:09 GMT", date: date))
        #expect(Revalidation.validatorsAreReliable(lastModified: nil, date: date))
    }

    @Test func parsesOnlyIMFFixdates() {
        #expect(Revalidation.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(Revalidation.httpDate("Sun Nov  6 08:49:37 1994") == nil)
        #expect(Revalidation.httpDate("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
        #expect(Revalidation.httpDate("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
        #expect(Revalidation.httpDate("Sun, 6 Nov 1994 08:49:37 GMT") == nil)
    }

    @Test func fullFetchPeriodDecidesWhenValidatorsMayBeSent() {
        let revalidation = Revalidation(fullFetchPeriod: 100)
        #expect(revalidation.mayUseValidators(lastFullFetch: 1_000, now: 1_099))
        #expect(!revalidation.mayUseValidators(lastFullFetch: 1_000, now: 1_100))
        #expect(!revalidation.mayUseValidators(lastFullFetch: nil, now: 1_000))
        // A clock that went back is no proof the last full fetch is recent.
        #expect(!revalidation.mayUseValidators(lastFullFetch: 1_000, now: 999))
    }

    @Test func configurationReadsTheFullFetchPeriod() throws {
        let json = #"{"state_directory":"s","keys":"k.json","full_fetch_seconds":90,"sources":[{"name":"a","kind":"status_list","url":"http://127.0.0.1/x"}]}"#
        let configuration = try SyncConfiguration(json: Array(json.utf8), relativeTo: "/etc")
        #expect(configuration.fullFetchPeriod == .seconds(90))
    }
}

/// Each served file's bytes, size and modification second: `status.jwt`, `main.ejrl`.
private func servedFiles(_ fixture: Fixture) throws -> [(bytes: [UInt8], size: Int, second: Int)] {
    try ["status.jwt", "main.ejrl"].map { name in
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: fixture.served.file(name))))
        return (bytes, bytes.count, try modificationSecond(fixture.served.file(name)))
    }
}

private func modificationSecond(_ path: String) throws -> Int {
    var info = stat()
    try #require(stat(path, &info) == 0)
    return Int(info.st_mtim.tv_sec)
}

/// A clock the test moves forward.
final class SteppedClock: TimeSource, @unchecked Sendable {
    private let time: Locked<Double>

    init(_ start: NumericDate) {
        time = Locked(start.secondsSinceEpoch)
    }

    func now() -> NumericDate { NumericDate(time.withLock { $0 }) }

    func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
