import Testing
@testable import EdgeJWT

/// ``TrustRoot``: a provisioned root must meet its own threshold; a successor must be the next
/// sequence and meet both the current root's threshold and its own.
@Suite struct TrustRootTests {
    typealias F = RotationFixture

    @Test func provisionedRootSignedByItsOwnKeyIsAccepted() throws {
        let root = try F.trustRoot()
        #expect(root.sequence == 1 && root.threshold == 1 && root.keys.keys.map(\.keyID) == ["root-1"])
    }

    @Test func provisionedRootBelowItsOwnThresholdIsRefused() {
        let bytes = F.root(threshold: 2, keys: Array(F.rootKeys), signedBy: [F.rootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try TrustRoot(verifying: bytes) }
        #expect(error?.code == .belowThreshold)
    }

    @Test func provisionedRootSignedByAnotherKeyIsUntrusted() {
        let bytes = F.root(keys: [F.rootKeys[0]], signedBy: [F.rootKeys[1]])
        let error = #expect(throws: KeySetStatementError.self) { try TrustRoot(verifying: bytes) }
        #expect(error?.code == .untrustedSigner)
    }

    @Test func rootSignatureByAnImpostorUnderARootKidIsInvalid() {
        let bytes = F.root(keys: [F.rootKeys[0]], signedBy: [F.impostor])
        let error = #expect(throws: KeySetStatementError.self) { try TrustRoot(verifying: bytes) }
        #expect(error?.code == .invalidSignature)
    }

    @Test func thresholdAboveTheKeyCountIsRefused() {
        let bytes = F.root(threshold: 2, keys: [F.rootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try TrustRoot(verifying: bytes) }
        #expect(error?.code == .malformedStatement)
    }

    @Test func rootWithPrivateKeyMaterialIsRefused() throws {
        let payload = JSONObject([
            "seq": .number(JSONNumber(1)), "iat": .number(JSONNumber(1)), "threshold": .number(JSONNumber(1)),
            "jwks": .object(JSONObject(["keys": .array([F.rootKeys[0].privateJWK])])),
        ])
        let bytes = StatementSigner.sign(payload, type: TrustRoot.type, by: [F.rootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try TrustRoot(verifying: bytes) }
        #expect(error?.code == .invalidKeySet)
    }

    @Test func rootWithAKeyThatIsNotEd25519IsRefused() {
        let rsa = #"{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}"#
        let payload = #"{"seq":1,"iat":1,"threshold":1,"jwks":{"keys":[\#(rsa),\#(F.jwks([F.rootKeys[0]]).objectValue!["keys"]!.arrayValue![0].jsonText)]}}"#
        let error = #expect(throws: KeySetStatementError.self) {
            try TrustRoot(verifying: F.rawStatement(payload: payload, type: TrustRoot.type))
        }
        #expect(error?.code == .invalidKeySet)
    }

    @Test func keySetStatementIsNotARoot() {
        let error = #expect(throws: KeySetStatementError.self) { try TrustRoot(verifying: F.statement()) }
        #expect(error?.code == .wrongType)
    }

    @Test func successorSignedByBothRootsIsAccepted() throws {
        let next = F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0], F.nextRootKeys[0]])
        let successor = try F.trustRoot().successor(verifying: next)
        #expect(successor.sequence == 2 && successor.keys.keys.map(\.keyID) == ["next-1"])
    }

    @Test func successorWithoutTheCurrentRootsSignatureIsRefused() throws {
        let next = F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.nextRootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try F.trustRoot().successor(verifying: next) }
        #expect(error?.code == .untrustedSigner)
    }

    @Test func successorWithoutItsOwnSignatureIsRefused() throws {
        let next = F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try F.trustRoot().successor(verifying: next) }
        #expect(error?.code == .untrustedSigner)
    }

    @Test func successorBelowTheCurrentThresholdIsRefused() throws {
        let current = try F.trustRoot(threshold: 2, keys: Array(F.rootKeys))
        let next = F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0], F.nextRootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try current.successor(verifying: next) }
        #expect(error?.code == .belowThreshold)
    }

    @Test func successorBelowItsOwnThresholdIsRefused() throws {
        let next = F.root(sequence: 2, threshold: 2, keys: Array(F.nextRootKeys), signedBy: [F.rootKeys[0], F.nextRootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try F.trustRoot().successor(verifying: next) }
        #expect(error?.code == .belowThreshold)
    }

    @Test(arguments: [UInt64(1), 3])
    func successorWithASequenceOtherThanTheNextIsRefused(_ sequence: UInt64) throws {
        let next = F.root(sequence: sequence, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0], F.nextRootKeys[0]])
        let error = #expect(throws: KeySetStatementError.self) { try F.trustRoot().successor(verifying: next) }
        #expect(error?.code == .rollback)
    }
}
