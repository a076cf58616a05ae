/// Writes signed statements (docs/key-rotation.md §2): the publisher's side, for `edgejwt keys
/// sign` and tests, never the verify path.
///
/// ```swift
/// let bytes = StatementSigner.keySet(issuer: "https://id.example.com", sequence: 2, issuedAt: now,
///                                    expiresAt: now + 30 * 86_400, jwks: jwks, signedBy: [rootKey])
/// ```
package enum StatementSigner {
    /// A key-set statement payload, signed by each of `keys`.
    /// - Parameters:
    ///   - issuer: `iss`.
    ///   - sequence: `seq`, at least 1.
    ///   - issuedAt: `iat`, whole seconds.
    ///   - expiresAt: `exp`, whole seconds, after `iat`.
    ///   - jwks: The JWK Set, each key with `kid` and optional `not_before` / `retire_at`.
    ///   - keys: The root keys that sign, each with a `kid`.
    /// - Returns: The statement file's bytes.
    package static func keySet(
        issuer: String, sequence: UInt64, issuedAt: UInt64, expiresAt: UInt64, jwks: JSONValue, signedBy keys: [SigningKey]
    ) -> [UInt8] {
        let payload = JSONObject([
            "iss": .string(issuer), "seq": integer(sequence), "iat": integer(issuedAt), "exp": integer(expiresAt), "jwks": jwks,
        ])
        return sign(payload, type: KeySetStatement.type, by: keys)
    }

    /// A root statement payload, signed by each of `keys` (for a rotation: keys of the current
    /// root and of the new one).
    /// - Parameters:
    ///   - sequence: `seq`: 1 for a first root, the current root's + 1 for its successor.
    ///   - issuedAt: `iat`, whole seconds.
    ///   - threshold: How many root keys must sign.
    ///   - jwks: The root's public JWK Set.
    ///   - keys: The keys that sign, each with a `kid`.
    /// - Returns: The statement file's bytes.
    package static func root(sequence: UInt64, issuedAt: UInt64, threshold: Int, jwks: JSONValue, signedBy keys: [SigningKey]) -> [UInt8] {
        let payload = JSONObject([
            "seq": integer(sequence), "iat": integer(issuedAt), "threshold": integer(UInt64(threshold)), "jwks": jwks,
        ])
        return sign(payload, type: TrustRoot.type, by: keys)
    }

    /// `{"payload":…,"signatures":[{"protected":…,"signature":…},…]}`, one signature per key,
    /// each protected header `{"alg","kid","typ"}`.
    /// - Parameters:
    ///   - payload: The payload object, serialized compactly in member order.
    ///   - type: The `typ` of every protected header.
    ///   - keys: The signing keys.
    /// - Returns: The statement file's bytes (one line, no trailing newline).
    package static func sign(_ payload: JSONObject, type: String, by keys: [SigningKey]) -> [UInt8] {
        var payloadSegment = ""
        var signatures: [JSONValue] = []
        for key in keys {
            let header = JSONObject([
                "alg": .string(key.algorithm ?? "EdDSA"), "kid": .string(key.keyID ?? ""), "typ": .string(type),
            ])
            let segments = key.sign(header: header, claims: payload).split(separator: ".").map(String.init)
            payloadSegment = segments[1]
            signatures.append(.object(JSONObject(["protected": .string(segments[0]), "signature": .string(segments[2])])))
        }
        let document = JSONObject(["payload": .string(payloadSegment), "signatures": .array(signatures)])
        return Array(JSONValue.object(document).jsonText.utf8)
    }

    private static func integer(_ value: UInt64) -> JSONValue {
        .number(JSONNumber(validatedLiteral: String(value)))
    }
}
