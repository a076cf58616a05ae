import Foundation
import Testing

/// What a finished process did.
struct RunResult: CustomStringConvertible {
    /// The exit status.
    let status: Int32
    /// Everything written on stdout.
    let stdout: String
    /// Everything written on stderr.
    let stderr: String

    /// stdout split into lines, without the final empty one.
    var lines: [String] {
        var lines = stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// stdout parsed as one JSON object.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "stdout is not a JSON object: \(stdout)", sourceLocation: sourceLocation)
    }

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built `edgejwt` to completion.
/// - Parameters:
///   - args: The arguments after `edgejwt`.
///   - stdin: Standard input; `nil` gives an empty one.
/// - Returns: Its status, stdout and stderr.
func runEdgeJWT(_ args: [String], stdin: String? = nil) throws -> RunResult {
    try runProduct("edgejwt", args, stdin: stdin)
}

/// Runs one of the package's built executables to completion, from the package root.
/// stdout and stderr go to files, so neither can fill a pipe and stall the child.
/// - Parameters:
///   - name: `edgejwt` or `verify-token`.
///   - args: Its arguments.
///   - stdin: Standard input; `nil` gives an empty one.
func runProduct(_ name: String, _ args: [String], stdin: String? = nil) throws -> RunResult {
    let scratch = try TemporaryDirectory()
    return try withExtendedLifetime(scratch) {
        try runProduct(name, args, stdinFile: try scratch.write("stdin", stdin ?? ""))
    }
}

/// Runs one of the package's built executables with standard input read from a file (raw bytes,
/// which a `String` cannot hold when they are not UTF-8).
/// - Parameters:
///   - name: `edgejwt` or `verify-token`.
///   - args: Its arguments.
///   - stdinFile: The file to read standard input from.
func runProduct(_ name: String, _ args: [String], stdinFile: String) throws -> RunResult {
    try runProduct(name, args, standardInput: try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile)))
}

/// Runs one of the package's built executables with this open file as its standard input. The
/// child shares the file's offset, so afterwards `standardInput.offsetInFile` tells how many
/// bytes it read.
/// - Parameters:
///   - name: `edgejwt` or `verify-token`.
///   - args: Its arguments.
///   - standardInput: An open file (a regular file, a device such as `/dev/zero`, a FIFO).
func runProduct(_ name: String, _ args: [String], standardInput: FileHandle) throws -> RunResult {
    let scratch = try TemporaryDirectory()
    let output = try scratch.write("stdout", "")
    let errors = try scratch.write("stderr", "")
    let process = Process()
    process.executableURL = Products.executable(name)
    process.arguments = args
    process.currentDirectoryURL = Products.packageRoot
    process.standardInput = standardInput
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
    try process.run()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus,
        stdout: try String(contentsOfFile: output, encoding: .utf8),
        stderr: try String(contentsOfFile: errors, encoding: .utf8))
}
