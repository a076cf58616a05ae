import Foundation
import Testing

@testable import EdgeJWTSync

/// The libcurl client against the sync tests' fault server: a server that stays silent, one
/// that streams without end, and connections that break mid-body.
@Suite struct CurlFaultTests {
    let files: Scratch
    let server: PythonServer

    init() throws {
        files = try Scratch()
        try files.write("list.bin", [UInt8](repeating: 1, count: 4_096))
        server = try PythonServer.fault(root: files.path)
    }

    @Test func timesOutWhenTheServerStaysSilent() {
        let client = CurlHTTPClient(timeout: .seconds(1), maxBytes: 1 << 20)
        let error = #expect(throws: SyncError.self) { try client.get(server.url("slow/list.bin")) }
        #expect(error?.code == .timeout)
    }

    @Test func endsAServerThatSendsTooSlowlyToFinishAtTheTotalTimeout() throws {
        // One byte every 0.4 s is never silent for the 1 s idle timeout; the 10 s total ends it.
        let trickle = try PythonServer.trickle()
        let client = CurlHTTPClient(timeout: .seconds(1), maxBytes: 1 << 20)
        let error = #expect(throws: SyncError.self) { try client.get(trickle.url("list.bin")) }
        #expect(error?.code == .timeout)
    }

    @Test func stopsAStreamWithoutContentLengthAtTheCap() {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 100_000)
        let error = #expect(throws: SyncError.self) { try client.get(server.url("oversize")) }
        #expect(error?.code == .responseTooLarge)
    }

    @Test func reportsABodyShorterThanItsContentLengthAsTransferFailed() {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1 << 20)
        let error = #expect(throws: SyncError.self) { try client.get(server.url("truncate/list.bin")) }
        #expect(error?.code == .transferFailed)
    }

    @Test func reportsAConnectionResetMidBodyAsTransferFailed() {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1 << 20)
        let error = #expect(throws: SyncError.self) { try client.get(server.url("reset/list.bin")) }
        #expect(error?.code == .transferFailed)
    }

    @Test func returnsTheStatusOfAnEmptyErrorAnswer() throws {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1 << 20)
        #expect(try client.get(server.url("status/503")).status == 503)
    }
}
