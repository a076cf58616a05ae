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
    ///   claim has the wrong type (RFC 7519 §4.1; NumericDate per §2, 0001-01-01 ... 9999-12-31).
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
        let registered = RegisteredClaims(object)
        issuer = try Self.string(registered.issuer, "iss")
        subject = try Self.string(registered.subject, "sub")
        jwtID = try Self.string(registered.jwtID, "jti")
        expiration = try Self.date(registered.expiration, "exp")
        notBefore = try Self.date(registered.notBefore, "nbf")
        issuedAt = try Self.date(registered.issuedAt, "iat")
        switch registered.audience {
        case nil: audience = nil
        case .string(let single)?: audience = [single]
        case .array(let elements)?:
            var audiences: [String] = []
            audiences.reserveCapacity(elements.count)
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
        try string(object[name], name)
    }

    /// The string value of the claim `name`, or `nil` when absent.
    /// - Throws: `malformed_token` when present with another type.
    static func string(_ value: JSONValue?, _ name: String) throws(VerificationError) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            throw VerificationError(.malformedToken, "\(name) must be a string")
        }
        return text
    }

    /// A NumericDate claim, or `nil` when absent.
    /// - Throws: `malformed_token` when present but not a number from 0001-01-01 to 9999-12-31 (negative: before 1970).
    static func date(_ object: JSONObject, _ name: String) throws(VerificationError) -> NumericDate? {
        try date(object[name], name)
    }

    /// The NumericDate value of the claim `name`, or `nil` when absent.
    /// - Throws: `malformed_token` when present but not a number from 0001-01-01 to 9999-12-31 (negative: before 1970).
    static func date(_ value: JSONValue?, _ name: String) throws(VerificationError) -> NumericDate? {
        guard let value else { return nil }
        guard let date = NumericDate(claim: value) else {
            throw VerificationError(.malformedToken, "\(name) must be a NumericDate (a number of seconds from \(JSONNumber(NumericDate.earliest)) to \(JSONNumber(NumericDate.latest)))")
        }
        return date
    }
}

/// The values of the registered claims (RFC 7519 §4.1) that ``Claims`` types, found in one pass
/// over the members: a name matches only byte for byte (RFC 7519 §7.3), as the subscript does.
private struct RegisteredClaims {
    var issuer: JSONValue?
    var subject: JSONValue?
    var audience: JSONValue?
    var expiration: JSONValue?
    var notBefore: JSONValue?
    var issuedAt: JSONValue?
    var jwtID: JSONValue?

    init(_ object: JSONObject) {
        for member in object.members where member.name.utf8.count == 3 {
            switch Self.key(member.name.utf8) {
            case 0x69_7373: issuer = member.value  // iss
            case 0x73_7562: subject = member.value  // sub
            case 0x61_7564: audience = member.value  // aud
            case 0x65_7870: expiration = member.value  // exp
            case 0x6E_6266: notBefore = member.value  // nbf
            case 0x69_6174: issuedAt = member.value  // iat
            case 0x6A_7469: jwtID = member.value  // jti
            default: break
            }
        }
    }

    /// Three bytes as one big-endian number: "iss" is 0x697373.
    private static func key(_ name: String.UTF8View) -> UInt32 {
        var key: UInt32 = 0
        for byte in name { key = key << 8 | UInt32(byte) }
        return key
    }
}
