import EdgeJWT
import FuzzSupport

/// Strict base64url (`Base64URL.decode`, `Base64URL.encode`).
///
/// Properties: decode(encode(x)) == x for every input x; encode(decode(s)) == s whenever s
/// decodes (one accepted encoding per byte string); the bytes and `String` decoders agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase64URL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = [UInt8](fuzz: data, count: size)
    let encoded = Base64URL.encode(input)
    guard Base64URL.decode(encoded) == input else { Fixture.violation("decode(encode(x)) != x") }
    guard encoded.utf8.count == (4 * input.count + 2) / 3 else { Fixture.violation("encode length") }
    let decoded = Base64URL.decode(input)
    if let decoded {
        guard Array(Base64URL.encode(decoded).utf8) == input else {
            Fixture.violation("encode(decode(s)) != s: a second encoding is accepted")
        }
    }
    if let text = String(validating: input, as: UTF8.self), Base64URL.decode(text) != decoded {
        Fixture.violation("decode(String) and decode(bytes) disagree")
    }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_base64url_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzBase64URL(data, size) }
}
