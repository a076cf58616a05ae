#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// An immutable object that readers on any thread use without a lock, and that a writer replaces
/// whole: every read sees the old object or the new one, never a mix, and the old one is freed
/// only after the last reader that could still see it has finished.
///
/// Readers pay two atomic loads and two atomic additions, and never wait for a writer or
/// allocate. A writer publishes the new object, then waits until every reader that started before
/// it has left ``read(_:)`` (a two-counter grace period, the idea behind read-copy-update), then
/// drops its reference to the old object. Writers are serialised among themselves.
/// ```swift
/// final class Settings: Sendable { let limit: Int; init(_ limit: Int) { self.limit = limit } }
/// let live = AtomicSnapshot(Settings(10))
/// let limit = live.read { $0.limit }     // any thread, any time
/// live.replace(with: Settings(20))       // the old object is freed once no reader has it
/// ```
package final class AtomicSnapshot<Snapshot: AnyObject & Sendable>: @unchecked Sendable {
    /// The published object, holding one strong reference of its own.
    private let current: Atomic<Unmanaged<Snapshot>>
    /// Which of the two reader counters new readers enter: 0 or 1.
    private let phase = Atomic<Int>(0)
    /// Readers inside ``read(_:)``, by the phase they entered in: phase 0's count in the low 32
    /// bits, phase 1's in the high 32 bits, so one atomic holds both.
    private let readers = Atomic<Int>(0)
    /// Serialises writers, so that one grace period covers one replacement.
    private let writers = Locked<Void>(())

    /// Publishes the first object.
    /// - Parameter initial: What readers see until the first ``replace(with:)``.
    package init(_ initial: Snapshot) {
        current = Atomic(Unmanaged.passRetained(initial))
    }

    deinit {
        current.load(ordering: .acquiring).release()
    }

    /// Runs `body` on the current object. The object stays alive at least until `body` returns,
    /// whatever writers do meanwhile. O(1); no lock, no allocation.
    ///
    /// - Warning: `body` must not call ``replace(with:)`` on the same snapshot: the writer would
    ///   wait for this reader forever.
    /// - Parameter body: Reads the object; it may keep references to it.
    /// - Returns: What `body` returns.
    @inline(__always)
    package func read<Value, Failure: Error>(_ body: (Snapshot) throws(Failure) -> Value) throws(Failure) -> Value {
        let entered = enter()
        defer { readers.wrappingSubtract(Self.unit(entered), ordering: .sequentiallyConsistent) }
        let outcome = current.load(ordering: .sequentiallyConsistent)._withUnsafeGuaranteedRef { snapshot in
            Result { () throws(Failure) -> Value in try body(snapshot) }
        }
        return try outcome.get()
    }

    /// The current object, as a strong reference the caller owns.
    package var value: Snapshot { read { $0 } }

    /// Publishes `replacement`; returns once no reader can still be reading the object it replaced.
    /// - Parameter replacement: The new object.
    package func replace(with replacement: Snapshot) {
        writers.withLock { _ in
            let replaced = current.exchange(Unmanaged.passRetained(replacement), ordering: .sequentiallyConsistent)
            let old = phase.load(ordering: .sequentiallyConsistent)
            phase.store(1 - old, ordering: .sequentiallyConsistent)
            // Readers that entered in the old phase may hold `replaced`; later ones see the new
            // phase, and therefore the new object.
            while (readers.load(ordering: .sequentiallyConsistent) >> (32 * old)) & 0xFFFF_FFFF != 0 {
                sched_yield()
            }
            replaced.release()
        }
    }

    /// Counts this reader in the current phase, retrying when a writer flips it meanwhile.
    /// - Returns: The phase counted in.
    @inline(__always)
    private func enter() -> Int {
        while true {
            let entered = phase.load(ordering: .sequentiallyConsistent)
            readers.wrappingAdd(Self.unit(entered), ordering: .sequentiallyConsistent)
            if phase.load(ordering: .sequentiallyConsistent) == entered {
                return entered
            }
            readers.wrappingSubtract(Self.unit(entered), ordering: .sequentiallyConsistent)
        }
    }

    /// One reader in `phase`, as a step of ``readers``.
    @inline(__always)
    private static func unit(_ phase: Int) -> Int { phase == 0 ? 1 : 1 << 32 }
}
