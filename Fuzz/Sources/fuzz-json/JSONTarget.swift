import EdgeJWT
import FuzzSupport

/// The strict JSON parser (`JSONValue.parse`, the parser behind headers, claims and JWK Sets).
///
/// Properties: no crash or stack exhaustion (nesting is bounded); a parsed value serializes
/// (`jsonText`) to text that parses back to an equal value, and serializing that gives the same
/// text (a fixed point); the depth bound is monotone (what parses at depth d parses at d + 1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = [UInt8](fuzz: data, count: size)
    let shallow = JSONValue.parse(input, maxDepth: 4)
    guard let value = JSONValue.parse(input) else {
        if shallow != nil { Fixture.violation("parses at depth 4 but not at the default depth 32") }
        return 0
    }
    if let shallow, shallow != value { Fixture.violation("the depth bound changed the value") }
    let text = value.jsonText
    guard let reparsed = JSONValue.parse(Array(text.utf8)) else {
        Fixture.violation("jsonText is not strict JSON: \(text)")
    }
    guard reparsed == value else { Fixture.violation("jsonText does not round-trip: \(text)") }
    guard reparsed.jsonText == text else { Fixture.violation("jsonText is not a fixed point: \(text)") }
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with this target's test function.
@_cdecl("fuzz_json_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzJSON(data, size) }
}
