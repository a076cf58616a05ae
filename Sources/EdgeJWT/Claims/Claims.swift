/// A verified JWT Claims Set (RFC 7519 §4) with typed registered claims.
///
/// The claims are validated in full once, strictly (duplicate names at any depth, UTF-8,
/// nesting, number grammar), and kept as the validated bytes with the offsets of their members.
/// Registered claims are type-checked then: a wrong type is `malformed_token`, never silently
/// ignored. `exp`, `nbf` and `iat` are decoded once; every other claim, the string-valued
/// registered ones included, is decoded from the kept bytes when it is read, so a verification
/// that reads nothing allocates nothing for its claims.
/// ```swift
/// let role = token.claims["role"]?.stringValue
/// ```
public struct Claims: Sendable, Hashable {
    /// The kept payload and its member index (shared with the token's header).
    let bytes: TokenBytes
    /// How many members the claims object has.
    let memberCount: Int
    /// Whether the payload is already compact JSON (no whitespace, no escape), so that
    /// ``writeJSON(to:)`` copies it whole.
    private let isCompact: Bool
    /// `exp`.
    public let expiration: NumericDate?
    /// `nbf`.
    public let notBefore: NumericDate?
    /// `iat`.
    public let issuedAt: NumericDate?
    /// Where `iss`, `sub`, `aud` and `jti` are in the payload, already type-checked.
    private let registered: RegisteredSpans

    /// `iss`. Decoded on each read.
    public var issuer: String? { string(at: registered.issuer) }
    /// `sub`. Decoded on each read.
    public var subject: String? { string(at: registered.subject) }
    /// `jti`. Decoded on each read.
    public var jwtID: String? { string(at: registered.jwtID) }

    /// `aud`, a single string normalised to a one-element array; `nil` when absent. Decoded on
    /// each read.
    public var audience: [String]? {
        guard let span = registered.audience else { return nil }
        return bytes.withPayload { payload, _ in
            var audiences: [String] = []
            ValidatedJSON.forEach(ofStringOrArray: span, in: payload) { audiences.append($0.string(in: payload)) }
            return audiences
        }
    }

    /// The whole claims object, members in source order: decoded from the kept bytes on each
    /// read (O(n) in the payload's size).
    public var object: JSONObject {
        bytes.withPayload { payload, _ in
            guard case .object(let object) = ValidatedJSON.reparse(payload) else {
                preconditionFailure("validated claims are not an object")
            }
            return object
        }
    }

    /// Appends ``object``'s compact JSON text (what `JSONValue.object(object).jsonText` gives)
    /// to `output` straight from the kept bytes, without decoding the claims.
    /// - Parameter output: The bytes to append to.
    package func writeJSON(to output: inout [UInt8]) {
        bytes.withPayload { payload, _ in
            if isCompact { output.append(contentsOf: payload) } else { ValidatedJSON.writeCompact(payload, to: &output) }
        }
    }

    /// The claim names in source order.
    public var names: [String] {
        bytes.withPayload { payload, members in members.prefix(memberCount).map { $0.name.string(in: payload) } }
    }

    /// Any claim by name, as JSON: decoded from the kept bytes. O(n) in the member count.
    /// - Parameter name: The claim name, compared code unit by code unit (RFC 7519 §7.3).
    public subscript(name: String) -> JSONValue? {
        bytes.withPayload { payload, members in
            member(named: name, payload, members).map { ValidatedJSON.reparse($0.raw(in: payload)) }
        }
    }

    /// Whether the claim `name` is present (with any value, `null` included). Does not allocate.
    /// - Parameter name: The claim name.
    public func contains(_ name: String) -> Bool {
        bytes.withPayload { payload, members in member(named: name, payload, members) != nil }
    }

    /// Whether the claim whose name has the UTF-8 bytes `name` is present. Does not allocate.
    func contains(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withPayload { payload, members in member(named: name, payload, members) != nil }
    }

    /// Two claims sets are equal when their objects are (members in order, numbers by literal).
    public static func == (lhs: Claims, rhs: Claims) -> Bool {
        lhs.bytes.isSame(as: rhs.bytes) || lhs.object == rhs.object
    }

    /// Hashes the claims object.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(object)
    }

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
        try self.init(decoding: TokenBytes.make(header: UnsafeBufferPointer(start: nil, count: 0), payload: payload), limits: limits)
    }

    /// Validates the payload kept in `bytes`, writes its member index there, and type-checks the
    /// registered claims, as ``init(decoding:limits:)``. Allocates nothing.
    init(decoding bytes: TokenBytes, limits: VerifierOptions.Limits) throws(VerificationError) {
        // Every field from one local, assigned once (as in ``JOSEHeader``): assigning the tuple
        // into `self` directly made the compiler copy the claims and destroy the copy.
        let checked = try bytes.withPayload {
            (payload, members) throws(VerificationError) in
            let scanned: StrictJSONScanner.ScannedObject?
            do throws(JSONParseError) {
                scanned = try StrictJSONScanner.scanObject(payload, maxDepth: limits.maxJSONDepth, members: members)
            } catch {
                throw VerificationError(.malformedToken, "payload is not strict JSON: \(error.reason) at byte \(error.offset)")
            }
            guard let scanned else { throw VerificationError(.malformedToken, "payload is not a JSON object") }
            let count = scanned.memberCount
            let found = RegisteredSpans(UnsafeBufferPointer(rebasing: members[..<count]), payload)
            try Self.checkString(at: found.issuer, "iss", payload)
            try Self.checkString(at: found.subject, "sub", payload)
            try Self.checkString(at: found.jwtID, "jti", payload)
            let expiration = try Self.date(at: found.expiration, "exp", payload)
            let notBefore = try Self.date(at: found.notBefore, "nbf", payload)
            let issuedAt = try Self.date(at: found.issuedAt, "iat", payload)
            if let audience = found.audience, !ValidatedJSON.isStringOrArrayOfStrings(audience, in: payload) {
                throw VerificationError(.malformedToken, "aud must be a string or an array of strings")
            }
            return (count, scanned.isCompact, found, expiration, notBefore, issuedAt)
        }
        self.bytes = bytes
        (memberCount, isCompact, registered, expiration, notBefore, issuedAt) = checked
    }

    /// Whether `iss` is present and exactly one of `accepted`. Does not allocate.
    func hasIssuer(in accepted: PackedUTF8Strings) -> Bool {
        guard let span = registered.issuer else { return false }
        return bytes.withPayload { payload, _ in accepted.contains { span.hasText($0, in: payload) } }
    }

    /// Whether `iss` is present.
    var hasIssuer: Bool { registered.issuer != nil }

    /// Whether `aud` is present.
    var hasAudience: Bool { registered.audience != nil }

    /// Whether one of the audiences is exactly one of `accepted`. Does not allocate.
    func hasAudience(in accepted: PackedUTF8Strings) -> Bool {
        guard let span = registered.audience else { return false }
        return bytes.withPayload { payload, _ in
            var found = false
            ValidatedJSON.forEach(ofStringOrArray: span, in: payload) { element in
                if !found { found = accepted.contains { element.hasText($0, in: payload) } }
            }
            return found
        }
    }

    private func member(
        named name: String, _ payload: UnsafeBufferPointer<UInt8>, _ members: UnsafeMutableBufferPointer<JSONMemberSpan>
    ) -> JSONSpan? {
        var name = name
        return name.withUTF8 { member(named: $0, payload, members) }
    }

    private func member(
        named name: UnsafeBufferPointer<UInt8>, _ payload: UnsafeBufferPointer<UInt8>,
        _ members: UnsafeMutableBufferPointer<JSONMemberSpan>
    ) -> JSONSpan? {
        for member in members.prefix(memberCount) where member.name.hasText(name, in: payload) { return member.value }
        return nil
    }

    private func string(at span: JSONSpan?) -> String? {
        guard let span else { return nil }
        return bytes.withPayload { payload, _ in span.string(in: payload) }
    }

    /// - Throws: `malformed_token` when the claim at `span` is present but not a string.
    private static func checkString(at span: JSONSpan?, _ name: String, _ payload: UnsafeBufferPointer<UInt8>) throws(VerificationError) {
        if let span, !span.isString(in: payload) {
            throw VerificationError(.malformedToken, "\(name) must be a string")
        }
    }

    /// The NumericDate at `span`, or `nil` when absent.
    /// - Throws: `malformed_token` when present but not a number from 0001-01-01 to 9999-12-31.
    private static func date(at span: JSONSpan?, _ name: String, _ payload: UnsafeBufferPointer<UInt8>) throws(VerificationError) -> NumericDate? {
        guard let span else { return nil }
        if let seconds = plainInteger(span.raw(in: payload)), Double(seconds) <= NumericDate.latest {
            return NumericDate(Double(seconds))
        }
        let first = span.firstByte(in: payload)
        let value: JSONValue =
            first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
            ? .number(JSONNumber(validatedLiteral: String(decoding: span.raw(in: payload), as: UTF8.self))) : .null
        return try date(value, name)
    }

    /// The value of a literal of 1 to 15 decimal digits (exact in a `Double`, as
    /// ``JSONNumber`` reads it), or `nil` for any other number.
    private static func plainInteger(_ literal: UnsafeBufferPointer<UInt8>) -> Int? {
        guard literal.count <= 15 else { return nil }
        var value = 0
        for byte in literal {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
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

/// Where the registered claims (RFC 7519 §4.1) that ``Claims`` types are, found in one pass over
/// the member index: a name matches only byte for byte once unescaped (RFC 7519 §7.3), as the
/// subscript does.
private struct RegisteredSpans: Sendable {
    var issuer: JSONSpan?
    var subject: JSONSpan?
    var audience: JSONSpan?
    var expiration: JSONSpan?
    var notBefore: JSONSpan?
    var issuedAt: JSONSpan?
    var jwtID: JSONSpan?

    init(_ members: UnsafeBufferPointer<JSONMemberSpan>, _ payload: UnsafeBufferPointer<UInt8>) {
        for member in members {
            guard let key = Self.key(member.name, payload) else { continue }
            switch key {
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

    /// A three-byte name (once unescaped) as one big-endian number: "iss" is 0x697373.
    private static func key(_ name: JSONSpan, _ payload: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let content = name.content(in: payload)
        guard name.isEscaped else {
            guard content.count == 3 else { return nil }
            return UInt32(content[0]) << 16 | UInt32(content[1]) << 8 | UInt32(content[2])
        }
        var bytes = UnescapedBytes(content)
        var key: UInt32 = 0
        for _ in 0..<3 {
            guard let byte = bytes.next() else { return nil }
            key = key << 8 | UInt32(byte)
        }
        return bytes.next() == nil ? key : nil
    }
}
