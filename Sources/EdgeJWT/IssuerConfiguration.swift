/// The issuers a gateway trusts: for each, its pinned key set, `client_id` and policy.
///
/// Build one in code, or load the JSON file described in `docs/oidc.md`:
/// ```json
/// {"issuers": [{"issuer": "https://accounts.example.com",
///               "jwks_file": "accounts.jwks.json",
///               "client_id": "gateway-7",
///               "max_auth_age": 3600}]}
/// ```
/// ```swift
/// let configuration = try IssuerConfiguration(contentsOfFile: "/etc/gateway/issuers.json")
/// let verifier = MultiIssuerVerifier(configuration)
/// ```
public struct IssuerConfiguration: Sendable, Hashable {
    /// Largest configuration file read from disk: 1 MiB.
    public static let maxFileBytes = 1 << 20
    /// Largest accepted duration member (`leeway`, `max_age`, `max_auth_age`): 10 years in seconds.
    public static let maxSeconds: Double = 315_360_000

    /// One trusted issuer.
    public struct Entry: Sendable, Hashable {
        /// The Issuer Identifier, compared with `iss` byte for byte.
        public let issuer: String
        /// The issuer's pinned keys; never used for another issuer's tokens.
        public let keys: PinnedKeySet
        /// The OpenID Connect profile for this issuer: client id and policy.
        public let oidc: OIDCOptions
        /// The verification options: ``VerifierOptions/issuers`` is `[issuer]` and
        /// ``VerifierOptions/oidc`` is ``oidc``.
        public let options: VerifierOptions

        /// The relying party's `client_id` at this issuer.
        public var clientID: String { oidc.clientID }

        /// Pins one issuer.
        /// - Parameters:
        ///   - issuer: The Issuer Identifier.
        ///   - keys: Its pinned key set (from the JWKS document saved from its `jwks_uri`).
        ///   - oidc: The ID Token profile: client id and policy.
        ///   - options: Leeway, `iat` age, `typ` and limits. Its `issuers` and `oidc` are
        ///     replaced by `[issuer]` and `oidc`. Default: ``VerifierOptions/init()``.
        public init(issuer: String, keys: PinnedKeySet, oidc: OIDCOptions, options: VerifierOptions = VerifierOptions()) {
            var options = options
            options.issuers = [issuer]
            options.oidc = oidc
            self.issuer = issuer
            self.keys = keys
            self.oidc = oidc
            self.options = options
        }
    }

    /// The trusted issuers, in configuration order.
    public let entries: [Entry]

    /// Checks a list of entries.
    /// - Parameter entries: At least one entry; issuers and client ids non-empty, issuers distinct.
    /// - Throws: `no_issuers`, `malformed_configuration` (an empty issuer or client id),
    ///   `duplicate_issuer`.
    public init(_ entries: [Entry]) throws(IssuerConfigurationError) {
        guard !entries.isEmpty else {
            throw IssuerConfigurationError(.noIssuers, "the configuration pins no issuer")
        }
        for (position, entry) in entries.enumerated() {
            guard !entry.issuer.isEmpty else {
                throw IssuerConfigurationError(.malformedConfiguration, "issuers[\(position)]: issuer is empty")
            }
            guard !entry.clientID.isEmpty else {
                throw IssuerConfigurationError(.malformedConfiguration, "issuers[\(position)]: client_id is empty")
            }
            for earlier in entries[..<position] where earlier.issuer.isExactly(entry.issuer) {
                throw IssuerConfigurationError(
                    .duplicateIssuer, "issuers[\(position)]: issuer \(Self.quoted(entry.issuer)) is pinned twice")
            }
        }
        self.entries = entries
    }

    /// Loads a configuration file (at most ``maxFileBytes``); `jwks_file` paths are relative to
    /// the file's directory.
    /// - Parameter path: The configuration file.
    /// - Throws: `unreadable_file`, or any error of ``init(json:baseDirectory:)``.
    public init(contentsOfFile path: String) throws(IssuerConfigurationError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: Self.maxFileBytes)
        } catch {
            throw IssuerConfigurationError(.unreadableFile, error.description)
        }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        try self.init(json: bytes, baseDirectory: directory.isEmpty ? "/" : directory)
    }

    /// Reads a configuration document.
    /// - Parameters:
    ///   - json: The document: `{"issuers": [...]}` (format in `docs/oidc.md`).
    ///   - baseDirectory: The directory relative `jwks_file` paths are resolved against.
    /// - Throws: `malformed_configuration`, `unknown_member`, `missing_member`,
    ///   `conflicting_members`, `no_issuers`, `duplicate_issuer`, `invalid_key_set`.
    public init(json: [UInt8], baseDirectory: String) throws(IssuerConfigurationError) {
        let document: JSONValue
        do {
            document = try StrictJSONParser.parse(json, maxDepth: 16)
        } catch {
            throw IssuerConfigurationError(.malformedConfiguration, "not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let root) = document else {
            throw IssuerConfigurationError(.malformedConfiguration, "the configuration is a JSON object with an \"issuers\" array")
        }
        try Self.rejectUnknownMembers(root, allowed: ["issuers"], at: "the configuration")
        guard let issuers = root["issuers"] else {
            throw IssuerConfigurationError(.missingMember, "the configuration has no \"issuers\" array")
        }
        guard case .array(let elements) = issuers else {
            throw IssuerConfigurationError(.malformedConfiguration, "issuers must be an array of objects")
        }
        var entries: [Entry] = []
        for (position, element) in elements.enumerated() {
            entries.append(try Self.entry(element, at: "issuers[\(position)]", baseDirectory: baseDirectory))
        }
        try self.init(entries)
    }

    private static let entryMembers = [
        "issuer", "jwks_file", "jwks", "client_id", "audiences_trusted", "leeway", "max_age",
        "max_auth_age", "acr_values", "typ", "require_at_hash",
    ]

    private static func entry(_ value: JSONValue, at place: String, baseDirectory: String) throws(IssuerConfigurationError) -> Entry {
        guard case .object(let object) = value else {
            throw IssuerConfigurationError(.malformedConfiguration, "\(place) is not a JSON object")
        }
        try rejectUnknownMembers(object, allowed: entryMembers, at: place)
        guard let issuer = try string(object, "issuer", at: place) else {
            throw IssuerConfigurationError(.missingMember, "\(place) has no issuer")
        }
        let place = "\(place) (\(quoted(issuer)))"
        guard let clientID = try string(object, "client_id", at: place) else {
            throw IssuerConfigurationError(.missingMember, "\(place) has no client_id")
        }
        var oidc = OIDCOptions(clientID: clientID)
        oidc.trustedAudiences = try strings(object, "audiences_trusted", at: place)
        oidc.acceptedACRValues = try strings(object, "acr_values", at: place)
        oidc.maxAuthenticationAge = try seconds(object, "max_auth_age", at: place)
        if let require = object["require_at_hash"] {
            guard case .bool(let flag) = require else {
                throw IssuerConfigurationError(.malformedConfiguration, "\(place): require_at_hash must be true or false")
            }
            oidc.requiresAccessTokenHash = flag
        }
        var options = VerifierOptions()
        if let leeway = try seconds(object, "leeway", at: place) { options.leeway = leeway }
        options.maxAge = try seconds(object, "max_age", at: place)
        options.requiredType = try string(object, "typ", at: place)
        let keys = try keySet(object, at: place, baseDirectory: baseDirectory)
        return Entry(issuer: issuer, keys: keys, oidc: oidc, options: options)
    }

    private static func keySet(
        _ object: JSONObject, at place: String, baseDirectory: String
    ) throws(IssuerConfigurationError) -> PinnedKeySet {
        let file = try string(object, "jwks_file", at: place)
        switch (file, object["jwks"]) {
        case (nil, nil):
            throw IssuerConfigurationError(.missingMember, "\(place) needs jwks_file or an inline jwks")
        case (.some, .some):
            throw IssuerConfigurationError(.conflictingMembers, "\(place) has both jwks_file and jwks; keep one")
        case (let file?, nil):
            let path = file.hasPrefix("/") ? file : baseDirectory + "/" + file
            do {
                return try PinnedKeySet(contentsOfFile: path)
            } catch {
                throw IssuerConfigurationError(.invalidKeySet, "\(place): jwks_file \(quoted(file)): \(error)")
            }
        case (nil, let inline?):
            guard case .object = inline else {
                throw IssuerConfigurationError(.malformedConfiguration, "\(place): jwks must be a JWK Set object")
            }
            do {
                return try PinnedKeySet(jwks: Array(inline.jsonText.utf8))
            } catch {
                throw IssuerConfigurationError(.invalidKeySet, "\(place): jwks: \(error)")
            }
        }
    }

    private static func rejectUnknownMembers(_ object: JSONObject, allowed: [String], at place: String) throws(IssuerConfigurationError) {
        for name in object.names where !allowed.containsExactly(name) {
            throw IssuerConfigurationError(
                .unknownMember, "\(place): unknown member \(quoted(name)); known: \(allowed.joined(separator: ", "))")
        }
    }

    private static func string(_ object: JSONObject, _ name: String, at place: String) throws(IssuerConfigurationError) -> String? {
        guard let value = object[name] else { return nil }
        guard case .string(let text) = value else {
            throw IssuerConfigurationError(.malformedConfiguration, "\(place): \(name) must be a string")
        }
        return text
    }

    private static func strings(_ object: JSONObject, _ name: String, at place: String) throws(IssuerConfigurationError) -> [String] {
        guard let value = object[name] else { return [] }
        guard case .array(let elements) = value else {
            throw IssuerConfigurationError(.malformedConfiguration, "\(place): \(name) must be an array of strings")
        }
        var strings: [String] = []
        for element in elements {
            guard case .string(let text) = element else {
                throw IssuerConfigurationError(.malformedConfiguration, "\(place): \(name) must be an array of strings")
            }
            strings.append(text)
        }
        return strings
    }

    private static func seconds(_ object: JSONObject, _ name: String, at place: String) throws(IssuerConfigurationError) -> Duration? {
        guard let value = object[name] else { return nil }
        guard let seconds = value.doubleValue, seconds.isFinite, seconds >= 0, seconds <= maxSeconds else {
            throw IssuerConfigurationError(
                .malformedConfiguration, "\(place): \(name) must be a number of seconds from 0 to \(JSONNumber(maxSeconds))")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text.count > 128 ? String(text.prefix(128)) + "…" : text).jsonText
    }
}
