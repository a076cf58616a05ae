import EdgeJWT

extension ConformanceVector {
    /// The verdict EdgeJWT gives for this vector's input.
    public func run() -> Verdict {
        switch input {
        case .rawSignature(let publicKey, let message, let signature):
            return .signature(valid: Sodium.isValidSignature(signature, for: message, publicKey: publicKey))
        case .token(let token, let keySet, let options, let now):
            let keys: PinnedKeySet
            do {
                keys = try PinnedKeySet(jwks: keySet)
            } catch {
                return .keySetError(error.code.rawValue)
            }
            var statusChecks: [any StatusCheck] = []
            if let statusLists {
                let check = StatusListCheck(keys: keys, policy: statusLists.policy)
                for list in statusLists.tokens {
                    do {
                        try check.install(list)
                    } catch {
                        return .statusListError(error.code.rawValue)
                    }
                }
                statusChecks.append(check)
            }
            do {
                let verified = try Verifier(keys: keys, options: options, clock: FixedClock(now), statusChecks: statusChecks)
                    .verify(token)
                return .valid(keyID: verified.keyID)
            } catch {
                return .rejected(error.code.rawValue)
            }
        }
    }

    /// Whether ``run()`` gives the expected verdict.
    public var passes: Bool { run() == expected }

    /// Status List Tokens to install before verifying, and the policy of their check.
    struct StatusListSetup: Sendable {
        /// Compact Status List Tokens, installed in order with the vector's key set.
        let tokens: [String]
        /// The policy of the ``StatusListCheck``.
        let policy: StatusListPolicy
    }
}
