import EdgeJWT
import Logging

/// Key-set-statement sources: the trust root's successors, then the statement, each verified by
/// ``RotatingKeySet`` (signatures by the current root, issuer, anti-rollback, expiry, time floor)
/// before it is stored in `STATE/keys/NAME/` and swapped into ``SyncAgent/keySets``.
extension SyncAgent {
    /// Most root rotations followed in one attempt.
    static let maxRootRotationsPerAttempt = 16

    /// Opens a key-set source's store and loads what it holds.
    static func rotatingKeySet(
        for source: SyncConfiguration.Source, in directory: String, timeFloor: TimeFloor, clock: any TimeSource
    ) throws(SyncConfigurationError) -> RotatingKeySet {
        guard let issuer = source.issuer, let rootPath = source.trustRootPath else {
            throw SyncConfigurationError("\(source.name): a key_set_statement source needs issuer and trust_root")
        }
        let root: TrustRoot
        do {
            root = try TrustRoot(contentsOfFile: rootPath)
        } catch {
            throw SyncConfigurationError("cannot use trust_root of \(source.name) \(rootPath): \(error)")
        }
        do {
            let store = try KeySetStore(directory: directory + "/keys/" + source.name)
            var policy = KeySetPolicy()
            if let grace = source.expiryGracePeriod { policy.expiryGracePeriod = grace }
            return try RotatingKeySet(issuer: issuer, trustRoot: root, policy: policy, store: store, timeFloor: timeFloor, clock: clock)
        } catch {
            throw SyncConfigurationError("cannot open the key-set store of \(source.name): \(error)")
        }
    }

    func syncKeySetStatement(_ source: SyncConfiguration.Source, index: Int) -> Outcome.Result {
        guard let keySet = source.issuer.flatMap({ keySets[$0] }) else {
            return .failed(SyncError(.invalidList, "\(source.name): no key set"))
        }
        let rootBefore = keySet.trustRoot.sequence
        if let template = source.rootURL, case .failed(let error) = followRootRotations(template, into: keySet, index: index) {
            record(keySet, index)
            return .failed(error)
        }
        let rotated = keySet.trustRoot.sequence != rootBefore
        let installed = keySet.statement
        let response: CurlHTTPClient.Response
        do {
            response = try get(source.url, index: index, conditionally: installed != nil)
        } catch {
            record(keySet, index)
            return .failed(error)
        }
        if response.status == 304, installed != nil {
            record(keySet, index)
            return rotated ? .updated : .unchanged
        }
        guard response.status == 200 else {
            record(keySet, index)
            return .failed(SyncError(.httpStatus, "\(source.url): HTTP \(response.status)"))
        }
        let statement: KeySetStatement
        do {
            statement = try keySet.install(response.body)
        } catch {
            let failure = Self.syncError(error, from: source.url)
            logger.error(
                "key-set statement refused; keeping the installed one",
                metadata: [
                    "source": "\(source.name)", "code": "\(error.code.rawValue)", "installed_sequence": "\(keySet.statement?.sequence ?? 0)",
                    "error": "\(failure)",
                ])
            record(keySet, index)
            return .failed(failure)
        }
        rememberValidators(index, response)
        record(keySet, index)
        if statement.sequence != installed?.sequence {
            logger.notice(
                "key-set statement installed",
                metadata: ["source": "\(source.name)", "sequence": "\(statement.sequence)", "expires_at": "\(statement.expiresAt)"])
        }
        return statement.sequence == installed?.sequence && !rotated ? .unchanged : .updated
    }

    /// Installs `root-{current + 1}` while the server has one (up to
    /// ``maxRootRotationsPerAttempt``): a 404 ends the chain.
    private func followRootRotations(_ template: String, into keySet: RotatingKeySet, index: Int) -> Outcome.Result {
        for _ in 0..<Self.maxRootRotationsPerAttempt {
            let text = template.replacing("{sequence}", with: String(keySet.trustRoot.sequence + 1))
            let response: CurlHTTPClient.Response
            do {
                response = try get(text, index: index)
            } catch {
                return .failed(error)
            }
            if response.status == 404 { return .unchanged }
            guard response.status == 200 else { return .failed(SyncError(.httpStatus, "\(text): HTTP \(response.status)")) }
            do {
                let root = try keySet.installRoot(response.body)
                logger.notice("trust root rotated", metadata: ["url": "\(text)", "root_sequence": "\(root.sequence)"])
            } catch {
                let failure = Self.syncError(error, from: text)
                logger.error("root statement refused; keeping the current root", metadata: ["url": "\(text)", "error": "\(failure)"])
                return .failed(failure)
            }
        }
        return .updated
    }

    /// The installed statement's fields in the source's status.
    private func record(_ keySet: RotatingKeySet, _ index: Int) {
        update(index) { $0.record(keySet) }
    }

    /// Whether a failure is a refused statement (logged at error level where it happens).
    static func refusesStatement(_ error: SyncError) -> Bool {
        error.code == .rollback || error.code == .invalidList
    }

    /// `rollback`, `storage_failure` and `time_floor_unavailable` keep their codes; every other
    /// refusal is `invalid_list`, its detail naming the statement's own code (`untrusted_signer`,
    /// `issuer_mismatch`, `expired`, `malformed_statement`, ...).
    static func syncError(_ error: KeySetStatementError, from url: String) -> SyncError {
        let code: SyncError.Code =
            switch error.code {
            case .rollback: .rollback
            case .storageFailure: .storageFailure
            case .timeFloorUnavailable: .timeFloorUnavailable
            default: .invalidList
            }
        return SyncError(code, "\(url): \(error)")
    }
}
