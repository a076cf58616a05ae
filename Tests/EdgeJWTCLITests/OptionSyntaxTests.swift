import Foundation
import Testing

/// The command-line syntax of the built `edgejwt`: `--opt=value`, `--`, repeated options and
/// `help COMMAND`, with the contract's exit statuses.
@Suite struct OptionSyntaxTests {
    @Test func inlineValueOfAnOptionIsRead() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["verify", "--keys=\(issuer.publicKeys)", "--now=\(testNow)", "--json", try issuer.sign()])
        #expect(result.status == 0, "\(result)")
        #expect(try result.json()["valid"] as? Bool == true)
    }

    @Test func tokenAfterDoubleDashIsVerified() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(), ["--"])
        #expect(result.status == 0, "\(result)")
    }

    @Test func optionAfterDoubleDashIsTheToken() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["verify", "--keys", issuer.publicKeys, "--json", "--", "--json"])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "malformed_token")
    }

    @Test func singleValuedOptionGivenTwiceExitsTwo() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["verify", "--keys", issuer.publicKeys, "--keys", issuer.publicKeys, try issuer.sign()])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'--keys' is given more than once"), "\(result)")
        #expect(result.stderr.contains("See 'edgejwt verify --help'"), "\(result)")
    }

    @Test func nonIntegerThreadsExitsTwoNamingTheOption() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT(["verify", "--keys", issuer.publicKeys, "--stream", "--threads", "two"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("The value 'two' is invalid for '--threads <N>'"), "\(result)")
    }

    @Test func helpOfANestedCommandListsItsOptions() throws {
        let result = try runEdgeJWT(["help", "keys", "sign"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: edgejwt keys sign"))
        #expect(result.stdout.contains("--root-jwks <JWKS_FILE>"))
    }

    @Test func helpOfAnUnknownCommandExitsTwo() throws {
        let result = try runEdgeJWT(["help", "nosuchcommand"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown subcommand 'nosuchcommand'"), "\(result)")
    }

    @Test func versionOfASubcommandIsTheVersion() throws {
        let top = try runEdgeJWT(["--version"])
        let nested = try runEdgeJWT(["keys", "status", "--version"])
        #expect(top.status == 0 && nested.status == 0)
        #expect(top.lines.count == 1 && !top.lines[0].isEmpty, "\(top)")
        #expect(nested.stdout == top.stdout)
    }
}
