import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh directory, removed with its contents when the value goes away.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "/edgejwt-sync-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o755)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes atomically (rename), so a server never serves half a file.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        let temporary = target + ".tmp-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, target) == 0 else { throw POSIXError(.EIO) }
        return target
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func remove(_ name: String) { unlink(file(name)) }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts connections on 127.0.0.1:`port`.
func isListening(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

/// Waits (at most `seconds`, polling every 20 ms) until `condition` holds.
@discardableResult
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// A real nginx (Debian's package) on 127.0.0.1, serving a directory of list files, started
/// from a generated configuration in its own temporary prefix and stopped by ``stop()`` or
/// when the value goes away. ETag, Last-Modified and 304 are nginx's own.
final class Nginx: @unchecked Sendable {
    static let executable = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let prefix: TemporaryDirectory
    let root: String
    let port: Int
    /// The HTTPS port, when started with a certificate.
    let tlsPort: Int?
    private var process: Process?

    /// - Parameters:
    ///   - root: The directory to serve.
    ///   - port: The port; default a free one.
    ///   - certificate: Also serve HTTPS (on ``tlsPort``) with its server certificate. Default:
    ///     plain HTTP only.
    init(root: String, port: Int? = nil, certificate: TestCertificateAuthority? = nil) throws {
        let executable = try #require(Nginx.executable, "nginx is not installed: run Scripts/setup.sh (Debian package nginx)")
        _ = executable
        prefix = try TemporaryDirectory()
        self.root = root
        self.port = try port ?? freePort()
        let tlsPort = try certificate.map { _ in try freePort() }
        self.tlsPort = tlsPort
        var tls = ""
        if let certificate, let tlsPort {
            tls = "listen 127.0.0.1:\(tlsPort) ssl; ssl_certificate \(certificate.serverCertificate); "
                + "ssl_certificate_key \(certificate.serverKey);"
        }
        try prefix.write(
            "nginx.conf",
            """
            worker_processes 1;
            events { worker_connections 64; }
            http {
                access_log off;
                default_type application/octet-stream;
                client_body_temp_path \(prefix.path)/client_body;
                proxy_temp_path \(prefix.path)/proxy;
                fastcgi_temp_path \(prefix.path)/fastcgi;
                uwsgi_temp_path \(prefix.path)/uwsgi;
                scgi_temp_path \(prefix.path)/scgi;
                server {
                    listen 127.0.0.1:\(self.port);
                    \(tls)
                    root \(root);
                    location / { }
                }
            }

            """)
        try start()
    }

    /// Starts nginx (again) and waits until it accepts connections.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Nginx.executable!)
        process.arguments = [
            "-p", prefix.path, "-c", prefix.file("nginx.conf"), "-e", prefix.file("error.log"),
            "-g", "daemon off; pid \(prefix.file("nginx.pid")); error_log \(prefix.file("error.log"));",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        guard waitUntil(seconds: 10, { isListening(port) }) else {
            let log = (try? String(contentsOfFile: prefix.file("error.log"), encoding: .utf8)) ?? ""
            stop()
            throw NginxError(message: "nginx did not start on 127.0.0.1:\(port): \(log)")
        }
    }

    /// Stops nginx (SIGTERM, fast shutdown) and waits for it.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `https://HOST:TLSPORT`, when started with a certificate.
    func tlsBaseURL(host: String = "127.0.0.1") -> String { "https://\(host):\(tlsPort ?? 0)" }

    deinit { stop() }
}

struct NginxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// `Tests/EdgeJWTSyncTests/FaultServer/fault_server.py` on 127.0.0.1: one fault per path.
final class FaultServer: @unchecked Sendable {
    let root: String
    let port: Int
    private let process: Process

    init(root: String) throws {
        self.root = root
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FaultServer/fault_server.py").path
        let output = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--root", root, "--lifetime", "300"]
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
            throw NginxError(message: "the fault server did not start")
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
