import EdgeJWT

/// A JSON object built member by member and written as compact text with its members sorted by
/// name: the form of `state.json` and of `edgejwt sync --status --json`.
///
/// Strings and numbers are written by the core's `JSONValue.jsonText`, so escapes are the ones
/// the CLI uses everywhere; a `nil` value leaves its member out.
/// ```swift
/// var object = JSONObjectText()
/// object.add("name", "main")
/// object.add("sequence", list?.sequence)   // left out while no list is installed
/// print(object.text)                       // {"name":"main"}
/// ```
struct JSONObjectText {
    private var members: [(name: String, text: String)] = []

    /// Adds a string member.
    mutating func add(_ name: String, _ value: String?) {
        if let value { append(name, JSONValue.string(value).jsonText) }
    }

    /// Adds a Boolean member.
    mutating func add(_ name: String, _ value: Bool?) {
        if let value { append(name, value ? "true" : "false") }
    }

    /// Adds a number member, written in its shortest exact form (integers without a fraction).
    /// - Precondition: the value is finite.
    mutating func add(_ name: String, _ value: Double?) {
        if let value { append(name, JSONNumber(value).literal) }
    }

    /// Adds an integer member, written exactly.
    mutating func add(_ name: String, _ value: Int?) {
        if let value { append(name, String(value)) }
    }

    /// Adds an unsigned integer member, written exactly (also above 2^53).
    mutating func add(_ name: String, _ value: UInt64?) {
        if let value { append(name, String(value)) }
    }

    /// Adds an object member.
    mutating func add(_ name: String, _ value: JSONObjectText?) {
        if let value { append(name, value.text) }
    }

    /// Adds an array of objects.
    mutating func add(_ name: String, _ values: [JSONObjectText]) {
        append(name, "[" + values.map(\.text).joined(separator: ",") + "]")
    }

    /// The object as compact JSON text, members sorted by name.
    var text: String {
        let sorted = members.sorted { $0.name < $1.name }
        return "{" + sorted.map { JSONValue.string($0.name).jsonText + ":" + $0.text }.joined(separator: ",") + "}"
    }

    private mutating func append(_ name: String, _ text: String) {
        precondition(!members.contains { $0.name == name }, "duplicate JSON member \(name)")
        members.append((name, text))
    }
}

extension JSONObject {
    /// The number member `name` as a time, if it is a finite number.
    func time(_ name: String) -> NumericDate? {
        guard let value = self[name]?.doubleValue, value.isFinite else { return nil }
        return NumericDate(value)
    }

    /// The number member `name` as an exact unsigned integer, if its literal is one.
    func unsignedInteger(_ name: String) -> UInt64? {
        guard case .number(let number)? = self[name] else { return nil }
        return UInt64(number.literal)
    }

    /// The number member `name` as an exact integer, if its literal is one.
    func integer(_ name: String) -> Int? {
        guard case .number(let number)? = self[name] else { return nil }
        return Int(number.literal)
    }
}
