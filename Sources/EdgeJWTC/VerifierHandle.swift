internal import EdgeJWT

/// The C `edgejwt_verifier`: the current ``VerifierSnapshot``, read without a lock by any number
/// of verifying threads and replaced whole by `edgejwt_verifier_reload`.
final class VerifierHandle: Sendable {
    /// The published configuration.
    let live: AtomicSnapshot<VerifierSnapshot>

    /// A handle that starts with `snapshot`.
    init(_ snapshot: VerifierSnapshot) {
        live = AtomicSnapshot(snapshot)
    }

    /// The key set and configuration as a new snapshot: the key set is loaded first, so its
    /// error is reported as `key_set_error` with its code.
    /// - Parameters:
    ///   - keys: Loads the pinned key set.
    ///   - configuration: The configuration text, or `nil` for the defaults.
    /// - Returns: The snapshot, with every file the configuration names loaded.
    /// - Throws: ``CAPIFailure``.
    static func snapshot(
        keys: () throws(KeySetError) -> PinnedKeySet, configuration: String?
    ) throws(CAPIFailure) -> VerifierSnapshot {
        let configuration = try VerifierConfiguration(parsing: configuration)
        let pinned: PinnedKeySet
        do {
            pinned = try keys()
        } catch {
            throw CAPIFailure(.keySetError, error)
        }
        return try VerifierSnapshot(keys: pinned, configuration: configuration)
    }

    /// The time `edgejwt_verify` takes from the verifier's clock instead of the caller.
    static let clockTime = -1.0

    /// Verifies `token` with the current snapshot and records the outcome in `result`.
    /// - Parameters:
    ///   - token: The caller's bytes, borrowed for the call.
    ///   - now: Unix seconds, or ``clockTime``.
    ///   - result: Where the outcome goes.
    func verify(_ token: UnsafeBufferPointer<UInt8>, now: Double, into result: VerificationResult) {
        live.read { (snapshot: VerifierSnapshot) -> Void in
            // A token over the limit is copied only up to limit + 1 bytes: step 1 still refuses
            // it as token_too_large, and no more than that is ever copied.
            let copied = min(token.count, snapshot.verifier.options.limits.maxTokenBytes + 1)
            result.scratch.removeAll(keepingCapacity: true)
            result.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: token[0..<copied]))
            let time = now == Self.clockTime ? nil : snapshot.evaluationTime(now)
            do throws(VerificationError) {
                result.succeed(try snapshot.verifier.verify(bytes: result.scratch, at: time))
            } catch {
                result.reject(error)
            }
        }
    }
}
