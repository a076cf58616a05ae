import EdgeJWT
import FuzzSupport

/// The steps behind the signature: the input is a protected header and a payload (byte 0 is the
/// header's length, then the header, then the payload), which the harness signs with the key its
/// `kid` names (k1 when there is none), so the fuzzer reaches header rules, key selection, claims
/// decoding, time and policy rules with arbitrary JSON.
///
/// Properties: no crash; never `invalid_signature` (the signature is always right, so that code
/// would mean the verifier read a different `kid` than the strict parser did, or checked other
/// bytes); an accepted token's header and claims are exactly the strict parse of what was signed;
/// a verifier with more rules never accepts what the default one refuses.
private let lenient = Verifier(keys: Fixture.pinnedKeys, clock: FixedClock(Fixture.now))
private let strict: Verifier = {
    var options = VerifierOptions()
    options.issuers = ["https://issuer.example"]
    options.audiences = ["gateway"]
    options.requiredType = "JWT"
    options.maxAge = .seconds(3600)
    options.requiredClaims = ["sub", "jti"]
    return Verifier(keys: Fixture.pinnedKeys, options: options, clock: FixedClock(Fixture.now))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifySigned(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = [UInt8](fuzz: data, count: size)
    guard let first = input.first else { return 0 }
    let headerEnd = min(input.count, 1 + Int(first))
    let header = Array(input[1..<headerEnd])
    let payload = Array(input[headerEnd...])
    let parsedHeader = JSONValue.parse(header)?.objectValue
    let named = parsedHeader?["kid"]?.stringValue
    let key = Fixture.keys.first { $0.keyID == named } ?? Fixture.signer
    let token = Fixture.signedToken(header: header, payload: payload, key: key)

    var accepted = false
    for verifier in [lenient, strict] {
        do {
            let verified = try verifier.verify(bytes: token)
            guard verified.keyID == key.keyID else {
                Fixture.violation("verified with \(verified.keyID ?? "nil"), signed with \(key.keyID)")
            }
            guard let parsedHeader, verified.header.object == parsedHeader else {
                Fixture.violation("the verified header is not the strict parse of the signed header")
            }
            guard verified.claims.object == JSONValue.parse(payload)?.objectValue else {
                Fixture.violation("the verified claims are not the strict parse of the signed payload")
            }
            if verifier.options.issuers.isEmpty {
                accepted = true
            } else if !accepted {
                Fixture.violation("the strict verifier accepted what the default one refused")
            }
        } catch {
            if error.code == .invalidSignature {
                Fixture.violation("invalid_signature for a correctly signed token: \(error)")
            }
        }
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_verify_signed_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzVerifySigned(data, size) }
}
