/// One revocation as a publisher states it (`docs/revocation-format.md` §7).
///
/// Publisher side: for `edgejwt revocation build | add` and publishing services in this package.
/// ```swift
/// let entries: [RevocationEntry] = [
///     .token(issuer: "https://id.example.com", jwtID: "4f1c", expiration: 1_700_003_600),
///     .subject(issuer: "https://id.example.com", subject: "user-7", issuedBefore: 1_700_000_000, expires: 1_700_086_400),
///     .key(keyID: "2023-signing", expires: nil),
/// ]
/// ```
package enum RevocationEntry: Sendable, Hashable {
    /// One token by `(iss, jti)`. `expiration` is the token's `exp` claim (only its day,
    /// `floor(exp / 86400)`, is kept); `nil` for a token without `exp` or one whose `exp` the
    /// publisher does not know: such entries are checked for every token and never pruned.
    /// `issuer` is `""` for tokens without `iss`.
    case token(issuer: String, jwtID: String, expiration: NumericDate?)
    /// Every token of `(iss, sub)` whose `iat` is before `issuedBefore` (or that has no `iat`):
    /// log out of all devices, password reset. `expires` is when no such token can still be
    /// valid (`issuedBefore` + the longest token lifetime), after which the entry may be pruned;
    /// `nil`: never. Times are rounded up to whole seconds.
    case subject(issuer: String, subject: String, issuedBefore: NumericDate, expires: NumericDate?)
    /// Every token whose header names this signing key `kid`. `expires` as above; `nil`: never.
    case key(keyID: String, expires: NumericDate?)
}

extension RevocationEntry {
    /// Reads an entries document (`docs/revocation-format.md` §7):
    /// `{"tokens":[{"iss","jti","exp"?}], "subjects":[{"iss","sub","issued_before","expires"?}],
    /// "keys":[{"kid","expires"?}]}`; every member is optional, `iss` defaults to `""`.
    /// - Parameter json: The document's bytes (strict JSON).
    /// - Returns: The entries: tokens, then subjects, then keys, each in document order.
    /// - Throws: `invalid_entry` naming the first member that is not as documented (unknown
    ///   members included, so a misspelt `issued_before` is not silently dropped).
    package static func entries(fromJSON json: [UInt8]) throws(RevocationListError) -> [RevocationEntry] {
        let document: JSONValue
        do {
            document = try StrictJSONParser.parse(json, maxDepth: 8)
        } catch {
            throw RevocationListError(.invalidEntry, "the entries document is not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let root) = document else {
            throw RevocationListError(.invalidEntry, "the entries document is not a JSON object")
        }
        for member in root.members where !["tokens", "subjects", "keys"].contains(member.name) {
            throw RevocationListError(
                .invalidEntry, "unknown member \(JSONValue.string(member.name).jsonText); expected tokens, subjects, keys")
        }
        var entries: [RevocationEntry] = []
        for (index, object) in try objects(root, "tokens", allowing: ["iss", "jti", "exp"]).enumerated() {
            let place = "tokens[\(index)]"
            entries.append(
                .token(
                    issuer: try string(object, "iss", place) ?? "",
                    jwtID: try required(string(object, "jti", place), "jti", place),
                    expiration: try date(object, "exp", place)))
        }
        for (index, object) in try objects(root, "subjects", allowing: ["iss", "sub", "issued_before", "expires"]).enumerated() {
            let place = "subjects[\(index)]"
            entries.append(
                .subject(
                    issuer: try string(object, "iss", place) ?? "",
                    subject: try required(string(object, "sub", place), "sub", place),
                    issuedBefore: try required(date(object, "issued_before", place), "issued_before", place),
                    expires: try date(object, "expires", place)))
        }
        for (index, object) in try objects(root, "keys", allowing: ["kid", "expires"]).enumerated() {
            let place = "keys[\(index)]"
            entries.append(
                .key(
                    keyID: try required(string(object, "kid", place), "kid", place),
                    expires: try date(object, "expires", place)))
        }
        return entries
    }

    private static func objects(_ root: JSONObject, _ name: String, allowing names: Set<String>) throws(RevocationListError) -> [JSONObject]
    {
        guard let value = root[name] else { return [] }
        guard case .array(let elements) = value else {
            throw RevocationListError(.invalidEntry, "\(name) must be an array of objects")
        }
        var objects: [JSONObject] = []
        for element in elements {
            guard case .object(let object) = element else {
                throw RevocationListError(.invalidEntry, "\(name) must be an array of objects")
            }
            for member in object.members where !names.contains(member.name) {
                throw RevocationListError(
                    .invalidEntry, "\(name)[\(objects.count)] has an unknown member \(JSONValue.string(member.name).jsonText)")
            }
            objects.append(object)
        }
        return objects
    }

    private static func string(_ object: JSONObject, _ name: String, _ place: String) throws(RevocationListError) -> String? {
        guard let value = object[name] else { return nil }
        guard case .string(let text) = value else {
            throw RevocationListError(.invalidEntry, "\(place).\(name) must be a string")
        }
        return text
    }

    private static func date(_ object: JSONObject, _ name: String, _ place: String) throws(RevocationListError) -> NumericDate? {
        guard let value = object[name] else { return nil }
        // The revocation format's times start at 1970 (docs/revocation-format.md), unlike a token's.
        guard let date = NumericDate(claim: value), date.secondsSinceEpoch >= 0 else {
            throw RevocationListError(.invalidEntry, "\(place).\(name) must be a number of seconds from 0 to 9999-12-31")
        }
        return date
    }

    private static func required<Value>(_ value: Value?, _ name: String, _ place: String) throws(RevocationListError) -> Value {
        guard let value else { throw RevocationListError(.invalidEntry, "\(place).\(name) is required") }
        return value
    }
}
