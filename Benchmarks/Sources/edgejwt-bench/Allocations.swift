import BenchSupport
import CMallocCounter

/// Heap allocations per operation: the malloc-family calls counted by `CMallocCounter` over
/// `count` operations after a warm-up, divided by `count`.
func allocationsPerOperation(_ benchCase: BenchCase, count: Int) async -> (allocations: Double, bytes: Double)? {
    guard edgejwt_bench_malloc_counter_active() != 0 else { return nil }
    _ = await benchCase.body(64)
    let before = edgejwt_bench_malloc_counts_now()
    _ = await benchCase.body(count)
    let after = edgejwt_bench_malloc_counts_now()
    return (Double(after.allocations - before.allocations) / Double(count), Double(after.bytes - before.bytes) / Double(count))
}
