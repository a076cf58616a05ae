import BenchSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One parallel measurement: wall-clock throughput, and throughput per second of the threads'
/// own CPU time, which other processes on a shared machine do not change.
struct ParallelRate {
    /// All threads' operations per wall-clock second.
    let wall: Double
    /// Operations per second of thread CPU time (`CLOCK_THREAD_CPUTIME_ID`), summed over the
    /// threads: equal to the 1-thread value when threads do not slow each other down.
    let perCPUSecond: Double
}

/// The CPU time the calling thread has used, in seconds.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// `threads` OS threads each running `perThread` synchronous operations of `body` at once,
/// timed from a common start to the last thread's end.
func parallelRate(threads: Int, perThread: Int, _ body: @escaping @Sendable (Int) -> Int) -> ParallelRate {
    let ready = DispatchSemaphore(value: 0)
    let start = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    let cpuSeconds = CPUTotal()
    for _ in 0..<threads {
        let thread = Thread {
            ready.signal()
            start.wait()
            let cpuStart = threadCPUSeconds()
            let succeeded = body(perThread)
            cpuSeconds.add(threadCPUSeconds() - cpuStart)
            precondition(succeeded == perThread, "\(perThread - succeeded) operations failed on a thread")
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<threads { ready.wait() }
    let begin = monotonicNanoseconds()
    for _ in 0..<threads { start.signal() }
    for _ in 0..<threads { done.wait() }
    let elapsed = monotonicNanoseconds() - begin
    let operations = Double(threads * perThread)
    return ParallelRate(wall: operations / (Double(elapsed) / 1e9), perCPUSecond: operations / cpuSeconds.total)
}

/// A sum of seconds added from several threads.
final class CPUTotal: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0

    func add(_ value: Double) {
        lock.lock()
        seconds += value
        lock.unlock()
    }

    var total: Double {
        lock.lock()
        defer { lock.unlock() }
        return seconds
    }
}

/// One scaling row: a name, a thread count, a synchronous body.
struct ScalingCase {
    let name: String
    let threads: Int
    let body: @Sendable (Int) -> Int
}

/// Interleaved rounds of the scaling rows; per row, its wall-clock rates and its rates per
/// thread-CPU second.
func runScaling(_ cases: [ScalingCase], rounds: Int, perThread: Int) -> (wall: [Summary], perCPUSecond: [Summary]) {
    for scalingCase in cases { _ = parallelRate(threads: scalingCase.threads, perThread: max(perThread / 8, 16), scalingCase.body) }
    var wall = [[Double]](repeating: [], count: cases.count)
    var cpu = [[Double]](repeating: [], count: cases.count)
    for round in 0..<rounds {
        for step in cases.indices {
            let index = (round + step) % cases.count
            let rate = parallelRate(threads: cases[index].threads, perThread: perThread, cases[index].body)
            wall[index].append(rate.wall)
            cpu[index].append(rate.perCPUSecond)
        }
    }
    return (wall.map(Summary.init), cpu.map(Summary.init))
}
