import Testing
@testable import EdgeJWT

/// ``RotatingKeySet/install(_:at:)`` and ``RotatingKeySet/installRoot(_:at:)``: each install rule,
/// and that a refused statement changes nothing.
@Suite struct RotatingKeySetTests {
    typealias F = RotationFixture

    private func refusal(_ keys: RotatingKeySet, _ bytes: [UInt8], at now: UInt64? = nil) -> KeySetStatementError.Code? {
        let error = #expect(throws: KeySetStatementError.self) { try keys.install(bytes, at: now.map { NumericDate(Double($0)) }) }
        return error?.code
    }

    @Test func validStatementIsInstalled() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(sequence: 3))
        #expect(keys.statement?.sequence == 3)
    }

    @Test func statementForAnotherIssuerIsRefused() throws {
        let keys = try F.keySet()
        #expect(refusal(keys, F.statement(issuer: "https://other.example")) == .issuerMismatch)
        #expect(keys.statement == nil)
    }

    @Test func lowerSequenceIsRefusedAndTheNewerStaysInForce() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(sequence: 5))
        #expect(refusal(keys, F.statement(sequence: 4)) == .rollback)
        #expect(keys.statement?.sequence == 5)
    }

    @Test func sameSequenceWithOtherContentIsRefused() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(sequence: 5))
        #expect(refusal(keys, F.statement(sequence: 5, keys: [F.keyB.jwk()])) == .rollback)
        #expect(keys.statement?.keys.keys.map(\.keyID) == ["A"])
    }

    @Test func sameStatementAgainChangesNothing() throws {
        let keys = try F.keySet()
        let bytes = F.statement(sequence: 5)
        try keys.install(bytes)
        #expect(try keys.install(bytes).sequence == 5)
    }

    @Test func expiredStatementIsRefused() throws {
        let keys = try F.keySet()
        #expect(refusal(keys, F.statement(issuedAt: F.now - 100, expiresAt: F.now)) == .expired)
        #expect(keys.statement == nil)
    }

    @Test func statementIssuedBeyondTheLeewayInTheFutureIsRefused() throws {
        let keys = try F.keySet()
        #expect(refusal(keys, F.statement(issuedAt: F.now + 61)) == .issuedInFuture)
        try keys.install(F.statement(issuedAt: F.now + 60))
        #expect(keys.statement != nil)
    }

    @Test func installRaisesTheTimeFloorToTheStatementsIssueTime() throws {
        let floor = try TimeFloor(path: nil)
        let keys = try F.keySet(timeFloor: floor)
        try keys.install(F.statement(issuedAt: F.now - 60))
        #expect(floor.value == NumericDate(Double(F.now - 60)))
    }

    @Test func refusedStatementLeavesTheTimeFloorUnchanged() throws {
        let floor = try TimeFloor(path: nil)
        let keys = try F.keySet(timeFloor: floor)
        let before = floor.value
        #expect(refusal(keys, F.statement(issuer: "https://other.example", issuedAt: F.now - 60)) == .issuerMismatch)
        #expect(floor.value == before && before < NumericDate(Double(F.now - 60)))
    }

    @Test func statementSignedByANonRootKeyIsRefused() throws {
        let keys = try F.keySet()
        #expect(refusal(keys, F.statement(signedBy: [F.nextRootKeys[0]])) == .untrustedSigner)
    }

    @Test func rootRotationMakesTheNewRootSignStatements() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(sequence: 1))
        try keys.installRoot(F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0], F.nextRootKeys[0]]))
        #expect(keys.trustRoot.sequence == 2 && keys.statement?.sequence == 1)
        #expect(refusal(keys, F.statement(sequence: 2, signedBy: [F.rootKeys[0]])) == .untrustedSigner)
        try keys.install(F.statement(sequence: 2, signedBy: [F.nextRootKeys[0]]))
        #expect(keys.statement?.sequence == 2)
    }

    @Test func refusedRootLeavesTheCurrentRoot() throws {
        let keys = try F.keySet()
        let error = #expect(throws: KeySetStatementError.self) {
            try keys.installRoot(F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.nextRootKeys[0]]))
        }
        #expect(error?.code == .untrustedSigner)
        #expect(keys.trustRoot.sequence == 1)
    }

    @Test func rootIssuedInTheFutureIsRefused() throws {
        let keys = try F.keySet()
        let error = #expect(throws: KeySetStatementError.self) {
            try keys.installRoot(F.root(sequence: 2, keys: [F.nextRootKeys[0]], signedBy: [F.rootKeys[0], F.nextRootKeys[0]], issuedAt: F.now + 3_600))
        }
        #expect(error?.code == .issuedInFuture)
    }

    @Test func statusReportsSequenceExpiryAndKeyUsability() throws {
        let keys = try F.keySet()
        try keys.install(F.statement(sequence: 4, keys: [F.keyA.jwk(#""retire_at":\#(F.now)"#), F.keyB.jwk()]))
        let status = keys.status(at: NumericDate(Double(F.now)))
        #expect(status.statement?.sequence == 4 && !status.isExpired && !status.failsClosed)
        #expect(status.keys.map(\.keyID) == ["A", "B"] && status.keys.map(\.isUsable) == [false, true])
        #expect(status.keys[0].reason?.contains("retired at \(F.now)") == true)
    }
}
