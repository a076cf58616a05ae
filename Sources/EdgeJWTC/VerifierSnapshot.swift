internal import EdgeJWT

/// Everything one configuration of a verifier handle holds, built whole and never changed:
/// `edgejwt_verifier_reload` builds a new one and swaps it in (``VerifierHandle``).
///
/// The status list and revocation list checks are themselves safe to install into from any
/// thread (`edgejwt_verifier_install_status_list`, `…_install_revocation_list`).
final class VerifierSnapshot: Sendable {
    /// Steps 1 to 9, with the status checks below as step 9.
    let verifier: Verifier
    /// The Token Status List check, or `nil` with `"status_check": false`.
    let statusLists: StatusListCheck?
    /// The revocation list check, or `nil` without a `revocation` member.
    let revocation: RevocationListCheck?
    /// The time floor, or `nil` without `time_floor_file`.
    let timeFloor: TimeFloor?

    /// Loads the lists and the floor the configuration names, and builds the verifier.
    /// - Parameters:
    ///   - keys: The pinned key set (already loaded: its errors are the caller's to report).
    ///   - configuration: The parsed configuration.
    /// - Throws: `configuration_error` (time floor, unreadable publisher keys), `key_set_error`
    ///   (publisher keys), `status_list_error`, `revocation_list_error`: each message starts with
    ///   the library's code and names the file.
    init(keys: PinnedKeySet, configuration: VerifierConfiguration) throws(CAPIFailure) {
        let floor: TimeFloor?
        do {
            floor = try configuration.timeFloorFile.map { (path) throws(TimeFloorError) in try TimeFloor(path: path) }
        } catch {
            throw CAPIFailure(.configurationError, "time_floor_unavailable: time_floor_file: \(error.detail)")
        }
        var statusChecks: [any StatusCheck] = []
        var statusLists: StatusListCheck? = nil
        if configuration.checksStatus {
            // The lists are signed by a key of the set that verifies the tokens, as with the CLI.
            let check = StatusListCheck(keys: keys, policy: configuration.statusListPolicy, timeFloor: floor)
            for path in configuration.statusListFiles {
                do {
                    _ = try check.install(contentsOfFile: path)
                } catch {
                    throw CAPIFailure(.statusListError, error, context: "status_lists.files \(path): ")
                }
            }
            statusChecks.append(check)
            statusLists = check
        }
        var revocation: RevocationListCheck? = nil
        if let setup = configuration.revocation {
            let check = try Self.revocationCheck(setup, defaultKeys: keys, timeFloor: floor)
            statusChecks.append(check)
            revocation = check
        }
        let clock: any TimeSource = floor.map { FlooredClock(base: SystemClock(), floor: $0) } ?? SystemClock()
        self.verifier = Verifier(keys: keys, options: configuration.options, clock: clock, statusChecks: statusChecks)
        self.statusLists = statusLists
        self.revocation = revocation
        self.timeFloor = floor
    }

    /// The revocation list check with the configured files installed, in order.
    private static func revocationCheck(
        _ setup: VerifierConfiguration.Revocation, defaultKeys: PinnedKeySet, timeFloor: TimeFloor?
    ) throws(CAPIFailure) -> RevocationListCheck {
        var publisherKeys = defaultKeys
        do {
            if let path = setup.keysFile {
                publisherKeys = try PinnedKeySet(contentsOfFile: path)
            } else if let text = setup.keysText {
                publisherKeys = try PinnedKeySet(jwks: text)
            }
        } catch {
            throw CAPIFailure(.keySetError, error, context: "revocation publisher keys: ")
        }
        let check: RevocationListCheck
        do {
            check = try RevocationListCheck(publisherKeys: publisherKeys, policy: setup.policy, timeFloor: timeFloor)
        } catch {
            throw CAPIFailure(.revocationListError, error)
        }
        for path in setup.files {
            do {
                _ = try check.install(contentsOfFile: path)
            } catch {
                throw CAPIFailure(.revocationListError, error, context: "revocation.files \(path): ")
            }
        }
        return check
    }

    /// The evaluation time for a caller's `now`: never earlier than the time floor.
    func evaluationTime(_ now: Double) -> NumericDate {
        let time = NumericDate(now)
        guard let timeFloor else { return time }
        return max(time, timeFloor.value)
    }
}
