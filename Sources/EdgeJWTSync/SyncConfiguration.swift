import EdgeJWT

/// What a ``SyncAgent`` fetches, from where, how often, and where it keeps what it fetched.
///
/// Usually read from a JSON file (`docs/sync.md`); unknown members are refused, so a misspelt
/// option is never silently ignored.
/// ```swift
/// let configuration = try SyncConfiguration(contentsOfFile: "/etc/gateway/sync.json")
/// let agent = try SyncAgent(configuration: configuration)
/// ```
public struct SyncConfiguration: Sendable, Hashable {
    /// What a source serves.
    public enum Kind: String, Sendable, Hashable {
        /// A Status List Token (draft-ietf-oauth-status-list-20 §5.1), `statuslist+jwt`.
        case statusList = "status_list"
        /// An EdgeJWT compact revocation list (`docs/revocation-format.md`), snapshot or delta.
        case revocationList = "revocation_list"
        /// A signed key-set statement for one issuer (docs/key-rotation.md §3), optionally with
        /// the trust root's successors from ``Source/rootURL``.
        case keySetStatement = "key_set_statement"
    }

    /// One list to keep fresh.
    public struct Source: Sendable, Hashable {
        /// A name unique in the configuration: letters, digits, `-`, `_`, `.`; 1 to 64 characters.
        /// Names the source's files in the state directory and its line in the status.
        public var name: String
        /// What the URL serves.
        public var kind: Kind
        /// The full list (`http` or `https`).
        public var url: String
        /// For a revocation list: where the delta from the stored sequence is served, with
        /// `{sequence}` standing for that sequence, e.g. `http://cdn/lists/main.from-{sequence}.ejrl`.
        /// `nil`: full lists only.
        public var deltaURL: String?
        /// For a status list: the `sub` the list must carry. Default: the list's own `sub`.
        public var uri: String?
        /// For a revocation list: the publisher's JWK Set file. Default: ``SyncConfiguration/keysPath``.
        public var publisherKeysPath: String?
        /// For a revocation list: the series name the list must carry. Default: any, then the
        /// first installed one's.
        public var listName: String?
        /// For a key-set statement: the Issuer Identifier the statement must name. Required.
        public var issuer: String?
        /// For a key-set statement: the trust root file the device was provisioned with. Required.
        public var trustRootPath: String?
        /// For a key-set statement: where the newest root statement is served, fetched before the
        /// key-set statement on each attempt (a 404 means no root rotation). `nil`: the root
        /// never rotates over the network.
        public var rootURL: String?
        /// For a key-set statement: how long after its `exp` the installed statement's keys are
        /// still used while no newer one arrives (``KeySetPolicy/expiryGracePeriod``); then its
        /// issuer's tokens fail closed with `key_set_expired`. `nil`: the policy's default, one day.
        public var expiryGracePeriod: Duration?

        /// A source with the given values.
        /// - Parameters:
        ///   - name: The source's name.
        ///   - kind: What the URL serves.
        ///   - url: The full list's URL.
        ///   - deltaURL: The delta URL template, revocation lists only. Default: none.
        ///   - uri: The expected `sub`, status lists only. Default: none.
        ///   - publisherKeysPath: The publisher's JWK Set, revocation lists only. Default: `keys`.
        ///   - listName: The expected series name, revocation lists only. Default: none.
        ///   - issuer: The statement's issuer, key-set statements only. Default: none.
        ///   - trustRootPath: The provisioned trust root, key-set statements only. Default: none.
        ///   - rootURL: The root statement's URL, key-set statements only. Default: none.
        ///   - expiryGracePeriod: The grace after a statement's `exp`, key-set statements only.
        ///     Default: the policy's (one day).
        public init(
            name: String, kind: Kind, url: String, deltaURL: String? = nil, uri: String? = nil,
            publisherKeysPath: String? = nil, listName: String? = nil, issuer: String? = nil,
            trustRootPath: String? = nil, rootURL: String? = nil, expiryGracePeriod: Duration? = nil
        ) {
            self.name = name
            self.kind = kind
            self.url = url
            self.deltaURL = deltaURL
            self.uri = uri
            self.publisherKeysPath = publisherKeysPath
            self.listName = listName
            self.issuer = issuer
            self.trustRootPath = trustRootPath
            self.rootURL = rootURL
            self.expiryGracePeriod = expiryGracePeriod
        }
    }

    /// The directory holding everything the agent stores: lists, state, time floor. Created if
    /// missing (its parent must exist).
    public var stateDirectory: String
    /// The JWK Set that verifies tokens and status lists (and revocation lists without their own).
    public var keysPath: String
    /// The lists to keep fresh.
    public var sources: [Source]
    /// Time between successful fetches of a source. A status list's `ttl` or a revocation
    /// list's `valid_until` shortens it. Default: 300 s.
    public var period: Duration = .seconds(300)
    /// The shortest wait between fetches of a source, whatever a list's `ttl` says. Default: 10 s.
    public var minimumPeriod: Duration = .seconds(10)
    /// The first wait after a failure; it doubles with each consecutive failure. Default: 5 s.
    public var initialBackoff: Duration = .seconds(5)
    /// The longest wait after failures. Default: 1 hour.
    public var maximumBackoff: Duration = .seconds(3_600)
    /// How long a request may wait for the server to answer or send more bytes. Default: 10 s.
    public var timeout: Duration = .seconds(10)
    /// Longest accepted response body: reading stops at the first byte past it. Default: 16 MiB.
    public var maxResponseBytes = 16 << 20
    /// The longest time a source's HTTP validators (`ETag`, `Last-Modified`) are trusted: after
    /// this long since its last full (200) response, the next request is sent without them and
    /// the list that arrives is compared with the installed one. Default: 1 hour.
    public var fullFetchPeriod: Duration = .seconds(3_600)
    /// The PEM bundle of the only certificate authorities trusted for `https` sources; `nil`:
    /// the system's CA store. The agent refuses to start when the file cannot be read or holds no
    /// certificate. Default: `nil`.
    public var caFile: String?
    /// Which HTTP redirects are followed. Default: ``HTTPRedirectPolicy/refuse``: a source's URL
    /// is where its list is, and a redirect fails the attempt with `redirect_refused`.
    public var redirects: HTTPRedirectPolicy = .refuse
    /// The Prometheus text file (node_exporter's textfile collector, a name ending in `.prom`)
    /// the agent replaces atomically after every attempt (``MetricsFile``); `nil`: none. Its
    /// directory is created if missing (its parent must exist). Default: `nil`.
    public var metricsPath: String?

    /// A configuration with the defaults above.
    /// - Parameters:
    ///   - stateDirectory: Where the agent stores lists and state.
    ///   - keysPath: The JWK Set that verifies tokens and status lists.
    ///   - sources: The lists to fetch.
    public init(stateDirectory: String, keysPath: String, sources: [Source]) {
        self.stateDirectory = stateDirectory
        self.keysPath = keysPath
        self.sources = sources
    }

    /// Reads a configuration file (`docs/sync.md`). Relative paths in it are relative to the
    /// file's directory.
    /// - Parameter path: The JSON file.
    /// - Throws: ``SyncConfigurationError`` naming the member at fault.
    public init(contentsOfFile path: String) throws(SyncConfigurationError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: Self.maxFileBytes)
        } catch {
            throw SyncConfigurationError("cannot read \(path): \(error.reason)")
        }
        try self.init(json: bytes, relativeTo: FileSystem.directory(of: path))
    }

    /// The largest configuration file read: 1 MiB.
    static let maxFileBytes = 1 << 20

    /// Reads a configuration document.
    /// - Parameters:
    ///   - json: The JSON text.
    ///   - directory: What relative paths are relative to.
    /// - Throws: ``SyncConfigurationError`` naming the member at fault.
    public init(json: [UInt8], relativeTo directory: String) throws(SyncConfigurationError) {
        guard let object = JSONValue.parse(json)?.objectValue else {
            throw SyncConfigurationError("the configuration is not a JSON object (strict JSON: UTF-8, no duplicate members)")
        }
        let reader = MemberReader(object, at: "configuration")
        try reader.rejectUnknown([
            "state_directory", "keys", "sources", "period_seconds", "min_period_seconds", "initial_backoff_seconds",
            "max_backoff_seconds", "timeout_seconds", "max_response_bytes", "full_fetch_seconds", "ca_file", "redirects",
            "max_redirects", "metrics_file",
        ])
        func path(_ text: String) -> String { text.hasPrefix("/") ? text : directory + "/" + text }
        stateDirectory = path(try reader.string("state_directory"))
        keysPath = path(try reader.string("keys"))
        guard let list = object["sources"]?.arrayValue, !list.isEmpty else {
            throw SyncConfigurationError("sources must be a non-empty array")
        }
        var sources: [Source] = []
        for (index, item) in list.enumerated() {
            guard let member = item.objectValue else { throw SyncConfigurationError("sources[\(index)] must be an object") }
            let source = MemberReader(member, at: "sources[\(index)]")
            try source.rejectUnknown([
                "name", "kind", "url", "delta_url", "uri", "publisher_keys", "list_name", "issuer", "trust_root", "root_url",
                "expiry_grace_seconds",
            ])
            let name = try source.string("name")
            guard Self.isValidName(name) else {
                throw SyncConfigurationError("sources[\(index)].name \"\(name)\" must be 1 to 64 of A-Z a-z 0-9 - _ .")
            }
            guard !sources.contains(where: { $0.name == name }) else {
                throw SyncConfigurationError("sources[\(index)].name \"\(name)\" is used twice")
            }
            let kindText = try source.string("kind")
            guard let kind = Kind(rawValue: kindText) else {
                throw SyncConfigurationError("sources[\(index)].kind \"\(kindText)\" is not status_list, revocation_list or key_set_statement")
            }
            let url = try source.url("url")
            let deltaURL = try source.optionalString("delta_url")
            let uri = try source.optionalString("uri")
            let publisherKeys = try source.optionalString("publisher_keys")
            let listName = try source.optionalString("list_name")
            let issuer = try source.optionalString("issuer")
            let trustRoot = try source.optionalString("trust_root")
            let rootURL = try source.optionalString("root_url") == nil ? nil : try source.url("root_url")
            let expiryGrace = try source.seconds("expiry_grace_seconds")
            if let rootURL, !rootURL.contains("{sequence}") {
                throw SyncConfigurationError("sources[\(index)].root_url must contain {sequence}")
            }
            if kind != .revocationList, deltaURL != nil || publisherKeys != nil || listName != nil {
                throw SyncConfigurationError(
                    "sources[\(index)]: delta_url, publisher_keys and list_name are for revocation_list sources")
            }
            if kind != .statusList, uri != nil {
                throw SyncConfigurationError("sources[\(index)]: uri is for status_list sources")
            }
            if kind == .keySetStatement {
                guard let issuer, trustRoot != nil else {
                    throw SyncConfigurationError("sources[\(index)]: a key_set_statement source needs issuer and trust_root")
                }
                if let other = sources.first(where: { $0.kind == .keySetStatement && $0.issuer == issuer }) {
                    throw SyncConfigurationError(
                        "sources[\(index)].issuer \"\(issuer)\" already has a key_set_statement source (\(other.name))")
                }
            } else if issuer != nil || trustRoot != nil || rootURL != nil || expiryGrace != nil {
                throw SyncConfigurationError(
                    "sources[\(index)]: issuer, trust_root, root_url and expiry_grace_seconds are for key_set_statement sources")
            }
            if let deltaURL {
                guard deltaURL.contains("{sequence}") else {
                    throw SyncConfigurationError("sources[\(index)].delta_url must contain {sequence}")
                }
                _ = try source.url("delta_url")
            }
            sources.append(
                Source(
                    name: name, kind: kind, url: url, deltaURL: deltaURL, uri: uri, publisherKeysPath: publisherKeys.map(path),
                    listName: listName, issuer: issuer, trustRootPath: trustRoot.map(path), rootURL: rootURL,
                    expiryGracePeriod: expiryGrace))
        }
        self.sources = sources
        if let value = try reader.seconds("period_seconds") { period = value }
        if let value = try reader.seconds("min_period_seconds") { minimumPeriod = value }
        if let value = try reader.seconds("initial_backoff_seconds") { initialBackoff = value }
        if let value = try reader.seconds("max_backoff_seconds") { maximumBackoff = value }
        if let value = try reader.seconds("timeout_seconds") { timeout = value }
        if let value = try reader.count("max_response_bytes") { maxResponseBytes = value }
        if let value = try reader.seconds("full_fetch_seconds") { fullFetchPeriod = value }
        guard minimumPeriod <= period else {
            throw SyncConfigurationError("min_period_seconds must not exceed period_seconds")
        }
        guard initialBackoff <= maximumBackoff else {
            throw SyncConfigurationError("initial_backoff_seconds must not exceed max_backoff_seconds")
        }
        caFile = try reader.optionalString("ca_file").map(path)
        redirects = try Self.redirectPolicy(reader)
        if let metrics = try reader.optionalString("metrics_file") {
            guard metrics.hasSuffix(".prom"), !FileSystem.fileName(of: metrics).hasPrefix(".") else {
                throw SyncConfigurationError(
                    "configuration.metrics_file \"\(metrics)\" must name a file ending in .prom (node_exporter reads only those)")
            }
            metricsPath = path(metrics)
        }
    }

    /// `redirects` (`none`, `same_origin` or `any_host`) and `max_redirects` (1 to 10, default 3;
    /// only with redirects allowed).
    private static func redirectPolicy(_ reader: MemberReader) throws(SyncConfigurationError) -> HTTPRedirectPolicy {
        let mode = try reader.optionalString("redirects") ?? "none"
        let limit = try reader.count("max_redirects")
        if let limit, !(1...10).contains(limit) {
            throw SyncConfigurationError("configuration.max_redirects must be from 1 to 10")
        }
        switch mode {
        case "none":
            guard limit == nil else {
                throw SyncConfigurationError("configuration.max_redirects needs redirects \"same_origin\" or \"any_host\"")
            }
            return .refuse
        case "same_origin": return .sameOrigin(limit: limit ?? 3)
        case "any_host": return .anyHost(limit: limit ?? 3)
        default:
            throw SyncConfigurationError("configuration.redirects \"\(mode)\" is not none, same_origin or any_host")
        }
    }

    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            } && name != "." && name != ".."
    }
}

/// A configuration that cannot be used: the CLI's exit status 2.
public struct SyncConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the member or file at fault.
    public let detail: String

    /// An error with the given detail.
    /// - Parameter detail: What is wrong.
    public init(_ detail: String) { self.detail = detail }

    /// The detail.
    public var description: String { detail }
}

/// Typed reads of one JSON object's members, with the member's path in every error.
private struct MemberReader {
    let object: JSONObject
    let location: String

    init(_ object: JSONObject, at location: String) {
        self.object = object
        self.location = location
    }

    func rejectUnknown(_ known: Set<String>) throws(SyncConfigurationError) {
        if let unknown = object.names.sorted().first(where: { !known.contains($0) }) {
            throw SyncConfigurationError("\(location) has unknown member \"\(unknown)\"")
        }
    }

    func string(_ name: String) throws(SyncConfigurationError) -> String {
        guard let value = try optionalString(name) else {
            throw SyncConfigurationError("\(location).\(name) is required")
        }
        return value
    }

    func optionalString(_ name: String) throws(SyncConfigurationError) -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue, !text.isEmpty else {
            throw SyncConfigurationError("\(location).\(name) must be a non-empty string")
        }
        return text
    }

    /// An absolute `http` or `https` URL with a host, as libcurl parses it (a `{sequence}`
    /// placeholder read as `1`).
    func url(_ name: String) throws(SyncConfigurationError) -> String {
        let text = try string(name)
        do {
            _ = try CurlURL(text.replacing("{sequence}", with: "1"))
        } catch {
            throw SyncConfigurationError("\(location).\(name) \"\(text)\" is not an http or https URL")
        }
        return text
    }

    /// A positive number of seconds (fractions allowed), at most 30 days.
    func seconds(_ name: String) throws(SyncConfigurationError) -> Duration? {
        guard let value = object[name] else { return nil }
        guard let number = value.doubleValue, number > 0 else {
            throw SyncConfigurationError("\(location).\(name) must be a positive number")
        }
        guard number <= 30 * 86_400 else {
            throw SyncConfigurationError("\(location).\(name) must be at most 2592000 (30 days)")
        }
        return .milliseconds(Int64((number * 1000).rounded()))
    }

    /// A positive whole number, at most 2^31.
    func count(_ name: String) throws(SyncConfigurationError) -> Int? {
        guard let value = object[name] else { return nil }
        guard let number = value.doubleValue, number >= 1, number <= Double(1 << 31), number.rounded() == number else {
            throw SyncConfigurationError("\(location).\(name) must be a whole number from 1 to 2147483648")
        }
        return Int(number)
    }
}
