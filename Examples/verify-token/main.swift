// verify-token KEYS_FILE TOKEN_FILE
//
// Verifies one JWT offline against a pinned JWK Set and prints its subject.
// Exit status: 0 valid, 1 rejected, 2 usage error or unusable input.
// Uses only EdgeJWT's public API and the C library: no Foundation.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import EdgeJWT

/// Who must have issued the token and whom it must be for: pin both in real code.
let issuer = "https://issuer.example"
let audience = "gateway"

/// Writes a line on stderr and exits with `status`.
func fail(_ message: String, status: Int32) -> Never {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(status)
}

/// Reads a small file whole (at most 64 KiB), without one trailing LF or CRLF.
func readToken(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes = [UInt8](repeating: 0, count: 64 * 1024 + 1)
    let count = fread(&bytes, 1, bytes.count, file)
    guard ferror(file) == 0, count < bytes.count else { return nil }
    bytes.removeSubrange(count...)
    if bytes.last == UInt8(ascii: "\n") {
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    }
    return bytes
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    fail("usage: verify-token KEYS_FILE TOKEN_FILE", status: 2)
}

let keys: PinnedKeySet
do {
    keys = try PinnedKeySet(contentsOfFile: arguments[1])
} catch {
    fail("cannot use the key set: \(error)", status: 2)  // e.g. "private_key_material: ..."
}

guard let token = readToken(arguments[2]) else {
    fail("cannot read the token file \(arguments[2])", status: 2)
}

var options = VerifierOptions()
options.issuers = [issuer]
options.audiences = [audience]
let verifier = Verifier(keys: keys, options: options)

do {
    let verified = try verifier.verify(bytes: token)
    print(verified.claims.subject ?? "(no sub)")
} catch {
    fail("rejected: \(error)", status: 1)  // error.code.rawValue is stable: "expired", "invalid_signature", ...
}
