import Foundation

/// The sync tests' fault server, `Tests/EdgeJWTSyncTests/FaultServer/fault_server.py`, run from
/// where it is (not copied): it serves `root` on 127.0.0.1 with one fault per path prefix
/// (`/ok/`, `/reset/`, `/truncate/`, `/oversize`, `/slow/` after 5 s of silence, `/status/`).
final class FaultServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    init(root: String) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("EdgeJWTSyncTests/FaultServer/fault_server.py").path
        let output = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--root", root, "--lifetime", "120"]
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
            throw TestSetupError(description: "the fault server did not start")
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
