import CFuzzLibs
import EdgeJWT
import FuzzSupport

/// Status List Token parsing and bounded inflate (draft-ietf-oauth-status-list).
///
/// Byte 0 chooses the mode. With bit 7 set, the rest is a whole Status List Token, verified as
/// given (`StatusList(token:keys:)`: structure, header and signature checks). Otherwise the rest
/// is the compressed `lst` and bits 0–1 pick `bits` (1, 2, 4, 8): the harness wraps it in a list
/// token it signs with k1, so every input reaches the claim checks and the inflater.
///
/// Properties: no crash; the output never exceeds the cap; EdgeJWT's inflate agrees with zlib's
/// own `uncompress2` (same bytes when both accept; a complete, in-bounds zlib stream is accepted;
/// a stream past the cap is `list_too_large`); entry lookups stay in range; and a token that
/// names an entry through an installed ``StatusListCheck`` is accepted exactly when that entry is 0.
private let maxListBytes = 1 << 16
private let uri = "https://fuzz.example/statuslists/1"
private let limits: StatusList.Limits = {
    var limits = StatusList.Limits()
    limits.maxListBytes = maxListBytes
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatusList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = [UInt8](fuzz: data, count: size)
    guard let mode = input.first else { return 0 }
    let rest = Array(input.dropFirst())
    if mode & 0x80 != 0 {
        if let list = try? StatusList(token: rest, keys: Fixture.pinnedKeys, limits: limits) {
            checkLookups(list)
        }
        return 0
    }
    let bits = [1, 2, 4, 8][Int(mode & 0x03)]
    let claims = #"{"sub":"\#(uri)","iat":\#(Int(Fixture.now.secondsSinceEpoch)),"status_list":{"bits":\#(bits),"lst":"\#(Base64URL.encode(rest))"}}"#
    let token = Fixture.signedToken(
        header: Array(#"{"alg":"EdDSA","kid":"k1","typ":"statuslist+jwt"}"#.utf8), payload: Array(claims.utf8))
    let reference = ReferenceInflate(rest, capacity: maxListBytes + 1)
    let list: StatusList
    do {
        list = try StatusList(token: token, keys: Fixture.pinnedKeys, limits: limits)
    } catch {
        switch error.code {
        case .listTooLarge:
            if reference.isComplete, reference.output.count <= maxListBytes {
                Fixture.violation("list_too_large for \(reference.output.count) bytes, within the cap \(maxListBytes)")
            }
        case .invalidCompression:
            if reference.isComplete, !reference.output.isEmpty {
                Fixture.violation("zlib inflates this stream completely (\(reference.output.count) bytes) but EdgeJWT refuses it: \(error)")
            }
        default:
            Fixture.violation("a well-formed signed list token refused for \(error)")
        }
        return 0
    }
    checkLookups(list)
    let bytes = listBytes(list)
    guard bytes.count <= maxListBytes else { Fixture.violation("the list is past the cap: \(bytes.count) bytes") }
    guard reference.isComplete, reference.output == bytes else {
        Fixture.violation("EdgeJWT inflated \(bytes.count) bytes; zlib says complete=\(reference.isComplete) with \(reference.output.count)")
    }
    checkReferencedToken(list, listToken: token, index: list.count == 0 ? 0 : Int(input.count % (list.count + 1)))
    return 0
}

/// The list's bytes, rebuilt from its entries (entry 0 is the least significant bits of byte 0).
private func listBytes(_ list: StatusList) -> [UInt8] {
    let perByte = 8 / list.bits
    var bytes = [UInt8](repeating: 0, count: list.count / perByte)
    for index in 0..<list.count {
        guard let status = list.status(at: index) else { Fixture.violation("entry \(index) < count \(list.count) is nil") }
        bytes[index / perByte] |= status << UInt8((index % perByte) * list.bits)
    }
    return bytes
}

private func checkLookups(_ list: StatusList) {
    guard [1, 2, 4, 8].contains(list.bits) else { Fixture.violation("bits \(list.bits)") }
    guard list.status(at: -1) == nil, list.status(at: list.count) == nil, list.status(at: Int.max) == nil else {
        Fixture.violation("an out-of-range index has a status")
    }
    for index in [0, list.count / 2, list.count - 1] where index >= 0 && index < list.count {
        guard let status = list.status(at: index), Int(status) < 1 << list.bits else {
            Fixture.violation("entry \(index) is out of its \(list.bits)-bit range")
        }
    }
}

/// Installs the list and verifies a token that names entry `index` of it.
private func checkReferencedToken(_ list: StatusList, listToken: [UInt8], index: Int) {
    let check = StatusListCheck(keys: Fixture.pinnedKeys, policy: {
        var policy = StatusListPolicy()
        policy.limits = limits
        return policy
    }())
    do {
        try check.install(String(decoding: listToken, as: UTF8.self))
    } catch {
        Fixture.violation("a list that parses does not install: \(error)")
    }
    let claims = #"{"sub":"device-1","status":{"status_list":{"idx":\#(index),"uri":"\#(uri)"}}}"#
    let token = Fixture.signedToken(header: Array(#"{"alg":"EdDSA","kid":"k1"}"#.utf8), payload: Array(claims.utf8))
    let verifier = Verifier(keys: Fixture.pinnedKeys, clock: FixedClock(Fixture.now), statusChecks: [check])
    let accepted = (try? verifier.verify(bytes: token)) != nil
    guard accepted == (list.status(at: index) == 0) else {
        Fixture.violation("entry \(index) has status \(String(describing: list.status(at: index))) but the token was accepted=\(accepted)")
    }
}

/// zlib's own one-shot inflate (`uncompress2`), the reference the bounded inflater must match.
private struct ReferenceInflate {
    /// Whether the whole input is one complete ZLIB stream whose output fits `capacity`.
    let isComplete: Bool
    let output: [UInt8]

    init(_ input: [UInt8], capacity: Int) {
        var output = [UInt8](repeating: 0, count: capacity)
        var outputLength = uLongf(capacity)
        var inputLength = uLong(input.count)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                uncompress2(destination.baseAddress, &outputLength, source.baseAddress, &inputLength)
            }
        }
        self.isComplete = status == Z_OK && Int(inputLength) == input.count
        self.output = Array(output[..<Int(outputLength)])
    }
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_status_list_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzStatusList(data, size) }
}
