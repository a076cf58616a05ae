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

    /// One input line.
    enum Line: Sendable {
        /// The line's bytes, without its LF and one trailing CR.
        case token([UInt8])
        /// A line over ``maxLineBytes``, with its length (not kept).
        case tooLong(Int)
    }

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
    /// - Parameters:
    ///   - setup: The verification, built once.
    ///   - threads: How many threads verify each batch of lines.
    /// - Throws: ``CLIError`` when standard input cannot be read or standard output written; the
    ///   verdicts of the lines read before stay written.
    static func run(_ setup: VerificationSetup, threads: Int) throws(CLIError) {
        var output = Output(writesEachBatch: isatty(STDOUT_FILENO) == 1)
        var reader = LineReader()
        var chunk = [UInt8](repeating: 0, count: readSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                var count: Int
                repeat {
                    count = read(STDIN_FILENO, buffer.baseAddress, buffer.count)
                } while count < 0 && errno == EINTR
                return count
            }
            guard count >= 0 else {
                let reason = String(cString: strerror(errno))
                try output.flush()
                throw CLIError("cannot read standard input: \(reason)")
            }
            let lines = count == 0 ? reader.finish() : reader.lines(in: chunk[..<count])
            try output.append(verdicts(of: lines, setup, threads: threads))
            if count == 0 { break }
        }
        try output.flush()
    }

    /// The `--json` verdict of each line, in order.
    static func verdicts(of lines: [Line], _ setup: VerificationSetup, threads: Int) -> [String] {
        guard threads > 1, lines.count > 1 else {
            return lines.map { verdict(of: $0, setup) }
        }
        var verdicts = [String](repeating: "", count: lines.count)
        verdicts.withUnsafeMutableBufferPointer { results in
            let results = SharedResults(buffer: results)
            let workers = min(threads, lines.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Worker w takes lines w, w + workers, ...: distinct slots, balanced work.
                for index in stride(from: worker, to: lines.count, by: workers) {
                    results.buffer[index] = verdict(of: lines[index], setup)
                }
            }
        }
        return verdicts
    }

    /// One line's verdict: `JSONOutput.valid` or `JSONOutput.rejected`, as `verify --json` prints.
    static func verdict(of line: Line, _ setup: VerificationSetup) -> String {
        switch line {
        case .token(let bytes):
            do {
                return JSONOutput.valid(try setup.verify(bytes))
            } catch {
                return JSONOutput.rejected(error)
            }
        case .tooLong(let count):
            return JSONOutput.rejected(
                VerificationError(.tokenTooLarge, "the line is \(count) bytes; --stream reads at most \(maxLineBytes) bytes per line"))
        }
    }

    /// Result slots written by several threads at once, each slot by exactly one thread.
    private struct SharedResults: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<String>
    }
}

extension VerifyStream {
    /// Splits bytes read in chunks into lines, keeping at most ``maxLineBytes`` of a line.
    struct LineReader {
        /// The start of a line whose end has not been read yet.
        private var pending: [UInt8] = []
        /// The length so far of a line already over ``maxLineBytes`` (its bytes are dropped).
        private var overflow: Int? = nil

        /// The lines that end in `chunk` (the first one may have started in earlier chunks).
        mutating func lines(in chunk: ArraySlice<UInt8>) -> [Line] {
            var lines: [Line] = []
            var start = chunk.startIndex
            while let newline = Self.newline(in: chunk, from: start) {
                add(chunk[start..<newline])
                lines.append(endLine())
                start = newline + 1
            }
            add(chunk[start...])
            return lines
        }

        /// The index of the first LF in `chunk` at or after `start` (`memchr`).
        private static func newline(in chunk: ArraySlice<UInt8>, from start: Int) -> Int? {
            chunk.withUnsafeBufferPointer { buffer -> Int? in
                let offset = start - chunk.startIndex
                guard offset < buffer.count, let base = buffer.baseAddress,
                    let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset)
                else { return nil }
                return chunk.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
            }
        }

        /// The last line, if the input did not end with a newline.
        mutating func finish() -> [Line] {
            guard !pending.isEmpty || overflow != nil else { return [] }
            return [endLine()]
        }

        private mutating func add(_ bytes: ArraySlice<UInt8>) {
            if let length = overflow {
                overflow = length + bytes.count
            } else if pending.count + bytes.count > VerifyStream.maxLineBytes {
                overflow = pending.count + bytes.count
                pending = []
            } else {
                pending.append(contentsOf: bytes)
            }
        }

        private mutating func endLine() -> Line {
            defer {
                pending.removeAll(keepingCapacity: true)
                overflow = nil
            }
            if let length = overflow { return .tooLong(length) }
            var line = pending
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            return .token(line)
        }
    }

    /// Standard output, buffered.
    struct Output {
        /// Write every batch at once (a terminal) instead of 64 KiB at a time.
        let writesEachBatch: Bool
        private var pending: [UInt8] = []

        init(writesEachBatch: Bool) {
            self.writesEachBatch = writesEachBatch
            pending.reserveCapacity(VerifyStream.outputFlushBytes + 16 * 1024)
        }

        /// Adds one line per verdict and writes what is due.
        mutating func append(_ verdicts: [String]) throws(CLIError) {
            for verdict in verdicts {
                pending.append(contentsOf: verdict.utf8)
                pending.append(UInt8(ascii: "\n"))
                if pending.count >= VerifyStream.outputFlushBytes { try flush() }
            }
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
