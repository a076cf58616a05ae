import EdgeJWT
import EdgeJWTC
import Foundation
import Testing

/// The C functions called in process: arguments are checked, failures are codes and messages,
/// results hold what was verified.
@Suite struct CAPIUsageTests {
    static let exampleKeys = Array(try! Data(contentsOf: URL(fileURLWithPath: CLibrary.exampleKeys)))
    static let exampleToken = Array(
        try! String(contentsOfFile: CLibrary.exampleToken, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    /// A time inside the example token's lifetime (iat 1795000000, exp 4102444800).
    static let inLifetime = 1_800_000_000.0

    /// A verifier from key set bytes and configuration text, with the code and the message.
    static func makeVerifier(_ keys: [UInt8]?, _ configuration: String? = nil) -> (OpaquePointer?, Int32, String) {
        var verifier: OpaquePointer? = nil
        var message = [CChar](repeating: 0, count: 512)
        let config = configuration.map { Array($0.utf8) }
        let code = keys.withOptionalBytes { keys in
            config.withOptionalBytes { config in
                edgejwt_verifier_new(keys.baseAddress, keys.count, config.baseAddress, config.count, &verifier, &message, message.count)
            }
        }
        return (verifier, code, String(cString: message))
    }

    /// Verifies `token` into `result` (allocating it when `nil`).
    static func verify(_ verifier: OpaquePointer?, _ token: [UInt8], at now: Double = inLifetime, into result: inout OpaquePointer?) -> Int32 {
        token.withUnsafeBufferPointer { edgejwt_verify(verifier, $0.baseAddress, $0.count, now, &result) }
    }

    /// A borrowed text of the result, copied.
    static func text(
        _ result: OpaquePointer?,
        _ accessor: (OpaquePointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafeMutablePointer<Int>?) -> Int32
    ) -> (Int32, String?) {
        var pointer: UnsafePointer<CChar>? = nil
        var length = 0
        let code = accessor(result, &pointer, &length)
        return (code, pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self) })
    }

    @Test func verifiesTheExampleTokenAndLendsItsClaims() throws {
        let (verifier, code, message) = Self.makeVerifier(Self.exampleKeys, #"{"issuers":["https://issuer.example"],"audiences":["gateway"]}"#)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0, "\(message)")
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        #expect(Self.verify(verifier, Self.exampleToken, into: &result) == 0)
        #expect(edgejwt_result_code(result) == 0)
        #expect(Self.text(result, edgejwt_result_kid) == (0, "example-2026"))
        #expect(Self.text(result, edgejwt_result_subject) == (0, "device-42"))
        #expect(Self.text(result, edgejwt_result_issuer) == (0, "https://issuer.example"))
        #expect(Self.text(result, edgejwt_result_header_json) == (0, #"{"alg":"EdDSA","kid":"example-2026","typ":"JWT"}"#))
        #expect(Self.text(result, edgejwt_result_detail) == (0, ""))
        let scope = Array("scope".utf8)
        let (claimCode, claim) = scope.withUnsafeBytes { name in
            Self.text(result) { edgejwt_result_claim_json($0, name.baseAddress, name.count, $1, $2) }
        }
        #expect(claimCode == 0)
        #expect(claim == #""telemetry:write""#)
    }

    @Test func claimJSONKeepsTheTokensNumberLiteral() throws {
        let key = SigningKey(seed: Array(repeating: 7, count: 32), keyID: "n1", algorithm: "EdDSA")
        let claims = try #require(JSONValue.parse(Array(#"{"sub":"s","ratio":1.50e3,"exp":4102444800}"#.utf8))?.objectValue)
        let token = Array(key.sign(header: JSONObject(["alg": .string("EdDSA"), "kid": .string("n1")]), claims: claims).utf8)
        let (verifier, code, message) = Self.makeVerifier(Array(key.publicJWKSet.jsonText.utf8))
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0, "\(message)")
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        try #require(Self.verify(verifier, token, into: &result) == 0)
        let name = Array("ratio".utf8)
        let (claimCode, claim) = name.withUnsafeBytes { name in
            Self.text(result) { edgejwt_result_claim_json($0, name.baseAddress, name.count, $1, $2) }
        }
        #expect(claimCode == 0)
        #expect(claim == "1.50e3")
        #expect(Self.text(result, edgejwt_result_claims_json) == (0, #"{"sub":"s","ratio":1.50e3,"exp":4102444800}"#))
        let absent = Array("nope".utf8)
        let (absentCode, absentClaim) = absent.withUnsafeBytes { name in
            Self.text(result) { edgejwt_result_claim_json($0, name.baseAddress, name.count, $1, $2) }
        }
        #expect(absentCode == CAPICode.notFound.rawValue)
        #expect(absentClaim == nil)
    }

    @Test func aReusedResultReportsTheNewVerdictAndNoOldClaims() throws {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0)
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        try #require(Self.verify(verifier, Self.exampleToken, into: &result) == 0)
        let first = result
        var forged = Self.exampleToken
        forged[forged.count - 2] = forged[forged.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(Self.verify(verifier, forged, into: &result) == VerificationError.Code.invalidSignature.number)
        #expect(result == first)
        #expect(edgejwt_result_code(result) == VerificationError.Code.invalidSignature.number)
        #expect(Self.text(result, edgejwt_result_kid) == (CAPICode.notFound.rawValue, nil))
        #expect(Self.text(result, edgejwt_result_subject) == (CAPICode.notFound.rawValue, nil))
        #expect(Self.text(result, edgejwt_result_detail).1?.isEmpty == false)
    }

    @Test func aRejectionReturnsTheSwiftCodesNumber() throws {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys, #"{"audiences":["somebody-else"]}"#)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0)
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        #expect(Self.verify(verifier, Self.exampleToken, into: &result) == VerificationError.Code.audienceMismatch.number)
    }

    @Test func nullKeySetIsANullArgument() {
        let (verifier, code, message) = Self.makeVerifier(nil)
        #expect(verifier == nil)
        #expect(code == CAPICode.nullArgument.rawValue)
        #expect(message.contains("jwks"))
    }

    @Test func aNegativeOrHugeLengthIsABadLength() {
        var verifier: OpaquePointer? = nil
        let keys = Self.exampleKeys
        for length in [-1, CInputLimit.beyond] {
            let code = keys.withUnsafeBytes { edgejwt_verifier_new($0.baseAddress, length, nil, 0, &verifier, nil, 0) }
            #expect(code == CAPICode.badLength.rawValue)
            #expect(verifier == nil)
        }
    }

    @Test func configurationThatIsNotUTF8IsRefused() {
        var verifier: OpaquePointer? = nil
        let config: [UInt8] = [UInt8(ascii: "{"), 0xC3, 0x28, UInt8(ascii: "}")]
        let code = Self.exampleKeys.withUnsafeBytes { keys in
            config.withUnsafeBytes { edgejwt_verifier_new(keys.baseAddress, keys.count, $0.baseAddress, $0.count, &verifier, nil, 0) }
        }
        #expect(code == CAPICode.notUTF8.rawValue)
        #expect(verifier == nil)
    }

    @Test func aMisspeltConfigurationMemberIsRefused() {
        let (verifier, code, message) = Self.makeVerifier(Self.exampleKeys, #"{"issuer":["https://issuer.example"]}"#)
        #expect(verifier == nil)
        #expect(code == CAPICode.configurationError.rawValue)
        #expect(message.contains("\"issuer\""))
    }

    @Test func aKeySetErrorMessageStartsWithTheKeySetCode() {
        let privateKey = #"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}]}"#
        let (verifier, code, message) = Self.makeVerifier(Array(privateKey.utf8))
        #expect(verifier == nil)
        #expect(code == CAPICode.keySetError.rawValue)
        #expect(message.hasPrefix("private_key_material: "))
    }

    @Test func byDefaultATokenNamingAnAbsentStatusListIsRefused() throws {
        let key = SigningKey(seed: Array(repeating: 5, count: 32), keyID: "s1", algorithm: "EdDSA")
        let claims = try #require(
            JSONValue.parse(Array(#"{"sub":"s","status":{"status_list":{"idx":3,"uri":"https://status.example/1"}}}"#.utf8))?.objectValue)
        let token = Array(key.sign(header: JSONObject(["alg": .string("EdDSA"), "kid": .string("s1")]), claims: claims).utf8)
        let (verifier, code, message) = Self.makeVerifier(Array(key.publicJWKSet.jsonText.utf8))
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0, "\(message)")
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        #expect(Self.verify(verifier, token, into: &result) == VerificationError.Code.statusUnavailable.number)
    }

    @Test func aPathWithANulByteIsNotUTF8() {
        var verifier: OpaquePointer? = nil
        let path = Array(CLibrary.exampleKeys.utf8) + [0] + Array("x".utf8)
        let code = path.withUnsafeBytes { edgejwt_verifier_new_from_file($0.baseAddress, $0.count, nil, 0, &verifier, nil, 0) }
        #expect(code == CAPICode.notUTF8.rawValue)
        #expect(verifier == nil)
    }

    @Test func statusListsWithTheStatusCheckOffAreRefused() {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys, #"{"status_check":false,"status_lists":{"files":[]}}"#)
        #expect(verifier == nil)
        #expect(code == CAPICode.configurationError.rawValue)
    }

    @Test func installingARevocationListWithoutTheCheckIsAConfigurationError() throws {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0)
        let bytes: [UInt8] = [1, 2, 3]
        let installed = bytes.withUnsafeBytes { edgejwt_verifier_install_revocation_list(verifier, $0.baseAddress, $0.count, nil, 0) }
        #expect(installed == CAPICode.configurationError.rawValue)
    }

    @Test func verifyingWithANullVerifierStoresTheErrorInTheResult() {
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        #expect(Self.verify(nil, Self.exampleToken, into: &result) == CAPICode.nullArgument.rawValue)
        #expect(result != nil)
        #expect(edgejwt_result_code(result) == CAPICode.nullArgument.rawValue)
        #expect(Self.text(result, edgejwt_result_detail).1 == "verifier is NULL")
    }

    @Test func aNullTokenIsANullArgumentEvenWithLengthZero() throws {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0)
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        #expect(edgejwt_verify(verifier, nil, 0, Self.inLifetime, &result) == CAPICode.nullArgument.rawValue)
        #expect(edgejwt_verify(verifier, nil, 0, Self.inLifetime, nil) == CAPICode.nullArgument.rawValue)
    }

    @Test func aNowOutOfRangeIsAnInvalidArgument() throws {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0)
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        for now in [-2.0, .nan, .infinity, 253_402_300_800] {
            #expect(Self.verify(verifier, Self.exampleToken, at: now, into: &result) == CAPICode.invalidArgument.rawValue)
        }
        #expect(Self.verify(verifier, Self.exampleToken, at: -1, into: &result) == 0)
    }

    @Test func anExplicitNowIsRaisedToTheTimeFloor() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let floor = directory + "/floor"
        // A trusted time after the example token's exp: a caller's earlier now must not revive it.
        try "4102444801\n".write(toFile: floor, atomically: true, encoding: .utf8)
        let (verifier, code, message) = Self.makeVerifier(Self.exampleKeys, #"{"time_floor_file":"\#(floor)","leeway":0}"#)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0, "\(message)")
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        #expect(Self.verify(verifier, Self.exampleToken, into: &result) == VerificationError.Code.expired.number)
    }

    @Test func reloadSwapsTheKeySetAndAFailedReloadKeepsTheOldOne() throws {
        let (verifier, code, _) = Self.makeVerifier(Self.exampleKeys)
        defer { edgejwt_verifier_free(verifier) }
        try #require(code == 0)
        var result: OpaquePointer? = nil
        defer { edgejwt_result_free(result) }
        let other = SigningKey(seed: Array(repeating: 9, count: 32), keyID: "other", algorithm: "EdDSA")
        let otherKeys = Array(other.publicJWKSet.jsonText.utf8)
        let reloaded = otherKeys.withUnsafeBytes { edgejwt_verifier_reload(verifier, $0.baseAddress, $0.count, nil, 0, nil, 0) }
        #expect(reloaded == 0)
        #expect(Self.verify(verifier, Self.exampleToken, into: &result) == VerificationError.Code.unknownKey.number)
        var message = [CChar](repeating: 0, count: 256)
        let broken = Array("{".utf8)
        let failed = broken.withUnsafeBytes { edgejwt_verifier_reload(verifier, $0.baseAddress, $0.count, nil, 0, &message, message.count) }
        #expect(failed == CAPICode.keySetError.rawValue)
        #expect(String(cString: message).hasPrefix("malformed_key_set: "))
        #expect(Self.verify(verifier, Self.exampleToken, into: &result) == VerificationError.Code.unknownKey.number)
        let back = Self.exampleKeys.withUnsafeBytes { edgejwt_verifier_reload(verifier, $0.baseAddress, $0.count, nil, 0, nil, 0) }
        #expect(back == 0)
        #expect(Self.verify(verifier, Self.exampleToken, into: &result) == 0)
    }

    @Test func aCutMessageEndsOnACharacterBoundary() {
        var verifier: OpaquePointer? = nil
        // "configuration has no member \"" is 29 bytes; a 31-byte buffer holds 30, which would
        // end inside the 2-byte "é".
        let config = Array(#"{"ééé":1}"#.utf8)
        var message = [CChar](repeating: 1, count: 31)
        let code = Self.exampleKeys.withUnsafeBytes { keys in
            config.withUnsafeBytes { edgejwt_verifier_new(keys.baseAddress, keys.count, $0.baseAddress, $0.count, &verifier, &message, 31) }
        }
        #expect(code == CAPICode.configurationError.rawValue)
        let written = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        #expect(written.count == 29)
        #expect(String(validating: written, as: UTF8.self) == #"configuration has no member ""#)
    }
}

/// A length just beyond what the C API accepts.
enum CInputLimit {
    static let beyond = (64 << 20) + 1
}

extension Optional where Wrapped == [UInt8] {
    /// The bytes, or an empty buffer with a `NULL` base address for `nil`.
    func withOptionalBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch self {
        case .some(let bytes): bytes.withUnsafeBytes(body)
        case .none: body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }
}
