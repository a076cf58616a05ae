import Foundation
import Testing

@testable import EdgeJWTSync

/// HTTPS against nginx with a certificate from a CA made in the test: the pinned CA is
/// accepted; another CA, the system store, and a certificate for another name are refused.
@Suite struct CurlTLSTests {
    let files: Scratch
    let certificates: TestCertificates
    let nginx: NginxServer

    init() throws {
        files = try Scratch()
        try files.write("list.bin", Array("over tls".utf8))
        certificates = try TestCertificates(in: files, subjectAltName: "IP:127.0.0.1")
        nginx = try NginxServer(root: files.path, certificates: certificates)
    }

    @Test func acceptsAServerCertificateFromThePinnedCA() throws {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000, caFile: certificates.caFile)
        let response = try client.get(nginx.tlsURL("list.bin"))
        #expect(response.status == 200)
        #expect(response.body == Array("over tls".utf8))
        #expect(response.entityTag != nil)
    }

    @Test func refusesAServerCertificateFromAnotherCA() throws {
        let other = try TestCertificates(in: files, name: "other")
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000, caFile: other.caFile)
        let error = #expect(throws: SyncError.self) { try client.get(nginx.tlsURL("list.bin")) }
        #expect(error?.code == .tlsFailure)
    }

    @Test func refusesAPrivateCAWithTheSystemStore() {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000)
        let error = #expect(throws: SyncError.self) { try client.get(nginx.tlsURL("list.bin")) }
        #expect(error?.code == .tlsFailure)
    }

    @Test func refusesACertificateForAnotherName() {
        // The certificate names IP 127.0.0.1 only; "localhost" reaches the same server.
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000, caFile: certificates.caFile)
        let error = #expect(throws: SyncError.self) { try client.get(nginx.tlsURL("list.bin", host: "localhost")) }
        #expect(error?.code == .tlsFailure)
    }

    @Test func reportsAnUnreadableCAFileAsATLSFailure() {
        let client = CurlHTTPClient(timeout: .seconds(5), maxBytes: 1_000, caFile: files.file("no-such-ca.pem"))
        let error = #expect(throws: SyncError.self) { try client.get(nginx.tlsURL("list.bin")) }
        #expect(error?.code == .tlsFailure)
    }
}
