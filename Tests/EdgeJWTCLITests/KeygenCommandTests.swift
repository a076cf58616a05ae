import Foundation
import Testing

/// `edgejwt keygen`: file contents, modes, and refusal to overwrite.
@Suite struct KeygenCommandTests {
    @Test func privateKeyIsMode0600AndHoldsD() throws {
        let issuer = try Issuer()
        let attributes = try FileManager.default.attributesOfItem(atPath: issuer.privateKey)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let jwk = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: issuer.privateKey))) as? [String: Any])
        #expect(jwk["kty"] as? String == "OKP")
        #expect(jwk["crv"] as? String == "Ed25519")
        #expect(jwk["kid"] as? String == "k1")
        #expect((jwk["d"] as? String)?.count == 43)
        #expect((jwk["x"] as? String)?.count == 43)
    }

    @Test func publicFileIsAJWKSetWithoutPrivateMaterial() throws {
        let issuer = try Issuer(kid: "pub-1", alg: "Ed25519")
        let set = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: issuer.publicKeys))) as? [String: Any])
        let keys = try #require(set["keys"] as? [[String: Any]])
        #expect(keys.count == 1)
        let key = try #require(keys.first)
        #expect(Set(key.keys) == ["kty", "crv", "x", "kid", "use", "alg"])
        #expect(key["use"] as? String == "sig")
        #expect(key["alg"] as? String == "Ed25519")
        #expect(key["kid"] as? String == "pub-1")
        #expect(key["d"] == nil)
    }

    @Test func publicFileLoadsAsThePinnedSet() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign())
        #expect(result.status == 0, "\(result)")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let issuer = try Issuer()
        let before = try issuer.directory.read("issuer.private.jwk")
        let args = ["keygen", "--kid", "k1", "--private", issuer.privateKey, "--public", issuer.publicKeys]

        let refused = try runEdgeJWT(args)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("already exists"))
        #expect(try issuer.directory.read("issuer.private.jwk") == before)

        let forced = try runEdgeJWT(args + ["--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try issuer.directory.read("issuer.private.jwk") != before)
        let attributes = try FileManager.default.attributesOfItem(atPath: issuer.privateKey)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func refusesWhenOnlyThePublicFileExists() throws {
        let directory = try TemporaryDirectory()
        let existing = try directory.write("pub.json", "keep me")
        let result = try runEdgeJWT(["keygen", "--kid", "k1", "--private", directory.file("priv.jwk"), "--public", existing])
        #expect(result.status == 2)
        #expect(try directory.read("pub.json") == "keep me")
        #expect(try directory.contents() == ["pub.json"])
    }

    @Test func leavesNoTemporaryFiles() throws {
        let issuer = try Issuer()
        #expect(try issuer.directory.contents() == ["issuer.jwks.json", "issuer.private.jwk"])
    }

    @Test func twoKeysDiffer() throws {
        let first = try Issuer()
        let second = try Issuer()
        #expect(try first.directory.read("issuer.jwks.json") != second.directory.read("issuer.jwks.json"))
    }
}
