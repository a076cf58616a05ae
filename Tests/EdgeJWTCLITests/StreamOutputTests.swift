import Foundation
import Testing

/// `verify --stream`'s output bytes: the same for every `--threads`, the same verdict as
/// `verify --json`, across read boundaries.
extension StreamTests {
    /// A mixed stream longer than several reads: valid and rejected tokens, bad lines, CRLF, and
    /// a line over the stream limit that spans reads.
    func mixedStream() -> (input: Data, expected: [Expected]) {
        var input = Data()
        var expected: [Expected] = []
        for index in 0..<3_000 {
            switch index % 11 {
            case 3:
                input.append(Data("not-a-token\n".utf8))
                expected.append(.rejected("malformed_token"))
            case 7:
                input.append(Data((cases[index % 4].token + "\r\n").utf8))
                expected.append(cases[index % 4].expected)
            default:
                let item = cases[(index * 5 + index / 7) % cases.count]
                input.append(Data((item.token + "\n").utf8))
                expected.append(item.expected)
            }
            if index == 1_500 {
                input.append(Data((String(repeating: "A", count: (1 << 20) + 300_000) + "\n").utf8))
                expected.append(.rejected("token_too_large"))
            }
        }
        input.append(Data(cases[1].token.utf8))  // no final newline
        expected.append(cases[1].expected)
        return (input, expected)
    }

    @Test func everyThreadCountWritesTheSameBytesInInputOrder() throws {
        let (input, expected) = mixedStream()
        let single = try stream(input, ["--threads", "1"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(try verdicts(single) == expected)
        for threads in [2, 3] {
            let result = try stream(input, ["--threads", String(threads)])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == single.stdout, "--threads \(threads) differs from --threads 1")
        }
    }

    @Test(arguments: [1, 2])
    func verdictWithEscapedClaimsIsByteForByteVerifyJSON(threads: Int) throws {
        let valid = try issuer.sign(
            Issuer.claims(["sub": "quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂", "name": "</script>"]))
        let tokens = [valid, cases[4].token, cases[5].token, valid]
        let result = try stream(Data((tokens.joined(separator: "\n") + "\n").utf8), ["--threads", String(threads)])
        let single = try tokens.map { try issuer.verify($0).stdout.trimmingCharacters(in: .newlines) }
        #expect(result.lines == single)
    }
}
