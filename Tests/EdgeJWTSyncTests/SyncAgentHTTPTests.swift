import EdgeJWT
import EdgeJWTSync
import Foundation
import Testing

/// The agent's HTTP through libcurl, configured as in `sync.json`: HTTPS against nginx with a
/// pinned CA (`ca_file`), and redirects (`redirects`), refused unless configured, never to
/// another host under `same_origin`.
@Suite(.serialized) struct SyncAgentHTTPTests {
    @Test func installsListsOverHTTPSFromNginxWithThePinnedCA() throws {
        let fixture = try Fixture()
        let authority = try TestCertificateAuthority(in: fixture.work)
        let nginx = try Nginx(root: fixture.served.path, certificate: authority)
        var configuration = fixture.configuration(
            status: nginx.tlsBaseURL() + "/status.jwt", revocation: nginx.tlsBaseURL() + "/main.ejrl")
        configuration.caFile = authority.caFile
        let agent = try SyncAgent(configuration: configuration)

        #expect(agent.syncAll().map(\.result) == [.updated, .updated])
        #expect(agent.syncAll().map(\.result) == [.unchanged, .unchanged])
        #expect(agent.status.sources.map(\.lastHTTPStatus) == [304, 304])
        #expect(fixture.verdict(agent, fixture.revokedByList) == "revoked")
    }

    @Test func refusesAServerWhoseCertificateIsNotFromThePinnedCA() throws {
        let fixture = try Fixture()
        let authority = try TestCertificateAuthority(in: fixture.work)
        let other = try TestCertificateAuthority(in: fixture.work, name: "other")
        let nginx = try Nginx(root: fixture.served.path, certificate: authority)
        var configuration = fixture.configuration(
            status: nginx.tlsBaseURL() + "/status.jwt", revocation: nginx.tlsBaseURL() + "/main.ejrl")
        configuration.caFile = other.caFile

        let outcomes = try SyncAgent(configuration: configuration).syncAll()

        #expect(failureCodes(outcomes) == [.tlsFailure, .tlsFailure])
    }

    @Test func refusesAPrivateCAWithTheSystemStore() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path, certificate: try TestCertificateAuthority(in: fixture.work))
        let configuration = fixture.configuration(
            status: nginx.tlsBaseURL() + "/status.jwt", revocation: nginx.tlsBaseURL() + "/main.ejrl")

        #expect(failureCodes(try SyncAgent(configuration: configuration).syncAll()) == [.tlsFailure, .tlsFailure])
    }

    @Test func aCAFileWithoutACertificateStopsTheAgentAtStart() throws {
        let fixture = try Fixture()
        var configuration = fixture.configuration(status: "https://127.0.0.1:9/s.jwt", revocation: "https://127.0.0.1:9/m.ejrl")
        configuration.caFile = try fixture.work.write("not-a-ca.pem", "hello\n")

        let error = #expect(throws: SyncConfigurationError.self) { try SyncAgent(configuration: configuration) }

        #expect(error?.detail.contains("ca_file") == true)
    }

    @Test func aMissingCAFileStopsTheAgentAtStart() throws {
        let fixture = try Fixture()
        var configuration = fixture.configuration(status: "https://127.0.0.1:9/s.jwt", revocation: "https://127.0.0.1:9/m.ejrl")
        configuration.caFile = fixture.work.file("missing-ca.pem")

        #expect(throws: SyncConfigurationError.self) { try SyncAgent(configuration: configuration) }
    }

    @Test func refusesARedirectByDefault() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        let configuration = fixture.configuration(status: server.url("redirect/status.jwt"), revocation: server.url("redirect/main.ejrl"))

        let outcomes = try SyncAgent(configuration: configuration).syncAll()

        #expect(failureCodes(outcomes) == [.redirectRefused, .redirectRefused])
    }

    @Test func followsARedirectWithinTheOriginWhenConfigured() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        var configuration = fixture.configuration(status: server.url("redirect/status.jwt"), revocation: server.url("redirect/main.ejrl"))
        configuration.redirects = .sameOrigin(limit: 1)
        let agent = try SyncAgent(configuration: configuration)

        #expect(agent.syncAll().map(\.result) == [.updated, .updated])
        #expect(fixture.verdict(agent, fixture.revokedByStatus) == "revoked")
    }

    @Test func refusesARedirectToAnotherHostUnderSameOrigin() throws {
        let fixture = try Fixture()
        let server = try FaultServer(root: fixture.served.path)
        var configuration = fixture.configuration(status: server.url("away/status.jwt"), revocation: server.url("away/main.ejrl"))
        configuration.redirects = .sameOrigin(limit: 3)

        let outcomes = try SyncAgent(configuration: configuration).syncAll()

        #expect(failureCodes(outcomes) == [.redirectRefused, .redirectRefused])
    }
}
