import EdgeJWT
import Foundation

/// Reading the CLI's inputs: a token argument, a file, or `-` for standard input.
enum InputFiles {
    /// Largest input read from standard input or a claims file: 1 MiB. A token that large is
    /// already far over the verifier's own limit, which then reports `token_too_large`.
    static let maxBytes = 1 << 20

    /// The bytes of a `TOKEN` argument: the argument itself, or for `-` standard input read
    /// whole with one trailing LF or CRLF removed. Any other whitespace is kept (and makes the
    /// token malformed).
    /// - Parameter argument: The argument as given.
    /// - Throws: ``CLIError`` when standard input cannot be read or is over ``maxBytes``.
    static func token(_ argument: String) throws(CLIError) -> [UInt8] {
        guard argument == "-" else { return Array(argument.utf8) }
        var bytes = try standardInput()
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        return bytes
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

    /// Standard input, read to its end.
    /// - Throws: ``CLIError`` when it cannot be read or is over ``maxBytes``.
    static func standardInput() throws(CLIError) -> [UInt8] {
        let data: Data?
        do {
            data = try FileHandle.standardInput.read(upToCount: maxBytes + 1)
        } catch {
            throw CLIError("cannot read standard input: \(error.localizedDescription)")
        }
        let bytes = data.map { [UInt8]($0) } ?? []
        guard bytes.count <= maxBytes else {
            throw CLIError("standard input is larger than the limit of \(maxBytes) bytes")
        }
        return bytes
    }
}
