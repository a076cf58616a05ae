import Testing
@testable import EdgeJWT

/// The whole pipeline from many tasks at once: one shared `Verifier` gives every verdict right.
@Suite struct VerifierConcurrencyTests {
    static let taskCount = 8
    static let verificationsPerTask = 200

    /// Tokens and the verdict each must get: `nil` for accepted, else the rejection code.
    static func cases(_ harness: Harness) -> [(token: String, expected: VerificationError.Code?)] {
        [
            (harness.token(payload: #"{"sub":"alice","exp":\#(testNow + 60)}"#), nil),
            (harness.token(payload: #"{"exp":\#(testNow - 3600)}"#), .expired),
            (harness.token(header: #"{"alg":"EdDSA","kid":"k9"}"#), .unknownKey),
            (TokenEdit.flippingBit(3, ofSegment: 2, in: harness.token()), .invalidSignature),
            (harness.token(header: #"{"alg":"HS256","kid":"k1"}"#), .unsupportedAlgorithm),
            (harness.token(payload: #"{"nbf":\#(testNow + 3600)}"#), .notYetValid),
            ("not-a-token", .malformedToken),
        ]
    }

    /// The verdict of one verification: `nil` for accepted, else the code.
    static func verdict(_ verifier: Verifier, _ token: String) -> VerificationError.Code? {
        do {
            _ = try verifier.verify(token)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func sharedVerifierGivesEveryVerdictRightFromConcurrentTasks() async throws {
        let harness = try Harness()
        let cases = Self.cases(harness)
        let verifier = harness.verifier
        let results = await withTaskGroup(of: (checked: Int, wrong: Int).self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    var wrong = 0
                    for round in 0..<Self.verificationsPerTask {
                        let (token, expected) = cases[(task + round) % cases.count]
                        if Self.verdict(verifier, token) != expected { wrong += 1 }
                    }
                    return (Self.verificationsPerTask, wrong)
                }
            }
            return await group.reduce(into: [(checked: Int, wrong: Int)]()) { $0.append($1) }
        }
        #expect(results.map(\.checked).reduce(0, +) == Self.taskCount * Self.verificationsPerTask)
        #expect(results.map(\.wrong).reduce(0, +) == 0)
    }

    @Test func everyCaseGetsItsVerdictSequentially() throws {
        let harness = try Harness()
        for (token, expected) in Self.cases(harness) {
            #expect(Self.verdict(harness.verifier, token) == expected, "\(token)")
        }
    }
}
