#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where a verifier reads "now".
///
/// Inject one to verify against a device's own time source, or a fixed time in tests:
/// ```swift
/// let verifier = Verifier(keys: keys, clock: FixedClock(1_700_000_000))
/// ```
public protocol TimeSource: Sendable {
    /// The current time.
    func now() -> NumericDate
}

/// The system's wall clock (`clock_gettime(CLOCK_REALTIME)`).
public struct SystemClock: TimeSource {
    /// Creates a system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> NumericDate {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return NumericDate(Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9)
    }
}

/// A clock that always reads the same time: for tests, conformance runs and `--now`.
public struct FixedClock: TimeSource {
    /// The time this clock reads.
    public let time: NumericDate

    /// Creates a clock stopped at `time`.
    /// - Parameter time: The time every call to ``now()`` returns.
    public init(_ time: NumericDate) {
        self.time = time
    }

    /// The fixed time.
    public func now() -> NumericDate { time }
}
