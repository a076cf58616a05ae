import Foundation
import Testing

/// A certificate authority made for one test with the `openssl` command (P-256, one day), and
/// a server certificate it issued for IP 127.0.0.1 only: the `ca_file` a device pins.
struct TestCertificateAuthority {
    /// The CA certificate (PEM).
    let caFile: String
    /// The server certificate (PEM).
    let serverCertificate: String
    /// The server's private key (PEM).
    let serverKey: String

    init(in directory: TemporaryDirectory, name: String = "test") throws {
        caFile = directory.file("\(name)-ca.pem")
        serverCertificate = directory.file("\(name)-server.pem")
        serverKey = directory.file("\(name)-server.key")
        let caKey = directory.file("\(name)-ca.key")
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"]
        try Self.openssl(
            ["req", "-x509"] + curve + [
                "-keyout", caKey, "-out", caFile, "-subj", "/CN=EdgeJWT sync test CA \(name)",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], log: directory.file("\(name)-openssl.log"))
        try Self.openssl(
            ["req", "-x509"] + curve + [
                "-keyout", serverKey, "-out", serverCertificate, "-subj", "/CN=edgejwt sync test server", "-CA", caFile,
                "-CAkey", caKey, "-addext", "subjectAltName=IP:127.0.0.1", "-addext", "basicConstraints=CA:FALSE",
                "-addext", "extendedKeyUsage=serverAuth",
            ], log: directory.file("\(name)-openssl.log"))
    }

    private static func openssl(_ arguments: [String], log: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed: \(text)")
    }
}
