internal import EdgeJWT

/// Typed reads of one JSON object of the configuration text, refusing what does not fit: every
/// member must be understood, so a misspelt rule is an error, never silently not applied.
struct ConfigurationReader {
    /// Where the object is in the configuration, e.g. `oidc`, for messages.
    let path: String
    private let object: JSONObject

    /// A reader of `value`, which must be an object whose member names are all in `known`.
    /// - Throws: `configuration_error` otherwise.
    init(_ value: JSONValue, at path: String, known: [String]) throws(CAPIFailure) {
        guard let object = value.objectValue else {
            throw CAPIFailure(.configurationError, "\(path) must be a JSON object")
        }
        for name in object.names where !known.contains(name) {
            throw CAPIFailure(.configurationError, "\(path) has no member \(JSONValue.string(name).jsonText) (known: \(known.joined(separator: ", ")))")
        }
        self.path = path
        self.object = object
    }

    /// Whether the member is present.
    func contains(_ name: String) -> Bool { object[name] != nil }

    /// The member's value, if present.
    func value(_ name: String) -> JSONValue? { object[name] }

    /// A string member, or `nil` when absent.
    func string(_ name: String) throws(CAPIFailure) -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue else { throw failure(name, "must be a string") }
        return text
    }

    /// A Boolean member, or `nil` when absent.
    func bool(_ name: String) throws(CAPIFailure) -> Bool? {
        guard let value = object[name] else { return nil }
        guard let flag = value.boolValue else { throw failure(name, "must be true or false") }
        return flag
    }

    /// An array-of-strings member, or `[]` when absent.
    func strings(_ name: String) throws(CAPIFailure) -> [String] {
        guard let value = object[name] else { return [] }
        guard let elements = value.arrayValue else { throw failure(name, "must be an array of strings") }
        var strings: [String] = []
        for element in elements {
            guard let text = element.stringValue else { throw failure(name, "must be an array of strings") }
            strings.append(text)
        }
        return strings
    }

    /// A duration member in seconds (a finite, non-negative number; fractions to the
    /// millisecond), or `nil` when absent.
    func seconds(_ name: String) throws(CAPIFailure) -> Duration? {
        guard let value = object[name] else { return nil }
        guard let seconds = value.doubleValue, seconds.isFinite, seconds >= 0, seconds <= NumericDate.latest else {
            throw failure(name, "must be a non-negative number of seconds")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// A whole-number member in `range`, or `nil` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(CAPIFailure) -> Int? {
        guard let value = object[name] else { return nil }
        guard let number = value.doubleValue, number == number.rounded(), number >= Double(range.lowerBound),
            number <= Double(range.upperBound)
        else {
            throw failure(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    /// A nested object member, or `nil` when absent.
    func object(_ name: String, known: [String]) throws(CAPIFailure) -> ConfigurationReader? {
        guard let value = object[name] else { return nil }
        return try ConfigurationReader(value, at: "\(path).\(name)", known: known)
    }

    /// A `configuration_error` naming the member.
    func failure(_ name: String, _ problem: String) -> CAPIFailure {
        CAPIFailure(.configurationError, "\(path).\(name) \(problem)")
    }
}
