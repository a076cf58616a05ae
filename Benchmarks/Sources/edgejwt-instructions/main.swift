// edgejwt-instructions ROW N [--revocation-list FILE --revocation-keys JWKS]
//
// Sets up ROW and runs it N times, synchronously, with the system allocator: a process for
// `valgrind --tool=callgrind`, whose instruction counts do not depend on the machine's load.
// Benchmarks/instructions.sh runs it twice (N and 2N) and subtracts, removing the setup.
// ROW: raw, edgejwt, edgejwt-status, revocation-lookup (not listed), revocation-hit, parse-only, or a prefix of an extra row's name.

import BenchSupport
import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]), count > 0 else {
    progress("usage: edgejwt-instructions ROW N [--revocation-list FILE --revocation-keys JWKS]")
    exit(2)
}
let row = arguments[1]

/// `--revocation-list FILE --revocation-keys JWKS`, or exit 2.
func revocationListArguments() -> (list: String, keys: String) {
    guard let list = arguments.firstIndex(of: "--revocation-list").map({ arguments[$0 + 1] }),
        let keys = arguments.firstIndex(of: "--revocation-keys").map({ arguments[$0 + 1] })
    else {
        progress("\(row) needs --revocation-list FILE --revocation-keys JWKS")
        exit(2)
    }
    return (list, keys)
}
let fixture = Fixture()
let verifier: Verifier
let token: String
switch row {
case "raw":
    let raw = fixture.raw
    var succeeded = 0
    for _ in 0..<count where raw.verify() { succeeded += 1 }
    precondition(succeeded == count)
    exit(0)
case "parse-only":
    precondition(Rows.parseOnlyLoop(fixture.token, count) == count)
    exit(0)
case "edgejwt":
    verifier = fixture.verifier
    token = fixture.token
case "revocation-lookup", "revocation-hit":
    let (list, keys) = revocationListArguments()
    let lookup = Rows.revocationLookup(RevocationFixture.check(listFile: list, publisherKeysFile: keys).list!, fixture)
    precondition(Rows.revocationLookupLoop(lookup, listed: row == "revocation-hit", count) == count)
    exit(0)
case "edgejwt-status":
    let (list, keys) = revocationListArguments()
    verifier = fixture.statusVerifier(listFile: list, publisherKeysFile: keys).0
    token = fixture.statusToken
default:
    guard let extra = Rows.extraSyncRows(fixture).first(where: { $0.name.hasPrefix(row) }) else {
        progress("unknown row \(row)")
        exit(2)
    }
    precondition(extra.body(count) == count)
    exit(0)
}
precondition(Rows.verifyLoop(verifier, token, count) == count)
