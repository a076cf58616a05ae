import Foundation
import Testing

/// `verify --config FILE [--nonce N]`: several OpenID Providers, each with its own keys, client id
/// and policy from the file (docs/oidc.md); the token's `iss` picks them before the signature.
@Suite struct ConfigOptionTests {
    @Test func eachIssuersTokensVerifyWithItsOwnKeys() throws {
        let gateway = try Gateway()
        let fromA = try gateway.verify(try gateway.a.sign(gateway.claimsA()))
        #expect(fromA.status == 0, "\(fromA)")
        #expect(try (fromA.json()["claims"] as? [String: Any])?["iss"] as? String == Gateway.issuerA)
        let fromB = try gateway.verify(try gateway.b.sign(gateway.claimsB()))
        #expect(fromB.status == 0, "\(fromB)")
        #expect(try fromB.json()["kid"] as? String == "k2")
    }

    /// The option has an effect: B's token is refused with A's `--keys`, accepted with `--config`.
    @Test func configurationReplacesTheSingleKeySet() throws {
        let gateway = try Gateway()
        let token = try gateway.b.sign(gateway.claimsB())
        let pinned = try gateway.a.verify(token)
        #expect(try pinned.json()["error"] as? String == "unknown_key", "\(pinned)")
        #expect(try gateway.verify(token).status == 0)
    }

    /// B pins a key under A's kid: a token claiming A's iss is still checked with A's key only.
    @Test func issPicksTheKeysNotTheKid() throws {
        let gateway = try Gateway(kidB: "k1")
        let result = try gateway.verify(try gateway.b.sign(gateway.claimsA()))
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "invalid_signature")
    }

    @Test func unpinnedIssuerIsRefused() throws {
        let gateway = try Gateway()
        let result = try gateway.verify(try gateway.a.sign(gateway.claimsA().merging(["iss": "https://c.example"]) { _, new in new }))
        #expect(try result.json()["error"] as? String == "issuer_mismatch", "\(result)")
    }

    @Test func tokenWithoutIssIsMissingAClaim() throws {
        let gateway = try Gateway()
        let result = try gateway.verify(try gateway.a.sign(gateway.claimsA().filter { $0.key != "iss" }))
        #expect(try result.json()["error"] as? String == "missing_claim", "\(result)")
    }

    @Test func eachIssuerHasItsOwnClientID() throws {
        let gateway = try Gateway()
        let result = try gateway.verify(try gateway.b.sign(gateway.claimsB().merging(["aud": "gateway-a"]) { _, new in new }))
        #expect(try result.json()["error"] as? String == "audience_mismatch", "\(result)")
    }

    /// A policy member of A's entry and a token it decides on; B (no such member) accepts the
    /// same claims.
    enum Policy: String, CaseIterable, Sendable {
        case maxAuthAge, acrValues, audiencesTrusted, maxAge, typ, leeway

        /// The member, as JSON text after a comma.
        var member: String {
            switch self {
            case .maxAuthAge: #", "max_auth_age": 1000"#
            case .acrValues: #", "acr_values": ["urn:example:loa:2"]"#
            case .audiencesTrusted: #", "audiences_trusted": ["api"]"#
            case .maxAge: #", "max_age": 300"#
            case .typ: #", "typ": "at+jwt""#
            case .leeway: #", "leeway": 0"#
            }
        }

        /// Claims overrides A's entry refuses.
        var refused: [String: Any] {
            switch self {
            case .maxAuthAge: ["auth_time": testNow - 1100]
            case .acrValues: ["acr": "urn:example:loa:1"]
            case .audiencesTrusted: ["aud": ["gateway-a", "api"]]  // several audiences, no azp
            case .maxAge, .typ: [:]  // iat 600 s ago; typ JWT
            case .leeway: ["exp": testNow - 30]
            }
        }

        /// Claims overrides A's entry accepts, or `nil` when only the header decides.
        var accepted: [String: Any]? {
            switch self {
            case .maxAuthAge: ["auth_time": testNow - 1000]
            case .acrValues: ["acr": "urn:example:loa:2"]
            case .audiencesTrusted: ["aud": ["gateway-a", "api"], "azp": "gateway-a"]
            case .maxAge: ["iat": testNow - 300]
            case .typ: nil
            case .leeway: ["exp": testNow + 1]
            }
        }

        var code: String {
            switch self {
            case .maxAuthAge: "auth_time_too_old"
            case .acrValues: "acr_mismatch"
            case .audiencesTrusted: "azp_mismatch"
            case .maxAge: "token_too_old"
            case .typ: "type_mismatch"
            case .leeway: "expired"
            }
        }
    }

    @Test(arguments: Policy.allCases)
    func issuerPolicyComesFromTheFile(_ policy: Policy) throws {
        let gateway = try Gateway(membersA: policy.member)
        let rejected = try gateway.verify(try gateway.a.sign(gateway.claimsA().merging(policy.refused) { _, new in new }))
        #expect(rejected.status == 1, "\(rejected)")
        #expect(try rejected.json()["error"] as? String == policy.code, "\(rejected)")

        if let accepted = policy.accepted {
            let valid = try gateway.verify(try gateway.a.sign(gateway.claimsA().merging(accepted) { _, new in new }))
            #expect(valid.status == 0, "\(valid)")
        }
        let claimsB = gateway.claimsB().merging(policy.refused.filter { $0.key != "aud" }) { _, new in new }
        let otherIssuer = try gateway.verify(try gateway.b.sign(claimsB))
        #expect(otherIssuer.status == 0, "\(otherIssuer)")
    }

    @Test func nonceAppliesToTheChosenIssuer() throws {
        let gateway = try Gateway()
        let token = try gateway.a.sign(gateway.claimsA(Issuer.claims(["nonce": "n-1"])))
        #expect(try gateway.verify(token).status == 0)
        #expect(try gateway.verify(token, ["--nonce", "n-1"]).status == 0)
        let result = try gateway.verify(token, ["--nonce", "n-2"])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "nonce_mismatch")
    }

    @Test func nowStillApplies() throws {
        let gateway = try Gateway()
        let token = try gateway.a.sign(gateway.claimsA())
        let result = try runEdgeJWT(["verify", "--config", gateway.path, "--now", String(testNow + 7200), "--json", token])
        #expect(try result.json()["error"] as? String == "expired", "\(result)")
    }

    @Test func humanOutputIsTheSummary() throws {
        let gateway = try Gateway()
        let result = try gateway.verify(try gateway.b.sign(gateway.claimsB()), json: false)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.prefix(3) == ["VALID", "kid: k2", "iss: \(Gateway.issuerB)"])
    }

    /// Configuration files the library refuses, and the code the CLI must print.
    static let badConfigurations: [(text: String, code: String)] = [
        ("not json", "malformed_configuration"),
        (#"{"issuers": []}"#, "no_issuers"),
        (
            #"{"issuers": [{"issuer": "https://a.example", "jwks_file": "issuer.jwks.json", "client_id": "c", "max_auth_agee": 5}]}"#,
            "unknown_member"
        ),
        (#"{"issuers": [{"issuer": "https://a.example", "client_id": "c"}]}"#, "missing_member"),
        (#"{"issuers": [{"issuer": "https://a.example", "jwks_file": "missing.jwks.json", "client_id": "c"}]}"#, "invalid_key_set"),
    ]

    @Test(arguments: badConfigurations)
    func unusableConfigurationExitsTwoWithItsCode(_ configuration: (text: String, code: String)) throws {
        let issuer = try Issuer()
        let path = try issuer.directory.write("issuers.json", configuration.text)
        let result = try runEdgeJWT(["verify", "--config", path, "--json", try issuer.sign()])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--config \(path): \(configuration.code): "), "\(result)")
    }

    @Test func missingConfigurationFileIsUnreadable() throws {
        let issuer = try Issuer()
        let path = issuer.directory.file("missing.json")
        let result = try runEdgeJWT(["verify", "--config", path, try issuer.sign()])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--config \(path): unreadable_file: "), "\(result)")
    }

    /// Options whose policy the file sets: refused with `--config`.
    static let policyOptions: [[String]] = [
        ["--keys", "k.json"], ["--issuer", "https://a.example"], ["--audience", "gateway"], ["--leeway", "5"],
        ["--max-age", "5"], ["--typ", "JWT"], ["--require", "sub"], ["--client-id", "gateway-a"],
        ["--max-auth-age", "5"], ["--oidc"],
    ]

    @Test(arguments: policyOptions)
    func policyOptionWithConfigurationExitsTwoNamingIt(_ option: [String]) throws {
        let gateway = try Gateway()
        let result = try gateway.verify(try gateway.a.sign(gateway.claimsA()), option)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(option[0]) cannot be used with --config"), "\(result)")
    }

    @Test func keysOrConfigurationIsRequired() throws {
        let result = try runEdgeJWT(["verify", "--now", String(testNow), "t"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--keys"))
        #expect(result.stderr.contains("--config"))
    }
}
