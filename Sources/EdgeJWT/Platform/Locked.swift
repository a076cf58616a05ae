#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A value guarded by a `pthread_mutex_t`: what `Synchronization.Mutex` offers, with a lock that
/// ThreadSanitizer understands.
///
/// On Linux, Swift 6.3's `Mutex` is built on a futex that ThreadSanitizer does not intercept,
/// so TSan reports every `withLock` body that touches shared state as a race, real or not (a
/// `Mutex<[Int]>` appended to from four threads is enough). TSan intercepts pthread mutexes, so
/// with this lock a report is a real race. Uncontended cost: one lock and one unlock.
///
/// The one lock type of the package: the core and `EdgeJWTSync` (hence `package` access) both
/// use it, so every lock a ThreadSanitizer run sees is one it understands.
/// ```swift
/// let counts = Locked([String: Int]())
/// counts.withLock { $0["hits", default: 0] += 1 }
/// ```
package final class Locked<Value>: @unchecked Sendable {
    /// The mutex, at a stable address (a `pthread_mutex_t` must not move).
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// The guarded value; read and written only inside ``withLock(_:)``.
    private var value: Value

    /// Guards `value`.
    /// - Parameter value: The initial value.
    package init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    /// - Parameter body: Reads or changes the value; must not let it escape or lock again.
    /// - Returns: What `body` returns.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        precondition(pthread_mutex_lock(mutex) == 0, "pthread_mutex_lock failed")
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
