import Foundation

/// What a finished command did.
struct CommandOutcome: CustomStringConvertible {
    /// The exit status.
    let status: Int32
    /// Everything written on stdout.
    let stdout: String
    /// Everything written on stderr.
    let stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout.suffix(4000))\nstderr: \(stderr.suffix(4000))" }
}

/// Runs commands for the C API tests: compilers, make, the built C programs, python3.
enum Shell {
    /// Runs `arguments[0]` (looked up on the PATH) with the rest as its arguments, and waits.
    /// stdout and stderr go to files, so neither can fill a pipe and stall the child.
    /// - Parameters:
    ///   - arguments: The program and its arguments.
    ///   - directory: The working directory. Default: the package root.
    ///   - environment: Variables to add to the test's environment.
    ///   - stdin: A file to read standard input from, or `nil` for `/dev/null`.
    /// - Returns: The status and output.
    /// - Throws: When the process cannot be started or its output files cannot be read.
    static func run(
        _ arguments: [String], in directory: String = CLibrary.packageRoot, environment: [String: String] = [:],
        stdin: String? = nil
    ) throws -> CommandOutcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-capi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return CommandOutcome(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
