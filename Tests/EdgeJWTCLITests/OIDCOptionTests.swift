import Foundation
import Testing

/// `verify --oidc --client-id ID [--nonce N] [--max-auth-age SECONDS]`: the OpenID Connect ID
/// Token profile for the one `--issuer`, and the usage errors around it.
@Suite struct OIDCOptionTests {
    static let issuer = "https://issuer.example"
    /// `--issuer` and `--oidc --client-id gateway`: the profile for `Issuer.claims()`.
    static let profile = ["--issuer", issuer, "--oidc", "--client-id", "gateway"]

    /// One option and a token on which it decides.
    enum Case: String, CaseIterable, Sendable {
        case oidc, clientID, nonce, maxAuthAge, authTimeRequired, azp, idTokenClaims

        /// Claims overrides for the token.
        var claims: [String: Any] {
            switch self {
            case .oidc: ["aud": ["gateway", "api"]]
            case .clientID: [:]
            case .nonce: ["nonce": "n-0S6_WzA2Mj"]
            case .maxAuthAge: ["auth_time": testNow - 1000]
            case .authTimeRequired: [:]
            case .azp: ["azp": "another-client"]
            case .idTokenClaims: ["sub": NSNull()]
            }
        }

        /// `verify` arguments under which the token is valid.
        var accepting: [String] {
            switch self {
            case .oidc: ["--issuer", OIDCOptionTests.issuer]
            case .clientID: OIDCOptionTests.profile
            case .nonce: OIDCOptionTests.profile + ["--nonce", "n-0S6_WzA2Mj"]
            case .maxAuthAge: OIDCOptionTests.profile + ["--max-auth-age", "1000"]  // + 60 s leeway
            case .authTimeRequired: OIDCOptionTests.profile
            case .azp: ["--issuer", OIDCOptionTests.issuer, "--audience", "gateway"]
            case .idTokenClaims: ["--issuer", OIDCOptionTests.issuer]
            }
        }

        /// `verify` arguments under which the token is rejected, and the code.
        var rejecting: (args: [String], code: String) {
            switch self {
            case .oidc: (OIDCOptionTests.profile, "audience_mismatch")  // "api" is not a trusted audience
            case .clientID: (["--issuer", OIDCOptionTests.issuer, "--oidc", "--client-id", "other"], "audience_mismatch")
            case .nonce: (OIDCOptionTests.profile + ["--nonce", "n-other"], "nonce_mismatch")
            case .maxAuthAge: (OIDCOptionTests.profile + ["--max-auth-age", "900"], "auth_time_too_old")
            case .authTimeRequired: (OIDCOptionTests.profile + ["--max-auth-age", "3600"], "missing_claim")
            case .azp: (OIDCOptionTests.profile, "azp_mismatch")
            case .idTokenClaims: (OIDCOptionTests.profile, "missing_claim")
            }
        }
    }

    @Test(arguments: Case.allCases)
    func optionFlipsTheOutcome(_ option: Case) throws {
        let issuer = try Issuer()
        var claims = Issuer.claims(option.claims)
        claims = claims.filter { !($0.value is NSNull) }
        let token = try issuer.sign(claims)

        let accepted = try issuer.verify(token, option.accepting)
        #expect(accepted.status == 0, "\(accepted)")

        let rejected = try issuer.verify(token, option.rejecting.args)
        #expect(rejected.status == 1, "\(rejected)")
        #expect(try rejected.json()["error"] as? String == option.rejecting.code, "\(rejected)")
    }

    /// A missing nonce is `nonce_mismatch` once a nonce was sent, and not checked otherwise.
    @Test func tokenWithoutNonceFailsOnlyWhenOneWasSent() throws {
        let issuer = try Issuer()
        let token = try issuer.sign()
        #expect(try issuer.verify(token, Self.profile).status == 0)
        let result = try issuer.verify(token, Self.profile + ["--nonce", "n-1"])
        #expect(try result.json()["error"] as? String == "nonce_mismatch", "\(result)")
    }

    @Test func profileIsPrintedLikeAnyValidToken() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(Issuer.claims(["nonce": "n-1"])), Self.profile + ["--nonce", "n-1"], json: false)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "VALID")
    }

    /// Combinations that cannot mean what they say, and what the message must name.
    static let usageErrors: [(args: [String], message: String)] = [
        (["--oidc", "--issuer", issuer], "--oidc needs --client-id"),
        (["--oidc", "--client-id", "gateway"], "--oidc needs exactly one --issuer"),
        (
            ["--oidc", "--client-id", "gateway", "--issuer", issuer, "--issuer", "https://other.example"],
            "--oidc needs exactly one --issuer"
        ),
        (["--oidc", "--client-id", "", "--issuer", issuer], "--client-id must not be empty"),
        (["--client-id", "gateway", "--issuer", issuer], "--client-id needs --oidc"),
        (["--nonce", "n-1", "--issuer", issuer], "--nonce needs --oidc"),
        (["--max-auth-age", "300", "--issuer", issuer], "--max-auth-age needs --oidc"),
    ]

    @Test(arguments: usageErrors)
    func usageErrorExitsTwoNamingTheOption(_ usage: (args: [String], message: String)) throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(), usage.args)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(usage.message), "\(result)")
    }

    @Test(arguments: ["-5", "soon", "nan"])
    func maxAuthAgeMustBeSeconds(_ value: String) throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(), Self.profile + ["--max-auth-age=\(value)"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--max-auth-age"), "\(result)")
    }
}
