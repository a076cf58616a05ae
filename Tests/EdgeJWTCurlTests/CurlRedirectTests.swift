import Foundation
import Testing

@testable import EdgeJWTSync

/// Redirects: none followed by default, same-origin or any host only when configured, never to
/// a scheme other than http or https, never from https down to http, and never without end.
@Suite struct CurlRedirectTests {
    let files: Scratch
    let certificates: TestCertificates
    let nginx: NginxServer

    init() throws {
        files = try Scratch()
        try files.write("list.bin", Array("the list".utf8))
        certificates = try TestCertificates(in: files)
        nginx = try NginxServer(root: files.path, certificates: certificates)
    }

    private func client(_ redirects: HTTPRedirectPolicy) -> CurlHTTPClient {
        CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000, caFile: certificates.caFile, redirects: redirects)
    }

    @Test func refusesEveryRedirectByDefault() {
        let error = #expect(throws: SyncError.self) { try client(.refuse).get(nginx.url("same-origin")) }
        #expect(error?.code == .redirectRefused)
    }

    @Test func followsASameOriginRedirectWhenAllowed() throws {
        let response = try client(.sameOrigin(limit: 3)).get(nginx.url("same-origin"))
        #expect(response.status == 200)
        #expect(response.body == Array("the list".utf8))
    }

    @Test func refusesARedirectToAnotherHostUnderTheSameOriginPolicy() {
        let error = #expect(throws: SyncError.self) { try client(.sameOrigin(limit: 3)).get(nginx.url("other-host")) }
        #expect(error?.code == .redirectRefused)
    }

    @Test func followsARedirectToAnotherHostWhenAllowed() throws {
        let response = try client(.anyHost(limit: 3)).get(nginx.url("other-host"))
        #expect(response.body == Array("the list".utf8))
    }

    @Test func refusesARedirectToAFileURLEvenWhenAnyHostIsAllowed() {
        let error = #expect(throws: SyncError.self) { try client(.anyHost(limit: 3)).get(nginx.url("to-file")) }
        #expect(error?.code == .redirectRefused)
    }

    @Test func refusesARedirectFromHTTPSToHTTP() {
        let error = #expect(throws: SyncError.self) { try client(.anyHost(limit: 3)).get(nginx.tlsURL("downgrade")) }
        #expect(error?.code == .redirectRefused)
    }

    @Test func followsASameOriginRedirectOverHTTPS() throws {
        #expect(try client(.sameOrigin(limit: 1)).get(nginx.tlsURL("same-origin")).status == 200)
    }

    @Test func stopsARedirectLoopAtTheLimit() {
        let error = #expect(throws: SyncError.self) { try client(.sameOrigin(limit: 5)).get(nginx.url("loop")) }
        #expect(error?.code == .redirectRefused)
    }
}
