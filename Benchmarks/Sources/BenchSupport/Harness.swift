#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Monotonic nanoseconds (`CLOCK_MONOTONIC`).
@inline(__always)
package func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Keeps a value alive so the optimizer cannot delete the work that made it.
@inline(never)
package func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// One row of the benchmark: a body that performs `count` operations of the measured kind.
package struct BenchCase: Sendable {
    package let name: String
    /// Runs `count` operations; returns how many succeeded (checked: a case that fails is a bug).
    package let body: @Sendable (_ count: Int) async -> Int

    /// Operations per round, chosen once by ``calibrate(_:targetNanoseconds:)``.
    package var batch = 1

    package init(name: String, body: @escaping @Sendable (_ count: Int) async -> Int) {
        self.name = name
        self.body = body
    }
}

/// Order statistics of samples (per-operation times, or per-round ratios).
package struct Summary {
    package let samples: [Double]

    package init(_ samples: [Double]) {
        self.samples = samples.sorted()
    }

    /// The `q` quantile, linear between order statistics.
    package func quantile(_ q: Double) -> Double {
        guard samples.count > 1 else { return samples.first ?? .nan }
        let position = q * Double(samples.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, samples.count - 1)
        let fraction = position - Double(lower)
        return samples[lower] + (samples[upper] - samples[lower]) * fraction
    }

    package var median: Double { quantile(0.5) }
    package var p10: Double { quantile(0.1) }
    package var p90: Double { quantile(0.9) }
}

/// The CPU time the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`), in nanoseconds.
@inline(__always)
package func threadCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Per row and round, nanoseconds per operation: by wall clock, and in the running thread's CPU
/// time (which other processes on a shared machine inflate far less; meaningful for rows whose
/// body never suspends, such as the revocation lookups).
package struct RoundSamples {
    package var wall: [[Double]]
    package var threadCPU: [[Double]]
}

/// Interleaved rounds: every round runs every case once (A B C D E, A B C D E, ...), so slow
/// drifts of the machine (other builds, thermal state) land on all cases alike.
/// - Returns: Per row, its nanoseconds per operation in each round, in round order.
package func runInterleaved(_ cases: inout [BenchCase], rounds: Int, targetNanoseconds: UInt64) async -> RoundSamples {
    for index in cases.indices {
        cases[index].batch = await calibrate(cases[index], targetNanoseconds: targetNanoseconds)
    }
    var samples = RoundSamples(
        wall: [[Double]](repeating: [], count: cases.count), threadCPU: [[Double]](repeating: [], count: cases.count))
    for round in 0..<rounds {
        // Rotate the starting case so no case always runs right after the same neighbour.
        for step in cases.indices {
            let index = (round + step) % cases.count
            let benchCase = cases[index]
            let start = monotonicNanoseconds()
            let cpuStart = threadCPUNanoseconds()
            let succeeded = await benchCase.body(benchCase.batch)
            let cpuElapsed = threadCPUNanoseconds() &- cpuStart
            let elapsed = monotonicNanoseconds() - start
            precondition(succeeded == benchCase.batch, "\(benchCase.name): \(benchCase.batch - succeeded) operations failed")
            samples.wall[index].append(Double(elapsed) / Double(benchCase.batch))
            samples.threadCPU[index].append(Double(cpuElapsed) / Double(benchCase.batch))
        }
    }
    return samples
}

/// The operation count that takes about `targetNanoseconds`, after a warm-up.
package func calibrate(_ benchCase: BenchCase, targetNanoseconds: UInt64) async -> Int {
    var count = 16
    while true {
        let start = monotonicNanoseconds()
        _ = await benchCase.body(count)
        let elapsed = monotonicNanoseconds() - start
        if elapsed >= targetNanoseconds / 4 || count >= 1 << 24 {
            let perOperation = max(Double(elapsed) / Double(count), 1)
            return max(16, Int(Double(targetNanoseconds) / perOperation))
        }
        count *= 4
    }
}

/// The process's peak resident set size so far, in KiB (`getrusage`, `ru_maxrss`).
package func peakResidentKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

/// `value` with `digits` decimals.
package func formatted(_ value: Double, _ digits: Int = 1) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if digits == 0, text.hasSuffix(".0") { text.removeLast(2) }
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    } else if digits > 0 {
        text += "." + String(repeating: "0", count: digits)
    }
    return text
}

/// Writes a line on stderr (progress), leaving stdout for the report.
package func progress(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
