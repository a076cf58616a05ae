import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reading the CLI's inputs: a token argument, a file, or `-` for standard input.
enum InputFiles {
    /// Largest input read from standard input or a claims file (not a token): 1 MiB.
    static let maxBytes = 1 << 20

    /// Bytes of a line ending that `-` may add after a token: CRLF.
    static let lineEndingBytes = 2

    /// The bytes of a `TOKEN` argument: the argument itself, or for `-` standard input with one
    /// trailing LF or CRLF removed. Any other whitespace is kept (and makes the token malformed).
    ///
    /// Standard input (a pipe, a terminal or a redirected file of any size) is read only up to
    /// `maxTokenBytes` + a CRLF + 1 byte, enough to know that a longer input is too large:
    /// that is a token rejection, `token_too_large`, as for a too-long argument.
    /// - Parameters:
    ///   - argument: The argument as given.
    ///   - maxTokenBytes: The verifier's limit (``VerifierOptions/Limits/maxTokenBytes``).
    /// - Returns: The token's bytes, or the `token_too_large` rejection of a longer input.
    /// - Throws: ``CLIError`` when standard input cannot be read.
    static func token(_ argument: String, maxTokenBytes: Int) throws(CLIError) -> Result<[UInt8], VerificationError> {
        guard argument == "-" else { return .success(Array(argument.utf8)) }
        let readLimit = maxTokenBytes + lineEndingBytes + 1
        var bytes = try standardInput(upTo: readLimit)
        let isCut = bytes.count == readLimit
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard bytes.count <= maxTokenBytes else {
            let size = isCut ? "more than \(maxTokenBytes + lineEndingBytes) bytes" : "\(bytes.count) bytes"
            return .failure(VerificationError(.tokenTooLarge, "the token on standard input is \(size); the limit is \(maxTokenBytes)"))
        }
        return .success(bytes)
    }

    /// The bytes of a file, or of standard input for `-`.
    /// - Parameters:
    ///   - path: The path as given.
    ///   - role: What the file is, for messages, e.g. `claims file`.
    /// - Throws: ``CLIError`` when it cannot be read or is over ``maxBytes``.
    static func contents(of path: String, role: String) throws(CLIError) -> [UInt8] {
        guard path != "-" else { return try standardInput() }
        do {
            return try FileBytes.contents(ofFile: path, maxBytes: maxBytes)
        } catch {
            throw CLIError("cannot read \(role) \(error.description)")
        }
    }

    /// Standard input, at most `limit` bytes of it: to its end, or to `limit` bytes, whichever
    /// comes first. Nothing after them is read.
    /// - Parameter limit: The most bytes read.
    /// - Returns: The bytes read, `limit` of them or fewer when the input ended first.
    /// - Throws: ``CLIError`` when it cannot be read.
    static func standardInput(upTo limit: Int) throws(CLIError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(STDIN_FILENO, buffer.baseAddress! + filled, limit - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError("cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Standard input, read to its end.
    /// - Returns: Its bytes.
    /// - Throws: ``CLIError`` when it cannot be read or is over ``maxBytes``.
    static func standardInput() throws(CLIError) -> [UInt8] {
        let bytes = try standardInput(upTo: maxBytes + 1)
        guard bytes.count <= maxBytes else {
            throw CLIError("standard input is larger than the limit of \(maxBytes) bytes")
        }
        return bytes
    }
}
