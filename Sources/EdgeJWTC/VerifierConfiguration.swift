internal import EdgeJWT

/// What the configuration text of `edgejwt_verifier_new` asks for (docs/c-api.md,
/// "Configuration"): the ``VerifierOptions``, and the status list, revocation list and time floor
/// set-up the CLI's `verify` options give.
///
/// ```json
/// {"issuers": ["https://issuer.example"], "audiences": ["gateway"], "leeway": 30,
///  "revocation": {"files": ["/var/lib/gw/revocation.ejrl"]}, "time_floor_file": "/var/lib/gw/floor"}
/// ```
struct VerifierConfiguration {
    /// Issuer, audience, time, type and size rules, and the OpenID Connect profile.
    var options = VerifierOptions()
    /// Whether Token Status List checks run (step 9). Default: on, failing closed like the CLI.
    var checksStatus = true
    /// Status List Token files installed at build, in order.
    var statusListFiles: [String] = []
    /// The status list policy.
    var statusListPolicy = StatusListPolicy()
    /// The revocation list check, or `nil` when the configuration has no `revocation` member.
    var revocation: Revocation? = nil
    /// The time floor file, or `nil` for none.
    var timeFloorFile: String? = nil

    /// The `revocation` member.
    struct Revocation {
        /// Revocation list files installed at build, in order (a snapshot, then deltas).
        var files: [String] = []
        /// The publisher's JWK Set file, if given.
        var keysFile: String? = nil
        /// The publisher's JWK Set as JSON text, if given inline.
        var keysText: [UInt8]? = nil
        /// Staleness and naming rules.
        var policy = RevocationPolicy()
    }

    private static let members = [
        "issuers", "audiences", "require", "leeway", "max_age", "typ", "max_token_bytes", "oidc", "status_check",
        "status_lists", "revocation", "time_floor_file",
    ]

    /// Parses the configuration text; `nil` means every default.
    /// - Parameter text: Strict JSON (an object), or `nil`.
    /// - Throws: `configuration_error`.
    init(parsing text: String?) throws(CAPIFailure) {
        guard let text else { return }
        guard let value = JSONValue.parse(Array(text.utf8)) else {
            throw CAPIFailure(.configurationError, "the configuration is not strict JSON (RFC 8259, no duplicate names)")
        }
        let root = try ConfigurationReader(value, at: "configuration", known: Self.members)
        options.issuers = try root.strings("issuers")
        options.audiences = try root.strings("audiences")
        options.requiredClaims = try root.strings("require")
        if let leeway = try root.seconds("leeway") { options.leeway = leeway }
        options.maxAge = try root.seconds("max_age")
        options.requiredType = try root.string("typ")
        if let size = try root.integer("max_token_bytes", in: 0...(16 << 20)) { options.limits.maxTokenBytes = size }
        if let oidc = try root.object("oidc", known: Self.oidcMembers) { options.oidc = try Self.oidc(oidc) }
        checksStatus = try root.bool("status_check") ?? true
        if let lists = try root.object("status_lists", known: ["files", "policy"]) {
            guard checksStatus else {
                throw root.failure("status_lists", "cannot be used with \"status_check\": false, which skips status lists entirely")
            }
            statusListFiles = try lists.strings("files")
            if let policy = try lists.object("policy", known: Self.statusPolicyMembers) {
                statusListPolicy = try Self.statusListPolicy(policy)
            }
        }
        if let revocation = try root.object("revocation", known: ["files", "keys_file", "keys", "policy"]) {
            self.revocation = try Self.revocation(revocation)
        }
        timeFloorFile = try root.string("time_floor_file")
    }

    private static let oidcMembers = [
        "client_id", "nonce", "max_auth_age", "acr_values", "trusted_audiences", "access_token", "code", "require_at_hash",
    ]

    private static func oidc(_ reader: ConfigurationReader) throws(CAPIFailure) -> OIDCOptions {
        guard let clientID = try reader.string("client_id"), !clientID.isEmpty else {
            throw reader.failure("client_id", "is required: the relying party's non-empty client id")
        }
        var oidc = OIDCOptions(clientID: clientID)
        oidc.nonce = try reader.string("nonce")
        oidc.maxAuthenticationAge = try reader.seconds("max_auth_age")
        oidc.acceptedACRValues = try reader.strings("acr_values")
        oidc.trustedAudiences = try reader.strings("trusted_audiences")
        oidc.accessToken = try reader.string("access_token")
        oidc.authorizationCode = try reader.string("code")
        oidc.requiresAccessTokenHash = try reader.bool("require_at_hash") ?? false
        return oidc
    }

    private static let statusPolicyMembers = [
        "requires_status_claim", "accepts_unavailable_list", "time_to_live", "max_list_age", "leeway", "accepted_statuses",
    ]

    private static func statusListPolicy(_ reader: ConfigurationReader) throws(CAPIFailure) -> StatusListPolicy {
        var policy = StatusListPolicy()
        policy.requiresStatusClaim = try reader.bool("requires_status_claim") ?? policy.requiresStatusClaim
        policy.acceptsUnavailableList = try reader.bool("accepts_unavailable_list") ?? policy.acceptsUnavailableList
        switch try reader.string("time_to_live") {
        case nil: break
        case "ends_reliance": policy.timeToLive = .endsReliance
        case "refresh_hint": policy.timeToLive = .refreshHint
        default: throw reader.failure("time_to_live", "must be \"ends_reliance\" or \"refresh_hint\"")
        }
        policy.maxListAge = try reader.seconds("max_list_age")
        if let leeway = try reader.seconds("leeway") { policy.leeway = leeway }
        if let statuses = reader.value("accepted_statuses") {
            guard let values = statuses.arrayValue else { throw reader.failure("accepted_statuses", "must be an array of integers 0...255") }
            policy.acceptedStatuses = []
            for value in values {
                guard let number = value.doubleValue, let status = UInt8(exactly: number) else {
                    throw reader.failure("accepted_statuses", "must be an array of integers 0...255")
                }
                policy.acceptedStatuses.insert(status)
            }
        }
        return policy
    }

    private static func revocation(_ reader: ConfigurationReader) throws(CAPIFailure) -> Revocation {
        var revocation = Revocation()
        revocation.files = try reader.strings("files")
        revocation.keysFile = try reader.string("keys_file")
        if let keys = reader.value("keys") {
            guard revocation.keysFile == nil else { throw reader.failure("keys", "cannot be used with keys_file") }
            revocation.keysText = Array(keys.jsonText.utf8)
        }
        if let policy = try reader.object("policy", known: ["maximum_staleness", "max_list_age", "fails_open", "list_name"]) {
            if let staleness = try policy.seconds("maximum_staleness") { revocation.policy.maximumStaleness = staleness }
            revocation.policy.maxListAge = try policy.seconds("max_list_age")
            revocation.policy.failsOpen = try policy.bool("fails_open") ?? false
            revocation.policy.listName = try policy.string("list_name")
        }
        return revocation
    }
}
