import EdgeJWT
import FuzzSupport

/// Revocation list parsing (`docs/revocation-format.md`): snapshots through
/// `RevocationList(verifying:publisherKeys:)`, snapshots and deltas through
/// `RevocationListCheck.install(_:)` on top of an installed base snapshot.
///
/// Byte 0 chooses the mode. 0: the rest is a whole list file, checked as given (envelope and
/// signature). Otherwise the rest is a list without its signature: the harness sets the length
/// field (bytes 6–9) to the final length and appends k1's signature, so the fuzzer reaches the
/// header rules and the body (token groups, subjects, kids, delta changes) behind the signature.
///
/// Properties: no crash or trap; a list is accepted only if k1 signed it byte for byte; an
/// accepted snapshot installs, keeps its bytes, satisfies its header invariants and answers
/// lookups (every listed kid is revoked); installing is deterministic.
private let publisherKeys: PinnedKeySet = {
    let x = Base64URL.encode(Fixture.signer.publicKey)
    do {
        return try PinnedKeySet(jwks: Array(#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"\#(x)"}]}"#.utf8))
    } catch {
        fatalError("\(error)")
    }
}()

/// A signed snapshot: sequence 1 of the list "fuzz", empty, for deltas to build on.
private let baseSnapshot: [UInt8] = sign(
    header(kind: 1, sequence: 1, base: 0) + [0, 0, 0, 0] + [0, 0, 0, 0] + [0, 0, 0, 0])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRevocationList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = [UInt8](fuzz: data, count: size)
    guard let mode = input.first else { return 0 }
    let file = mode == 0 ? Array(input.dropFirst()) : sign(Array(input.dropFirst()))
    let signedByK1 = isSignedByK1(file)
    do {
        let list = try RevocationList(verifying: file, publisherKeys: publisherKeys)
        guard signedByK1 else { Fixture.violation("accepted a list k1 did not sign") }
        check(list, file)
    } catch {
        if error.code == .invalidSignature, signedByK1 {
            Fixture.violation("invalid_signature for a list k1 signed")
        }
    }
    let first = install(file)
    guard first == install(file) else { Fixture.violation("install is not deterministic") }
    if first != nil, !signedByK1 { Fixture.violation("installed a list k1 did not sign") }
    return 0
}

/// Installs `file` on a check holding the base snapshot; the installed list's bytes, or nil.
private func install(_ file: [UInt8]) -> [UInt8]? {
    do {
        let check = try RevocationListCheck(publisherKeys: publisherKeys)
        try check.install(baseSnapshot)
        let list = try check.install(file)
        guard check.list?.bytes == list.bytes else { Fixture.violation("the installed list is not the one returned") }
        return list.bytes
    } catch {
        return nil
    }
}

private func check(_ list: RevocationList, _ file: [UInt8]) {
    guard list.bytes == file else { Fixture.violation("the list does not keep its bytes") }
    guard list.sequence >= 1, list.horizon <= list.issuedAt, list.issuedAt <= list.validUntil else {
        Fixture.violation("header invariants broken: \(list)")
    }
    for keyID in list.revokedKeyIDs where !list.isKeyRevoked(keyID) {
        Fixture.violation("kid \(keyID) is listed but not revoked")
    }
    _ = list.revokedTokenCount
    _ = list.revokedSubjectCount
    _ = list.containsToken(issuer: "https://issuer.example", jwtID: "jti-1", expiration: Fixture.now)
    _ = list.containsToken(issuer: nil, jwtID: "", expiration: nil)
    _ = list.subjectRevocationTime(issuer: "https://issuer.example", subject: "device-42")
    _ = list.isStale(at: Fixture.now)
    do {
        let check = try RevocationListCheck(publisherKeys: publisherKeys)
        try check.install(file)
    } catch {
        Fixture.violation("a snapshot that verifies does not install on an empty check: \(error)")
    }
}

/// The header of list "fuzz" with kid k1, zero length (``sign(_:)`` sets it).
private func header(kind: UInt8, sequence: UInt64, base: UInt64) -> [UInt8] {
    let now = UInt64(Fixture.now.secondsSinceEpoch)
    var bytes: [UInt8] = Array("EJRL".utf8) + [1, kind, 0, 0, 0, 0]
    for value in [sequence, base, now - 100, now + 30 * 86_400, now - 86_400] {
        bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
    bytes += [UInt8](repeating: 0x11, count: 32)
    bytes += [2] + Array("k1".utf8) + [4] + Array("fuzz".utf8)
    return bytes
}

/// Sets the length field to the signed file's length and appends k1's signature.
private func sign(_ unsigned: [UInt8]) -> [UInt8] {
    var bytes = unsigned
    if bytes.count >= 10 {
        let length = UInt32(truncatingIfNeeded: bytes.count + 64)
        for index in 0..<4 { bytes[6 + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(3 - index))) }
    }
    return bytes + Fixture.signer.sign(bytes)
}

private func isSignedByK1(_ file: [UInt8]) -> Bool {
    file.count >= 64 && Fixture.signer.sign(file.dropLast(64)) == Array(file.suffix(64))
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_revocation_list_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzRevocationList(data, size) }
}
