/// A compact JWS split and decoded WITHOUT checking its signature, time claims or policy.
///
/// For `edgejwt inspect` only: nothing here says the token can be trusted. The structure rules
/// are the verifier's own (three strict base64url segments, strict JSON), so a token that
/// decodes here fails `verify` only for a reason a later step names.
package struct UnverifiedToken: Sendable, Hashable {
    /// The decoded protected header, members in source order. Not checked: `alg` may be anything.
    package let header: JSONObject
    /// The decoded payload, members in source order. Registered claims are not type-checked.
    package let payload: JSONObject
    /// The decoded signature bytes. Not verified.
    package let signature: [UInt8]

    /// Splits and decodes a compact token.
    /// - Parameters:
    ///   - token: The token's bytes.
    ///   - limits: The size and nesting bounds. Default: the verifier's.
    /// - Throws: `token_too_large`, or `malformed_token` when the token is not three strict
    ///   base64url segments whose first two are strict JSON objects.
    package init(decoding token: [UInt8], limits: VerifierOptions.Limits = .init()) throws(VerificationError) {
        let jws = try CompactJWS(token, limits: limits)
        header = try Self.object(jws.header, "header", limits)
        payload = try Self.object(jws.payload, "payload", limits)
        signature = jws.signature
    }

    private static func object(_ bytes: [UInt8], _ name: String, _ limits: VerifierOptions.Limits) throws(VerificationError) -> JSONObject {
        let value: JSONValue
        do {
            value = try StrictJSONParser.parse(bytes, maxDepth: limits.maxJSONDepth)
        } catch {
            throw VerificationError(.malformedToken, "\(name) is not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let object) = value else {
            throw VerificationError(.malformedToken, "\(name) is not a JSON object")
        }
        return object
    }
}
