import Foundation
import Synchronization
import Testing
@testable import EdgeJWT

/// Lists replaced while four threads verify: every verdict is the old list's or the new one's.
@Suite struct StatusListConcurrencyTests {
    static let verifierThreads = 4
    static let installs = 200

    /// Two lists for the same URI whose entry 0 gives different answers: list A (1 bit, byte
    /// 0x01) says INVALID, list B (2 bits, byte 0x02) says SUSPENDED. A mix of one list's `bits`
    /// with the other's bytes reads 0 (VALID) or 1, so a torn read shows up as "accepted".
    static func alternatingLists() -> [String] {
        (0..<installs).map { round in
            let iat = testNow - 10_000 + Int64(round)
            return round.isMultiple(of: 2)
                ? StatusListFixture.token(bytes: [0x01], bits: 1, iat: iat)
                : StatusListFixture.token(bytes: [0x02], bits: 2, iat: iat)
        }
    }

    static func answer(_ verifier: Verifier, _ token: String) -> String {
        do {
            _ = try verifier.verify(token)
            return "accepted"
        } catch {
            return error.code.rawValue
        }
    }

    @Test func everyVerdictIsTheOldOrTheNewListsAnswerWhileListsAreReplaced() throws {
        let keys = try JWKS.keySet(TestKey.issuer.jwk())
        let lists = Self.alternatingLists()
        let check = StatusListCheck(keys: keys)
        try check.install(lists[0])
        let verifier = Verifier(keys: keys, clock: FixedClock(NumericDate(integerLiteral: testNow)), statusChecks: [check])
        let token = TokenFactory().token(payload: StatusListFixture.referencing(idx: "0"))

        let installing = Atomic<Bool>(true)
        let tally = Mutex<[String: Int]>([:])
        let finished = DispatchGroup()
        for _ in 0..<Self.verifierThreads {
            finished.enter()
            Thread {
                var seen: [String: Int] = [:]
                var rounds = 0
                while installing.load(ordering: .acquiring) || rounds < 100 {
                    let answer = Self.answer(verifier, token)
                    seen[answer, default: 0] += 1
                    rounds += 1
                }
                tally.withLock { total in
                    for (answer, count) in seen { total[answer, default: 0] += count }
                }
                finished.leave()
            }.start()
        }
        for list in lists.dropFirst() {
            try check.install(list)
        }
        installing.store(false, ordering: .releasing)
        finished.wait()

        let answers = tally.withLock { $0 }
        #expect(Set(answers.keys).isSubset(of: ["revoked", "suspended"]), "answers: \(answers)")
        #expect(answers.values.reduce(0, +) >= Self.verifierThreads * 100)
        #expect(check.list(for: StatusListFixture.uri)?.bits == 2)
    }
}
