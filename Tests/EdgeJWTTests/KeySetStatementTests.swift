import Foundation
import Testing
@testable import EdgeJWT

/// ``KeySetStatement``: the envelope is strict, only root signatures count, the payload is read
/// only after them and strictly, and the JWK Set is pinned with the key-set rules.
@Suite struct KeySetStatementTests {
    typealias F = RotationFixture

    private func refusal(_ bytes: [UInt8], root: TrustRoot? = nil) throws -> KeySetStatementError.Code? {
        let root = try root ?? F.trustRoot()
        let error = #expect(throws: KeySetStatementError.self) { try KeySetStatement(verifying: bytes, root: root) }
        return error?.code
    }

    @Test func statementSignedByTheRootIsRead() throws {
        let window = #""not_before":1699990000,"retire_at":1700090000"#
        let statement = try KeySetStatement(verifying: F.statement(sequence: 7, keys: [F.keyA.jwk(window)]), root: F.trustRoot())
        #expect(statement.issuer == F.issuer && statement.sequence == 7)
        #expect(statement.issuedAt == NumericDate(Double(F.now - 60)) && statement.expiresAt == NumericDate(Double(F.now + 30 * 86_400)))
        #expect(statement.keys.keys.map(\.keyID) == ["A"])
        #expect(statement.windows["A"] == KeyWindow(notBefore: 1_699_990_000, retireAt: 1_700_090_000))
    }

    @Test func compactTokenIsNotAStatement() throws {
        #expect(try refusal(Array(F.token(by: F.keyA).utf8)) == .malformedStatement)
    }

    @Test func tokenTypeIsNotAStatementType() throws {
        let payload = #"{"iss":"\#(F.issuer)","seq":1,"iat":1,"exp":2,"jwks":{"keys":[\#(F.keyA.jwk())]}}"#
        #expect(try refusal(F.rawStatement(payload: payload, type: "JWT")) == .wrongType)
    }

    @Test func rootStatementIsNotAKeySetStatement() throws {
        #expect(try refusal(F.root()) == .wrongType)
    }

    @Test func statementSignedByANonRootKeyIsUntrusted() throws {
        #expect(try refusal(F.statement(signedBy: [F.nextRootKeys[0]])) == .untrustedSigner)
    }

    @Test func impostorSignatureUnderARootKidIsInvalid() throws {
        #expect(try refusal(F.statement(signedBy: [F.impostor])) == .invalidSignature)
    }

    @Test func tamperedPayloadFailsTheSignature() throws {
        let bytes = F.statement()
        var document = try #require(JSONValue.parse(bytes)?.objectValue)
        let forged = F.statement(sequence: 99)
        let forgedPayload = try #require(JSONValue.parse(forged)?.objectValue?["payload"])
        document = JSONObject(uniqueMembers: document.members.map { $0.name == "payload" ? .init(name: "payload", value: forgedPayload) : $0 })
        #expect(try refusal(Array(JSONValue.object(document).jsonText.utf8)) == .invalidSignature)
    }

    @Test func signaturesBelowTheThresholdAreRefused() throws {
        let root = try F.trustRoot(threshold: 2, keys: Array(F.rootKeys))
        #expect(try refusal(F.statement(signedBy: [F.rootKeys[1]]), root: root) == .belowThreshold)
    }

    @Test func twoSignaturesByOneRootKeyCountOnce() throws {
        let root = try F.trustRoot(threshold: 2, keys: Array(F.rootKeys))
        #expect(try refusal(F.statement(signedBy: [F.rootKeys[1], F.rootKeys[1]]), root: root) == .belowThreshold)
    }

    @Test func signaturesMeetingTheThresholdAreAccepted() throws {
        let root = try F.trustRoot(threshold: 2, keys: Array(F.rootKeys))
        let statement = try KeySetStatement(verifying: F.statement(signedBy: [F.rootKeys[2], F.nextRootKeys[0], F.rootKeys[0]]), root: root)
        #expect(statement.sequence == 1)
    }

    @Test func unprotectedHeaderIsRefused() throws {
        let bytes = F.statement()
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: #"{"protected""#, with: #"{"header":{"kid":"x"},"protected""#)
        #expect(try refusal(Array(text.utf8)) == .malformedStatement)
    }

    @Test func unknownProtectedHeaderMemberIsRefused() throws {
        let payload = #"{"iss":"\#(F.issuer)","seq":1,"iat":1,"exp":2,"jwks":{"keys":[\#(F.keyA.jwk())]}}"#
        let key = F.rootKeys[0]
        let header = JSONObject(["alg": .string("EdDSA"), "kid": .string("root-1"), "typ": .string(KeySetStatement.type), "crit": .array([.string("exp")])])
        let parts = key.sign(header: header, claims: try #require(JSONValue.parse(Array(payload.utf8))?.objectValue)).split(separator: ".")
        let text = #"{"payload":"\#(parts[1])","signatures":[{"protected":"\#(parts[0])","signature":"\#(parts[2])"}]}"#
        #expect(try refusal(Array(text.utf8)) == .malformedStatement)
    }

    @Test func unknownPayloadMemberIsRefused() throws {
        let payload = #"{"iss":"\#(F.issuer)","seq":1,"iat":1,"exp":2,"jwks":{"keys":[\#(F.keyA.jwk())]},"keys_url":"https://x"}"#
        #expect(try refusal(F.rawStatement(payload: payload)) == .malformedStatement)
    }

    @Test(arguments: [#""seq":0"#, #""seq":1.5"#, #""seq":"1""#, #""seq":-1"#, #""seq":1e3"#, #""seq":9007199254740992"#])
    func sequenceMustBeAPositiveWholeNumber(_ sequence: String) throws {
        let payload = #"{"iss":"\#(F.issuer)",\#(sequence),"iat":1,"exp":2,"jwks":{"keys":[\#(F.keyA.jwk())]}}"#
        #expect(try refusal(F.rawStatement(payload: payload)) == .malformedStatement)
    }

    @Test func expiryNotAfterIssueTimeIsRefused() throws {
        #expect(try refusal(F.statement(issuedAt: 100, expiresAt: 100)) == .malformedStatement)
    }

    @Test func privateKeyMaterialInTheSetIsRefused() throws {
        #expect(try refusal(F.statement(keys: [F.keyA.jwk(#""d":"AAAA""#)])) == .invalidKeySet)
    }

    @Test func keyWithoutKidIsRefused() throws {
        #expect(try refusal(F.statement(keys: [F.keyA.jwk(keyID: nil)])) == .invalidKeySet)
    }

    @Test func retireAtNotAfterNotBeforeIsRefused() throws {
        #expect(try refusal(F.statement(keys: [F.keyA.jwk(#""not_before":200,"retire_at":200"#)])) == .malformedStatement)
    }

    @Test func oversizedStatementIsRefusedBeforeParsing() throws {
        #expect(try refusal([UInt8](repeating: UInt8(ascii: " "), count: KeySetStatement.maxBytes + 1)) == .statementTooLarge)
    }

    @Test func tooManySignaturesAreRefused() throws {
        let signers = [SigningKey](repeating: F.rootKeys[0], count: SignedStatement.maxSignatures + 1)
        #expect(try refusal(F.statement(signedBy: signers)) == .malformedStatement)
    }

    @Test func skippedKeysAreListedWithTheirReason() throws {
        let rsa = #"{"kty":"RSA","kid":"rsa-1","n":"AQAB","e":"AQAB"}"#
        let statement = try KeySetStatement(verifying: F.statement(keys: [rsa, F.keyA.jwk()]), root: F.trustRoot())
        #expect(statement.entries.map(\.keyID) == ["rsa-1", "A"])
        #expect(statement.entries[0].skipReason?.contains("RSA") == true && statement.entries[1].skipReason == nil)
    }
}
