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
            if let revocationList {
                switch revocationList.check(defaultKeys: keys) {
                case .ready(let check): statusChecks.append(check)
                case .mismatch(let verdict): return verdict
                }
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

    /// EdgeJWT revocation list files to install before verifying (`Vectors/revocation/README.md`).
    struct RevocationListSetup: Sendable {
        /// A file to install and the refusal code expected, or `nil` when it must install.
        struct Install: Sendable {
            let name: String
            let bytes: [UInt8]
            let expectedError: String?
        }

        /// The files, installed in order; a refused file leaves the check as it was.
        let installs: [Install]
        /// The publisher's JWK Set, or `nil` to use the vector's key set.
        let publisherKeys: [UInt8]?
        /// The policy of the ``RevocationListCheck``.
        let policy: RevocationPolicy

        /// The check after the installs, or a verdict naming the first install that did not end as
        /// expected (so the vector fails with that description).
        enum Outcome {
            case ready(RevocationListCheck)
            case mismatch(Verdict)
        }

        func check(defaultKeys: PinnedKeySet) -> Outcome {
            let keys: PinnedKeySet
            do {
                keys = try publisherKeys.map { try PinnedKeySet(jwks: $0) } ?? defaultKeys
            } catch {
                return .mismatch(.rejected("revocation_list.publisher_keys: \(error)"))
            }
            let check: RevocationListCheck
            do {
                check = try RevocationListCheck(publisherKeys: keys, policy: policy)
            } catch {
                return .mismatch(.rejected("revocation list check: \(error)"))
            }
            for install in installs {
                var outcome: String? = nil
                do {
                    try check.install(install.bytes)
                } catch {
                    outcome = error.code.rawValue
                }
                guard outcome == install.expectedError else {
                    let got = outcome ?? "success"
                    let wanted = install.expectedError ?? "success"
                    return .mismatch(.rejected("revocation list \(install.name): installing gave \(got), expected \(wanted)"))
                }
            }
            return .ready(check)
        }
    }

    /// Status List Tokens to install before verifying, and the policy of their check.
    struct StatusListSetup: Sendable {
        /// Compact Status List Tokens, installed in order with the vector's key set.
        let tokens: [String]
        /// The policy of the ``StatusListCheck``.
        let policy: StatusListPolicy
    }
}
