// A test helper, not a product: installs key-set statements into a KeySetStore in a loop so that
// KeySetStoreCrashTests can SIGKILL it at random moments, mid-write included.
//
// Usage: keyset-store-writer STORE_DIRECTORY [KEYS]
//
// It continues from the store's sequence: each round signs a statement with sequence + 1 holding
// KEYS Ed25519 keys (default 1,500, about 190 KB) whose last kid is "seq-N", installs it through
// RotatingKeySet (AtomicFile: temporary file, fsync, rename, fsync of the directory), and only
// then writes "committed N\n" to stdout. It runs until killed. The root key, issuer and times are
// fixed; the test uses the same ones.

import EdgeJWT

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Writes a line to a file descriptor with one `write(2)`, unbuffered, so a kill loses nothing
/// already reported.
func emit(_ line: String, to descriptor: Int32) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

func run() throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2, arguments.count <= 3 else {
        emit("usage: keyset-store-writer STORE_DIRECTORY [KEYS]", to: 2)
        exit(2)
    }
    let keyCount = arguments.count == 3 ? Int(arguments[2]) ?? 1_500 : 1_500
    let rootKey = SigningKey(seed: [UInt8](repeating: 0x5B, count: 32), keyID: "crash-root", algorithm: nil)
    let rootJWKS = rootKey.publicJWKSet
    let root = try TrustRoot(verifying: StatementSigner.root(sequence: 1, issuedAt: 1_700_000_000, threshold: 1, jwks: rootJWKS, signedBy: [rootKey]))
    let store = try KeySetStore(directory: arguments[1])
    let keys = try RotatingKeySet(
        issuer: "https://crash.example", trustRoot: root, store: store, clock: FixedClock(1_750_000_000))
    var sequence = keys.statement?.sequence ?? 0
    let tokenKeys: [JSONValue] = (0..<keyCount).map { index in
        var seed = [UInt8](repeating: 0x33, count: 32)
        seed[0] = UInt8(index & 0xFF)
        seed[1] = UInt8(index >> 8)
        return SigningKey(seed: seed, keyID: "k-\(index)", algorithm: nil).publicJWKSet.objectValue!["keys"]!.arrayValue![0]
    }
    while true {
        sequence += 1
        let marker = SigningKey(seed: [UInt8](repeating: 0x44, count: 32), keyID: "seq-\(sequence)", algorithm: nil)
        let jwks = JSONValue.object(JSONObject(["keys": .array(tokenKeys + [marker.publicJWKSet.objectValue!["keys"]!.arrayValue![0]])]))
        let bytes = StatementSigner.keySet(
            issuer: "https://crash.example", sequence: sequence, issuedAt: 1_700_000_000 + sequence, expiresAt: 1_900_000_000,
            jwks: jwks, signedBy: [rootKey])
        try keys.install(bytes)
        emit("committed \(sequence)", to: 1)
    }
}

do {
    try run()
} catch {
    emit("keyset-store-writer: \(error)", to: 2)
    exit(1)
}
