import Foundation
import Synchronization
import Testing

@testable import EdgeJWTSync

/// The libcurl client against a real nginx on 127.0.0.1 over plain HTTP: bodies, validators,
/// conditional GET, the size cap and statuses.
@Suite struct CurlHTTPClientTests {
    let files: Scratch
    let nginx: NginxServer
    let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000)

    init() throws {
        files = try Scratch()
        try files.write("list.bin", (0..<1_000).map { UInt8($0 % 251) })
        try files.write("big.bin", [UInt8](repeating: 7, count: 1_001))
        nginx = try NginxServer(root: files.path)
    }

    @Test func returnsBodyStatusAndValidators() throws {
        let response = try client.get(nginx.url("list.bin"))
        #expect(response.status == 200)
        #expect(response.body == (0..<1_000).map { UInt8($0 % 251) })
        #expect(response.entityTag?.hasPrefix("\"") == true)
        #expect(response.lastModified?.hasSuffix(" GMT") == true)
    }

    @Test func sendsEntityTagAsIfNoneMatchAndGets304() throws {
        let first = try client.get(nginx.url("list.bin"))
        let entityTag: String = try #require(first.entityTag)
        let second = try client.get(nginx.url("list.bin"), entityTag: entityTag)
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
    }

    @Test func sendsLastModifiedAsIfModifiedSinceAndGets304() throws {
        let first = try client.get(nginx.url("list.bin"))
        let lastModified: String = try #require(first.lastModified)
        let second = try client.get(nginx.url("list.bin"), lastModified: lastModified)
        #expect(second.status == 304)
    }

    @Test func getsTheWholeBodyWhenTheEntityTagNoLongerMatches() throws {
        let response = try client.get(nginx.url("list.bin"), entityTag: "\"stale-tag\"")
        #expect(response.status == 200)
        #expect(response.body.count == 1_000)
    }

    @Test func acceptsABodyOfExactlyTheCap() throws {
        #expect(try client.get(nginx.url("list.bin")).body.count == client.maxBytes)
    }

    @Test func refusesABodyOneBytePastTheCap() {
        let error = #expect(throws: SyncError.self) { try client.get(nginx.url("big.bin")) }
        #expect(error?.code == .responseTooLarge)
    }

    @Test func returnsAnErrorStatusAsAResponse() throws {
        let response = try client.get(nginx.url("missing.bin"))
        #expect(response.status == 404)
    }

    @Test func reportsNothingListeningAsUnreachable() throws {
        let error = #expect(throws: SyncError.self) { try client.get("http://127.0.0.1:\(try unusedPort())/list.bin") }
        #expect(error?.code == .unreachable)
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/list.bin", "gopher://127.0.0.1/", "/list.bin", "http://", "not a url"])
    func refusesAnythingButAnAbsoluteHTTPOrHTTPSURL(_ url: String) {
        let error = #expect(throws: SyncError.self) { try client.get(url) }
        #expect(error?.code == .unsupportedURL)
    }
}

/// One client shared by several threads, each request with its own libcurl handle.
@Suite struct CurlConcurrencyTests {
    @Test func servesRequestsFromSeveralThreadsAtOnce() throws {
        let files = try Scratch()
        try files.write("list.bin", [UInt8](repeating: 9, count: 500))
        let nginx = try NginxServer(root: files.path)
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000)
        let url = nginx.url("list.bin")
        let results = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let count = (try? client.get(url).body.count) ?? -1
            results.withLock { $0.append(count) }
        }
        #expect(results.withLock { $0 } == [Int](repeating: 500, count: 16))
    }
}
