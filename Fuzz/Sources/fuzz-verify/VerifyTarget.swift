import EdgeJWT
import FuzzSupport

/// Full verification of an arbitrary token: the input is the token's bytes, verified against the
/// vectors' key set (k1, k2, k3) at the vectors' `now` with default options.
///
/// Properties: no crash or hang; the `String` and the bytes entry points agree; and a token is
/// valid only if it is exactly what a pinned key signs for its signing input (the fuzzer cannot
/// forge Ed25519, so anything else accepted is a wrong accept).
private let verifier = Verifier(keys: Fixture.pinnedKeys, clock: FixedClock(Fixture.now))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerify(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let token = [UInt8](fuzz: data, count: size)
    let verdict: Result<VerifiedToken, VerificationError>
    do {
        verdict = .success(try verifier.verify(bytes: token))
    } catch {
        verdict = .failure(error)
    }
    if case .success(let verified) = verdict {
        guard Fixture.isExactlySigned(token, by: verified.keyID) else {
            Fixture.violation("accepted a token that no pinned key signed byte for byte")
        }
    }
    if let text = String(validating: token, as: UTF8.self) {
        let again: Result<VerifiedToken, VerificationError>
        do {
            again = .success(try verifier.verify(text))
        } catch {
            again = .failure(error)
        }
        switch (verdict, again) {
        case (.success(let first), .success(let second)) where first == second: break
        case (.failure(let first), .failure(let second)) where first.code == second.code: break
        default: Fixture.violation("verify(bytes:) and verify(_: String) disagree: \(verdict) vs \(again)")
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_verify_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzVerify(data, size) }
}
