public import EdgeJWT

/// What a device can report about one source: when it last succeeded, how old its data is, how
/// many fetches have failed in a row, when the next one is due, and the last error.
///
/// Times are seconds since the epoch (``NumericDate``) read from the agent's clock.
public struct SourceStatus: Sendable, Hashable {
    /// The source's name in the configuration.
    public let name: String
    /// What the source serves.
    public let kind: SyncConfiguration.Kind
    /// The last fetch attempt, if any.
    public internal(set) var lastAttempt: NumericDate?
    /// The last attempt that ended with the newest list installed (updated or unchanged).
    public internal(set) var lastSuccess: NumericDate?
    /// The `iat` of the installed list: its age is the age of the data.
    public internal(set) var dataIssuedAt: NumericDate?
    /// The installed revocation list's or key-set statement's sequence.
    public internal(set) var sequence: UInt64?
    /// Failed attempts since the last success.
    public internal(set) var consecutiveFailures = 0
    /// When the next attempt is due.
    public internal(set) var nextAttempt: NumericDate?
    /// Failed attempts by ``SyncError/Code`` raw value, ever, for this state directory (kept in
    /// `state.json` across restarts, so `--once` from cron counts too).
    public internal(set) var failures: [String: Int] = [:]
    /// The last failure, `code: detail`; `nil` once an attempt succeeds.
    public internal(set) var lastError: String?
    /// `updated`, `unchanged` or `failed`: how the last attempt ended.
    public internal(set) var lastOutcome: String?
    /// The HTTP status of the last response (304: the list was unchanged), `nil` when the last
    /// request got none.
    public internal(set) var lastHTTPStatus: Int?
    /// The `ETag` of the installed full list, for `If-None-Match`.
    var entityTag: String?
    /// The `Last-Modified` of the installed full list, for `If-Modified-Since`.
    var lastModified: String?
    /// The status list's `sub`, once known.
    var listURI: String?
    /// The last 200 whose list was installed or found identical to the installed one: the
    /// validators are sent only for a while after it (``Revalidation``).
    var lastFullFetch: NumericDate?
    /// For a key-set-statement source: the installed statement, `nil` until one is installed.
    public internal(set) var keySet: KeySetStatus?

    init(name: String, kind: SyncConfiguration.Kind) {
        self.name = name
        self.kind = kind
    }

    /// The age of the installed data: `now` − its `iat`.
    /// - Parameter now: The current time.
    /// - Returns: Seconds, or `nil` when no list is installed.
    public func dataAge(at now: NumericDate) -> Double? {
        dataIssuedAt.map { now.secondsSinceEpoch - $0.secondsSinceEpoch }
    }

    /// Whether a list is installed and the last attempt did not fail.
    public var isHealthy: Bool { dataIssuedAt != nil && consecutiveFailures == 0 }

    /// ``isHealthy``, and for a key-set statement also not expired beyond its grace period at
    /// `now` (its issuer's tokens are all refused then).
    /// - Parameter now: The current time.
    /// - Returns: Whether the source is healthy at `now`.
    public func isHealthy(at now: NumericDate) -> Bool {
        isHealthy && keySet?.expiry(at: now) != .expired
    }
}

/// The status of every source, as kept in `state.json` in the state directory.
///
/// ```swift
/// let status = try SyncStatus(stateDirectory: "/var/lib/gateway/sync")
/// for source in status.sources where !source.isHealthy { print(source.name, source.lastError ?? "no data") }
/// ```
public struct SyncStatus: Sendable, Hashable {
    /// The state file's name in the state directory.
    public static let fileName = "state.json"

    /// One entry per source, in configuration order.
    public var sources: [SourceStatus]

    init(sources: [SourceStatus]) {
        self.sources = sources
    }

    /// Reads the state an agent persisted.
    /// - Parameter stateDirectory: The configuration's state directory.
    /// - Throws: ``SyncConfigurationError`` when the file is missing, unreadable or not a state file.
    public init(stateDirectory: String) throws(SyncConfigurationError) {
        let path = stateDirectory + "/" + Self.fileName
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: 16 << 20)
        } catch where error.isMissingFile {
            throw SyncConfigurationError("\(path) does not exist: no agent has run with this state directory")
        } catch {
            throw SyncConfigurationError("cannot read \(error.description)")
        }
        guard let object = JSONValue.parse(bytes)?.objectValue, let entries = object["sources"]?.arrayValue else {
            throw SyncConfigurationError("\(path) is not a sync state file")
        }
        sources = entries.compactMap { $0.objectValue.flatMap(SourceStatus.init(json:)) }
    }

    /// The state as a JSON object (`docs/sync.md`), with each source's data age at `now`.
    /// - Parameter now: The time to compute ages at; `nil` leaves ages out (the persisted form).
    /// - Returns: The object, members sorted by name.
    public func jsonObject(at now: NumericDate? = nil) -> JSONObject {
        guard let object = JSONValue.parse(Array(jsonText(at: now).utf8))?.objectValue else {
            preconditionFailure("the sync state's own JSON text does not parse")
        }
        return object
    }

    /// The state as compact UTF-8 JSON text, members sorted by name.
    /// - Parameter now: The time to compute ages at, or `nil`.
    /// - Returns: The text.
    public func jsonText(at now: NumericDate? = nil) -> String {
        var object = JSONObjectText()
        object.add("version", 1)
        object.add("sources", sources.map { $0.json(at: now) })
        return object.text
    }
}

extension SourceStatus {
    fileprivate init?(json: JSONObject) {
        guard let name = json["name"]?.stringValue, let kindText = json["kind"]?.stringValue,
            let kind = SyncConfiguration.Kind(rawValue: kindText)
        else { return nil }
        self.init(name: name, kind: kind)
        lastAttempt = json.time("last_attempt")
        lastSuccess = json.time("last_success")
        dataIssuedAt = json.time("data_issued_at")
        nextAttempt = json.time("next_attempt")
        sequence = json.unsignedInteger("sequence")
        consecutiveFailures = json.integer("consecutive_failures") ?? 0
        lastError = json["last_error"]?.stringValue
        lastOutcome = json["last_outcome"]?.stringValue
        lastHTTPStatus = json.integer("last_http_status")
        entityTag = json["etag"]?.stringValue
        lastModified = json["last_modified"]?.stringValue
        listURI = json["uri"]?.stringValue
        lastFullFetch = json.time("last_full_fetch")
        keySet = json["key_set"]?.objectValue.flatMap(KeySetStatus.init(json:))
        if let counts = json["failures"]?.objectValue {
            for member in counts {
                if case .number(let number) = member.value, let count = Int(number.literal), count > 0 { failures[member.name] = count }
            }
        }
    }

    fileprivate func json(at now: NumericDate?) -> JSONObjectText {
        var json = JSONObjectText()
        json.add("name", name)
        json.add("kind", kind.rawValue)
        json.add("consecutive_failures", consecutiveFailures)
        json.add("last_attempt", lastAttempt?.secondsSinceEpoch)
        json.add("last_success", lastSuccess?.secondsSinceEpoch)
        json.add("data_issued_at", dataIssuedAt?.secondsSinceEpoch)
        json.add("next_attempt", nextAttempt?.secondsSinceEpoch)
        json.add("sequence", sequence)
        json.add("last_error", lastError)
        json.add("last_outcome", lastOutcome)
        json.add("last_http_status", lastHTTPStatus)
        json.add("etag", entityTag)
        json.add("last_modified", lastModified)
        json.add("uri", listURI)
        json.add("last_full_fetch", lastFullFetch?.secondsSinceEpoch)
        json.add("key_set", keySet?.json(at: now))
        var counts = JSONObjectText()
        for (code, count) in failures { counts.add(code, count) }
        json.add("failures", counts)
        if let now {
            json.add("data_age_seconds", dataAge(at: now))
            json.add("healthy", isHealthy(at: now))
        }
        return json
    }
}
