import Foundation
import Testing

/// `Examples/verify-token` and its shipped key set and token, run as a user would.
@Suite struct ExampleTests {
    let keys = "Examples/verify-token/keys.json"
    let token = "Examples/verify-token/token.jwt"

    @Test func exampleProgramVerifiesTheShippedToken() throws {
        let result = try runProduct("verify-token", [keys, token])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "device-42\n")
    }

    @Test func edgejwtVerifiesTheShippedTokenFromStdin() throws {
        let text = try String(contentsOfFile: Products.packageRoot.appendingPathComponent(token).path, encoding: .utf8)
        let result = try runEdgeJWT(["verify", "--keys", keys, "--json", "-"], stdin: text)
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["kid"] as? String == "example-2026")
        let claims = try #require(json["claims"] as? [String: Any])
        #expect(claims["sub"] as? String == "device-42")
        #expect(claims["iss"] as? String == "https://issuer.example")
        #expect(claims["aud"] as? String == "gateway")
        #expect(claims["jti"] is String)
        #expect((json["header"] as? [String: Any])?["typ"] as? String == "JWT")
    }

    @Test func exampleRejectsATokenForAnotherKey() throws {
        let issuer = try Issuer(kid: "example-2026")
        let other = try issuer.directory.write("token.jwt", try issuer.sign(Issuer.claims(["iat": 1_795_000_000, "exp": 4_102_444_800])))
        let result = try runProduct("verify-token", [keys, other])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("invalid_signature"))
    }

    @Test func exampleUsageErrorExitsTwo() throws {
        let result = try runProduct("verify-token", [keys])
        #expect(result.status == 2)
        #expect(result.stderr.contains("usage: verify-token KEYS_FILE TOKEN_FILE"))
    }

    @Test func shippedFilesHoldNoPrivateKey() throws {
        let text = try String(contentsOfFile: Products.packageRoot.appendingPathComponent(keys).path, encoding: .utf8)
        #expect(!text.contains("\"d\""))
    }
}
