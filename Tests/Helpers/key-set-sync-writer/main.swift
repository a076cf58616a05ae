// A test helper, not a product: publishes key-set statements and has a SyncAgent install each one
// from a real HTTP server, in a loop, so KeySetInstallCrashTests can SIGKILL it at random moments,
// mid-install included.
//
// Usage: key-set-sync-writer SERVED_DIRECTORY BASE_URL WORK_DIRECTORY
//
// WORK_DIRECTORY holds `trust-root.json` (root key seed 0x21, kid root-1: the tests' KeyPublisher)
// and `keys.json`; the agent's state is WORK_DIRECTORY/state, its source `keys`. Each round
// continues from the installed sequence N: it writes statement N + 1 (key `A`, seed 0x31, plus
// 30 keys `seq-(N+1)-i`) to SERVED_DIRECTORY/keyset.json by rename, dated N + 1 seconds after
// 2020-09-13 so every publication has its own ETag, writes "installing N+1" to stdout, runs one
// sync attempt (fetch, verify, AtomicFile store, swap) and only then writes "committed N+1". It
// runs until killed.

import EdgeJWT
import EdgeJWTSync
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a line with one `write(2)`, unbuffered, so a kill loses nothing already reported.
func emit(_ line: String, to descriptor: Int32) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

/// The JWK Set of statement `sequence`: `A`, then the filler keys that tie its content to it.
func jwks(_ sequence: UInt64) -> JSONValue {
    var members = [SigningKey(seed: [UInt8](repeating: 0x31, count: 32), keyID: "A", algorithm: "EdDSA")]
    for index in 0..<30 {
        var seed = [UInt8](repeating: UInt8(index), count: 32)
        withUnsafeBytes(of: sequence.littleEndian) { seed.replaceSubrange(0..<8, with: $0) }
        members.append(SigningKey(seed: seed, keyID: "seq-\(sequence)-\(index)", algorithm: "EdDSA"))
    }
    let keys = members.map { key -> JSONValue in
        guard case .object(let set) = key.publicJWKSet, case .array(let entries)? = set["keys"] else { fatalError("bad JWK Set") }
        return entries[0]
    }
    return .object(JSONObject(["keys": .array(keys)]))
}

func run() throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 4 else {
        emit("usage: key-set-sync-writer SERVED_DIRECTORY BASE_URL WORK_DIRECTORY", to: 2)
        exit(2)
    }
    let (served, baseURL, work) = (arguments[1], arguments[2], arguments[3])
    let issuer = "https://issuer.example"
    let root = SigningKey(seed: [UInt8](repeating: 0x21, count: 32), keyID: "root-1", algorithm: "EdDSA")
    var configuration = SyncConfiguration(
        stateDirectory: work + "/state", keysPath: work + "/keys.json",
        sources: [
            .init(name: "keys", kind: .keySetStatement, url: baseURL + "/keyset.json", issuer: issuer, trustRootPath: work + "/trust-root.json")
        ])
    configuration.timeout = .seconds(5)
    let agent = try SyncAgent(configuration: configuration)
    guard let keySet = agent.keySets[issuer] else { throw SyncConfigurationError("no key set") }
    let now = UInt64(Date().timeIntervalSince1970)
    while true {
        let sequence = (keySet.statement?.sequence ?? 0) + 1
        let bytes = StatementSigner.keySet(
            issuer: issuer, sequence: sequence, issuedAt: now - 60, expiresAt: now + 30 * 86_400, jwks: jwks(sequence), signedBy: [root])
        let temporary = served + "/.keyset.json.tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000 + Double(sequence))], ofItemAtPath: temporary)
        guard rename(temporary, served + "/keyset.json") == 0 else { throw SyncConfigurationError("rename failed") }
        emit("installing \(sequence)", to: 1)
        let outcome = agent.syncAll()[0]
        guard outcome.result == .updated, keySet.statement?.sequence == sequence else {
            throw SyncConfigurationError("statement \(sequence) was not installed: \(outcome.result)")
        }
        emit("committed \(sequence)", to: 1)
    }
}

do {
    try run()
} catch {
    emit("key-set-sync-writer: \(error)", to: 2)
    exit(1)
}
