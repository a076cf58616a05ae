import Foundation

/// A throw-away certificate authority and a server certificate it issued, made with the
/// `openssl` command (P-256 keys, valid for one day) in a scratch directory.
struct TestCertificates {
    /// The CA certificate (PEM): the `ca_file` a client pins.
    let caFile: String
    /// The server's certificate (PEM).
    let certificateFile: String
    /// The server's private key (PEM).
    let keyFile: String

    /// - Parameters:
    ///   - directory: Where the files go.
    ///   - name: Distinguishes several CAs in one directory.
    ///   - subjectAltName: The server certificate's names, e.g. `IP:127.0.0.1,DNS:localhost`.
    init(in directory: Scratch, name: String = "test", subjectAltName: String = "IP:127.0.0.1,DNS:localhost") throws {
        caFile = directory.file("\(name)-ca.pem")
        certificateFile = directory.file("\(name)-server.pem")
        keyFile = directory.file("\(name)-server.key")
        let caKey = directory.file("\(name)-ca.key")
        let log = directory.file("\(name)-openssl.log")
        let openssl = "/usr/bin/openssl"
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey, "-out", caFile,
                "-days", "1", "-subj", "/CN=EdgeJWT test CA \(name)", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", keyFile, "-out",
                certificateFile, "-days", "1", "-subj", "/CN=edgejwt test server", "-CA", caFile, "-CAkey", caKey,
                "-addext", "subjectAltName=\(subjectAltName)", "-addext", "basicConstraints=CA:FALSE",
                "-addext", "extendedKeyUsage=serverAuth",
            ],
        ]
        for step in steps {
            guard try run(openssl, step, log: log) == 0 else {
                throw TestSetupError(description: "openssl \(step.joined(separator: " ")) failed: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
        }
    }
}
