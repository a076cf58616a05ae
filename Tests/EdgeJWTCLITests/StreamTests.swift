import Foundation
import Testing

/// `edgejwt verify --stream`: one token per line in, one `--json` verdict per line out, in order.
@Suite struct StreamTests {
    /// What a line's verdict must say: accepted with this `sub`, or rejected with this code.
    enum Expected: Equatable, CustomStringConvertible {
        case valid(subject: String)
        case rejected(String)

        var description: String {
            switch self {
            case .valid(let subject): "valid (sub \(subject))"
            case .rejected(let code): "rejected \(code)"
            }
        }
    }

    let issuer: Issuer
    /// Tokens signed by `issuer` with their expected verdicts at `testNow`.
    let cases: [(token: String, expected: Expected)]

    init() throws {
        issuer = try Issuer()
        var cases: [(token: String, expected: Expected)] = []
        for index in 0..<4 {
            cases.append((try issuer.sign(Issuer.claims(["sub": "device-\(index)"])), .valid(subject: "device-\(index)")))
        }
        cases.append((try issuer.sign(Issuer.claims(["exp": testNow - 3600])), .rejected("expired")))
        cases.append((withBadSignature(try issuer.sign()), .rejected("invalid_signature")))
        cases.append((unsignedToken(header: #"{"alg":"HS256"}"#), .rejected("unsupported_algorithm")))
        self.cases = cases
    }

    /// Runs `verify --stream` with this issuer's keys at `testNow`, `stdin` given as raw bytes.
    func stream(_ stdin: Data, _ extraArgs: [String] = []) throws -> RunResult {
        let scratch = try TemporaryDirectory()
        let input = scratch.file("stdin")
        try stdin.write(to: URL(fileURLWithPath: input))
        let arguments = ["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "--stream"] + extraArgs
        return try runProduct("edgejwt", arguments, stdinFile: input)
    }

    /// The verdict each output line gives.
    func verdicts(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Expected] {
        try result.lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let json = try #require(object as? [String: Any], "not a JSON object: \(line)", sourceLocation: sourceLocation)
            if json["valid"] as? Bool == true {
                let claims = try #require(json["claims"] as? [String: Any], sourceLocation: sourceLocation)
                return .valid(subject: try #require(claims["sub"] as? String, sourceLocation: sourceLocation))
            }
            #expect(json["valid"] as? Bool == false, sourceLocation: sourceLocation)
            return .rejected(try #require(json["error"] as? String, sourceLocation: sourceLocation))
        }
    }

    @Test func writesOneVerdictPerLineInInputOrder() throws {
        let order = [0, 4, 1, 5, 2, 6, 3, 0]
        let input = order.map { cases[$0].token }.joined(separator: "\n") + "\n"
        let result = try stream(Data(input.utf8))
        #expect(result.status == 0, "\(result)")
        #expect(try verdicts(result) == order.map { cases[$0].expected })
        #expect(result.stderr.isEmpty)
    }

    @Test func eachVerdictIsTheSameObjectAsVerifyJSON() throws {
        let tokens = [cases[0].token, cases[4].token]
        let result = try stream(Data((tokens.joined(separator: "\n") + "\n").utf8))
        let single = try tokens.map { try issuer.verify($0).stdout.trimmingCharacters(in: .newlines) }
        #expect(result.lines == single)
    }

    @Test func badLinesGetTheirOwnRejectionAndTheStreamGoesOn() throws {
        var input = Data()
        input.append(Data((cases[0].token + "\n").utf8))
        input.append(Data("\n".utf8))  // empty line
        input.append(Data("not-a-token\n".utf8))
        input.append(Data([0xFF, 0xFE, 0x2E, 0xC3, 0x28, 0x0A]))  // invalid UTF-8
        input.append(Data((String(repeating: "A", count: 20_000) + "\n").utf8))  // over the 16 KiB token limit
        input.append(Data((cases[1].token + "\r\n").utf8))  // CRLF
        input.append(Data(cases[2].token.utf8))  // last line without a newline
        let result = try stream(input)
        #expect(result.status == 0, "\(result)")
        #expect(
            try verdicts(result) == [
                .valid(subject: "device-0"), .rejected("malformed_token"), .rejected("malformed_token"),
                .rejected("malformed_token"), .rejected("token_too_large"), .valid(subject: "device-1"),
                .valid(subject: "device-2"),
            ])
    }

    @Test func lineOverTheStreamLimitIsRefusedWithoutStoppingTheStream() throws {
        let huge = String(repeating: "A", count: (1 << 20) + 10)
        let input = cases[0].token + "\n" + huge + "\n" + cases[1].token + "\n"
        let result = try stream(Data(input.utf8))
        #expect(result.status == 0, "\(result)")
        #expect(try verdicts(result) == [.valid(subject: "device-0"), .rejected("token_too_large"), .valid(subject: "device-1")])
    }

    @Test(arguments: [1, 2])
    func thousandTokensComeBackInOrder(threads: Int) throws {
        // A fixed scramble of the cases: line i gets case (i * 5 + i / 7) mod count.
        let order = (0..<1_000).map { ($0 * 5 + $0 / 7) % cases.count }
        let input = order.map { cases[$0].token }.joined(separator: "\n") + "\n"
        let result = try stream(Data(input.utf8), ["--threads", String(threads)])
        #expect(result.status == 0)
        let got = try verdicts(result)
        #expect(got.count == 1_000)
        let expected = order.map { cases[$0].expected }
        let firstMismatch = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstMismatch == nil, "line \(firstMismatch?.offset ?? -1): \(String(describing: firstMismatch?.element))")
    }

    @Test func emptyInputGivesNoOutputAndExitsZero() throws {
        let result = try stream(Data())
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func exitsZeroWhenEveryTokenIsRejected() throws {
        let result = try stream(Data((cases[4].token + "\n" + cases[5].token + "\n").utf8))
        #expect(result.status == 0)
        #expect(try verdicts(result) == [.rejected("expired"), .rejected("invalid_signature")])
    }

    @Test func tokenArgumentWithStreamIsAUsageError() throws {
        let result = try runEdgeJWT(["verify", "--keys", issuer.publicKeys, "--stream", cases[0].token])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test func threadsWithoutStreamIsAUsageError() throws {
        let result = try runEdgeJWT(["verify", "--keys", issuer.publicKeys, "--threads", "2", cases[0].token])
        #expect(result.status == 2)
    }

    @Test func unusableKeySetExitsTwoBeforeReadingAnyLine() throws {
        let keys = try issuer.directory.write("broken.jwks.json", "{")
        let scratch = try TemporaryDirectory()
        let input = try scratch.write("stdin", cases[0].token + "\n")
        let result = try runProduct("edgejwt", ["verify", "--keys", keys, "--stream"], stdinFile: input)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}
