import EdgeJWT
import EdgeJWTSync
import Foundation
import Testing

/// `edgejwt sync` and the gateway-daemon example with a `key_set_statement` source, run as
/// built, against nginx.
@Suite(.serialized) struct KeyRotationEndToEndTests {
    /// Writes a configuration file with a status-list-free setup: one key-set source `keys`.
    private func writeConfiguration(_ fixture: KeySetFixture, baseURL: String, source: String? = nil) throws -> String {
        try fixture.work.write(
            "sync.json",
            """
            {
              "state_directory": "state",
              "keys": "keys.json",
              "timeout_seconds": 2,
              "sources": [
                \(source ?? #"{"name": "keys", "kind": "key_set_statement", "url": "\#(baseURL)/keyset.json", "issuer": "\#(KeyPublisher.issuer)", "trust_root": "trust-root.json"}"#)
              ]
            }
            """)
    }

    @Test func syncStatusShowsTheInstalledSequenceExpiryAndEachKeysWindow() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        let retireAt = publisher.now + 3_600
        let notBefore = publisher.now + 600
        let expiresAt = publisher.now + 7 * 86_400
        try fixture.serve(
            publisher.statement(
                sequence: 2, [.init(key: publisher.keyA, retireAt: retireAt), .init(key: publisher.keyB, notBefore: notBefore)],
                expiresAt: expiresAt))
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)

        let once = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let status = try run("edgejwt", ["sync", "--status", "--config", configuration], in: fixture.work)
        let json = try run("edgejwt", ["sync", "--status", "--json", "--config", configuration], in: fixture.work)

        #expect(once.status == 0 && once.stdout == "keys: updated\n", "\(once)")
        #expect(status.status == 0, "\(status)")
        let lines = status.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 4, "\(status)")
        #expect(lines[0].hasPrefix("keys key_set_statement ok data_age=") && lines[0].contains(" sequence=2 "), "\(lines[0])")
        #expect(
            lines[1].hasPrefix("  statement sequence=2 root_sequence=1 expiry=current expires_at=\(expiresAt) expires_in=")
                && lines[1].hasSuffix(" grace_ends_at=\(expiresAt + 86_400)"), "\(lines[1])")
        #expect(lines[2].hasPrefix("  key kid=A usable not_before=- retire_at=\(retireAt) retires_in="), "\(lines[2])")
        #expect(lines[3].hasPrefix("  key kid=B not_usable not_before=\(notBefore) retire_at=- starts_in="), "\(lines[3])")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let source = try #require((object["sources"] as? [[String: Any]])?.first)
        let keySet = try #require(source["key_set"] as? [String: Any])
        #expect(keySet["sequence"] as? Int == 2 && keySet["expiry"] as? String == "current" && source["healthy"] as? Bool == true)
        let keys = try #require(keySet["keys"] as? [[String: Any]])
        #expect(keys.map { $0["kid"] as? String } == ["A", "B"])
        #expect(keys.map { $0["usable"] as? Bool } == [true, false])
        #expect(keys[0]["retire_at"] as? Int == retireAt && keys[1]["not_before"] as? Int == notBefore)
    }

    @Test func syncOnceReportsARefusedStatementAndExitsOne() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)], signedBy: [publisher.keyB]))
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)

        let once = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)
        let status = try run("edgejwt", ["sync", "--status", "--config", configuration], in: fixture.work)

        #expect(once.status == 1, "\(once)")
        #expect(once.stdout.hasPrefix("keys: failed invalid_list: ") && once.stdout.contains("untrusted_signer"), "\(once)")
        #expect(status.status == 1)
        #expect(status.stdout.hasPrefix("keys key_set_statement failing data_age=none"), "\(status)")
    }

    @Test func aKeySetSourceWithoutATrustRootIsAConfigurationErrorWithExitTwo() throws {
        let fixture = try KeySetFixture()
        let configuration = try writeConfiguration(
            fixture, baseURL: "http://127.0.0.1:9",
            source: #"{"name": "keys", "kind": "key_set_statement", "url": "http://127.0.0.1:9/keyset.json", "issuer": "https://issuer.example"}"#
        )

        let result = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)

        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("needs issuer and trust_root"), "\(result)")
    }

    @Test func aTrustRootFileThatDoesNotVerifyIsAConfigurationErrorWithExitTwo() throws {
        let fixture = try KeySetFixture()
        var root = fixture.publisher.trustRoot
        root[root.count - 3] ^= 0x01
        try fixture.work.write("trust-root.json", root)
        let configuration = try writeConfiguration(fixture, baseURL: "http://127.0.0.1:9")

        let result = try run("edgejwt", ["sync", "--once", "--config", configuration], in: fixture.work)

        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("trust_root"), "\(result)")
    }

    @Test func gatewayDaemonVerifiesWithTheRotatedKeysOfTheAgent() throws {
        let fixture = try KeySetFixture()
        let publisher = fixture.publisher
        try fixture.serve(publisher.statement(sequence: 1, [.init(key: publisher.keyA)]))
        let nginx = try Nginx(root: fixture.served.path)
        let configuration = try writeConfiguration(fixture, baseURL: nginx.baseURL)
        let input = [publisher.token(publisher.keyA, subject: "a"), publisher.token(publisher.keyB, subject: "b")].joined(separator: "\n") + "\n"

        let before = try run("gateway-daemon", [configuration], stdin: input, in: fixture.work)
        try fixture.serve(publisher.statement(sequence: 2, [.init(key: publisher.keyB)]))
        let after = try run("gateway-daemon", [configuration], stdin: input, in: fixture.work)

        #expect(before.stdout == "valid a\nrejected unknown_key\n", "\(before)")
        #expect(after.stdout == "rejected unknown_key\nvalid b\n", "\(after)")
    }
}
