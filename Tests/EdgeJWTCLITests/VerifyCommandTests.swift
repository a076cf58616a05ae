import Foundation
import Testing

/// `edgejwt verify`: outcomes, output shapes and exit statuses.
@Suite struct VerifyCommandTests {
    @Test func validTokenPrintsOneJSONObjectAndExitsZero() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(Issuer.claims(["role": "sensor"])))
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 1)
        let json = try result.json()
        #expect(json["valid"] as? Bool == true)
        #expect(json["kid"] as? String == "k1")
        let header = try #require(json["header"] as? [String: Any])
        #expect(header["alg"] as? String == "EdDSA")
        #expect(header["typ"] as? String == "JWT")
        let claims = try #require(json["claims"] as? [String: Any])
        #expect(claims["sub"] as? String == "device-1")
        #expect(claims["role"] as? String == "sensor")
        #expect(result.stderr.isEmpty)
    }

    @Test func validTokenHumanOutputListsKidIssSubAudExp() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(), json: false)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.lines == [
                "VALID",
                "kid: k1",
                "iss: https://issuer.example",
                "sub: device-1",
                "aud: gateway",
                "exp: 1800003600 (2027-01-15T09:00:00Z)",
            ])
    }

    @Test func tokenWithoutKidVerifiesWithTheOnlyKeyAndGivesNullKid() throws {
        let issuer = try Issuer()
        let removeKid = { (text: String) in text.replacingOccurrences(of: "\"kid\":\"k1\",", with: "") }
        let keys = try issuer.directory.write("no-kid.jwks.json", removeKid(try issuer.directory.read("issuer.jwks.json")))
        let key = try issuer.directory.write("no-kid.private.jwk", removeKid(try issuer.directory.read("issuer.private.jwk")))
        let signed = try runEdgeJWT(["sign", "--key", key, "-"], stdin: #"{"sub":"s"}"#)
        let token = try #require(signed.lines.first)
        let result = try runEdgeJWT(["verify", "--keys", keys, "--json", token])
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["kid"] is NSNull)
        #expect((json["header"] as? [String: Any])?["kid"] == nil)
    }

    @Test func tokenWithoutKidIsRefusedWhenSeveralKeysArePinned() throws {
        let issuer = try Issuer()
        let other = try Issuer(kid: "k2")
        let keys = try issuer.directory.read("issuer.jwks.json").replacingOccurrences(of: "]}", with: "")
            + "," + other.directory.read("issuer.jwks.json").replacingOccurrences(of: #"{"keys":["#, with: "")
        let set = try issuer.directory.write("two.jwks.json", keys)
        let key = try issuer.directory.write(
            "no-kid.private.jwk", try issuer.directory.read("issuer.private.jwk").replacingOccurrences(of: "\"kid\":\"k1\",", with: ""))
        let token = try #require(try runEdgeJWT(["sign", "--key", key, "-"], stdin: "{}").lines.first)
        let result = try runEdgeJWT(["verify", "--keys", set, "--json", token])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "unknown_key")
    }

    @Test func rejectionHumanOutputIsCodeAndDetailOnStdout() throws {
        let issuer = try Issuer()
        let token = try issuer.sign(Issuer.claims(["exp": testNow - 3600]))
        let result = try issuer.verify(token, json: false)
        #expect(result.status == 1)
        #expect(result.lines.count == 1)
        #expect(result.stdout.hasPrefix("REJECTED expired: "))
    }

    /// Every rejection code the CLI contract lists that a token alone can trigger.
    enum Rejection: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case expired, notYetValid, issuedInFuture, tokenTooOld, issuerMismatch, audienceMismatch
        case missingClaim, typeMismatch, unknownKey, invalidSignature, malformedToken, tokenTooLarge
        case unsupportedAlgorithm, unsupportedCriticalHeader

        var testDescription: String { code }

        /// The snake_case code the CLI prints.
        var code: String {
            rawValue.reduce(into: "") { code, character in
                code += character.isUppercase ? "_" + character.lowercased() : String(character)
            }
        }

        /// The token and extra `verify` arguments that trigger it.
        func input(_ issuer: Issuer) throws -> (token: String, args: [String]) {
            switch self {
            case .expired: (try issuer.sign(Issuer.claims(["exp": testNow - 61])), [])
            case .notYetValid: (try issuer.sign(Issuer.claims(["nbf": testNow + 61])), [])
            case .issuedInFuture: (try issuer.sign(Issuer.claims(["iat": testNow + 61])), [])
            case .tokenTooOld: (try issuer.sign(), ["--max-age", "60"])
            case .issuerMismatch: (try issuer.sign(), ["--issuer", "https://other.example"])
            case .audienceMismatch: (try issuer.sign(), ["--audience", "other"])
            case .missingClaim: (try issuer.sign(), ["--require", "jti"])
            case .typeMismatch: (try issuer.sign(), ["--typ", "at+jwt"])
            case .unknownKey: (try Issuer(kid: "k2").sign(), [])
            case .invalidSignature: (withBadSignature(try issuer.sign()), [])
            case .malformedToken: (try issuer.sign() + ".extra", [])
            case .tokenTooLarge: (String(repeating: "A", count: 20_000), [])
            case .unsupportedAlgorithm: (unsignedToken(header: #"{"alg":"HS256","kid":"k1"}"#), [])
            case .unsupportedCriticalHeader: (unsignedToken(header: #"{"alg":"EdDSA","kid":"k1","crit":["exp"],"exp":1}"#), [])
            }
        }
    }

    @Test(arguments: Rejection.allCases)
    func rejectedTokenPrintsCodeAsJSONAndExitsOne(_ rejection: Rejection) throws {
        let issuer = try Issuer()
        let (token, args) = try rejection.input(issuer)
        let result = try issuer.verify(token, args)
        #expect(result.status == 1, "\(result)")
        #expect(result.lines.count == 1)
        let json = try result.json()
        #expect(json["valid"] as? Bool == false)
        #expect(json["error"] as? String == rejection.code)
        #expect((json["detail"] as? String)?.isEmpty == false)
        #expect(json.count == 3)
    }

    @Test(arguments: ["\n", "\r\n", ""])
    func stdinTokenLosesOneTrailingLineEnd(_ ending: String) throws {
        let issuer = try Issuer()
        let token = try issuer.sign()
        let result = try runEdgeJWT(
            ["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "--json", "-"], stdin: token + ending)
        #expect(result.status == 0, "\(result)")
        #expect(try result.json()["valid"] as? Bool == true)
    }

    @Test(arguments: ["\n\n", " \n", "\t", " "])
    func stdinTokenKeepsOtherWhitespaceAndIsMalformed(_ ending: String) throws {
        let issuer = try Issuer()
        let token = try issuer.sign()
        let result = try runEdgeJWT(
            ["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "--json", "-"], stdin: token + ending)
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "malformed_token")
    }
}
