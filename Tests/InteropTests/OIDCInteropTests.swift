import EdgeJWT
import Foundation
import Testing

/// A realistic ID Token issued with joserfc (at_hash by Python hashlib) passes EdgeJWT's OpenID
/// Connect profile, and each OIDC binding it carries is really checked.
@Suite struct OIDCInteropTests {
    private static let provider = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Peer/joserfc_id_token.py").path

    private struct Issued {
        let keys: PinnedKeySet
        let idToken: String
        let issuer: String
        let clientID: String
        let trustedAudience: String
        let nonce: String
        let accessToken: String
        let atHash: String
        let now: NumericDate
    }

    private func issue() throws -> Issued {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-oidc-\(UUID().uuidString)")
        let run = try ProcessRun.run(ProcessRun.python, ["python3", Self.provider, directory.path])
        try #require(run.status == 0, "joserfc provider failed: \(run.stderr)")
        let text = try Data(contentsOf: directory.appendingPathComponent("id_token.json"))
        let object = try #require(JSONValue.parse(Array(text))?.objectValue)
        func string(_ name: String) throws -> String { try #require(object[name]?.stringValue) }
        return Issued(
            keys: try PinnedKeySet(contentsOfFile: directory.appendingPathComponent("keys.json").path),
            idToken: try string("id_token"), issuer: try string("issuer"), clientID: try string("client_id"),
            trustedAudience: try string("trusted_audience"), nonce: try string("nonce"),
            accessToken: try string("access_token"), atHash: try string("at_hash"),
            now: NumericDate(try #require(object["now"]?.doubleValue)))
    }

    private func verifier(_ issued: Issued, _ adjust: (inout OIDCOptions) -> Void = { _ in }) -> Verifier {
        var oidc = OIDCOptions(clientID: issued.clientID)
        oidc.trustedAudiences = [issued.trustedAudience]
        oidc.nonce = issued.nonce
        oidc.maxAuthenticationAge = .seconds(300)
        oidc.accessToken = issued.accessToken
        oidc.requiresAccessTokenHash = true
        oidc.acceptedACRValues = ["urn:mace:incommon:iap:silver"]
        adjust(&oidc)
        var options = VerifierOptions()
        options.issuers = [issued.issuer]
        options.oidc = oidc
        return Verifier(keys: issued.keys, options: options, clock: FixedClock(issued.now))
    }

    @Test func joserfcIDTokenPassesTheFullProfile() throws {
        let issued = try issue()
        let token = try verifier(issued).verify(issued.idToken)
        #expect(token.keyID == "2026-11")
        #expect(token.header.algorithm == "Ed25519")
        let claims = try token.claims.oidc()
        #expect(claims.authorizedParty == issued.clientID)
        #expect(claims.accessTokenHash == issued.atHash)
        #expect(claims.authenticationMethods == ["pwd", "otp"])
    }

    @Test func anotherAccessTokenIsATokenHashMismatch() throws {
        let issued = try issue()
        let error = #expect(throws: VerificationError.self) {
            try verifier(issued) { $0.accessToken = issued.accessToken + "x" }.verify(issued.idToken)
        }
        #expect(error?.code == .tokenHashMismatch)
    }

    @Test func anotherNonceIsANonceMismatch() throws {
        let issued = try issue()
        let error = #expect(throws: VerificationError.self) {
            try verifier(issued) { $0.nonce = "not-" + issued.nonce }.verify(issued.idToken)
        }
        #expect(error?.code == .nonceMismatch)
    }

    @Test func anotherClientIsRefused() throws {
        let issued = try issue()
        let error = #expect(throws: VerificationError.self) {
            try verifier(issued) { $0.clientID = "someone-else" }.verify(issued.idToken)
        }
        #expect(error?.code == .audienceMismatch)
    }

    @Test func anUntrustedExtraAudienceIsRefused() throws {
        let issued = try issue()
        let error = #expect(throws: VerificationError.self) {
            try verifier(issued) { $0.trustedAudiences = [] }.verify(issued.idToken)
        }
        #expect(error?.code == .audienceMismatch)
    }

    @Test func anOldAuthenticationIsRefused() throws {
        let issued = try issue()
        let error = #expect(throws: VerificationError.self) {
            try verifier(issued) { $0.maxAuthenticationAge = .seconds(30) }.verify(issued.idToken)
        }
        #expect(error?.code == .authTimeTooOld)
    }
}
