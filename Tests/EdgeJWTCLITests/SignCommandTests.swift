import Foundation
import Testing

/// `edgejwt sign`: tokens that `verify` accepts, and refusals of bad input.
@Suite struct SignCommandTests {
    @Test func signedTokenVerifiesWithItsClaims() throws {
        let issuer = try Issuer()
        let claims = Issuer.claims(["jti": "j-1", "scope": ["read", "write"], "level": 3])
        let result = try issuer.verify(try issuer.sign(claims))
        #expect(result.status == 0, "\(result)")
        let verified = try #require(try result.json()["claims"] as? [String: Any])
        #expect(verified["jti"] as? String == "j-1")
        #expect(verified["scope"] as? [String] == ["read", "write"])
        #expect(verified["level"] as? Int == 3)
    }

    @Test func headerIsAlgKidAndTypOnlyWhenGiven() throws {
        let issuer = try Issuer()
        let withTyp = try issuer.verify(try issuer.sign(Issuer.claims(), ["--typ", "JWT"]))
        #expect(try withTyp.json()["header"] as? [String: String] == ["alg": "EdDSA", "kid": "k1", "typ": "JWT"])
        let withoutTyp = try issuer.verify(try issuer.sign(Issuer.claims(), []))
        #expect(try withoutTyp.json()["header"] as? [String: String] == ["alg": "EdDSA", "kid": "k1"])
    }

    @Test func algDefaultsToTheKeysAlg() throws {
        let issuer = try Issuer(alg: "Ed25519")
        let result = try issuer.verify(try issuer.sign(Issuer.claims(), []))
        #expect(result.status == 0, "\(result)")
        #expect((try result.json()["header"] as? [String: Any])?["alg"] as? String == "Ed25519")
    }

    @Test func algContradictingTheKeyIsRefused() throws {
        let issuer = try Issuer(alg: "EdDSA")
        let claims = try issuer.directory.write("claims.json", "{}")
        let result = try runEdgeJWT(["sign", "--key", issuer.privateKey, "--alg", "Ed25519", claims])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func printsTheTokenAndANewline() throws {
        let issuer = try Issuer()
        let claims = try issuer.directory.write("claims.json", #"{"sub":"a"}"#)
        let result = try runEdgeJWT(["sign", "--key", issuer.privateKey, claims])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("\n"))
        #expect(result.lines.count == 1)
        #expect(result.lines[0].split(separator: ".").count == 3)
    }

    @Test(arguments: ["[1,2]", #"{"a":1,"a":2}"#, "{", #""text""#, ""])
    func claimsThatAreNotOneStrictJSONObjectAreRefused(_ text: String) throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["sign", "--key", issuer.privateKey, "-"], stdin: text)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func publicKeyCannotSign() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["sign", "--key", issuer.publicKeys, "-"], stdin: "{}")
        #expect(result.status == 2)
        #expect(result.stderr.contains("malformed_key"))
    }

    @Test func privateKeyWhoseXDoesNotMatchDIsRefused() throws {
        let issuer = try Issuer()
        let other = try Issuer()
        var jwk = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: issuer.privateKey))) as? [String: Any])
        let otherJWK = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: other.privateKey))) as? [String: Any])
        jwk["x"] = otherJWK["x"]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: jwk), as: UTF8.self)
        let key = try issuer.directory.write("mismatched.jwk", text)
        let result = try runEdgeJWT(["sign", "--key", key, "-"], stdin: "{}")
        #expect(result.status == 2)
        #expect(result.stderr.contains("malformed_key"))
        #expect(result.stderr.contains("x is not the public key derived from d"))
    }

    @Test func missingKeyFileIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let result = try runEdgeJWT(["sign", "--key", directory.file("none.jwk"), "-"], stdin: "{}")
        #expect(result.status == 2)
        #expect(result.stderr.contains("unreadable_file"))
    }
}
