import Foundation
import Testing

/// Each `verify` option changes the outcome: the same token flips between valid and a
/// rejection because of that option alone.
@Suite struct VerifyOptionTests {
    /// One option and a token on which it decides.
    enum Case: String, CaseIterable, Sendable {
        case now, leeway, issuer, audience, maxAge, require, typ

        /// Claims overrides for the token.
        var claims: [String: Any] {
            switch self {
            case .now: ["iat": 1_700_000_000, "exp": 4_102_444_800]
            case .leeway: ["exp": testNow - 30]
            case .issuer: ["iss": "https://a.example"]
            case .audience: ["aud": ["x", "y"]]
            case .maxAge: ["iat": testNow - 1000]
            case .require, .typ: [:]
            }
        }

        /// `verify` arguments under which the token is valid.
        var accepting: [String] {
            switch self {
            case .now: []  // the system clock, before 2100
            case .leeway: ["--now", String(testNow)]  // default leeway 60 s covers exp 30 s ago
            case .issuer: ["--now", String(testNow), "--issuer", "https://b.example", "--issuer", "https://a.example"]
            case .audience: ["--now", String(testNow), "--audience", "y"]
            case .maxAge: ["--now", String(testNow), "--max-age", "1000"]
            case .require: ["--now", String(testNow), "--require", "sub"]
            case .typ: ["--now", String(testNow), "--typ", "application/jwt"]
            }
        }

        /// `verify` arguments under which the token is rejected, and the code.
        var rejecting: (args: [String], code: String) {
            switch self {
            case .now: (["--now", "4102444900"], "expired")
            case .leeway: (["--now", String(testNow), "--leeway", "10"], "expired")
            case .issuer: (["--now", String(testNow), "--issuer", "https://b.example"], "issuer_mismatch")
            case .audience: (["--now", String(testNow), "--audience", "z"], "audience_mismatch")
            case .maxAge: (["--now", String(testNow), "--max-age", "900"], "token_too_old")
            case .require: (["--now", String(testNow), "--require", "sub", "--require", "jti"], "missing_claim")
            case .typ: (["--now", String(testNow), "--typ", "at+jwt"], "type_mismatch")
            }
        }
    }

    @Test(arguments: Case.allCases)
    func optionFlipsTheOutcome(_ option: Case) throws {
        let issuer = try Issuer()
        let token = try issuer.sign(Issuer.claims(option.claims))
        let base = ["verify", "--keys", issuer.publicKeys, "--json"]

        let accepted = try runEdgeJWT(base + option.accepting + [token])
        #expect(accepted.status == 0, "\(accepted)")

        let rejected = try runEdgeJWT(base + option.rejecting.args + [token])
        #expect(rejected.status == 1, "\(rejected)")
        #expect(try rejected.json()["error"] as? String == option.rejecting.code)
    }
}
