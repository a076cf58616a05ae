import Foundation
import Testing

/// Numbers in an accepted token's claims are printed exactly as written in the token, also when
/// no 64-bit integer or `Double` holds them, and a negative NumericDate is a date before 1970.
@Suite struct ClaimNumberOutputTests {
    /// Number literals a `Double` or an `Int64` would change, each as it must be printed.
    static let literals = [
        "123456789012345678901234567890", "-9223372036854775809", "18446744073709551616", "1e400", "-1E+400",
        "0.1000000000000000000000000001", "-0.0", "1E+2", String(repeating: "9", count: 300),
    ]

    /// A claims set holding every literal: `"n0": …, "n1": …`, and them all in one array.
    static var claimsText: String {
        let members = literals.enumerated().map { #""n\#($0.offset)":\#($0.element)"# }
        return #"{"iss":"https://issuer.example","sub":"device-1","aud":"gateway","iat":\#(testNow - 600),"exp":\#(testNow + 3600),"#
            + members.joined(separator: ",") + #","all":[\#(literals.joined(separator: ","))]}"#
    }

    let issuer: Issuer
    let token: String

    init() throws {
        issuer = try Issuer()
        let signed = try runEdgeJWT(["sign", "--key", issuer.privateKey, "-"], stdin: Self.claimsText)
        try #require(signed.status == 0 && signed.lines.count == 1, "sign failed: \(signed)")
        token = signed.lines[0]
    }

    /// Expects `output` to hold every literal as a member and in the array, byte for byte.
    func expectEveryLiteral(in output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (position, literal) in Self.literals.enumerated() {
            #expect(output.contains(#""n\#(position)":\#(literal),"#), "n\(position) = \(literal) in \(output)", sourceLocation: sourceLocation)
        }
        #expect(output.contains(#""all":[\#(Self.literals.joined(separator: ","))]"#), sourceLocation: sourceLocation)
    }

    @Test func verifyJSONPrintsBigIntegersExactlyAsInTheToken() throws {
        let result = try issuer.verify(token)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix(#"{"valid":true,"kid":"k1","#), "\(result)")
        expectEveryLiteral(in: result.stdout)
    }

    @Test func verifyJSONClaimsAreTheTokenPayloadByteForByte() throws {
        let result = try issuer.verify(token)
        #expect(result.stdout.contains(#""claims":\#(Self.claimsText)}"#), "\(result)")
    }

    @Test func verifyStreamPrintsBigIntegersExactlyAsInTheToken() throws {
        let result = try runEdgeJWT(["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "--stream"], stdin: token + "\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 1)
        #expect(result.stdout.hasPrefix(#"{"valid":true,"#), "\(result)")
        expectEveryLiteral(in: result.stdout)
    }

    @Test func verifyWithConfigurationPrintsBigIntegersExactlyAsInTheToken() throws {
        let path = try issuer.directory.write(
            "issuers.json", #"{"issuers": [{"issuer": "https://issuer.example", "jwks_file": "issuer.jwks.json", "client_id": "gateway"}]}"#)
        let result = try runEdgeJWT(["verify", "--config", path, "--now", String(testNow), "--json", token])
        #expect(result.status == 0, "\(result)")
        expectEveryLiteral(in: result.stdout)
    }

    @Test func inspectJSONPrintsBigIntegersExactlyAsInTheToken() throws {
        let result = try runEdgeJWT(["inspect", "--json", token])
        #expect(result.status == 0, "\(result)")
        expectEveryLiteral(in: result.stdout)
    }

    @Test func inspectReportPrintsBigIntegersExactlyAsInTheToken() throws {
        let result = try runEdgeJWT(["inspect", token])
        #expect(result.status == 0, "\(result)")
        for (position, literal) in Self.literals.enumerated() {
            #expect(result.stdout.contains(#""n\#(position)": \#(literal),"#), "n\(position) = \(literal)")
        }
    }

    // MARK: Negative NumericDates

    /// A token with these claims, signed by the issuer.
    func signed(_ claims: String) throws -> String {
        let result = try runEdgeJWT(["sign", "--key", issuer.privateKey, "-"], stdin: claims)
        try #require(result.status == 0, "sign failed: \(result)")
        return result.lines[0]
    }

    @Test func negativeNotBeforeIsLongPastAndTheTokenValid() throws {
        let result = try issuer.verify(try signed(#"{"sub":"device-1","nbf":-100}"#))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(#""nbf":-100"#))
    }

    @Test func negativeExpirationIsExpired() throws {
        let result = try issuer.verify(try signed(#"{"sub":"device-1","exp":-100}"#))
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "expired")
    }

    @Test func negativeIssuedAtIsTooOldForAMaximumAge() throws {
        let result = try issuer.verify(try signed(#"{"sub":"device-1","iat":-100}"#), ["--max-age", "3600"])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "token_too_old")
    }

    @Test(arguments: [
        ("-100", "1969-12-31T23:58:20Z"), ("-0.5", "1969-12-31T23:59:59Z"), ("-62135596800", "0001-01-01T00:00:00Z"),
        ("-12219292800", "1582-10-15T00:00:00Z"), ("-12219292801", "1582-10-14T23:59:59Z"), ("951782400", "2000-02-29T00:00:00Z"),
        ("253402300799", "9999-12-31T23:59:59Z"),
    ])
    func inspectShowsTimeClaimsAsProlepticGregorianUTCDates(_ literal: String, _ date: String) throws {
        let result = try runEdgeJWT(["inspect", try signed(#"{"nbf":\#(literal)}"#)])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.last == "nbf: \(literal) (\(date))", "\(result)")
    }
}
