import EdgeJWT

/// JSON written by the CLI, built from the library's ``JSONValue`` and serialized with its
/// `jsonText`, so what is printed is exactly what was parsed and verified (member order and
/// number literals kept).
enum JSONOutput {
    /// An object from name/value pairs, in order.
    /// - Parameter pairs: Members with unique names.
    static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(JSONObject(pairs))
    }

    /// A string value, or `null` for `nil`.
    /// - Parameter text: The string.
    static func string(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }

    /// `verify --json` for a valid token: `{"valid":true,"kid":…,"header":{…},"claims":{…}}`.
    /// - Parameter token: The verified token; `kid` is `null` when the key has none.
    static func valid(_ token: VerifiedToken) -> String {
        object([
            "valid": .bool(true),
            "kid": string(token.keyID),
            "header": .object(token.header.object),
            "claims": .object(token.claims.object),
        ]).jsonText
    }

    /// `{"valid":false,"error":CODE,"detail":…}` (or `verified` for `inspect`).
    /// - Parameters:
    ///   - error: The rejection.
    ///   - flag: The leading Boolean member's name: `valid` or `verified`.
    static func rejected(_ error: VerificationError, flag: String = "valid") -> String {
        JSONValue.object(
            JSONObject([
                flag: .bool(false),
                "error": .string(error.code.rawValue),
                "detail": .string(error.detail),
            ])
        ).jsonText
    }

    /// `value` indented with two spaces, one member or element per line; leaves are written
    /// with `jsonText`, then made terminal-safe (the result is still valid JSON).
    /// - Parameters:
    ///   - value: The value.
    ///   - indent: The indentation of the line the value starts on.
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .object(let object) where !object.members.isEmpty:
            let lines = object.members.map { member in
                inner + leaf(.string(member.name)) + ": " + pretty(member.value, indent: inner)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let elements) where !elements.isEmpty:
            let lines = elements.map { inner + pretty($0, indent: inner) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return leaf(value)
        }
    }

    /// A scalar (or empty container) as JSON text, with characters unsafe for a terminal written
    /// as JSON `\u` escapes.
    private static func leaf(_ value: JSONValue) -> String {
        var output = ""
        for scalar in value.jsonText.unicodeScalars {
            if Terminal.isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
