/// A JSON value as parsed by EdgeJWT's strict parser (RFC 8259).
///
/// Used for header parameters and claims that have no typed accessor:
/// ```swift
/// if case .string(let role)? = token.claims["role"] { ... }
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept with its exact source text.
    case number(JSONNumber)
    /// A string (valid Unicode; escapes resolved).
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in source order, names unique.
    case object(JSONObject)

    /// The string, if this value is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, if this value is a number.
    public var doubleValue: Double? {
        if case .number(let number) = self { return number.value }
        return nil
    }

    /// The Boolean, if this value is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The object, if this value is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}

/// A JSON number with its source text preserved, so large integers print back exactly.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the source (RFC 8259 §6 grammar).
    public let literal: String
    /// The nearest `Double`; may be infinite for literals beyond its range (such as `1e400`).
    public let value: Double

    /// Creates a number from a literal already checked against the RFC 8259 grammar.
    init(validatedLiteral literal: String) {
        self.literal = literal
        // Up to 15 digits an integer is exact in a Double, and the conversion skips strtod.
        if literal.utf8.count <= 15, literal.utf8.first != UInt8(ascii: "-"), let integer = Int(literal) {
            self.value = Double(integer)
        } else {
            self.value = Double(literal) ?? .nan
        }
    }

    /// Creates a number from a finite `Double`, written in its shortest round-trip form.
    /// - Parameter value: A finite value; integers print without a fraction.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no representation for \(value)")
        self.value = value
        if value == value.rounded(), abs(value) < 1e15 {
            self.literal = String(Int64(value))
        } else {
            self.literal = "\(value)"
        }
    }

    /// The source literal.
    public var description: String { literal }
}

/// A JSON object whose member names are unique; members keep their source order.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One name/value pair.
    public struct Member: Sendable, Hashable {
        /// The member name (escapes resolved).
        public let name: String
        /// The member value.
        public let value: JSONValue
    }

    /// The members in source order.
    public let members: [Member]

    /// Creates an object; the caller guarantees unique names.
    init(uniqueMembers members: [Member]) {
        self.members = members
    }

    /// Creates an object from name/value pairs.
    /// - Parameter pairs: Pairs with unique names; a repeated name traps.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        var members: [Member] = []
        for (name, value) in pairs {
            precondition(!members.contains { $0.name == name }, "duplicate JSON member \(name)")
            members.append(Member(name: name, value: value))
        }
        self.members = members
    }

    /// The value of the member named `name`, if any. O(n) in the member count.
    public subscript(name: String) -> JSONValue? {
        var name = name
        return name.withUTF8 { nameBytes in
            for member in members where member.name.hasUTF8(nameBytes) { return member.value }
            return nil
        }
    }

    /// The member names in source order.
    public var names: [String] { members.map(\.name) }

    /// Iterates the members in source order.
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}
