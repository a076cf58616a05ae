/// A verified JWT Claims Set (RFC 7519 §4) with typed registered claims.
///
/// Registered claims are type-checked when decoded: a wrong type is `malformed_token`, never
/// silently ignored. Any other claim is read as JSON with the subscript.
public struct Claims: Sendable, Hashable {
    /// The whole claims object, members in source order.
    public let object: JSONObject
    /// `iss`.
    public let issuer: String?
    /// `sub`.
    public let subject: String?
    /// `aud`, a single string normalised to a one-element array; `nil` when absent.
    public let audience: [String]?
    /// `exp`.
    public let expiration: NumericDate?
    /// `nbf`.
    public let notBefore: NumericDate?
    /// `iat`.
    public let issuedAt: NumericDate?
    /// `jti`.
    public let jwtID: String?

    /// Any claim by name, as JSON.
    /// - Parameter name: The claim name.
    public subscript(name: String) -> JSONValue? { object[name] }

    /// Whether the claim `name` is present (with any value, `null` included).
    /// - Parameter name: The claim name.
    public func contains(_ name: String) -> Bool { object[name] != nil }

    /// Decodes and type-checks a claims set.
    /// - Parameters:
    ///   - payload: The decoded JWS payload.
    ///   - limits: The JSON nesting bound.
    /// - Throws: `malformed_token` when the payload is not a strict JSON object or a registered
    ///   claim has the wrong type (RFC 7519 §4.1; NumericDate per §2, 0 ... 9999-12-31).
    init(decoding payload: [UInt8], limits: VerifierOptions.Limits) throws(VerificationError) {
        self = try payload.withUnsafeBufferPointer { (buffer) throws(VerificationError) in
            try Claims(decoding: buffer, limits: limits)
        }
    }

    /// Decodes and type-checks a claims set from borrowed bytes, as ``init(decoding:limits:)``.
    init(decoding payload: UnsafeBufferPointer<UInt8>, limits: VerifierOptions.Limits) throws(VerificationError) {
        let value: JSONValue
        do {
            value = try StrictJSONParser.parse(payload, maxDepth: limits.maxJSONDepth)
        } catch {
            throw VerificationError(.malformedToken, "payload is not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let object) = value else {
            throw VerificationError(.malformedToken, "payload is not a JSON object")
        }
        self.object = object
        issuer = try Self.string(object, "iss")
        subject = try Self.string(object, "sub")
        jwtID = try Self.string(object, "jti")
        expiration = try Self.date(object, "exp")
        notBefore = try Self.date(object, "nbf")
        issuedAt = try Self.date(object, "iat")
        switch object["aud"] {
        case nil: audience = nil
        case .string(let single)?: audience = [single]
        case .array(let elements)?:
            var audiences: [String] = []
            for element in elements {
                guard case .string(let text) = element else {
                    throw VerificationError(.malformedToken, "aud must be a string or an array of strings")
                }
                audiences.append(text)
            }
            audience = audiences
        default:
            throw VerificationError(.malformedToken, "aud must be a string or an array of strings")
        }
    }

    /// A string claim, or `nil` when absent.
    /// - Throws: `malformed_token` when present with another type.
    static func string(_ object: JSONObject, _ name: String) throws(VerificationError) -> String? {
        guard let value = object[name] else { return nil }
        guard case .string(let text) = value else {
            throw VerificationError(.malformedToken, "\(name) must be a string")
        }
        return text
    }

    /// A NumericDate claim, or `nil` when absent.
    /// - Throws: `malformed_token` when present but not a number from 0 to 9999-12-31.
    static func date(_ object: JSONObject, _ name: String) throws(VerificationError) -> NumericDate? {
        guard let value = object[name] else { return nil }
        guard let date = NumericDate(claim: value) else {
            throw VerificationError(.malformedToken, "\(name) must be a NumericDate (a number of seconds from 0 to \(JSONNumber(NumericDate.latest)))")
        }
        return date
    }
}
