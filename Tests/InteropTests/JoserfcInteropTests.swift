import EdgeJWT
import Foundation
import Testing

/// Interop with a peer we did not write: Python joserfc signs, EdgeJWT verifies, and back.
@Suite struct JoserfcInteropTests {
    private static let peer = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Peer/joserfc_peer.py").path

    private let workDirectory: URL

    init() throws {
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
    }

    private func runPeer(_ arguments: [String]) throws -> ProcessRun {
        try ProcessRun.run(ProcessRun.python, ["python3", Self.peer] + arguments)
    }

    private struct PeerToken {
        let algorithm: String
        let token: String
        let now: NumericDate
        let claims: JSONObject
    }

    private func issueWithJoserfc() throws -> (keys: PinnedKeySet, tokens: [PeerToken]) {
        let issued = try runPeer(["issue", workDirectory.path])
        try #require(issued.status == 0, "joserfc peer failed: \(issued.stderr)")
        let keys = try PinnedKeySet(contentsOfFile: workDirectory.appendingPathComponent("keys.json").path)
        let text = try Data(contentsOf: workDirectory.appendingPathComponent("tokens.json"))
        let entries = try #require(JSONValue.parse(Array(text))?.arrayValue)
        let tokens = try entries.map { entry in
            let object = try #require(entry.objectValue)
            return PeerToken(
                algorithm: try #require(object["alg"]?.stringValue),
                token: try #require(object["token"]?.stringValue),
                now: NumericDate(try #require(object["now"]?.doubleValue)),
                claims: try #require(object["claims"]?.objectValue))
        }
        return (keys, tokens)
    }

    @Test func joserfcTokensVerifyWithEdgeJWTWithTheSameClaims() throws {
        let (keys, tokens) = try issueWithJoserfc()
        #expect(tokens.count == 6)
        #expect(Set(tokens.map(\.algorithm)) == ["EdDSA", "Ed25519"])
        for peerToken in tokens {
            let verified = try Verifier(keys: keys, clock: FixedClock(peerToken.now)).verify(peerToken.token)
            #expect(verified.keyID == "peer-1")
            #expect(verified.header.algorithm == peerToken.algorithm)
            #expect(verified.claims.object == peerToken.claims)
        }
    }

    @Test func joserfcTokensWithAFlippedSignatureByteAreRejected() throws {
        let (keys, tokens) = try issueWithJoserfc()
        for peerToken in tokens {
            var bytes = Array(peerToken.token.utf8)
            let last = bytes.count - 2
            bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let error = #expect(throws: VerificationError.self) {
                try Verifier(keys: keys, clock: FixedClock(peerToken.now)).verify(bytes: bytes)
            }
            #expect(error?.code == .invalidSignature)
        }
    }

    @Test(arguments: ["EdDSA", "Ed25519"])
    func edgejwtSignedTokensVerifyWithJoserfc(algorithm: String) throws {
        let edgejwt = ProcessRun.builtProduct("edgejwt")
        let privatePath = workDirectory.appendingPathComponent("private.json").path
        let publicPath = workDirectory.appendingPathComponent("public.json").path
        let keygen = try ProcessRun.run(edgejwt, ["keygen", "--kid", "edge-1", "--alg", algorithm, "--private", privatePath, "--public", publicPath])
        try #require(keygen.status == 0, "keygen failed: \(keygen.stderr)")
        let claims = #"{"iss":"https://edge.example","sub":"gw-✓","aud":["a","b"],"exp":4102444800,"n":1.25,"o":{"k":[true,null]}}"#
        let signed = try ProcessRun.run(edgejwt, ["sign", "--key", privatePath, "--alg", algorithm, "--typ", "JWT", "-"], stdin: claims)
        try #require(signed.status == 0, "sign failed: \(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let verified = try runPeer(["verify", publicPath, token])
        #expect(verified.status == 0, "joserfc rejected: \(verified.stderr)")
        let result = try #require(JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
        let header = try #require(result["header"] as? [String: Any])
        #expect(header["alg"] as? String == algorithm)
        #expect(header["kid"] as? String == "edge-1")
        let peerClaims = try JSONSerialization.data(withJSONObject: try #require(result["claims"]), options: .sortedKeys)
        let ourClaims = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(claims.utf8)), options: .sortedKeys)
        #expect(peerClaims == ourClaims)

        let tampered = String(token.dropLast()) + (token.hasSuffix("A") ? "Q" : "A")
        #expect(try runPeer(["verify", publicPath, tampered]).status == 1)
    }
}
