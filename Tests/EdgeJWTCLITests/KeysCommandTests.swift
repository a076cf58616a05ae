import Foundation
import Testing

/// `edgejwt keys sign | show | verify | install | status`: an operator creates a root, signs
/// statements and rotates the root; a device installs them. Exit codes follow the contract:
/// 0 done or valid, 1 statement refused, 2 usage or unreadable input.
@Suite struct KeysCommandTests {
    static let issuer = "https://id.example"

    /// A root key `root-1`, token keys `A` and `B`, a first root statement and a set holding A
    /// and B, in one temporary directory.
    final class Operator {
        let directory = try! TemporaryDirectory()
        var root: String { directory.file("root.json") }

        init() throws {
            for kid in ["root-1", "next-1", "A", "B"] {
                let result = try runEdgeJWT(["keygen", "--kid", kid, "--private", file("\(kid).jwk"), "--public", file("\(kid).jwks")])
                #expect(result.status == 0, "\(result)")
            }
            let result = try run(["keys", "sign", "--root-jwks", file("root-1.jwks"), "--threshold", "1", "--sequence", "1",
                                  "--key", file("root-1.jwk"), "--iat", String(testNow - 86_400), "--out", root])
            #expect(result.status == 0, "\(result)")
            let a = try json("A.jwks")["keys"] as! [Any]
            let b = try json("B.jwks")["keys"] as! [Any]
            try directory.write("AB.jwks", String(decoding: try JSONSerialization.data(withJSONObject: ["keys": a + b]), as: UTF8.self))
        }

        func file(_ name: String) -> String { directory.file(name) }

        func json(_ name: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(directory.read(name).utf8)) as! [String: Any]
        }

        func run(_ args: [String]) throws -> RunResult { try runEdgeJWT(args) }

        /// `keys sign --jwks SET` as sequence `sequence`, signed by `key`.
        func sign(_ out: String, sequence: Int, jwks: String = "AB.jwks", key: String = "root-1.jwk", _ extra: [String] = []) throws -> RunResult {
            try run(["keys", "sign", "--jwks", file(jwks), "--iss", KeysCommandTests.issuer, "--sequence", String(sequence),
                     "--key", file(key), "--iat", String(testNow - 60), "--out", file(out)] + extra)
        }

        /// `keys install` into the store `store` at testNow.
        func install(_ names: [String], store: String = "store") throws -> RunResult {
            try run(["keys", "install", "--trust-root", root, "--store", file(store), "--iss", KeysCommandTests.issuer,
                     "--now", String(testNow)] + names.map(file))
        }
    }

    @Test func signedStatementVerifiesAgainstTheRoot() throws {
        let op = try Operator()
        #expect(try op.sign("s1.json", sequence: 1, ["--trust-root", op.root]).status == 0)
        let result = try op.run(["keys", "verify", "--trust-root", op.root, "--now", String(testNow), "--json", op.file("s1.json")])
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["valid"] as? Bool == true && json["sequence"] as? Int == 1 && json["iss"] as? String == Self.issuer)
    }

    @Test func statementSignedByANonRootKeyIsRefusedWithExitOne() throws {
        let op = try Operator()
        #expect(try op.sign("s1.json", sequence: 1, key: "next-1.jwk").status == 0)
        let result = try op.run(["keys", "verify", "--trust-root", op.root, "--now", String(testNow), "--json", op.file("s1.json")])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "untrusted_signer")
    }

    @Test func expiredStatementIsRefusedWithExitOne() throws {
        let op = try Operator()
        #expect(try op.sign("s1.json", sequence: 1, ["--valid-for", "100"]).status == 0)
        let result = try op.run(["keys", "verify", "--trust-root", op.root, "--now", String(testNow + 40), op.file("s1.json")])
        #expect(result.status == 1 && result.stdout.hasPrefix("refused: expired:"), "\(result)")
    }

    @Test func installKeepsTheNewerStatementAndRefusesAnOlderOne() throws {
        let op = try Operator()
        #expect(try op.sign("s1.json", sequence: 1).status == 0)
        #expect(try op.sign("s2.json", sequence: 2).status == 0)
        #expect(try op.install(["s2.json"]).status == 0)
        let result = try op.install(["s1.json"])
        #expect(result.status == 1 && result.stdout.contains("rollback"), "\(result)")
        let status = try op.run(["keys", "status", "--trust-root", op.root, "--store", op.file("store"), "--iss", Self.issuer,
                                 "--now", String(testNow), "--json"])
        #expect(status.status == 0, "\(status)")
        #expect(try status.json()["sequence"] as? Int == 2)
    }

    @Test func showListsEachKeyWithWhyItIsNotUsable() throws {
        let op = try Operator()
        #expect(try op.sign("s1.json", sequence: 1, ["--retire-at", "A=\(testNow)", "--not-before", "B=\(testNow - 10)"]).status == 0)
        let result = try op.run(["keys", "show", "--trust-root", op.root, "--now", String(testNow), "--json", op.file("s1.json")])
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["signature_verified"] as? Bool == true)
        let keys = try #require(json["keys"] as? [[String: Any]])
        #expect(keys.map { $0["kid"] as? String } == ["A", "B"])
        #expect(keys.map { $0["usable"] as? Bool } == [false, true])
        #expect((keys[0]["reason"] as? String)?.contains("retired at \(testNow)") == true)
        #expect(keys[0]["retire_at"] as? Int == testNow)
    }

    @Test func showWithoutARootSaysTheSignatureIsNotVerified() throws {
        let op = try Operator()
        #expect(try op.sign("s1.json", sequence: 1).status == 0)
        let result = try op.run(["keys", "show", op.file("s1.json")])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "signature: NOT verified (no --trust-root): nothing below may be trusted")
        #expect(result.stderr.contains("NOT verified"))
    }

    @Test func signRefusesAPrivateKeyInTheSetAndWritesNothing() throws {
        let op = try Operator()
        let result = try op.sign("s1.json", sequence: 1, jwks: "A.jwk")
        #expect(result.status == 2, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: op.file("s1.json")))
    }

    @Test func signRefusesAWindowForAKidNotInTheSet() throws {
        let op = try Operator()
        let result = try op.sign("s1.json", sequence: 1, ["--retire-at", "C=\(testNow)"])
        #expect(result.status == 2 && result.stderr.contains("\"C\""), "\(result)")
    }

    @Test func rootRotationIsSignedByBothRootsAndInstalled() throws {
        let op = try Operator()
        let next = op.file("root-2.json")
        let unsigned = try op.run(["keys", "sign", "--root-jwks", op.file("next-1.jwks"), "--threshold", "1", "--sequence", "2",
                                   "--key", op.file("next-1.jwk"), "--trust-root", op.root, "--out", next])
        #expect(unsigned.status == 2 && unsigned.stderr.contains("untrusted_signer"), "\(unsigned)")
        let signed = try op.run(["keys", "sign", "--root-jwks", op.file("next-1.jwks"), "--threshold", "1", "--sequence", "2",
                                 "--key", op.file("root-1.jwk"), "--key", op.file("next-1.jwk"), "--iat", String(testNow - 120),
                                 "--trust-root", op.root, "--out", next])
        #expect(signed.status == 0, "\(signed)")
        #expect(try op.sign("s1.json", sequence: 1, key: "next-1.jwk").status == 0)
        let installed = try op.install(["root-2.json", "s1.json"])
        #expect(installed.status == 0, "\(installed)")
        #expect(installed.stdout.contains("root: #2"))
    }

    @Test func verifyOfAMissingFileIsAUsageError() throws {
        let op = try Operator()
        let result = try op.run(["keys", "verify", "--trust-root", op.root, op.file("missing.json")])
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result)")
    }
}
