import Foundation
import Testing

/// Paths of the package under test.
enum Repository {
    /// The package root, from this file's path (`Tests/PackagingTests/Support/Repository.swift`).
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A file of the package, by its path from the root.
    static func file(_ path: String) -> String { root + "/" + path }

    /// The `edgejwt` this test run built: next to the test executable (on Linux the test bundle
    /// is itself an executable in the build products directory).
    static let builtEdgeJWT: String = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("edgejwt").path
}

/// A fresh directory, removed with its contents when the value goes away.
final class Scratch: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "edgejwt-packaging-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        return target
    }
}

/// What a finished process did.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs a program to completion, from the package root; stdout and stderr go to files, so
/// neither can fill a pipe and stall it.
/// - Parameters:
///   - executable: The program's path.
///   - arguments: Its arguments.
///   - stdinFile: Standard input; default empty.
func run(_ executable: String, _ arguments: [String], stdinFile: String = "/dev/null") throws -> RunResult {
    let scratch = try Scratch()
    let output = try scratch.write("stdout", "")
    let errors = try scratch.write("stderr", "")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
    try process.run()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: try String(contentsOfFile: output, encoding: .utf8),
        stderr: try String(contentsOfFile: errors, encoding: .utf8))
}
