import Foundation
import Testing

/// `edgejwt conformance`: a table of verdicts, a closing count, and the exit status.
@Suite struct ConformanceCommandTests {
    /// A vectors directory with one file holding `vectors` over the issuer's key set.
    func vectorsDirectory(_ issuer: Issuer, _ vectors: [[String: Any]]) throws -> TemporaryDirectory {
        let keys = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: issuer.publicKeys)))
        let document: [String: Any] = ["keys": keys, "vectors": vectors]
        let directory = try TemporaryDirectory()
        let text = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
        try directory.write("core/cli.json", text)
        return directory
    }

    func vector(_ id: String, _ token: String, expected: [String: Any]) -> [String: Any] {
        ["id": id, "description": id, "reference": "RFC 7519 §4.1.4", "token": token, "options": ["now": testNow], "expected": expected]
    }

    @Test func onePassingAndOneFailingVectorExitOne() throws {
        let issuer = try Issuer()
        let token = try issuer.sign()
        let directory = try vectorsDirectory(
            issuer,
            [
                vector("cli-valid", token, expected: ["valid": true, "kid": "k1"]),
                vector("cli-wrong", token, expected: ["valid": false, "error": "expired"]),
            ])
        let result = try runEdgeJWT(["conformance", directory.path])
        #expect(result.status == 1, "\(result)")
        #expect(result.lines.last == "1 passed, 1 failed")
        let passing = try #require(result.lines.first { $0.hasPrefix("cli-valid") })
        #expect(passing.hasSuffix("PASS"))
        let failing = try #require(result.lines.first { $0.hasPrefix("cli-wrong") })
        #expect(failing.contains("expired"))
        #expect(failing.contains("valid (k1)"))
        #expect(failing.contains("FAIL"))
        #expect(failing.contains("core/cli.json"))
        #expect(failing.contains("RFC 7519 §4.1.4"))
    }

    @Test func allPassingExitsZero() throws {
        let issuer = try Issuer()
        let expired = try issuer.sign(Issuer.claims(["exp": testNow - 3600]))
        let directory = try vectorsDirectory(issuer, [vector("cli-expired", expired, expected: ["valid": false, "error": "expired"])])
        let result = try runEdgeJWT(["conformance", directory.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.last == "1 passed, 0 failed")
    }

    @Test func badDirectoryOrFormatExitsTwo() throws {
        let directory = try TemporaryDirectory()
        let missing = try runEdgeJWT(["conformance", directory.file("nothing")])
        #expect(missing.status == 2, "\(missing)")
        try directory.write("broken.json", #"{"vectors":[{"id":"x"}]}"#)
        let broken = try runEdgeJWT(["conformance", directory.path])
        #expect(broken.status == 2, "\(broken)")
        #expect(broken.stderr.contains("broken.json"))
        #expect(broken.stdout.isEmpty)
    }
}
