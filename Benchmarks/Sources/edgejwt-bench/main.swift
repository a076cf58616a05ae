// edgejwt-bench: EdgeJWT's benchmark (docs/performance.md). Run it through Benchmarks/run.sh.
//
//   edgejwt-bench [--rounds N] [--round-ms MS] [--revocation-list FILE --revocation-keys JWKS] [--scaling-rounds N]
//       The table: interleaved rounds of every row, medians and spread, ratios to raw libsodium,
//       heap allocations per operation, then the 1- and 2-thread scaling rows.
//   edgejwt-bench rss ROW [--count N] [--revocation-list FILE --revocation-keys JWKS]
//       Peak resident memory of a process that sets up ROW and runs it N times (default 20,000).
//       ROW: setup-only, raw, edgejwt, edgejwt-status, jwt-kit.
//   edgejwt-bench make-tokens --private JWK_FILE --count N [--now UNIX_SECONDS]
//       N distinct typical ID tokens (one per line on stdout), signed with the private JWK that
//       `edgejwt keygen --private` wrote, for Benchmarks/run-stream.sh.

import BenchSupport
import CBenchLibs
import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `--name value` from the command line, or `nil`.
func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func intOption(_ name: String, default value: Int) -> Int {
    guard let text = option(name) else { return value }
    guard let number = Int(text), number > 0 else { usage("\(name) needs a positive integer") }
    return number
}

func usage(_ message: String) -> Never {
    progress("edgejwt-bench: \(message)")
    exit(2)
}

/// The report: interleaved rows, allocations, scaling.
func runTable() async {
    let rounds = intOption("--rounds", default: 60)
    let roundMilliseconds = intOption("--round-ms", default: 25)
    let scalingRounds = intOption("--scaling-rounds", default: 10)
    let revocationList = option("--revocation-list").flatMap { list in option("--revocation-keys").map { (list, $0) } }

    progress("setting up fixtures...")
    let fixture = Fixture()
    let jwtKitKeys = await makeJWTKitKeys(fixture.key)
    let jwtKitAccepts = await jwtKitVerify(jwtKitKeys, fixture.token, count: 1) == 1
    precondition(jwtKitAccepts, "jwt-kit refuses the benchmark token")

    var rows: [BenchCase] = [
        Rows.rawLibsodium(fixture),
        Rows.edgeJWT("EdgeJWT full verification (every check on)", fixture.verifier, fixture.token),
    ]
    var revocation: RevocationListCheck? = nil
    if let revocationList {
        progress("loading the 1M-entry revocation list and building the status list...")
        let (statusVerifier, check) = fixture.statusVerifier(listFile: revocationList.0, publisherKeysFile: revocationList.1)
        revocation = check
        rows.append(Rows.edgeJWT("EdgeJWT + revocation list (1M) + status list (1M)", statusVerifier, fixture.statusToken))
    }
    rows.append(Rows.parseOnly(fixture))
    rows.append(Rows.jwtKit(jwtKitKeys, fixture.token))
    rows.append(contentsOf: Rows.extraRows(fixture))
    if let revocation {
        rows.append(contentsOf: Rows.revocationLookups(revocation, fixture))
    }

    progress("\(rows.count) rows, \(rounds) interleaved rounds of about \(roundMilliseconds) ms each...")
    let roundSamples = await runInterleaved(&rows, rounds: rounds, targetNanoseconds: UInt64(roundMilliseconds) * 1_000_000)
    let samples = roundSamples.wall
    let summaries = samples.map(Summary.init)
    let cpuSummaries = roundSamples.threadCPU.map(Summary.init)
    // Each row's time divided by raw libsodium's in the same round, so that drifts in the
    // machine's load (other processes) cancel out: the ratios' median and spread.
    let ratios = samples.map { row in Summary(zip(row, samples[0]).map { $0 / $1 }) }

    progress("counting allocations...")
    var allocations: [(allocations: Double, bytes: Double)?] = []
    for row in rows {
        allocations.append(await allocationsPerOperation(row, count: 2_000))
    }

    progress("scaling: 1 and 2 threads, \(scalingRounds) interleaved rounds...")
    let raw = fixture.raw
    let verifier = fixture.verifier
    let token = fixture.token
    let rawBody: @Sendable (Int) -> Int = { count in
        var succeeded = 0
        for _ in 0..<count where raw.verify() { succeeded += 1 }
        return succeeded
    }
    let edgeBody: @Sendable (Int) -> Int = { count in Rows.verifyLoop(verifier, token, count) }
    let perThread = max(200, Int(Double(roundMilliseconds) * 4e6 / summaries[0].median))
    let scaling = runScaling(
        [
            ScalingCase(name: "raw libsodium", threads: 1, body: rawBody),
            ScalingCase(name: "raw libsodium", threads: 2, body: rawBody),
            ScalingCase(name: "EdgeJWT full verification", threads: 1, body: edgeBody),
            ScalingCase(name: "EdgeJWT full verification", threads: 2, body: edgeBody),
        ], rounds: scalingRounds, perThread: perThread)

    // The report (markdown).
    let base = summaries[0].median
    print("Token: \(fixture.token.utf8.count) bytes, signing input \(fixture.signingInputBytes) bytes, 10 claims; libsodium \(String(cString: sodium_version_string())).")
    print("\(rounds) interleaved rounds, each row about \(roundMilliseconds) ms per round; per-row statistics over rounds.")
    print("")
    // Each row's rate against jwt-kit's, per round like the ratios to raw libsodium.
    let jwtKit = rows.firstIndex { $0.name.hasPrefix("vapor/jwt-kit") }
    let againstJWTKit = samples.map { row in jwtKit.map { kit in Summary(zip(samples[kit], row).map { $0 / $1 }) } }
    print("| Row | median µs/op | p10 | p90 | time ÷ raw: median of rounds [p10, p90] | rate ÷ raw | rate ÷ jwt-kit | heap allocs/op | heap bytes/op |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (index, row) in rows.enumerated() {
        let ratio = ratios[index]
        let micro = row.name.hasPrefix("revocation lookup")
        // Lookups are timed in thread-CPU ns (they never suspend); the rest by wall clock.
        let summary = micro ? cpuSummaries[index] : summaries[index]
        let isVerification = !micro && !row.name.hasPrefix("parse only")
        let scale = micro ? 1.0 : 1e-3
        let digits = micro ? 0 : 2
        let ratioText = micro ? "-" : "\(formatted(ratio.median, 3))× [\(formatted(ratio.p10, 3)), \(formatted(ratio.p90, 3))]"
        let rate = isVerification ? formatted(1 / ratio.median, 3) + "×" : "-"
        let kitRate = isVerification ? againstJWTKit[index].map { formatted($0.median, 3) + "×" } ?? "-" : "-"
        let heap = allocations[index].map { formatted($0.allocations, 2) } ?? "n/a"
        let bytes = allocations[index].map { formatted($0.bytes, 0) } ?? "n/a"
        print(
            "| \(row.name)\(micro ? " (thread-CPU ns)" : "") | \(formatted(summary.median * scale, digits)) | \(formatted(summary.p10 * scale, digits)) | \(formatted(summary.p90 * scale, digits)) | \(ratioText) | \(rate) | \(kitRate) | \(heap) | \(bytes) |"
        )
    }
    print("")
    print("EdgeJWT's own cost above raw libsodium: \(formatted((ratios[1].median - 1) * base / 1000, 2)) µs per token (median ratio × raw median).")
    print("")
    print("| Scaling (\(scalingRounds) interleaved rounds, \(perThread) ops per thread) | threads | median ops/s (wall) | p10 | p90 | × 1 thread | ops per thread-CPU second | per-thread efficiency |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for (index, row) in [("raw libsodium", 1), ("raw libsodium", 2), ("EdgeJWT full verification", 1), ("EdgeJWT full verification", 2)].enumerated() {
        let wall = scaling.wall[index]
        let cpu = scaling.perCPUSecond[index]
        let single = index - index % 2
        print(
            "| \(row.0) | \(row.1) | \(formatted(wall.median, 0)) | \(formatted(wall.p10, 0)) | \(formatted(wall.p90, 0)) | \(formatted(wall.median / scaling.wall[single].median, 2))× | \(formatted(cpu.median, 0)) | \(formatted(cpu.median / scaling.perCPUSecond[single].median, 2))× |"
        )
    }
    print("")
    print("Load average at the end of the scaling rounds: \(loadAverage()). With another process busy on a core, 2 threads cannot show 2× by wall clock; ops per thread-CPU second show whether threads slow each other down: an efficiency of 1.00 means N threads do N times the work of one when they each get a core.")
    print("")
    let twoThreads = scaling.wall[3].median / scaling.wall[2].median
    printTargets(issueTargets(rows: rows, ratios: ratios, cpuSummaries: cpuSummaries, allocations: allocations, twoThreads: twoThreads))
}

/// `/proc/loadavg`'s first three fields.
func loadAverage() -> String {
    guard let file = fopen("/proc/loadavg", "r") else { return "unknown" }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return "unknown" }
    return String(cString: buffer).split(separator: " ").prefix(3).joined(separator: " ")
}

/// `rss ROW`: the peak resident memory of a process that runs one row.
func runResidentSet() async {
    let arguments = CommandLine.arguments
    guard arguments.count >= 3 else { usage("rss needs a row: setup-only, raw, edgejwt, edgejwt-status, jwt-kit") }
    let row = arguments[2]
    let count = intOption("--count", default: 20_000)
    let fixture = Fixture()
    let body: BenchCase
    switch row {
    case "setup-only": body = BenchCase(name: row) { $0 }
    case "raw": body = Rows.rawLibsodium(fixture)
    case "edgejwt": body = Rows.edgeJWT(row, fixture.verifier, fixture.token)
    case "edgejwt-status":
        guard let list = option("--revocation-list"), let keys = option("--revocation-keys") else {
            usage("edgejwt-status needs --revocation-list FILE --revocation-keys JWKS")
        }
        body = Rows.edgeJWT(row, fixture.statusVerifier(listFile: list, publisherKeysFile: keys).0, fixture.statusToken)
    case "jwt-kit": body = Rows.jwtKit(await makeJWTKitKeys(fixture.key), fixture.token)
    default: usage("unknown row \(row)")
    }
    let afterSetup = peakResidentKiB()
    let succeeded = await body.body(count)
    precondition(succeeded == count)
    print("\(row)\tpeak_rss_kib=\(peakResidentKiB())\tafter_setup_kib=\(afterSetup)\toperations=\(count)")
}

/// `make-tokens`: distinct typical ID tokens, one per line.
func makeTokens() {
    guard let path = option("--private") else { usage("make-tokens needs --private JWK_FILE") }
    let count = intOption("--count", default: 100_000)
    let now = option("--now").flatMap { Int($0) } ?? unixNow()
    guard let file = fopen(path, "rb") else { usage("cannot open \(path)") }
    var bytes = [UInt8](repeating: 0, count: 64 * 1024)
    let length = fread(&bytes, 1, bytes.count, file)
    fclose(file)
    guard case .object(let jwk)? = JSONValue.parse(Array(bytes[..<length])),
        case .string(let d)? = jwk["d"], let seed = Base64URL.decode(d), seed.count == 32,
        case .string(let keyID)? = jwk["kid"]
    else { usage("\(path) is not an Ed25519 private JWK with a kid") }
    precondition(sodium_init() >= 0)
    var publicKey = [UInt8](repeating: 0, count: 32)
    var secretKey = [UInt8](repeating: 0, count: 64)
    precondition(crypto_sign_seed_keypair(&publicKey, &secretKey, seed) == 0)
    if case .string(let x)? = jwk["x"] { precondition(Base64URL.decode(x) == publicKey, "x does not match d") }
    let key = BenchKey(keyID: keyID, publicKey: publicKey, secretKey: secretKey)
    let header = #"{"alg":"EdDSA","typ":"JWT","kid":"\#(keyID)"}"#
    var output: [UInt8] = []
    output.reserveCapacity(1 << 20)
    for index in 0..<count {
        let claims = TypicalToken.claims(now: now, subject: String(248_289_761_001 + index), jwtID: "c1b0f7b2-5d4e-4f0a-9b7e-\(100_000_000_000 + index)")
        output.append(contentsOf: key.sign(header: header, claims: claims).utf8)
        output.append(UInt8(ascii: "\n"))
        if output.count > 1 << 20 || index == count - 1 {
            output.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    precondition(written > 0, "cannot write the tokens")
                    offset += written
                }
            }
            output.removeAll(keepingCapacity: true)
        }
    }
}

switch CommandLine.arguments.dropFirst().first {
case "rss": await runResidentSet()
case "make-tokens": makeTokens()
case "-h", "--help": usage("see the comment at the top of Benchmarks/Sources/edgejwt-bench/main.swift")
default: await runTable()
}
