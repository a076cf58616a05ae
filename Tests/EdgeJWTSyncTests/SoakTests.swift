import EdgeJWT
import EdgeJWTSync
import Foundation
import Synchronization
import Testing

/// Everything at once, for a while: the agent runs on its own thread against nginx; the test
/// publishes a new revocation list (and status list) every cycle and injects a fault into most
/// cycles (nginx down, a forged list, an older list, a truncated one); an installer thread races
/// the agent with direct installs of the newest list and of older ones; two verifier threads
/// check tokens all along. No verdict may be computed against a torn or rolled-back list, and
/// nothing may crash. Key-set statements are published, faulted, raced and checked the same way.
///
/// List `s` revokes `revoked-1` and tokens `gen-1` … `gen-(s−1)`, so a verifier that reads the
/// installed sequence `b` before a verdict and `a` after it knows the verdict's list lies in
/// `b … a`: `gen-k` must be revoked if `k < b` and valid if `k ≥ a`. A verdict outside that is a
/// torn list; an installed sequence lower than one seen before is a rollback.
///
/// Duration: `EDGEJWT_SOAK_S` seconds (default 3, at most 3600), e.g.
/// `EDGEJWT_SOAK_S=600 swift test --filter SoakTests`. Its result is recorded in docs/SECURITY.md.
@Suite struct SoakTests {
    static var duration: Double {
        ProcessInfo.processInfo.environment["EDGEJWT_SOAK_S"].flatMap(Double.init).map { min(max($0, 1), 3_600) } ?? 3
    }

    /// Tokens `gen-1` … `gen-cap`; later lists revoke no more of them (a list stays small).
    static let cap = 400

    /// Keys `g-1` … `g-keyCap`; later statements add no more of them.
    static let keyCap = 64
    static let generationKeys = (1...keyCap).map { k in
        SigningKey(seed: [UInt8](repeating: UInt8(k), count: 32), keyID: "g-\(k)", algorithm: "EdDSA")
    }

    /// Statement `s`'s keys: `g-1` … `g-min(s, keyCap)`.
    static func keySetEntries(_ sequence: UInt64) -> [KeyPublisher.Entry] {
        generationKeys.prefix(Int(min(sequence, UInt64(keyCap)))).map { KeyPublisher.Entry(key: $0) }
    }

    @Test func mixedInstallsAndFaultsNeverExposeATornOrRolledBackList() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(nginx: nginx)
        let keyPublisher = KeyPublisher()
        let keySetSeed = keyPublisher.statement(sequence: 1, Self.keySetEntries(1))
        try fixture.replaceServed("keyset.json", with: keySetSeed)
        configuration.sources.append(
            .init(
                name: "keys", kind: .keySetStatement, url: nginx.baseURL + "/keyset.json", issuer: KeyPublisher.issuer,
                trustRootPath: try fixture.work.write("trust-root.json", keyPublisher.trustRoot)))
        configuration.period = .milliseconds(100)
        configuration.minimumPeriod = .milliseconds(20)
        configuration.initialBackoff = .milliseconds(20)
        configuration.maximumBackoff = .milliseconds(200)
        configuration.fullFetchPeriod = .seconds(1)
        let agent = try SyncAgent(configuration: configuration)
        try #require(agent.syncAll().map(\.result) == [.updated, .updated, .updated])
        let keySet = try #require(agent.keySets[KeyPublisher.issuer])
        let keyTokens = Self.generationKeys.map { keyPublisher.token($0) }
        let check = try #require(agent.revocationLists["main"])
        let generations = (1...Self.cap).map { fixture.publisher.token(jti: "gen-\($0)", statusIndex: 0) }
        let seed = try fixture.publisher.revocationList(sequence: 1, revoked: ["revoked-1"])

        let deadline = Date().addingTimeInterval(Self.duration)
        let running = Atomic<Bool>(true)
        let problems = Locked<[String]>([])
        @Sendable func report(_ problem: String) { problems.withLock { if $0.count < 20 { $0.append(problem) } } }
        let verdicts = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        /// The newest list published so far, for the installer thread.
        let newest = Locked<[UInt8]>(seed)
        var threads = 0

        func spawn(_ body: @escaping @Sendable () -> Void) {
            threads += 1
            Thread {
                body()
                finished.add(1, ordering: .releasing)
            }.start()
        }

        spawn { agent.run() }
        for _ in 0..<2 {
            spawn {
                var seen: UInt64 = 0
                var round = 0
                let fixed = [(fixture.valid, "valid"), (fixture.revokedByList, "revoked"), (fixture.revokedByStatus, "revoked")]
                while running.load(ordering: .acquiring) {
                    round += 1
                    let before = check.list?.sequence ?? 0
                    let k = 1 + (round * 7919) % Self.cap
                    let verdict = fixture.verdict(agent, generations[k - 1])
                    let after = check.list?.sequence ?? 0
                    if before < seen || after < before {
                        report("rollback: saw sequence \(seen), then \(before), then \(after)")
                    }
                    seen = after
                    if Int(before) - 1 >= k && verdict != "revoked" {
                        report("torn: gen-\(k) is \(verdict) with list \(before) or later installed")
                    }
                    if Int(after) - 1 < k && verdict != "valid" {
                        report("torn: gen-\(k) is \(verdict) with list \(after) or earlier installed")
                    }
                    let (token, expected) = fixed[round % fixed.count]
                    let actual = fixture.verdict(agent, token)
                    if actual != expected { report("\(expected) → \(actual)") }
                    verdicts.add(2, ordering: .relaxed)
                }
            }
        }
        spawn {
            // Direct installs racing the agent's: the newest list (installed or unchanged) and the
            // first one (refused as a rollback once a later one is in).
            while running.load(ordering: .acquiring) {
                let installed = check.list?.sequence ?? 0
                if let list = try? check.install(seed), installed > 1 {
                    report("rollback accepted: sequence \(list.sequence) installed over \(installed)")
                }
                let bytes = newest.withLock { $0 }
                do throws(RevocationListError) {
                    _ = try check.install(bytes)
                } catch where error.code == .rollback {
                    // The agent installed a later list in between.
                } catch {
                    report("the newest list was refused: \(error)")
                }
                usleep(2_000)
            }
        }
        // Key-set installs: statement `s` holds keys `g-1` … `g-min(s, keyCap)`, so the token of
        // `g-k` must verify once a statement `≥ k` is installed and be `unknown_key` before. A
        // thread installs the newest and the first statement directly, racing the agent; another
        // verifies with the same before/after bracketing.
        let newestKeySet = Locked<[UInt8]>(keySetSeed)
        spawn {
            while running.load(ordering: .acquiring) {
                let installed = keySet.statement?.sequence ?? 0
                if let statement = try? keySet.install(keySetSeed), installed > 1 {
                    report("key-set rollback accepted: sequence \(statement.sequence) installed over \(installed)")
                }
                let bytes = newestKeySet.withLock { $0 }
                do throws(KeySetStatementError) {
                    _ = try keySet.install(bytes)
                } catch where error.code == .rollback {
                    // The agent installed a later statement in between.
                } catch {
                    report("the newest key-set statement was refused: \(error)")
                }
                usleep(2_000)
            }
        }
        spawn {
            let verifier = Verifier(keys: keySet, clock: agent.clock)
            var seen: UInt64 = 0
            var round = 0
            while running.load(ordering: .acquiring) {
                round += 1
                let k = 1 + (round * 7919) % Self.keyCap
                let before = keySet.statement?.sequence ?? 0
                let verdict: String
                do throws(VerificationError) {
                    _ = try verifier.verify(keyTokens[k - 1])
                    verdict = "valid"
                } catch {
                    verdict = error.code.rawValue
                }
                let after = keySet.statement?.sequence ?? 0
                if before < seen || after < before {
                    report("key-set rollback: saw sequence \(seen), then \(before), then \(after)")
                }
                seen = after
                if Int(before) >= k && verdict != "valid" { report("torn key set: g-\(k) is \(verdict) with statement \(before) or later") }
                if Int(after) < k && verdict != "unknown_key" { report("torn key set: g-\(k) is \(verdict) with statement \(after) or earlier") }
                verdicts.add(1, ordering: .relaxed)
            }
        }

        var sequence: UInt64 = 1
        var cycles = 0
        while Date() < deadline {
            cycles += 1
            sequence += 1
            let revoked = ["revoked-1"] + (1..<Int(sequence)).prefix(Self.cap).map { "gen-\($0)" }
            let list = try fixture.publisher.revocationList(sequence: sequence, revoked: revoked, iat: fixture.publisher.now)
            let statement = keyPublisher.statement(sequence: sequence, Self.keySetEntries(sequence))
            switch cycles % 5 {
            case 1:
                nginx.stop()
                usleep(50_000)
            case 2:
                var forged = list
                forged[forged.count - 1] ^= 0x01
                try fixture.replaceServed("main.ejrl", with: forged)
                try fixture.replaceServed(
                    "keyset.json", with: keyPublisher.statement(sequence: sequence, Self.keySetEntries(sequence), signedBy: [keyPublisher.impostor]))
                usleep(60_000)
            case 3:
                try fixture.replaceServed("main.ejrl", with: seed)
                try fixture.replaceServed("keyset.json", with: keySetSeed)
                usleep(60_000)
            case 4:
                try fixture.replaceServed("main.ejrl", with: Array(list.prefix(list.count / 2)))
                try fixture.replaceServed("keyset.json", with: Array(statement.prefix(statement.count / 2)))
                usleep(60_000)
            default:
                break
            }
            try fixture.publish(
                statusRevoked: [1, 5], statusIAT: Int(Date().timeIntervalSince1970) - 1, sequence: sequence, revoked: revoked,
                listIAT: fixture.publisher.now)
            try fixture.replaceServed("keyset.json", with: statement)
            newest.withLock { $0 = list }
            newestKeySet.withLock { $0 = statement }
            if cycles % 5 == 1 { try nginx.start() }
            usleep(120_000)
        }
        agent.stop()
        running.store(false, ordering: .releasing)
        #expect(waitUntil(seconds: 30) { finished.load(ordering: .acquiring) == threads })

        #expect(problems.withLock { $0 } == [])
        #expect(verdicts.load(ordering: .relaxed) > 100)
        #expect(cycles > 1)
        // Everything published reached the device in the end.
        agent.syncAll()
        #expect(check.list?.sequence == sequence)
        #expect(keySet.statement?.sequence == sequence)
        let wrong = problems.withLock { $0.count }
        print(
            "soak: \(Self.duration) s, \(cycles) cycles, revocation list and key-set statement \(check.list?.sequence ?? 0) and \(keySet.statement?.sequence ?? 0), \(verdicts.load(ordering: .relaxed)) verdicts, \(wrong) problems")
    }
}
