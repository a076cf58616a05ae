import Dispatch
public import EdgeJWT
public import Logging
import Synchronization

/// Keeps a device's status and revocation lists and its issuers' key-set statements fresh:
/// fetches each configured source, verifies what arrives (with the pinned keys, or for a
/// statement with the trust root) before storing it, stores it atomically in the state
/// directory, and swaps it into the live checks and key sets that verifiers on other threads read.
///
/// Verifiers never block on the agent and never see a half-applied list: ``statusLists`` and
/// ``revocationLists`` swap whole verified lists under a short lock. A failed fetch (server down,
/// broken transfer, forged or older list, full disk) changes nothing installed or stored; the
/// device keeps verifying with its last good data and ``status`` reports the failure.
///
/// ```swift
/// let agent = try SyncAgent(configuration: SyncConfiguration(contentsOfFile: "/etc/gateway/sync.json"))
/// let verifier = Verifier(keys: agent.keys, clock: agent.clock, statusChecks: agent.statusChecks)
/// // or, with a key_set_statement source, keys that rotate without a restart:
/// let rotating = Verifier(keys: agent.keySets["https://issuer.example"]!, clock: agent.clock)
/// // on a thread of its own, until agent.stop():
/// agent.run()
/// ```
///
/// HTTP goes through libcurl (``SyncConfiguration/caFile``, ``SyncConfiguration/redirects``);
/// with ``SyncConfiguration/metricsPath`` the agent also replaces a Prometheus text file after
/// every round of attempts (``MetricsFile``).
public final class SyncAgent: Sendable {
    /// The configuration it runs.
    public let configuration: SyncConfiguration
    /// The pinned keys from ``SyncConfiguration/keysPath``: they verify tokens and status lists.
    public let keys: PinnedKeySet
    /// Raised to every installed list's `iat`; kept in the state directory as `time-floor`.
    public let timeFloor: TimeFloor
    /// The live Status List check every status-list source installs into.
    public let statusLists: StatusListCheck
    /// The live revocation list check of each revocation-list source, by source name.
    public let revocationLists: [String: RevocationListCheck]
    /// The live key set of each key-set-statement source, by issuer: give one to
    /// `Verifier(keys:)` (or each to `MultiIssuerVerifier`) and tokens verify with the newest
    /// installed statement, without a restart.
    public let keySets: [String: RotatingKeySet]
    /// The status list check, then each revocation list check in configuration order: give these
    /// to `Verifier(statusChecks:)`.
    public let statusChecks: [any StatusCheck]
    /// A clock that never reads earlier than ``timeFloor``, for the verifier.
    public let clock: FlooredClock

    private let scheduleClock: any TimeSource
    private let jitter: @Sendable () -> Double
    let logger: Logger
    let fetcher: CurlHTTPClient
    private let state: Locked<[SourceStatus]>
    private let metricsFile: MetricsFile?
    private let revalidation: Revalidation
    private let syncLock = Locked<Void>(())
    private let stopped = Atomic<Bool>(false)
    private let wakeup = DispatchSemaphore(value: 0)

    /// Creates an agent: loads the pinned keys, opens the state directory, and installs what it
    /// holds (the last good lists) so verification can start before the first fetch.
    /// - Parameters:
    ///   - configuration: What to fetch and where to keep it.
    ///   - clock: Where "now" comes from for scheduling and status. Default: the system clock.
    ///   - jitter: Random numbers in `0 ..< 1` that spread retries. Default: the system's.
    ///   - logger: Where to log. Default: label `edgejwt.sync`.
    /// - Throws: ``SyncConfigurationError`` when a key file or the CA file cannot be used, or
    ///   the state directory or the metrics file's directory cannot be created. A stored list
    ///   that does not verify is not an error: it is logged, reported in ``status`` and never used.
    public init(
        configuration: SyncConfiguration,
        clock: any TimeSource = SystemClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger = Logger(label: "edgejwt.sync")
    ) throws(SyncConfigurationError) {
        self.configuration = configuration
        self.scheduleClock = clock
        self.jitter = jitter
        self.logger = logger
        if let caFile = configuration.caFile { try Self.checkCertificateBundle(caFile) }
        fetcher = CurlHTTPClient(
            timeout: configuration.timeout, maxBytes: configuration.maxResponseBytes, caFile: configuration.caFile,
            redirects: configuration.redirects)
        keys = try Self.keySet(configuration.keysPath, role: "keys")
        let directory = configuration.stateDirectory
        for path in [directory, directory + "/status", directory + "/revocation", directory + "/keys"] {
            if let reason = FileSystem.createDirectory(path) {
                throw SyncConfigurationError("cannot create the state directory \(path): \(reason)")
            }
        }
        if let metricsPath = configuration.metricsPath {
            let metricsDirectory = FileSystem.directory(of: metricsPath)
            if let reason = FileSystem.createDirectory(metricsDirectory) {
                throw SyncConfigurationError("cannot create the metrics directory \(metricsDirectory): \(reason)")
            }
            metricsFile = MetricsFile(path: metricsPath)
        } else {
            metricsFile = nil
        }
        do {
            timeFloor = try TimeFloor(path: directory + "/time-floor")
        } catch {
            throw SyncConfigurationError("cannot use the time floor: \(error.detail)")
        }
        self.clock = FlooredClock(base: clock, floor: timeFloor)
        statusLists = StatusListCheck(keys: keys, timeFloor: timeFloor)

        let persisted = (try? SyncStatus(stateDirectory: directory))?.sources ?? []
        var statuses: [SourceStatus] = []
        var revocationLists: [String: RevocationListCheck] = [:]
        var keySets: [String: RotatingKeySet] = [:]
        var checks: [any StatusCheck] = [statusLists]
        for source in configuration.sources {
            var status = SourceStatus(name: source.name, kind: source.kind)
            if let old = persisted.first(where: { $0.name == source.name && $0.kind == source.kind }) {
                status.lastAttempt = old.lastAttempt
                status.lastSuccess = old.lastSuccess
                status.consecutiveFailures = old.consecutiveFailures
                status.lastError = old.lastError
                status.lastOutcome = old.lastOutcome
                status.entityTag = old.entityTag
                status.lastModified = old.lastModified
                status.listURI = old.listURI
                status.lastFullFetch = old.lastFullFetch
                status.failures = old.failures
            }
            switch source.kind {
            case .statusList:
                let path = Self.statusListPath(directory, source)
                if FileSystem.exists(path) {
                    do {
                        let list = try statusLists.install(contentsOfFile: path, expectedURI: source.uri ?? status.listURI)
                        status.dataIssuedAt = list.issuedAt
                        status.listURI = list.uri
                    } catch {
                        logger.error("stored status list refused", metadata: ["source": "\(source.name)", "error": "\(error)"])
                        status.lastError = "stored list refused: \(error)"
                    }
                }
            case .revocationList:
                let publisherKeys =
                    try source.publisherKeysPath.map { (path) throws(SyncConfigurationError) in
                        try Self.keySet(path, role: "publisher_keys of \(source.name)")
                    } ?? keys
                var policy = RevocationPolicy()
                policy.listName = source.listName
                let check: RevocationListCheck
                do {
                    let store = try RevocationStore(directory: directory + "/revocation/" + source.name)
                    check = try RevocationListCheck(publisherKeys: publisherKeys, policy: policy, store: store, timeFloor: timeFloor)
                } catch {
                    throw SyncConfigurationError("cannot open the revocation store of \(source.name): \(error)")
                }
                for problem in check.loaded?.problems ?? [] {
                    logger.error("stored revocation list refused", metadata: ["source": "\(source.name)", "problem": "\(problem)"])
                }
                status.dataIssuedAt = check.list?.issuedAt
                status.sequence = check.list?.sequence
                revocationLists[source.name] = check
                checks.append(check)
            case .keySetStatement:
                let keySet = try Self.rotatingKeySet(for: source, in: directory, timeFloor: timeFloor, clock: self.clock)
                for problem in keySet.loaded?.problems ?? [] {
                    logger.error("stored key-set statement refused", metadata: ["source": "\(source.name)", "problem": "\(problem)"])
                }
                status.record(keySet)
                keySets[keySet.issuer] = keySet
            }
            if status.dataIssuedAt == nil {
                status.entityTag = nil
                status.lastModified = nil
                status.lastFullFetch = nil
            }
            status.nextAttempt = clock.now()
            statuses.append(status)
        }
        self.revocationLists = revocationLists
        self.keySets = keySets
        statusChecks = checks
        state = Locked(statuses)
        revalidation = Revalidation(fullFetchPeriod: configuration.fullFetchPeriod.inSeconds)
    }

    /// The current status of every source, in configuration order.
    public var status: SyncStatus { SyncStatus(sources: state.withLock { $0 }) }

    /// What one attempt at one source did.
    public struct Outcome: Sendable, Hashable {
        /// How it ended.
        public enum Result: Sendable, Hashable {
            /// A newer list was verified, stored and installed.
            case updated
            /// The server had nothing newer (304, or the same list again).
            case unchanged
            /// It failed; the installed and stored lists are as before.
            case failed(SyncError)
        }

        /// The source's name.
        public let source: String
        /// How it ended.
        public let result: Result
    }

    /// Fetches every source now, due or not (cron-style use, `edgejwt sync --once`), then
    /// writes the metrics file if one is configured.
    /// - Returns: One outcome per source, in configuration order.
    @discardableResult
    public func syncAll() -> [Outcome] {
        syncLock.withLock { _ in
            let outcomes = configuration.sources.indices.map { attempt($0) }
            writeMetrics()
            return outcomes
        }
    }

    /// Fetches the sources whose next attempt is due, then writes the metrics file if one is
    /// configured and any source was fetched.
    /// - Returns: One outcome per source fetched.
    @discardableResult
    public func syncDue() -> [Outcome] {
        syncLock.withLock { _ in
            let time = scheduleClock.now()
            let due = state.withLock { states in states.indices.filter { (states[$0].nextAttempt ?? time) <= time } }
            let outcomes = due.map { attempt($0) }
            if !outcomes.isEmpty { writeMetrics() }
            return outcomes
        }
    }

    /// The numbers the metrics file reports now, from every source's status.
    public var metrics: SyncMetrics {
        SyncMetrics(sources: state.withLock { $0 }.map(SyncMetrics.Source.init))
    }

    /// Runs until ``stop()``: fetches each source when it is due, then sleeps until the next
    /// one is. A fetch in progress when stop is called finishes first (bounded by the timeout).
    public func run() {
        logger.info("sync agent started", metadata: ["sources": "\(configuration.sources.count)"])
        while !stopped.load(ordering: .acquiring) {
            syncDue()
            let time = scheduleClock.now().secondsSinceEpoch
            let next = state.withLock { $0.compactMap(\.nextAttempt).map(\.secondsSinceEpoch).min() } ?? (time + 1)
            let wait = min(max(next - time, 0.05), configuration.maximumBackoff.inSeconds)
            _ = wakeup.wait(timeout: .now() + wait)
        }
        logger.info("sync agent stopped")
    }

    /// Ends ``run()`` after the fetch in progress, if any. Safe from any thread or a signal
    /// handler's dispatch queue.
    public func stop() {
        stopped.store(true, ordering: .releasing)
        wakeup.signal()
    }

    // MARK: - One attempt

    private func attempt(_ index: Int) -> Outcome {
        let source = configuration.sources[index]
        let started = scheduleClock.now()
        let result: Outcome.Result
        switch source.kind {
        case .statusList: result = syncStatusList(source, index: index)
        case .revocationList: result = syncRevocationList(source, index: index)
        case .keySetStatement: result = syncKeySetStatement(source, index: index)
        }
        let finished = scheduleClock.now()
        let snapshot = state.withLock { states -> SyncStatus in
            var status = states[index]
            status.lastAttempt = started
            switch result {
            case .updated, .unchanged:
                status.lastSuccess = finished
                status.consecutiveFailures = 0
                status.lastError = nil
                status.lastOutcome = result == .updated ? "updated" : "unchanged"
                status.nextAttempt = finished.adding(seconds: successDelay(source, finished))
            case .failed(let error):
                status.consecutiveFailures += 1
                status.failures[error.code.rawValue, default: 0] += 1
                status.lastError = error.description
                status.lastOutcome = "failed"
                status.nextAttempt = finished.adding(seconds: backoffDelay(afterFailures: status.consecutiveFailures))
            }
            states[index] = status
            return SyncStatus(sources: states)
        }
        switch result {
        case .failed(let error) where source.kind == .keySetStatement && Self.refusesStatement(error):
            break  // logged at error level, with the statement's code, by syncKeySetStatement
        case .failed(let error):
            logger.warning("sync failed; keeping the last good list", metadata: ["source": "\(source.name)", "error": "\(error)"])
        case .updated:
            logger.info("list updated", metadata: ["source": "\(source.name)"])
        case .unchanged:
            logger.debug("list unchanged", metadata: ["source": "\(source.name)"])
        }
        persist(snapshot)
        return Outcome(source: source.name, result: result)
    }

    /// The wait after a success: the period, shortened by a status list's `ttl` and `exp` or a
    /// revocation list's `valid_until`, never below the minimum period.
    private func successDelay(_ source: SyncConfiguration.Source, _ time: NumericDate) -> Double {
        var delay = configuration.period.inSeconds
        switch source.kind {
        case .statusList:
            let uri = source.uri ?? state.withLock { $0.first { $0.name == source.name }?.listURI }
            if let list = uri.flatMap(statusLists.list(for:)) {
                if let ttl = list.timeToLive { delay = min(delay, ttl.inSeconds) }
                if let exp = list.expiration { delay = min(delay, exp.secondsSinceEpoch - time.secondsSinceEpoch) }
            }
        case .revocationList:
            if let list = revocationLists[source.name]?.list {
                delay = min(delay, list.validUntil.secondsSinceEpoch - time.secondsSinceEpoch)
            }
        case .keySetStatement:
            if let statement = source.issuer.flatMap({ keySets[$0] })?.statement {
                delay = min(delay, statement.expiresAt.secondsSinceEpoch - time.secondsSinceEpoch)
            }
        }
        return max(delay, configuration.minimumPeriod.inSeconds)
    }

    /// Exponential backoff with jitter: `initial · 2^(failures − 1)`, capped at the maximum,
    /// then a random point in its upper half (so retries of many devices spread out but never
    /// come sooner than half the backoff).
    func backoffDelay(afterFailures failures: Int) -> Double {
        let initial = configuration.initialBackoff.inSeconds
        let maximum = configuration.maximumBackoff.inSeconds
        let exponential = min(maximum, initial * Double(UInt64(1) << UInt64(min(max(failures, 1), 62) - 1)))
        let unit = min(max(jitter(), 0), 1)
        return exponential / 2 + exponential / 2 * unit
    }

    func statusOf(_ index: Int) -> SourceStatus { state.withLock { $0[index] } }

    func update(_ index: Int, _ change: (inout SourceStatus) -> Void) {
        state.withLock { change(&$0[index]) }
    }

    private func persist(_ snapshot: SyncStatus) {
        let path = configuration.stateDirectory + "/" + SyncStatus.fileName
        do {
            try AtomicFile.replace(path, with: Array(snapshot.jsonText().utf8))
        } catch {
            logger.error("cannot store the sync state", metadata: ["error": "\(error)"])
        }
    }

    /// Replaces the metrics file, if one is configured; a failure is logged, never fatal.
    private func writeMetrics() {
        guard let metricsFile else { return }
        do {
            try metricsFile.write(metrics, at: scheduleClock.now())
        } catch {
            logger.error("cannot write the metrics file", metadata: ["path": "\(metricsFile.path)", "error": "\(error)"])
        }
    }

    /// Refuses a CA bundle that cannot be read or holds no PEM certificate, so a typo in
    /// `ca_file` stops the agent at start (exit 2) instead of failing every HTTPS fetch.
    private static func checkCertificateBundle(_ path: String) throws(SyncConfigurationError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: 16 << 20)
        } catch {
            throw SyncConfigurationError("cannot use ca_file \(error.description)")
        }
        guard String(decoding: bytes, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw SyncConfigurationError("cannot use ca_file \(path): no PEM certificate in it")
        }
    }

    // MARK: - Status lists

    private func syncStatusList(_ source: SyncConfiguration.Source, index: Int) -> Outcome.Result {
        let expectedURI = source.uri ?? statusOf(index).listURI
        let installed = expectedURI.flatMap(statusLists.list(for:))
        let response: CurlHTTPClient.Response
        do {
            response = try get(source.url, index: index, conditionally: installed != nil)
        } catch {
            return .failed(error)
        }
        if response.status == 304, installed != nil { return .unchanged }
        guard response.status == 200 else {
            return .failed(SyncError(.httpStatus, "\(source.url): HTTP \(response.status)"))
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingASCIIWhitespace()
        let list: StatusList
        do {
            list = try StatusList(token: text, keys: keys, limits: statusLists.policy.limits)
        } catch {
            return .failed(SyncError(.invalidList, "\(source.url): \(error)"))
        }
        if let expectedURI, list.uri != expectedURI {
            return .failed(SyncError(.invalidList, "\(source.url): sub \"\(list.uri)\" is not the expected \"\(expectedURI)\""))
        }
        if let installed = statusLists.list(for: list.uri) {
            if list.issuedAt < installed.issuedAt {
                return .failed(
                    SyncError(.rollback, "\(source.url): iat \(list.issuedAt) is older than the installed list's iat \(installed.issuedAt)"))
            }
            if list == installed {
                rememberValidators(index, response)
                return .unchanged
            }
        }
        do {
            try AtomicFile.replace(Self.statusListPath(configuration.stateDirectory, source), with: Array((text + "\n").utf8))
        } catch {
            return .failed(SyncError(.storageFailure, error.description))
        }
        do {
            try statusLists.install(text, expectedURI: list.uri)
        } catch where error.code == .rollback {
            return .failed(SyncError(.rollback, error.description))
        } catch where error.code == .timeFloorUnavailable {
            return .failed(SyncError(.timeFloorUnavailable, error.description))
        } catch {
            return .failed(SyncError(.invalidList, error.description))
        }
        rememberValidators(index, response)
        update(index) {
            $0.dataIssuedAt = list.issuedAt
            $0.listURI = list.uri
        }
        return .updated
    }

    /// One GET, its status code recorded in the source's status.
    /// - Parameter conditionally: Send the stored validators if ``Revalidation`` allows it (a
    ///   list is installed, and the last full response is recent).
    func get(_ url: String, index: Int, conditionally: Bool = false) throws(SyncError) -> CurlHTTPClient.Response {
        let current = statusOf(index)
        let now = scheduleClock.now().secondsSinceEpoch
        let useValidators =
            conditionally && revalidation.mayUseValidators(lastFullFetch: current.lastFullFetch?.secondsSinceEpoch, now: now)
        let entityTag = useValidators ? current.entityTag : nil
        let lastModified = useValidators ? current.lastModified : nil
        update(index) { $0.lastHTTPStatus = nil }
        let response = try fetcher.get(url, entityTag: entityTag, lastModified: lastModified)
        update(index) { $0.lastHTTPStatus = response.status }
        return response
    }

    /// After a 200 whose list was installed or found identical to the installed one: keeps the
    /// response's validators if they can tell a later list from this one
    /// (``Revalidation/validatorsAreReliable(lastModified:date:)``), forgets them otherwise,
    /// and notes the full fetch.
    func rememberValidators(_ index: Int, _ response: CurlHTTPClient.Response) {
        let reliable = Revalidation.validatorsAreReliable(lastModified: response.lastModified, date: response.date)
        let now = scheduleClock.now()
        update(index) {
            $0.entityTag = reliable ? response.entityTag : nil
            $0.lastModified = reliable ? response.lastModified : nil
            $0.lastFullFetch = now
        }
    }

    static func statusListPath(_ directory: String, _ source: SyncConfiguration.Source) -> String {
        directory + "/status/" + source.name + ".jwt"
    }

    // MARK: - Revocation lists

    private func syncRevocationList(_ source: SyncConfiguration.Source, index: Int) -> Outcome.Result {
        guard let check = revocationLists[source.name] else { return .failed(SyncError(.invalidList, "no check")) }
        let installed = check.list
        if let template = source.deltaURL, let installed {
            let url = template.replacing("{sequence}", with: String(installed.sequence))
            do {
                let response = try get(url, index: index)
                if response.status == 200 {
                    switch install(response.body, into: check, from: url, index: index) {
                    case .failed(let error) where error.code == .invalidList:
                        // A delta that does not apply (another base, a mismatch): the full
                        // list decides. A delta that is forged or older fails the same way
                        // below, so nothing is installed that a full list would refuse.
                        logger.notice("delta refused; fetching the full list", metadata: ["source": "\(source.name)", "error": "\(error)"])
                    case let result:
                        if result == .updated { forgetValidators(index) }
                        return result
                    }
                } else {
                    logger.debug("no delta", metadata: ["source": "\(source.name)", "status": "\(response.status)"])
                }
            } catch {
                return .failed(error)
            }
        }
        let response: CurlHTTPClient.Response
        do {
            response = try get(source.url, index: index, conditionally: installed != nil)
        } catch {
            return .failed(error)
        }
        if response.status == 304, installed != nil { return .unchanged }
        guard response.status == 200 else {
            return .failed(SyncError(.httpStatus, "\(source.url): HTTP \(response.status)"))
        }
        let result = install(response.body, into: check, from: source.url, index: index)
        if result == .updated || result == .unchanged { rememberValidators(index, response) }
        return result
    }

    private func forgetValidators(_ index: Int) {
        update(index) {
            $0.entityTag = nil
            $0.lastModified = nil
        }
    }

    /// Verifies, stores and installs a snapshot or delta (``RevocationListCheck/install(_:)``
    /// does all three, in that order, or nothing).
    private func install(_ bytes: [UInt8], into check: RevocationListCheck, from url: String, index: Int) -> Outcome.Result {
        let before = check.list?.sequence
        let list: RevocationList
        do {
            list = try check.install(bytes)
        } catch {
            let code: SyncError.Code =
                switch error.code {
                case .rollback: .rollback
                case .storageFailure: .storageFailure
                case .timeFloorUnavailable: .timeFloorUnavailable
                default: .invalidList
                }
            return .failed(SyncError(code, "\(url): \(error)"))
        }
        update(index) {
            $0.dataIssuedAt = list.issuedAt
            $0.sequence = list.sequence
        }
        return list.sequence == before ? .unchanged : .updated
    }

    private static func keySet(_ path: String, role: String) throws(SyncConfigurationError) -> PinnedKeySet {
        do {
            return try PinnedKeySet(contentsOfFile: path)
        } catch {
            throw SyncConfigurationError("cannot use \(role) \(path): \(error.code.rawValue): \(error.detail)")
        }
    }
}
