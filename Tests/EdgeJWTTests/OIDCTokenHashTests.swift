import Foundation
import Testing
@testable import EdgeJWT

/// `at_hash` / `c_hash` for EdDSA and Ed25519: SHA-512, left 256 bits, base64url.
@Suite struct OIDCTokenHashTests {
    @Test func matchesTheIssueVector() {
        let accessToken = "YmJiZTAwYmYtMzgyOC00NzhkLTkyOTItNjJjNDM3MGYzOWIy9sFhvH8K_x8UIHj1osisS57f5DduL"
        #expect(TokenHash.value(of: accessToken, algorithm: "EdDSA") == "p2LHG4H-8pYDc0hyVOo3iIHvZJUqe9tbj3jESOuXbkY")
        #expect(TokenHash.value(of: accessToken, algorithm: "Ed25519") == "p2LHG4H-8pYDc0hyVOo3iIHvZJUqe9tbj3jESOuXbkY")
    }

    @Test func matchesTheOIDCTokenHashLibraryVectorForEdDSAWithEd25519() {
        // panva/oidc-token-hash README: EdDSA with crv Ed25519.
        let accessToken = "YmJiZTAwYmYtMzgyOC00NzhkLTkyOTItNjJjNDM3MGYzOWIy9sFhvH8K_x8UIHj1osisS57f5DduL-ar_qw5jl3lthwpMjm283aVMQXDmoqqqydDSqJfbhptzw8rUVwkuQbolw"
        #expect(TokenHash.value(of: accessToken, algorithm: "EdDSA") == "EGEAhGYyfuwDaVTifvrWSoD5MSy_5hZPy6I7Vm-7pTQ")
    }

    @Test func definesNoHashForAlgorithmsEdgeJWTDoesNotVerify() {
        #expect(TokenHash.value(of: "token", algorithm: "RS256") == nil)
        #expect(TokenHash.value(of: "token", algorithm: "Ed448") == nil)
    }

    @Test func matchesAnIndependentPythonHashlibImplementation() throws {
        var values = ["", "a", OIDCFixture.accessToken, OIDCFixture.code]
        for length in [1, 16, 31, 32, 33, 64, 200] {
            values.append(Base64URL.encode(Sodium.randomBytes(length)))
        }
        let script = """
            import base64, hashlib, sys
            for value in sys.argv[1:]:
                print(base64.urlsafe_b64encode(hashlib.sha512(value.encode("ascii")).digest()[:32]).rstrip(b"=").decode())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + values
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let expected = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(expected.count == values.count)
        for (value, pythonHash) in zip(values, expected) {
            #expect(TokenHash.value(of: value, algorithm: "EdDSA") == pythonHash, "value \(value)")
        }
    }
}
