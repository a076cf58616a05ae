import EdgeJWT
import FuzzSupport

/// JWK Set loading (`PinnedKeySet(jwks:)`).
///
/// Properties: no crash; a loaded set has at least one key, each 32 bytes, with distinct `kid`s;
/// loading is deterministic; a loaded set's keys can verify (no trap on a pinned key).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWKS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = [UInt8](fuzz: data, count: size)
    let first: Result<PinnedKeySet, KeySetError>
    do {
        first = .success(try PinnedKeySet(jwks: input))
    } catch {
        first = .failure(error)
    }
    let second: Result<PinnedKeySet, KeySetError>
    do {
        second = .success(try PinnedKeySet(jwks: input))
    } catch {
        second = .failure(error)
    }
    switch (first, second) {
    case (.success(let keys), .success(let again)):
        guard keys == again else { Fixture.violation("loading is not deterministic") }
        guard !keys.keys.isEmpty else { Fixture.violation("a loaded set with no key") }
        let keyIDs = keys.keys.compactMap(\.keyID)
        guard Set(keyIDs).count == keyIDs.count else { Fixture.violation("duplicate kid loaded") }
        for key in keys.keys {
            guard key.publicKey.count == 32 else { Fixture.violation("a pinned key of \(key.publicKey.count) bytes") }
            _ = key.isValidSignature([UInt8](repeating: 0, count: 64), for: [UInt8]())
        }
    case (.failure(let error), .failure(let again)) where error.code == again.code: break
    default: Fixture.violation("loading is not deterministic")
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_jwks_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzJWKS(data, size) }
}
