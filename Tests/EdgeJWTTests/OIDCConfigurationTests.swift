import Foundation
import Testing
@testable import EdgeJWT

/// The gateway configuration file (docs/oidc.md): issuers, key sets, client ids and policy.
@Suite struct OIDCConfigurationTests {
    /// A fresh directory holding `issuers.json` with `text` and a JWK Set file `accounts.jwks.json`.
    static func directory(config text: String, jwks: String = #"{"keys":[\#(TestKey.issuer.jwk())]}"#) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-oidc-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path + "/keys", withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/issuers.json"))
        try Data(jwks.utf8).write(to: URL(fileURLWithPath: path + "/keys/accounts.jwks.json"))
        return path
    }

    static func load(_ text: String) throws(IssuerConfigurationError) -> IssuerConfiguration {
        try IssuerConfiguration(json: Array(text.utf8), baseDirectory: "/nonexistent")
    }

    static func expectRejected(
        _ code: IssuerConfigurationError.Code, _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: IssuerConfigurationError.self, sourceLocation: sourceLocation) { try load(text) }
        #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "accepted")", sourceLocation: sourceLocation)
    }

    static let inlineKeys = #"{"keys":[\#(TestKey.second.jwk())]}"#

    @Test func loadsAFileWithARelativeJWKSFileAndAnInlineJWKS() throws {
        let config = """
            {"issuers": [
              {"issuer": "https://accounts.example.com", "jwks_file": "keys/accounts.jwks.json",
               "client_id": "gateway-7f3a", "audiences_trusted": ["https://api.example.com"],
               "leeway": 30, "max_age": 86400, "max_auth_age": 3600,
               "acr_values": ["urn:example:loa:2"], "typ": "JWT", "require_at_hash": true},
              {"issuer": "https://login.other-idp.example", "jwks": \(Self.inlineKeys), "client_id": "gw"}
            ]}
            """
        let path = try Self.directory(config: config)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try IssuerConfiguration(contentsOfFile: path + "/issuers.json")
        try #require(configuration.entries.count == 2)
        let accounts = configuration.entries[0]
        #expect(accounts.issuer == "https://accounts.example.com")
        #expect(accounts.keys.keys.map(\.keyID) == ["k1"])
        #expect(accounts.clientID == "gateway-7f3a")
        #expect(accounts.oidc.trustedAudiences == ["https://api.example.com"])
        #expect(accounts.oidc.maxAuthenticationAge == .seconds(3600))
        #expect(accounts.oidc.acceptedACRValues == ["urn:example:loa:2"])
        #expect(accounts.oidc.requiresAccessTokenHash)
        #expect(accounts.options.leeway == .seconds(30))
        #expect(accounts.options.maxAge == .seconds(86400))
        #expect(accounts.options.requiredType == "JWT")
        #expect(accounts.options.issuers == ["https://accounts.example.com"])
        #expect(accounts.options.oidc == accounts.oidc)
        let login = configuration.entries[1]
        #expect(login.keys.keys.map(\.keyID) == ["k2"])
        #expect(login.options.leeway == .seconds(60))
        #expect(login.oidc.maxAuthenticationAge == nil)
        let gateway = try MultiIssuerVerifier(contentsOfFile: path + "/issuers.json", clock: FixedClock(NumericDate(integerLiteral: OIDCFixture.now)))
        #expect(gateway.issuers == ["https://accounts.example.com", "https://login.other-idp.example"])
    }

    @Test func loadsTheExampleInTheDocumentation() throws {
        var root = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        root.removeLast(3)
        let document = try String(contentsOfFile: root.joined(separator: "/") + "/docs/oidc.md", encoding: .utf8)
        let blocks = document.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let example = try #require(blocks.first)
        let path = try Self.directory(config: example)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try IssuerConfiguration(contentsOfFile: path + "/issuers.json")
        #expect(configuration.entries.map(\.clientID) == ["gateway-7f3a.apps.example.com", "gateway-7f3a"])
    }

    @Test func rejectsAnUnknownMemberInAnIssuer() {
        Self.expectRejected(.unknownMember, #"{"issuers":[{"issuer":"https://a.example","jwks":\#(Self.inlineKeys),"client_id":"c","max_auth_agee":60}]}"#)
    }

    @Test func rejectsAnUnknownTopLevelMember() {
        Self.expectRejected(.unknownMember, #"{"issuers":[{"issuer":"https://a.example","jwks":\#(Self.inlineKeys),"client_id":"c"}],"leeway":5}"#)
    }

    @Test func rejectsBothAndNeitherKeySource() {
        Self.expectRejected(.conflictingMembers, #"{"issuers":[{"issuer":"https://a.example","jwks":\#(Self.inlineKeys),"jwks_file":"k.json","client_id":"c"}]}"#)
        Self.expectRejected(.missingMember, #"{"issuers":[{"issuer":"https://a.example","client_id":"c"}]}"#)
    }

    @Test func rejectsMissingIssuerOrClientID() {
        Self.expectRejected(.missingMember, #"{"issuers":[{"jwks":\#(Self.inlineKeys),"client_id":"c"}]}"#)
        Self.expectRejected(.missingMember, #"{"issuers":[{"issuer":"https://a.example","jwks":\#(Self.inlineKeys)}]}"#)
        Self.expectRejected(.missingMember, #"{}"#)
    }

    @Test func rejectsADuplicateIssuer() {
        let entry = #"{"issuer":"https://a.example","jwks":\#(Self.inlineKeys),"client_id":"c"}"#
        Self.expectRejected(.duplicateIssuer, #"{"issuers":[\#(entry),\#(entry)]}"#)
    }

    @Test func rejectsAnEmptyIssuerList() {
        Self.expectRejected(.noIssuers, #"{"issuers":[]}"#)
    }

    @Test func rejectsWrongTypesAndRanges() {
        let prefix = #"{"issuers":[{"issuer":"https://a.example","jwks":\#(Self.inlineKeys),"client_id":"c","#
        Self.expectRejected(.malformedConfiguration, prefix + #""leeway":-1}]}"#)
        Self.expectRejected(.malformedConfiguration, prefix + #""max_auth_age":"3600"}]}"#)
        Self.expectRejected(.malformedConfiguration, prefix + #""acr_values":"urn:example:loa:2"}]}"#)
        Self.expectRejected(.malformedConfiguration, prefix + #""require_at_hash":1}]}"#)
        Self.expectRejected(.malformedConfiguration, #"{"issuers":[{"issuer":"","jwks":\#(Self.inlineKeys),"client_id":"c"}]}"#)
        Self.expectRejected(.malformedConfiguration, #"{"issuers":[{"issuer":"https://a.example","jwks":\#(Self.inlineKeys),"client_id":""}]}"#)
        Self.expectRejected(.malformedConfiguration, #"{"issuers":{}}"#)
        Self.expectRejected(.malformedConfiguration, #"{"issuers":[], "issuers":[]}"#)
    }

    @Test func rejectsAKeySetWithPrivateMaterial() {
        let privateKey = #"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"\#(TestKey.issuer.x)","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}"#
        Self.expectRejected(.invalidKeySet, #"{"issuers":[{"issuer":"https://a.example","jwks":\#(privateKey),"client_id":"c"}]}"#)
    }

    @Test func rejectsAMissingJWKSFile() throws {
        let path = try Self.directory(config: #"{"issuers":[{"issuer":"https://a.example","jwks_file":"keys/absent.json","client_id":"c"}]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: IssuerConfigurationError.self) { try IssuerConfiguration(contentsOfFile: path + "/issuers.json") }
        #expect(error?.code == .invalidKeySet)
    }

    @Test func rejectsAnUnreadableConfigurationFile() {
        let error = #expect(throws: IssuerConfigurationError.self) { try IssuerConfiguration(contentsOfFile: "/nonexistent/issuers.json") }
        #expect(error?.code == .unreadableFile)
    }
}
