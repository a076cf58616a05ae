import CBenchLibs
import EdgeJWT

extension Rows {
    /// The typical token verified through a ``RotatingKeySet`` (docs/key-rotation.md) instead of
    /// a static ``PinnedKeySet``: a root key signs a root statement and then a key-set statement
    /// holding the fixture's key, and the set is swapped once more (sequence 2) before timing, so
    /// the verifier reads keys that arrived by a live swap. Compare with the plain EdgeJWT row.
    package static func rotatingKeySet(_ fixture: Fixture) -> SyncRow {
        let root = BenchKey(seedByte: 0x52, keyID: "bench-root-1")
        let rootStatement = signedStatement(
            by: root, type: "edgejwt-root+jws",
            payload: #"{"seq":1,"iat":\#(fixture.now - 120),"threshold":1,"jwks":\#(root.publicJWKSet)}"#)
        let verifier: Verifier
        do {
            let trustRoot = try TrustRoot(verifying: Array(rootStatement.utf8))
            let keys = try RotatingKeySet(issuer: TypicalToken.issuer, trustRoot: trustRoot)
            for sequence in 1...2 {
                let statement = signedStatement(
                    by: root, type: "edgejwt-keyset+jws",
                    payload: #"{"iss":"\#(TypicalToken.issuer)","seq":\#(sequence),"iat":\#(fixture.now - 60),"exp":\#(fixture.now + 86_400),"jwks":\#(fixture.key.publicJWKSet)}"#)
                _ = try keys.install(Array(statement.utf8))
            }
            verifier = Verifier(keys: keys, options: TypicalToken.options)
        } catch {
            fatalError("the benchmark's own key-set statements were refused: \(error)")
        }
        let token = fixture.token
        return SyncRow(name: "EdgeJWT, rotating key set (after a live swap)") { count in
            Rows.verifyLoop(verifier, token, count)
        }
    }

    /// A JWS JSON General Serialization with one signature by `key` (docs/key-rotation.md §2).
    private static func signedStatement(by key: BenchKey, type: String, payload: String) -> String {
        let header = #"{"alg":"EdDSA","kid":"\#(key.keyID)","typ":"\#(type)"}"#
        let compact = key.sign(header: header, claims: payload).split(separator: ".").map(String.init)
        return #"{"payload":"\#(compact[1])","signatures":[{"protected":"\#(compact[0])","signature":"\#(compact[2])"}]}"#
    }
}
