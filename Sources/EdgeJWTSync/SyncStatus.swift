public import EdgeJWT
import Foundation

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
    /// - Throws: ``SyncConfigurationError`` when the file is missing or unreadable.
    public init(stateDirectory: String) throws(SyncConfigurationError) {
        let path = stateDirectory + "/" + Self.fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SyncConfigurationError("\(path) does not exist: no agent has run with this state directory")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = object["sources"] as? [[String: Any]]
        else {
            throw SyncConfigurationError("\(path) is not a sync state file")
        }
        sources = entries.compactMap(SourceStatus.init(json:))
    }

    /// The state as JSON (`docs/sync.md`), with each source's data age at `now`.
    /// - Parameter now: The time to compute ages at; `nil` leaves ages out (the persisted form).
    /// - Returns: A JSON object.
    public func jsonObject(at now: NumericDate? = nil) -> [String: Any] {
        ["version": 1, "sources": sources.map { $0.json(at: now) }]
    }

    /// The state as UTF-8 JSON text, members sorted.
    /// - Parameter now: The time to compute ages at, or `nil`.
    /// - Returns: The text.
    public func jsonText(at now: NumericDate? = nil) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject(at: now), options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension SourceStatus {
    fileprivate init?(json: [String: Any]) {
        guard let name = json["name"] as? String, let kindText = json["kind"] as? String,
            let kind = SyncConfiguration.Kind(rawValue: kindText)
        else { return nil }
        self.init(name: name, kind: kind)
        func time(_ key: String) -> NumericDate? { (json[key] as? NSNumber).map { NumericDate($0.doubleValue) } }
        lastAttempt = time("last_attempt")
        lastSuccess = time("last_success")
        dataIssuedAt = time("data_issued_at")
        nextAttempt = time("next_attempt")
        sequence = (json["sequence"] as? NSNumber)?.uint64Value
        consecutiveFailures = (json["consecutive_failures"] as? NSNumber)?.intValue ?? 0
        lastError = json["last_error"] as? String
        lastOutcome = json["last_outcome"] as? String
        lastHTTPStatus = (json["last_http_status"] as? NSNumber)?.intValue
        entityTag = json["etag"] as? String
        lastModified = json["last_modified"] as? String
        listURI = json["uri"] as? String
        lastFullFetch = time("last_full_fetch")
        keySet = (json["key_set"] as? [String: Any]).flatMap(KeySetStatus.init(json:))
    }

    fileprivate func json(at now: NumericDate?) -> [String: Any] {
        var json: [String: Any] = ["name": name, "kind": kind.rawValue, "consecutive_failures": consecutiveFailures]
        func put(_ key: String, _ value: NumericDate?) { if let value { json[key] = value.secondsSinceEpoch } }
        put("last_attempt", lastAttempt)
        put("last_success", lastSuccess)
        put("data_issued_at", dataIssuedAt)
        put("next_attempt", nextAttempt)
        if let sequence { json["sequence"] = sequence }
        if let lastError { json["last_error"] = lastError }
        if let lastOutcome { json["last_outcome"] = lastOutcome }
        if let lastHTTPStatus { json["last_http_status"] = lastHTTPStatus }
        if let entityTag { json["etag"] = entityTag }
        if let lastModified { json["last_modified"] = lastModified }
        if let listURI { json["uri"] = listURI }
        put("last_full_fetch", lastFullFetch)
        if let keySet { json["key_set"] = keySet.json(at: now) }
        if let now {
            if let age = dataAge(at: now) { json["data_age_seconds"] = age }
            json["healthy"] = isHealthy(at: now)
        }
        return json
    }
}
