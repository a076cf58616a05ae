import Testing
@testable import EdgeJWT

/// The strict scan's name filter (``NameFilter``) lets most names through without comparing
/// them; these objects check that no duplicate gets through with it, whichever bits the names
/// set and wherever an escaped spelling stands.
@Suite struct DuplicateNameFilterTests {
    /// Claim names of real tokens, short and long, several of them sharing a bit.
    static let names = [
        "iss", "sub", "aud", "exp", "iat", "nbf", "jti", "email", "email_verified", "name", "nonce",
        "auth_time", "azp", "at_hash", "given_name",
    ]

    /// `name` with its first character written as a `\u` escape.
    static func escaped(_ name: String) -> String {
        let first = name.unicodeScalars.first!.value
        let hex = String(first, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex + String(name.dropFirst())
    }

    static func object(_ names: [String]) -> String {
        "{" + names.enumerated().map { "\"\($0.element)\":\($0.offset)" }.joined(separator: ",") + "}"
    }

    /// Whether claims holding an object of `names` are accepted, both at the top level (with
    /// values of the types the registered claims need) and nested in an unknown claim.
    static func isAccepted(_ names: [String]) -> Bool {
        let dates: Set<String> = ["exp", "iat", "nbf"]
        let topLevel = "{" + names.map { "\"\($0)\":" + (dates.contains($0) ? "1" : "\"v\"") }.joined(separator: ",") + "}"
        let topLevelIsAccepted = (try? Claims(decoding: Array(topLevel.utf8), limits: .init())) != nil
        let nestedIsAccepted = (try? Claims(decoding: Array("{\"x\":\(object(names))}".utf8), limits: .init())) != nil
        #expect(topLevelIsAccepted == nestedIsAccepted, "\(names)")
        return nestedIsAccepted
    }

    @Test func distinctNamesAreAcceptedEvenWhenTheyShareABit() {
        for count in 1...Self.names.count {
            #expect(Self.isAccepted(Array(Self.names.prefix(count))), "\(count) names")
            #expect(Self.isAccepted(Array(Self.names.suffix(count))), "last \(count) names")
        }
    }

    /// Each name repeated at each later position, plain or escaped on either side: the escaped
    /// spelling first is the case where the repeat's own bit is clear.
    @Test func everyRepeatIsFoundPlainOrEscapedOnEitherSide() {
        let prefix = Self.names
        for (position, name) in prefix.enumerated() {
            for insertion in (position + 1)...prefix.count {
                for (earlier, later) in [(name, name), (Self.escaped(name), name), (name, Self.escaped(name))] {
                    var names = prefix
                    names[position] = earlier
                    names.insert(later, at: insertion)
                    #expect(!Self.isAccepted(names), "\(earlier) at \(position), \(later) at \(insertion)")
                }
            }
        }
    }

    @Test func aRepeatAfterAnEscapedNameOfAnotherTextIsFound() {
        #expect(!Self.isAccepted(["a", Self.escaped("b"), "c", "a"]))
        #expect(!Self.isAccepted([Self.escaped("b"), "a", "a"]))
        #expect(Self.isAccepted([Self.escaped("b"), "a", "c"]))
    }
}
