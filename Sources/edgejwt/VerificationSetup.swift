import EdgeJWT

/// The verification `edgejwt verify` applies, built once from the command line before any token
/// is read.
///
/// Keys, policy, the OpenID Connect profile, the multi-issuer configuration, the status lists and
/// the revocation list are loaded and checked here, so a configuration error exits 2 before any input is touched,
/// and every token (the `TOKEN` argument, or each line of a stream) goes through exactly the same
/// checks.
///
/// ```swift
/// let setup = try VerificationSetup(self)   // CLIError: exit 2
/// let verified = try setup.verify(bytes)    // VerificationError: a rejection, exit 1
/// ```
struct VerificationSetup: Sendable {
    /// Where the keys and the policy come from.
    ///
    /// Step 9 always runs the Token Status List check first, then the revocation list check
    /// (`--revocation`); the first that refuses the token decides.
    private enum Source: Sendable {
        /// `--keys` and the policy options. The status checks, if any, are the verifier's step 9.
        case pinned(Verifier)
        /// `--config`: each issuer's keys and policy from the file. `statusLists` holds one
        /// check per issuer, in configuration order, or `nil` with `--no-status-check`;
        /// `revocation` is the one `--revocation` list, for every issuer's tokens.
        case configuration(MultiIssuerVerifier, nonce: String?, statusLists: [StatusListCheck]?, revocation: RevocationListCheck?)
    }

    private let source: Source

    /// Loads everything the command line names.
    /// - Parameter command: The parsed `verify` command; ``validate(_:)`` has accepted it.
    /// - Throws: ``CLIError`` for an unusable key set, configuration file, status list or
    ///   revocation list.
    init(_ command: VerifyCommand) throws(CLIError) {
        let floor = try command.timeFloor.map(Self.timeFloor(at:))
        let reading: any TimeSource = command.now.map { FixedClock($0.date) } ?? SystemClock()
        let clock: any TimeSource = floor.map { FlooredClock(base: reading, floor: $0) } ?? reading
        let statusListFiles = command.statusLists.files
        let checksStatus = !command.statusLists.skipsStatusCheck
        if let path = command.config {
            let gateway: MultiIssuerVerifier
            do {
                gateway = try MultiIssuerVerifier(contentsOfFile: path, clock: clock)
            } catch {
                throw CLIError("cannot use the configuration --config \(path): \(error.code.rawValue): \(error.detail)")
            }
            var statusLists: [StatusListCheck]? = nil
            if checksStatus {
                let checks = gateway.configuration.entries.map { StatusListCheck(keys: $0.keys, timeFloor: floor) }
                try Self.install(statusListFiles, into: checks)
                statusLists = checks
            }
            // validate(_:) made sure --revocation-keys is given with --config and --revocation.
            var revocation: RevocationListCheck? = nil
            if !command.revocation.files.isEmpty, let path = command.revocation.keys {
                revocation = try Self.revocationCheck(command.revocation.files, publisherKeys: try Self.revocationKeys(at: path), timeFloor: floor)
            }
            source = .configuration(gateway, nonce: command.oidc.nonce, statusLists: statusLists, revocation: revocation)
        } else {
            guard let path = command.keys else {
                throw CLIError(Self.keysOrConfiguration)
            }
            let keys: PinnedKeySet
            do {
                keys = try PinnedKeySet(contentsOfFile: path)
            } catch {
                throw CLIError(error, loading: "the key set --keys", at: path)
            }
            var statusChecks: [any StatusCheck] = []
            if checksStatus {
                // The lists are signed by a key of the set that verifies the tokens
                // (draft-ietf-oauth-status-list-20 §5.1; docs/status-list.md).
                let statusLists = StatusListCheck(keys: keys, timeFloor: floor)
                try Self.install(statusListFiles, into: [statusLists])
                statusChecks.append(statusLists)
            }
            if !command.revocation.files.isEmpty {
                var publisherKeys = keys
                if let path = command.revocation.keys { publisherKeys = try Self.revocationKeys(at: path) }
                statusChecks.append(try Self.revocationCheck(command.revocation.files, publisherKeys: publisherKeys, timeFloor: floor))
            }
            source = .pinned(Verifier(keys: keys, options: command.options, clock: clock, statusChecks: statusChecks))
        }
    }

    /// The largest token any verification here accepts: the options' limit, or with `--config`
    /// the largest of the issuers' limits (``VerifierOptions/Limits/maxTokenBytes``).
    var maxTokenBytes: Int {
        switch source {
        case .pinned(let verifier):
            return verifier.options.limits.maxTokenBytes
        case .configuration(let gateway, _, _, _):
            return gateway.configuration.entries.map(\.options.limits.maxTokenBytes).max() ?? VerifierOptions.Limits().maxTokenBytes
        }
    }

    /// Verifies one token with the whole pipeline; the first failing rule decides.
    /// - Parameter token: The token's bytes, as read.
    /// - Returns: The verified header and claims.
    /// - Throws: ``VerificationError``: any code of the pipeline, including the OpenID Connect
    ///   and status codes.
    func verify(_ token: [UInt8]) throws(VerificationError) -> VerifiedToken {
        switch source {
        case .pinned(let verifier):
            return try verifier.verify(bytes: token)
        case .configuration(let gateway, let nonce, let statusLists, let revocation):
            let now = gateway.clock.now()
            let verified = try gateway.verify(bytes: token, nonce: nonce, at: now)
            if let statusLists {
                try Self.checkStatusList(of: verified, in: statusLists, issuers: gateway.issuers, at: now)
            }
            try revocation?.check(header: verified.header, claims: verified.claims, at: now)
            return verified
        }
    }

    /// Step 9's Token Status List check with `--config`, for the issuer that verified the token.
    private static func checkStatusList(
        of verified: VerifiedToken, in statusLists: [StatusListCheck], issuers: [String], at now: NumericDate
    ) throws(VerificationError) {
        // Step 9 for the issuer that verified the token: MultiIssuerVerifier builds its
        // verifiers without status checks, and step 9 runs after every other rule anyway, at the
        // same `now`.
        guard let issuer = verified.claims.issuer,
            let position = issuers.firstIndex(where: { $0.utf8.elementsEqual(issuer.utf8) })
        else {
            throw VerificationError(.issuerMismatch, "the verified iss is not a configured issuer")
        }
        try statusLists[position].check(header: verified.header, claims: verified.claims, at: now)
    }
}

extension VerificationSetup {
    /// The message when neither `--keys` nor `--config` is given.
    static let keysOrConfiguration =
        "give the pinned keys with --keys JWKS_FILE, or a multi-issuer configuration with --config FILE"

    /// The options whose policy a `--config` file sets instead, by spelling, with whether given.
    private static func policyOptions(of command: VerifyCommand) -> [(option: String, isSet: Bool)] {
        [
            ("--issuer", !command.issuers.isEmpty),
            ("--audience", !command.audiences.isEmpty),
            ("--leeway", command.leeway != nil),
            ("--max-age", command.maxAge != nil),
            ("--typ", command.type != nil),
            ("--require", !command.requiredClaims.isEmpty),
            ("--oidc", command.oidc.isEnabled),
            ("--client-id", command.oidc.clientID != nil),
            ("--max-auth-age", command.oidc.maxAuthAge != nil),
        ]
    }

    /// Refuses combinations of options that cannot mean what they say (exit 2).
    ///
    /// - exactly one of `--keys` and `--config`;
    /// - with `--config`, none of the options whose policy the file sets;
    /// - `--client-id` and `--max-auth-age` only with `--oidc`, `--nonce` with `--oidc` or
    ///   `--config`; `--oidc` needs `--client-id` and exactly one `--issuer`;
    /// - `--status-list` not with `--no-status-check`, which would ignore it;
    /// - `--revocation-keys` only with `--revocation`, and with `--config`, `--revocation` only
    ///   with `--revocation-keys` (there is no single `--keys` set to default to).
    /// - Parameter command: The parsed command.
    /// - Throws: `ValidationError` naming the option.
    static func validate(_ command: VerifyCommand) throws {
        let oidc = command.oidc
        if command.config != nil {
            if command.keys != nil {
                throw ValidationError("--keys cannot be used with --config: each issuer's keys come from the configuration file")
            }
            if let given = policyOptions(of: command).first(where: \.isSet) {
                throw ValidationError("\(given.option) cannot be used with --config: the policy comes from the configuration file")
            }
        } else {
            guard command.keys != nil else {
                throw ValidationError(keysOrConfiguration)
            }
            if oidc.isEnabled {
                guard let clientID = oidc.clientID else {
                    throw ValidationError("--oidc needs --client-id ID, the relying party's client id")
                }
                guard !clientID.isEmpty else {
                    throw ValidationError("--client-id must not be empty")
                }
                guard command.issuers.count == 1 else {
                    throw ValidationError(
                        "--oidc needs exactly one --issuer, the pinned OpenID Provider (\(command.issuers.count) given)")
                }
            } else if oidc.clientID != nil {
                throw ValidationError("--client-id needs --oidc")
            } else if oidc.maxAuthAge != nil {
                throw ValidationError("--max-auth-age needs --oidc")
            } else if oidc.nonce != nil {
                throw ValidationError("--nonce needs --oidc (or --config)")
            }
        }
        if command.statusLists.skipsStatusCheck, !command.statusLists.files.isEmpty {
            throw ValidationError("--status-list cannot be used with --no-status-check, which skips status lists entirely")
        }
        let revocation = command.revocation
        if revocation.keys != nil, revocation.files.isEmpty {
            throw ValidationError("--revocation-keys needs --revocation FILE, the list those keys verify")
        }
        if command.config != nil, !revocation.files.isEmpty, revocation.keys == nil {
            throw ValidationError(
                "--revocation with --config needs --revocation-keys JWKS_FILE, the list publisher's keys: there is no single --keys set")
        }
    }

    /// Installs each `--status-list` file, in order.
    ///
    /// With one check (`--keys`), a list that fails is a configuration error. With one check per
    /// `--config` issuer, a list is installed for every issuer whose key set verifies it (its
    /// signer's issuer): the issuers whose set has no key of its `kid` (`unknown_key`) or a
    /// different key under that `kid` (`invalid_signature`) skip it, and only when no issuer's
    /// set verifies it is that an error. Any other failure (unreadable, malformed, wrong `typ`,
    /// bad compression, rollback) is an error at once.
    /// - Parameters:
    ///   - paths: The files, in command-line order.
    ///   - checks: The checks to install into.
    /// - Throws: ``CLIError``: `cannot install the status list --status-list PATH: CODE: DETAIL`.
    private static func install(_ paths: [String], into checks: [StatusListCheck]) throws(CLIError) {
        for path in paths {
            var isInstalled = false
            var notSigner: StatusListError? = nil
            for check in checks {
                do {
                    try check.install(contentsOfFile: path)
                    isInstalled = true
                } catch {
                    guard checks.count > 1, error.code == .unknownKey || error.code == .invalidSignature else {
                        throw CLIError(error, installing: path)
                    }
                    notSigner = notSigner ?? error
                }
            }
            if !isInstalled, let notSigner {
                throw CLIError(
                    StatusListError(notSigner.code, notSigner.detail + " (no --config issuer's key set verifies it)"), installing: path)
            }
        }
    }
}

extension VerificationSetup {
    /// The `--revocation-keys` set.
    /// - Parameter path: The file given.
    /// - Throws: ``CLIError`` naming the option and the key set's error code.
    private static func revocationKeys(at path: String) throws(CLIError) -> PinnedKeySet {
        do {
            return try PinnedKeySet(contentsOfFile: path)
        } catch {
            throw CLIError(error, loading: "the revocation publisher key set --revocation-keys", at: path)
        }
    }

    /// The `--time-floor` file, loaded (a missing file is a floor of 0, created on the first raise).
    /// - Throws: ``CLIError`` when the file exists but cannot be read or does not hold a floor.
    private static func timeFloor(at path: String) throws(CLIError) -> TimeFloor {
        do {
            return try TimeFloor(path: path)
        } catch {
            throw CLIError("cannot use the time floor --time-floor \(path): \(error.detail)")
        }
    }

    /// A revocation list check with each `--revocation` file installed, in order: a snapshot,
    /// then deltas (each applied to the list before it), or newer snapshots. The default policy
    /// fails closed from the list's `valid_until` (``RevocationPolicy/init()``).
    /// - Parameters:
    ///   - paths: The files, in command-line order; at least one.
    ///   - publisherKeys: The keys that verify them.
    ///   - timeFloor: The `--time-floor`, raised to each list's `iat`, if given.
    /// - Throws: ``CLIError``: `cannot install the revocation list --revocation PATH: CODE: DETAIL`
    ///   (`unreadable_file`, `truncated_list`, `invalid_signature`, `unknown_key`, `rollback`,
    ///   `base_mismatch`, …).
    private static func revocationCheck(
        _ paths: [String], publisherKeys: PinnedKeySet, timeFloor: TimeFloor?
    ) throws(CLIError) -> RevocationListCheck {
        let check: RevocationListCheck
        do {
            check = try RevocationListCheck(publisherKeys: publisherKeys, policy: RevocationPolicy(), timeFloor: timeFloor)
        } catch {
            throw CLIError("cannot set up the revocation list check: \(error.code.rawValue): \(error.detail)")
        }
        for path in paths {
            do {
                try check.install(contentsOfFile: path)
            } catch {
                throw CLIError("cannot install the revocation list --revocation \(path): \(error.code.rawValue): \(error.detail)")
            }
        }
        return check
    }
}
