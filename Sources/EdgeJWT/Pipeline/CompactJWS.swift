/// Step 1–2: a token's bytes split into the three segments of a compact JWS (RFC 7515 §7.1),
/// each strictly base64url-decoded.
///
/// JWE (five segments), the JSON serialization and anything outside `[A-Za-z0-9_-.]` are
/// refused. The signing input is a slice of the very bytes that were parsed.
struct CompactJWS {
    /// The token bytes before the second `.`: what the signature covers (RFC 7515 §5.2).
    let signingInput: ArraySlice<UInt8>
    /// The decoded protected header.
    let header: [UInt8]
    /// The decoded payload.
    let payload: [UInt8]
    /// The decoded signature (any length; its length is checked by the signature step).
    let signature: [UInt8]

    /// Splits and decodes a compact JWS.
    /// - Parameters:
    ///   - token: The token bytes.
    ///   - limits: The size bound, checked first.
    /// - Throws: `token_too_large`, or `malformed_token` for anything but three strict base64url segments.
    init(_ token: [UInt8], limits: VerifierOptions.Limits) throws(VerificationError) {
        guard token.count <= limits.maxTokenBytes else {
            throw VerificationError(.tokenTooLarge, "token is \(token.count) bytes; the limit is \(limits.maxTokenBytes)")
        }
        var dots: [Int] = []
        for (offset, byte) in token.enumerated() {
            if byte == UInt8(ascii: ".") {
                dots.append(offset)
                guard dots.count <= 2 else {
                    throw VerificationError(.malformedToken, "a compact JWS has exactly 3 segments (JWE and other forms are not accepted)")
                }
            } else if !Base64URL.isAlphabetByte(byte) {
                throw VerificationError(.malformedToken, "byte \(offset) is outside the base64url alphabet")
            }
        }
        guard dots.count == 2 else {
            throw VerificationError(.malformedToken, "a compact JWS has exactly 3 segments, this has \(dots.count + 1)")
        }
        signingInput = token[..<dots[1]]
        header = try Self.decode(token[..<dots[0]], "header")
        payload = try Self.decode(token[(dots[0] + 1)..<dots[1]], "payload")
        signature = try Self.decode(token[(dots[1] + 1)...], "signature")
    }

    private static func decode(_ segment: ArraySlice<UInt8>, _ name: String) throws(VerificationError) -> [UInt8] {
        guard let bytes = Base64URL.decode(segment) else {
            throw VerificationError(.malformedToken, "\(name) is not strict base64url")
        }
        return bytes
    }
}
