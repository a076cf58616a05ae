import Foundation
import Testing

/// `edgejwt inspect`: decodes without verifying, and says so.
@Suite struct InspectCommandTests {
    @Test func showsATokenWithABadSignatureAsUnverified() throws {
        let issuer = try Issuer()
        let token = withBadSignature(try issuer.sign(Issuer.claims(["exp": testNow - 10_000])))
        let result = try runEdgeJWT(["inspect", token])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "UNVERIFIED — signature, time and policy NOT checked")
        #expect(result.stdout.contains(#""sub": "device-1""#))
        #expect(result.stdout.contains(#""kid": "k1""#))
        #expect(result.stdout.contains("signature: 64 bytes (not checked)"))
        #expect(result.stdout.contains("exp: 1799990000 (2027-01-15T05:13:20Z)"))
    }

    @Test func jsonOutputIsMarkedUnverified() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["inspect", "--json", "-"], stdin: withBadSignature(try issuer.sign()) + "\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 1)
        let json = try result.json()
        #expect(json["verified"] as? Bool == false)
        #expect((json["header"] as? [String: Any])?["alg"] as? String == "EdDSA")
        #expect((json["payload"] as? [String: Any])?["aud"] as? String == "gateway")
    }

    @Test func showsAnAlgorithmVerifyWouldRefuse() throws {
        let result = try runEdgeJWT(["inspect", "--json", unsignedToken(header: #"{"alg":"none"}"#, payload: #"{"sub":"x"}"#)])
        #expect(result.status == 0, "\(result)")
        #expect((try result.json()["header"] as? [String: Any])?["alg"] as? String == "none")
    }

    @Test(arguments: ["abc", "a.b", "e30.e30.e30.e30.e30", "e30.W10.", "@@@.e30."])
    func undecodableTokenExitsOneWithTheReason(_ token: String) throws {
        let result = try runEdgeJWT(["inspect", token])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.hasPrefix("UNDECODABLE malformed_token: "))
    }

    @Test func escapesControlCharactersForTheTerminal() throws {
        let result = try runEdgeJWT(["inspect", unsignedToken(header: #"{"alg":"EdDSA"}"#, payload: #"{"sub":"a\u001b[31mb\u007f"}"#)])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\u{7F}"))
        #expect(result.stdout.contains(#"a\u001b[31mb\u007f"#))
    }
}
