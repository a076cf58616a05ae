import Foundation
import Testing

/// Usage and configuration errors exit 2 (never swift-argument-parser's 64), with a message on
/// stderr and nothing on stdout.
@Suite struct UsageErrorTests {
    @Test func unreadableKeyFileExitsTwo() throws {
        let issuer = try Issuer()
        let missing = issuer.directory.file("missing.json")
        let result = try runEdgeJWT(["verify", "--keys", missing, "--json", try issuer.sign()])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unreadable_file"))
        #expect(result.stderr.contains(missing))
    }

    /// Key sets the library refuses at load, with the code the CLI must print.
    static let invalidKeySets: [(text: String, code: String)] = [
        ("not json", "malformed_key_set"),
        (#"{"keys":[]}"#, "no_usable_key"),
        (#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"short"}]}"#, "malformed_key"),
        (#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#, "private_key_material"),
    ]

    @Test(arguments: invalidKeySets)
    func invalidKeySetExitsTwoWithItsCode(_ keySet: (text: String, code: String)) throws {
        let issuer = try Issuer()
        let keys = try issuer.directory.write("bad.jwks.json", keySet.text)
        let result = try runEdgeJWT(["verify", "--keys", keys, "--json", try issuer.sign()])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(keySet.code), "\(result)")
    }

    @Test func privateJWKAsKeySetIsRefused() throws {
        let issuer = try Issuer()
        let jwk = try issuer.directory.read("issuer.private.jwk")
        let keys = try issuer.directory.write("leaked.jwks.json", #"{"keys":["# + jwk + "]}")
        let result = try runEdgeJWT(["verify", "--keys", keys, try issuer.sign()])
        #expect(result.status == 2)
        #expect(result.stderr.contains("private_key_material"))
    }

    /// Parse errors of swift-argument-parser.
    static let parseErrors: [[String]] = [
        ["verify", "--keys", "k.json", "--bogus", "t"],
        ["verify", "t"],
        ["verify", "--keys", "k.json"],
        ["verify", "--keys", "k.json", "--leeway=-5", "t"],
        ["verify", "--keys", "k.json", "--now", "soon", "t"],
        ["verify", "--keys", "k.json", "--max-age", "nan", "t"],
        ["verify", "--keys", "k.json", "t", "extra"],
        ["keygen", "--kid", "k", "--private", "a", "--public", "b", "--alg", "RS256"],
        ["keygen", "--kid", "k", "--private", "a", "--public", "a"],
        ["nosuchcommand"],
        [],
    ]

    @Test(arguments: parseErrors)
    func parseErrorExitsTwoNotSixtyFour(_ args: [String]) throws {
        let result = try runEdgeJWT(args)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test func unknownOptionIsNamed() throws {
        let result = try runEdgeJWT(["verify", "--keys", "k.json", "--bogus", "t"])
        #expect(result.stderr.contains("--bogus"))
    }

    @Test func missingKeysIsNamed() throws {
        let result = try runEdgeJWT(["verify", "t"])
        #expect(result.stderr.contains("--keys"))
    }

    @Test(arguments: [["--help"], ["verify", "--help"], ["help", "verify"], ["--version"]])
    func helpAndVersionExitZeroOnStdout(_ args: [String]) throws {
        let result = try runEdgeJWT(args)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func verifyHelpDocumentsTheNoKidRule() throws {
        let result = try runEdgeJWT(["verify", "--help"])
        #expect(result.stdout.contains("without a kid is accepted"))
        #expect(result.stdout.contains("exactly one usable key"))
    }
}
