import EdgeJWT
import EdgeJWTSync
import Foundation
import Synchronization
import Testing

/// The agent runs on its own thread against nginx while nginx is stopped and started again and
/// new lists are published; verifier threads check four tokens all along. No verdict may be
/// wrong at any moment and nothing may crash. Duration: `EDGEJWT_SOAK_SECONDS` (default 20).
@Suite struct SoakTests {
    static var duration: Double {
        ProcessInfo.processInfo.environment["EDGEJWT_SOAK_SECONDS"].flatMap(Double.init).map { min(max($0, 1), 600) } ?? 20
    }

    @Test func flappingServerNeverYieldsAWrongVerdict() throws {
        let fixture = try Fixture()
        let nginx = try Nginx(root: fixture.served.path)
        var configuration = fixture.configuration(nginx: nginx)
        configuration.period = .milliseconds(200)
        configuration.minimumPeriod = .milliseconds(50)
        configuration.initialBackoff = .milliseconds(50)
        configuration.maximumBackoff = .milliseconds(400)
        let agent = try SyncAgent(configuration: configuration)
        try #require(agent.syncAll().map(\.result) == [.updated, .updated])

        let agentThread = Thread { agent.run() }
        agentThread.start()
        let deadline = Date().addingTimeInterval(Self.duration)
        let verdicts = Atomic<Int>(0)
        let wrong = Mutex<[String]>([])
        let finishedVerifiers = Atomic<Int>(0)
        // Never revoked; revoked from the first list on; revoked by the status list.
        let expected = [(fixture.valid, "valid"), (fixture.revokedByList, "revoked"), (fixture.revokedByStatus, "revoked")]
        for _ in 0..<2 {
            Thread {
                while Date() < deadline {
                    for (token, verdict) in expected {
                        let actual = fixture.verdict(agent, token)
                        if actual != verdict { wrong.withLock { if $0.count < 10 { $0.append("\(verdict) → \(actual)") } } }
                        verdicts.add(1, ordering: .relaxed)
                    }
                }
                finishedVerifiers.add(1, ordering: .releasing)
            }.start()
        }

        // The flapping: down, up, and a new sequence published every third cycle.
        var sequence: UInt64 = 1
        var cycles = 0
        while Date() < deadline && cycles < 10_000 {
            cycles += 1
            nginx.stop()
            usleep(150_000)
            if cycles % 3 == 0 {
                sequence += 1
                try fixture.publish(
                    statusRevoked: [1, 5], statusIAT: fixture.publisher.now - 60 + cycles, sequence: sequence,
                    revoked: ["revoked-1", "other-\(sequence)"], listIAT: fixture.publisher.now)
            }
            try nginx.start()
            usleep(250_000)
        }
        agent.stop()
        #expect(waitUntil(seconds: 30) { finishedVerifiers.load(ordering: .acquiring) == 2 })
        #expect(waitUntil(seconds: 30) { agent.status.sources.allSatisfy { $0.lastAttempt != nil } })

        #expect(wrong.withLock { $0 } == [])
        #expect(verdicts.load(ordering: .relaxed) > 100)
        #expect(cycles > 1)
        // The agent kept up: it installed a later sequence than the first.
        #expect((agent.revocationLists["main"]?.list?.sequence ?? 0) > 1 || sequence == 1)
    }
}
