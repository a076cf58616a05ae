import Dispatch
import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `edgejwt verify --stream`: one token per line on standard input, one `--json` verdict per
/// line on standard output, in input order, until the input ends.
///
/// Every line gets exactly one verdict, so output line N answers input line N: an empty line, a
/// line that is not base64url (invalid UTF-8 included) or one over the size limit is rejected on
/// its own line and the stream goes on. One trailing CR is removed from each line (CRLF input).
/// A last line without a newline is still a token; an empty input gives no output.
///
/// Output is buffered (64 KiB writes) unless standard output is a terminal, where each batch of
/// verdicts is written as soon as it is ready. With `--threads N`, the lines of each read are
/// verified on N threads and written back in input order.
enum VerifyStream {
    /// Bytes asked of each `read(2)`.
    static let readSize = 256 * 1024
    /// Longest line buffered: a longer one is refused as `token_too_large` without keeping it
    /// (the verifier's own limit, 16 KiB by default, is far below).
    static let maxLineBytes = InputFiles.maxBytes
    /// Output is written once this much is pending (when standard output is not a terminal).
    static let outputFlushBytes = 64 * 1024
    /// The most `--threads` accepted.
    static let maxThreads = 64

    /// Refuses `--stream` with a `TOKEN`, a `TOKEN`-less command without `--stream`, and
    /// `--threads` without `--stream` or out of range (exit 2).
    /// - Parameter command: The parsed command.
    static func validate(_ command: VerifyCommand) throws {
        if command.stream {
            if command.token != nil {
                throw ValidationError("--stream reads the tokens from standard input, one per line: give no TOKEN")
            }
        } else {
            if command.token == nil {
                throw ValidationError("missing TOKEN (or give --stream to read one token per line from standard input)")
            }
            if command.threads != nil {
                throw ValidationError("--threads needs --stream")
            }
        }
        if let threads = command.threads, !(1...maxThreads).contains(threads) {
            throw ValidationError("--threads must be from 1 to \(maxThreads)")
        }
    }

    /// Verifies every line of standard input and writes the verdicts.
    ///
    /// Lines are read into one buffer and verified where they lie; each verdict is appended to
    /// a buffer reused for the whole stream (one per thread), so writing a verdict allocates
    /// nothing. With more than one thread, line i of a read goes to thread i mod N and the
    /// threads' verdicts are copied out in line order.
    /// - Parameters:
    ///   - setup: The verification, built once.
    ///   - threads: How many threads verify each batch of lines.
    /// - Throws: ``CLIError`` when standard input cannot be read or standard output written; the
    ///   verdicts of the lines read before stay written.
    static func run(_ setup: VerificationSetup, threads: Int) throws(CLIError) {
        var output = Output(writesEachBatch: isatty(STDOUT_FILENO) == 1)
        var input = LineBuffer()
        let workers = (0..<max(threads, 1)).map { _ in VerdictWorker() }
        while true {
            let count = input.fill(from: STDIN_FILENO)
            guard count >= 0 else {
                let reason = String(cString: strerror(errno))
                try output.flush()
                throw CLIError("cannot read standard input: \(reason)")
            }
            input.splitLines(atEnd: count == 0)
            try writeVerdicts(of: input, setup, workers: workers, to: &output)
            if count == 0 { break }
        }
        try output.flush()
    }

    /// Verifies the lines of the last read and appends their verdicts, in order.
    private static func writeVerdicts(
        of input: LineBuffer, _ setup: VerificationSetup, workers: [VerdictWorker], to output: inout Output
    ) throws(CLIError) {
        let lines = input.lines
        let threads = min(workers.count, lines.count)
        try input.bytes.withUnsafeBufferPointer { (bytes) throws(CLIError) in
            guard threads > 1 else {
                for line in lines {
                    workers[0].appendVerdict(of: line, in: bytes, setup, to: &output.pending)
                    try output.flushIfDue()
                }
                return
            }
            let shared = SharedInput(bytes: bytes, lines: lines)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                workers[worker].verify(shared, setup, worker: worker, of: threads)
            }
            for index in lines.indices {
                workers[index % threads].copyVerdict(index / threads, to: &output.pending)
                try output.flushIfDue()
            }
        }
        try output.endBatch()
    }

    /// The rejection of a line over ``maxLineBytes``.
    static func tooLong(_ count: Int) -> VerificationError {
        VerificationError(.tokenTooLarge, "the line is \(count) bytes; --stream reads at most \(maxLineBytes) bytes per line")
    }

    /// The read buffer and the lines of one batch, read by every worker, written by none.
    struct SharedInput: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let lines: [Line]
    }
}

extension VerifyStream {
    /// One thread's reused buffers: the token being verified, and the verdicts of its lines.
    final class VerdictWorker: @unchecked Sendable {
        /// The current line's bytes (``VerificationSetup/verify(_:)`` takes an array).
        private var token: [UInt8] = []
        /// Verdict lines of this worker's share of a batch, newline included.
        private var verdicts: [UInt8] = []
        /// Where each of them ends in ``verdicts``.
        private var ends: [Int] = []

        /// Verifies `line` (bytes in `bytes`) and appends its verdict line to `output`.
        func appendVerdict(of line: Line, in bytes: UnsafeBufferPointer<UInt8>, _ setup: VerificationSetup, to output: inout [UInt8]) {
            switch line {
            case .token(let range):
                token.removeAll(keepingCapacity: true)
                token.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                do {
                    StreamVerdict.appendValid(try setup.verify(token), to: &output)
                } catch {
                    StreamVerdict.appendRejected(error, to: &output)
                }
            case .tooLong(let count):
                StreamVerdict.appendRejected(VerifyStream.tooLong(count), to: &output)
            }
        }

        /// Verifies lines `worker`, `worker + threads`, ... of the batch into ``verdicts``.
        func verify(_ input: SharedInput, _ setup: VerificationSetup, worker: Int, of threads: Int) {
            verdicts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            for index in stride(from: worker, to: input.lines.count, by: threads) {
                appendVerdict(of: input.lines[index], in: input.bytes, setup, to: &verdicts)
                ends.append(verdicts.count)
            }
        }

        /// Appends this worker's `position`-th verdict line of the batch to `output`.
        func copyVerdict(_ position: Int, to output: inout [UInt8]) {
            let start = position == 0 ? 0 : ends[position - 1]
            verdicts.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[position]])) }
        }
    }

    /// One input line: where it lies in ``LineBuffer/bytes``, or that it was too long to keep.
    enum Line: Sendable {
        /// The line's bytes, without its LF and one trailing CR.
        case token(Range<Int>)
        /// A line over ``maxLineBytes``, with its length (not kept).
        case tooLong(Int)
    }

    /// Standard input's bytes in one buffer of ``maxLineBytes`` + ``readSize``, split into lines
    /// in place. A line longer than ``maxLineBytes`` is counted, not kept.
    struct LineBuffer {
        /// The bytes read; lines of the last read are in `0 ..< filled`.
        private(set) var bytes: [UInt8]
        /// The complete lines of the last read.
        private(set) var lines: [Line] = []
        /// Bytes read so far in ``bytes``.
        private var filled = 0
        /// Where the line not yet complete starts.
        private var consumed = 0
        /// The length so far of a line already over ``maxLineBytes`` (its bytes are dropped).
        private var overflow: Int? = nil

        init() {
            bytes = [UInt8](repeating: 0, count: VerifyStream.maxLineBytes + VerifyStream.readSize)
        }

        /// Moves the incomplete line to the front, then reads up to ``readSize`` bytes after it.
        /// - Returns: The bytes read, 0 at the end of the input, or -1 (see `errno`).
        mutating func fill(from descriptor: Int32) -> Int {
            let tail = filled - consumed
            if consumed > 0, tail > 0 {
                bytes.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + consumed, tail) }
            }
            filled = tail
            consumed = 0
            lines.removeAll(keepingCapacity: true)
            let start = filled
            let count = bytes.withUnsafeMutableBytes { buffer in
                var count: Int
                repeat {
                    count = read(descriptor, buffer.baseAddress! + start, min(VerifyStream.readSize, buffer.count - start))
                } while count < 0 && errno == EINTR
                return count
            }
            if count > 0 { filled += count }
            return count
        }

        /// Finds the lines that the last read completed; at the end of the input, the last line
        /// too if it has no newline.
        mutating func splitLines(atEnd: Bool) {
            var start = consumed
            while let newline = newline(from: start) {
                if let length = overflow {
                    lines.append(.tooLong(length + newline - start))
                    overflow = nil
                } else {
                    lines.append(.token(start..<trimmingCR(start, newline)))
                }
                start = newline + 1
            }
            consumed = start
            let tail = filled - start
            if let length = overflow {
                overflow = length + tail
                filled = start
            } else if tail > VerifyStream.maxLineBytes {
                overflow = tail
                filled = start
            }
            guard atEnd else { return }
            if let length = overflow {
                lines.append(.tooLong(length))
            } else if filled > start {
                lines.append(.token(start..<trimmingCR(start, filled)))
            }
            overflow = nil
            consumed = filled
        }

        /// The end of a line `start ..< end` without one trailing CR.
        private func trimmingCR(_ start: Int, _ end: Int) -> Int {
            end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        }

        /// The index of the first LF in `start ..< filled` (`memchr`).
        private func newline(from start: Int) -> Int? {
            guard start < filled else { return nil }
            return bytes.withUnsafeBufferPointer { buffer -> Int? in
                let base = buffer.baseAddress!
                guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), filled - start) else { return nil }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
        }
    }

    /// Standard output, buffered.
    struct Output {
        /// Write every batch at once (a terminal) instead of 64 KiB at a time.
        let writesEachBatch: Bool
        /// Verdict lines not yet written; reused for the whole stream.
        var pending: [UInt8] = []

        init(writesEachBatch: Bool) {
            self.writesEachBatch = writesEachBatch
            pending.reserveCapacity(VerifyStream.outputFlushBytes + 16 * 1024)
        }

        /// Writes what is pending once it reaches ``outputFlushBytes``.
        mutating func flushIfDue() throws(CLIError) {
            if pending.count >= VerifyStream.outputFlushBytes { try flush() }
        }

        /// Writes what is pending if standard output is a terminal.
        mutating func endBatch() throws(CLIError) {
            if writesEachBatch { try flush() }
        }

        /// Writes everything pending.
        mutating func flush() throws(CLIError) {
            var written = 0
            while written < pending.count {
                let count = pending.withUnsafeBytes { bytes in
                    write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
                }
                if count < 0 {
                    guard errno == EINTR else {
                        throw CLIError("cannot write standard output: \(String(cString: strerror(errno)))")
                    }
                    continue
                }
                written += count
            }
            pending.removeAll(keepingCapacity: true)
        }
    }
}
