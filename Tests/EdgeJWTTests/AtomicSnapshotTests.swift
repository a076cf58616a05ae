import Dispatch
import Foundation
import Testing
@testable import EdgeJWT

/// Which test objects are alive: set by `init`, cleared by `deinit`.
private final class Liveness: @unchecked Sendable {
    private let alive = Locked<Set<Int>>([])
    private let freed = Locked<Int>(0)

    func born(_ id: Int) { alive.withLock { _ = $0.insert(id) } }
    func died(_ id: Int) {
        alive.withLock { _ = $0.remove(id) }
        freed.withLock { $0 += 1 }
    }
    func isAlive(_ id: Int) -> Bool { alive.withLock { $0.contains(id) } }
    var freedCount: Int { freed.withLock { $0 } }
}

/// A snapshot whose two halves must always agree, and that reports its own lifetime.
private final class Pair: Sendable {
    let id: Int
    let first: Int
    let second: Int
    let liveness: Liveness

    init(_ id: Int, _ liveness: Liveness) {
        self.id = id
        first = id
        second = id
        self.liveness = liveness
        liveness.born(id)
    }

    deinit { liveness.died(id) }
}

@Suite struct AtomicSnapshotTests {
    @Test func readSeesTheLatestReplacement() {
        let liveness = Liveness()
        let snapshot = AtomicSnapshot(Pair(0, liveness))
        #expect(snapshot.read { $0.id } == 0)
        snapshot.replace(with: Pair(1, liveness))
        #expect(snapshot.read { $0.id } == 1)
        #expect(snapshot.value.id == 1)
    }

    @Test func replacedObjectIsFreedOnceNoReaderHoldsIt() {
        let liveness = Liveness()
        let snapshot = AtomicSnapshot(Pair(0, liveness))
        snapshot.replace(with: Pair(1, liveness))
        #expect(!liveness.isAlive(0))
        #expect(liveness.isAlive(1))
    }

    /// The grace period: a reader that started before a replacement keeps its object alive, and
    /// the writer returns only after that reader has left.
    @Test func writerWaitsForReaderThatStartedBeforeIt() {
        let liveness = Liveness()
        let snapshot = AtomicSnapshot(Pair(0, liveness))
        let readerInside = DispatchSemaphore(value: 0)
        let readerMayLeave = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let seenAliveAtEnd = Locked<Bool?>(nil)
        Thread {
            snapshot.read { pair in
                readerInside.signal()
                readerMayLeave.wait()
                seenAliveAtEnd.withLock { $0 = liveness.isAlive(pair.id) }
            }
        }.start()
        readerInside.wait()
        Thread {
            snapshot.replace(with: Pair(1, liveness))
            writerDone.signal()
        }.start()
        // The writer has published: new readers see the new object while the old one lives on.
        while snapshot.read({ $0.id }) != 1 { sched_yield() }
        #expect(writerDone.wait(timeout: .now() + 0.2) == .timedOut, "the writer must wait for the reader")
        #expect(liveness.isAlive(0))
        readerMayLeave.signal()
        #expect(writerDone.wait(timeout: .now() + 30) == .success)
        #expect(seenAliveAtEnd.withLock { $0 } == true)
        #expect(!liveness.isAlive(0))
    }

    /// Many readers and one writer at once: no reader ever sees a freed or torn object, and every
    /// replaced object is freed.
    @Test func concurrentReadersNeverSeeFreedOrTornObjects() {
        let liveness = Liveness()
        let snapshot = AtomicSnapshot(Pair(0, liveness))
        let replacements = 2_000
        let readerCount = 3
        let stop = Locked(false)
        let faults = Locked(0)
        let reads = Locked(0)
        let group = DispatchGroup()
        let started = DispatchSemaphore(value: 0)
        for _ in 0..<readerCount {
            group.enter()
            Thread {
                var local = 0
                var wrong = 0
                started.signal()
                repeat {
                    for _ in 0..<100 {
                        snapshot.read { pair in
                            if pair.first != pair.second || !liveness.isAlive(pair.id) { wrong += 1 }
                        }
                        local += 1
                    }
                } while !stop.withLock({ $0 })
                faults.withLock { $0 += wrong }
                reads.withLock { $0 += local }
                group.leave()
            }.start()
        }
        for _ in 0..<readerCount { started.wait() }
        for id in 1...replacements {
            snapshot.replace(with: Pair(id, liveness))
        }
        stop.withLock { $0 = true }
        group.wait()
        #expect(faults.withLock { $0 } == 0)
        #expect(reads.withLock { $0 } > 0)
        #expect(liveness.freedCount == replacements)
        #expect(snapshot.read { $0.id } == replacements)
    }
}
