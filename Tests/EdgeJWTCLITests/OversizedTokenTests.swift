import Foundation
import Testing

/// A token given on standard input that is over the verifier's size limit (16 KiB) is a token
/// rejection, `token_too_large` with exit 1, however large the input: a file of many MB, a pipe,
/// or `/dev/zero`. No more than the limit, a CRLF and one byte are read.
@Suite struct OversizedTokenTests {
    /// `VerifierOptions.Limits.maxTokenBytes`, the default the CLI uses.
    static let limit = 16 * 1024
    /// The most bytes read: the limit, a CRLF that `-` removes, and one byte to see the input goes on.
    static let mostBytesRead = limit + 3

    let issuer: Issuer

    init() throws {
        issuer = try Issuer()
    }

    var verifyStandardInput: [String] {
        ["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "--json", "-"]
    }

    /// Expects one `--json` rejection with `token_too_large` and exit 1.
    func expectTooLarge(_ result: RunResult, flag: String = "valid", sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.lines.count == 1, "\(result)", sourceLocation: sourceLocation)
        let json = try result.json(sourceLocation: sourceLocation)
        #expect(json[flag] as? Bool == false, sourceLocation: sourceLocation)
        #expect(json["error"] as? String == "token_too_large", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "\(result)", sourceLocation: sourceLocation)
    }

    /// Runs `/bin/sh -c script` with `$EDGEJWT` set to the built `edgejwt`, stdout and stderr in files.
    func runShell(_ script: String) throws -> RunResult {
        let scratch = try TemporaryDirectory()
        let output = try scratch.write("stdout", "")
        let errors = try scratch.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ["EDGEJWT": Products.executable("edgejwt").path, "PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: output, encoding: .utf8),
            stderr: try String(contentsOfFile: errors, encoding: .utf8))
    }

    /// The arguments quoted for `sh`.
    func shellWords(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
    }

    @Test(arguments: [limit + 1, 2 << 20])
    func tokenOverTheLimitOnStandardInputIsTokenTooLarge(_ size: Int) throws {
        try expectTooLarge(try runEdgeJWT(verifyStandardInput, stdin: String(repeating: "A", count: size)))
    }

    @Test func tokenOverTheLimitOnStandardInputIsARejectionInHumanOutput() throws {
        let args = ["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "-"]
        let result = try runEdgeJWT(args, stdin: String(repeating: "A", count: 3 << 20))
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.hasPrefix("REJECTED token_too_large: "), "\(result)")
    }

    @Test(arguments: ["\n", "\r\n"])
    func tokenOfExactlyTheLimitWithALineEndIsNotTooLarge(_ ending: String) throws {
        let result = try runEdgeJWT(verifyStandardInput, stdin: String(repeating: "A", count: Self.limit) + ending)
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "malformed_token")
    }

    @Test func tokenOfTheLimitFollowedByALineEndAndMoreIsTooLarge() throws {
        let result = try runEdgeJWT(verifyStandardInput, stdin: String(repeating: "A", count: Self.limit) + "\r\nA")
        try expectTooLarge(result)
    }

    @Test func hugeFileOnStandardInputIsReadOnlyUpToTheLimitPlusThreeBytes() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write("huge.jwt", "")
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try writer.truncate(atOffset: 1 << 30)  // 1 GiB, sparse: no disk space used
        try writer.close()
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? input.close() }
        try expectTooLarge(try runProduct("edgejwt", verifyStandardInput, standardInput: input))
        // The child read through the same open file, so its offset is what it consumed.
        #expect(try input.offset() == UInt64(Self.mostBytesRead))
    }

    @Test func endlessStandardInputIsTokenTooLarge() throws {
        let zero = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/zero"))
        defer { try? zero.close() }
        try expectTooLarge(try runProduct("edgejwt", verifyStandardInput, standardInput: zero))
    }

    @Test func manyMegabytesThroughAPipeAreTokenTooLarge() throws {
        let result = try runShell("head -c 67108864 /dev/zero | tr '\\000' A | \"$EDGEJWT\" " + shellWords(verifyStandardInput))
        try expectTooLarge(result)
    }

    @Test func tokenArrivingInTwoWritesThroughAPipeIsReadWhole() throws {
        let token = try issuer.sign()
        let half = token.index(token.startIndex, offsetBy: token.count / 2)
        let script = "{ printf %s \(shellWords([String(token[..<half])])); sleep 0.3; printf '%s\\n' \(shellWords([String(token[half...])])); } | \"$EDGEJWT\" "
            + shellWords(verifyStandardInput)
        let result = try runShell(script)
        #expect(result.status == 0, "\(result)")
        #expect(try result.json()["valid"] as? Bool == true)
    }

    @Test func inspectRefusesTokenOverItsOneMebibyteLimitAsUndecodable() throws {
        let result = try runEdgeJWT(["inspect", "--json", "-"], stdin: String(repeating: "A", count: 3 << 20))
        try expectTooLarge(result, flag: "verified")
    }
}
