import BenchSupport

/// One line of the issue 13 target table: what was measured against what the issue asks.
/// Rows are added by ``issueTargets(rows:samples:allocations:scaling:)``; a new target is one
/// more element there.
struct TargetLine {
    /// What is measured, e.g. "revocation lookup, 1M entries, listed".
    let name: String
    /// The issue's target, as text: "≥ 0.97× raw", "≤ 100 ns".
    let target: String
    /// The measurement, as text.
    let measured: String
    /// Whether the measurement meets the target.
    let met: Bool
}

/// The issue 13 targets that the in-process benchmark measures (the `--stream` ones come from
/// `Benchmarks/run-stream.sh`): full verification against raw libsodium, the revocation lookups
/// and their allocations, the signature cache, and two threads.
/// - Parameters:
///   - rows: The timed rows, in table order.
///   - ratios: Per row, the median over rounds of its time ÷ raw libsodium's.
///   - cpuSummaries: Per row, its thread-CPU time per operation over rounds (ns).
///   - allocations: Per row, heap allocations per operation, if counted.
///   - twoThreads: Library throughput with 2 threads ÷ 1 thread (wall).
func issueTargets(
    rows: [BenchCase], ratios: [Summary], cpuSummaries: [Summary], allocations: [(allocations: Double, bytes: Double)?], twoThreads: Double
) -> [TargetLine] {
    func index(_ prefix: String) -> Int? { rows.firstIndex { $0.name.hasPrefix(prefix) } }
    var lines: [TargetLine] = []
    if let edge = index("EdgeJWT full verification") {
        let rate = 1 / ratios[edge].median
        lines.append(TargetLine(name: "library verification rate ÷ raw libsodium", target: "≥ 0.97×", measured: "\(formatted(rate, 3))×", met: rate >= 0.97))
        if let heap = allocations[edge] {
            lines.append(
                TargetLine(
                    name: "heap allocations per verification (all owned by the returned VerifiedToken)", target: "reported",
                    measured: formatted(heap.allocations, 2), met: true))
        }
    }
    for listed in ["listed", "not listed"] {
        guard let lookup = index("revocation lookup alone (1M entries, \(listed))") else { continue }
        let nanoseconds = cpuSummaries[lookup].median
        lines.append(
            TargetLine(
                name: "revocation lookup, 1M entries, \(listed) (thread-CPU time)", target: "≤ 100 ns", measured: "\(formatted(nanoseconds, 0)) ns",
                met: nanoseconds <= 100))
        if let heap = allocations[lookup] {
            lines.append(
                TargetLine(
                    name: "heap allocations per revocation lookup (\(listed))", target: "0", measured: formatted(heap.allocations, 2),
                    met: heap.allocations == 0))
        }
    }
    if let cache = index("EdgeJWT + signature cache") {
        let speedUp = 1 / ratios[cache].median
        lines.append(
            TargetLine(name: "signature cache hit rate ÷ raw libsodium", target: "≥ 20×", measured: "\(formatted(speedUp, 1))×", met: speedUp >= 20))
    }
    lines.append(
        TargetLine(
            name: "library, 2 threads ÷ 1 thread (wall; see the load)", target: "≥ 1.8×", measured: "\(formatted(twoThreads, 2))×",
            met: twoThreads >= 1.8))
    return lines
}

/// Prints the target table (markdown).
func printTargets(_ lines: [TargetLine]) {
    print("| Issue 13 target | target | measured | |")
    print("|---|---:|---:|---|")
    for line in lines {
        print("| \(line.name) | \(line.target) | \(line.measured) | \(line.met ? "met" : "**missed**") |")
    }
}
