import Foundation

/// A Python test server on 127.0.0.1 that prints its port on its first line of stdout.
///
/// ``fault(root:)`` is the sync tests' fault server, `Tests/EdgeJWTSyncTests/FaultServer/fault_server.py`,
/// run from where it is (not copied): it serves `root` with one fault per path prefix (`/ok/`,
/// `/reset/`, `/truncate/`, `/oversize`, `/slow/` after 5 s of silence, `/status/`).
/// ``trickle()`` is `Servers/trickle_server.py`: one byte every 0.4 s, without end.
final class PythonServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    /// The fault server, serving `root`.
    static func fault(root: String) throws -> PythonServer {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try PythonServer(tests.appendingPathComponent("EdgeJWTSyncTests/FaultServer/fault_server.py").path, ["--root", root])
    }

    /// The trickle server.
    static func trickle() throws -> PythonServer {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try PythonServer(here.appendingPathComponent("Servers/trickle_server.py").path, [])
    }

    private init(_ script: String, _ arguments: [String]) throws {
        let output = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--lifetime", "120"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        port = Int(String(decoding: line, as: UTF8.self)) ?? 0
        guard port > 0 else {
            process.terminate()
            throw TestSetupError(description: "\(script) did not start")
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
