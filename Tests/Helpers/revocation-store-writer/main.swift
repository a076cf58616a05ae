// A test helper, not a product: installs revocation lists into a RevocationStore in a loop so that
// RevocationStoreCrashTests can SIGKILL it at random moments, mid-write included.
//
// Usage: revocation-store-writer STORE_DIRECTORY [ENTRIES]
//
// It continues from the store's sequence: each round signs a snapshot with sequence + 1 (ENTRIES
// token entries, default 50,000, plus one entry "seq-N" per sequence so far), installs it through
// RevocationListCheck (AtomicFile: temporary file, fsync, rename, fsync of the directory), and
// only then writes "committed N\n" to stdout. It runs until killed. The publisher key and list
// name are fixed; the test pins the same key.

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
        emit("usage: revocation-store-writer STORE_DIRECTORY [ENTRIES]", to: 2)
        exit(2)
    }
    let entryCount = arguments.count == 3 ? Int(arguments[2]) ?? 50_000 : 50_000
    let key = SigningKey(seed: [UInt8](repeating: 0x5A, count: 32), keyID: "crash-publisher", algorithm: nil)
    let publisherKeys = try PinnedKeySet(jwks: Array(key.publicJWKSet.jsonText.utf8))
    let store = try RevocationStore(directory: arguments[1])
    let check = try RevocationListCheck(publisherKeys: publisherKeys, store: store)
    var sequence = check.list?.sequence ?? 0
    var content = try RevocationListContent(
        name: "crash-test", sequence: 1, issuedAt: 1_700_000_000, validUntil: 1_900_000_000,
        salt: [UInt8](repeating: 9, count: 32))
    try content.insert(contentsOf: (0..<entryCount).map { .token(issuer: "https://id.example", jwtID: "jti-\($0)", expiration: nil) })
    try content.insert(contentsOf: (0..<(sequence + 1)).map { .token(issuer: "https://id.example", jwtID: "seq-\($0)", expiration: nil) })
    while true {
        sequence += 1
        content.sequence = sequence
        content.issuedAt = 1_700_000_000 + sequence
        try content.insert(.token(issuer: "https://id.example", jwtID: "seq-\(sequence)", expiration: nil))
        try check.install(content.signed(by: key))
        emit("committed \(sequence)", to: 1)
    }
}

do {
    try run()
} catch {
    emit("revocation-store-writer: \(error)", to: 2)
    exit(1)
}
