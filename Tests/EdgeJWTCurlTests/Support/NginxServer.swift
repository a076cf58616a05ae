import Foundation

/// Debian's nginx on 127.0.0.1, serving `root` over plain HTTP and, when given certificates,
/// over TLS as well, with a few fixed redirect locations for the redirect rules. Its own
/// configuration and prefix live in a scratch directory; it stops when the value goes away.
///
/// Written for these tests (the sync tests have their own nginx helper, which serves plain HTTP
/// only): `/same-origin` redirects to `/list.bin` on the same server, `/other-host` to the same
/// port under the name `localhost`, `/to-file` to a `file:` URL, `/loop` to itself, and on the
/// TLS server `/downgrade` to the plain-HTTP one.
final class NginxServer: @unchecked Sendable {
    static let executable = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let prefix: Scratch
    let port: Int
    let tlsPort: Int?
    private let process: Process

    /// - Parameters:
    ///   - root: The directory to serve.
    ///   - certificates: When given, a TLS server too, with this certificate and key.
    init(root: String, certificates: TestCertificates? = nil) throws {
        guard let executable = Self.executable else {
            throw TestSetupError(description: "nginx is not installed: run Scripts/setup.sh (Debian package nginx)")
        }
        prefix = try Scratch()
        port = try unusedPort()
        tlsPort = try certificates.map { _ in try unusedPort() }
        func locations(scheme: String, port: Int) -> String {
            """
                    location = /same-origin { return 302 /list.bin; }
                    location = /other-host { return 302 \(scheme)://localhost:\(port)/list.bin; }
                    location = /to-file { return 302 file:///etc/passwd; }
                    location = /loop { return 302 /loop; }
                    location / { }
            """
        }
        var servers = """
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
            \(locations(scheme: "http", port: port))
                }
            """
        if let certificates, let tlsPort {
            servers += """

                    server {
                        listen 127.0.0.1:\(tlsPort) ssl;
                        ssl_certificate \(certificates.certificateFile);
                        ssl_certificate_key \(certificates.keyFile);
                        root \(root);
                        location = /downgrade { return 302 http://127.0.0.1:\(port)/list.bin; }
                \(locations(scheme: "https", port: tlsPort))
                    }
                """
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
            \(servers)
            }

            """)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "-p", prefix.path, "-c", prefix.file("nginx.conf"), "-e", prefix.file("error.log"),
            "-g", "daemon off; pid \(prefix.file("nginx.pid")); error_log \(prefix.file("error.log"));",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !(acceptsConnections(port) && (tlsPort.map(acceptsConnections) ?? true)) {
            guard process.isRunning, Date() < deadline else {
                let log = (try? String(contentsOfFile: prefix.file("error.log"), encoding: .utf8)) ?? ""
                stop()
                throw TestSetupError(description: "nginx did not start on 127.0.0.1:\(port): \(log)")
            }
            usleep(20_000)
        }
    }

    /// `http://127.0.0.1:port/path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// `https://127.0.0.1:tlsPort/path`.
    func tlsURL(_ path: String, host: String = "127.0.0.1") -> String { "https://\(host):\(tlsPort ?? 0)/\(path)" }

    private func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
