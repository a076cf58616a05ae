
/// What a ``StatusListCheck`` demands of tokens and of the lists it holds.
///
/// The defaults fail closed: a token naming a list that is not installed is refused, a list
/// past `exp` or past `iat` + `ttl` is stale, and only status 0 (VALID) is accepted.
/// ```swift
/// var policy = StatusListPolicy()
/// policy.requiresStatusClaim = true      // every token must carry status.status_list
/// policy.maxListAge = .seconds(86_400)   // and no list older than a day is relied on
/// ```
public struct StatusListPolicy: Sendable, Hashable {
    /// What the list's `ttl` claim means on this device.
    public enum TimeToLive: Sendable, Hashable {
        /// `iat` + `ttl` ends reliance on the list, like `exp`. The draft's ttl says when a fresh
        /// copy should be fetched (§5.1, §8.3 step 4d, §13.7); a device that has not received one
        /// by then has no newer data, so EdgeJWT fails closed. Measured from the signed `iat`,
        /// not from when the file arrived, which the device cannot prove.
        case endsReliance
        /// `ttl` is only a refresh hint for whoever fetches lists; only `exp` and
        /// ``StatusListPolicy/maxListAge`` end reliance.
        case refreshHint
    }

    /// Refuse tokens without `status.status_list` (`missing_claim`). Default: `false`, such
    /// tokens are not this check's business.
    public var requiresStatusClaim = false
    /// Accept a token whose list is not installed, instead of refusing it with
    /// `status_unavailable`. An explicit opt-out of fail-closed status checking; stale lists and
    /// every other rule still apply. Default: `false`.
    public var acceptsUnavailableList = false
    /// What `ttl` means. Default: ``TimeToLive/endsReliance``.
    public var timeToLive = TimeToLive.endsReliance
    /// Oldest list relied on, as an age from its `iat`, for issuers that send neither `exp` nor
    /// `ttl`. Default: `nil`, no limit beyond the list's own claims.
    public var maxListAge: Duration? = nil
    /// Slack added to every list time bound (`exp`, `iat` + `ttl`, maximum age, `nbf`). Default:
    /// 0 s. The verifier's token leeway is not reused: it forgives clock skew on a token's
    /// lifetime, while here extra seconds would only stretch reliance on revocation data.
    public var leeway: Duration = .zero
    /// Status values that let a token through. Default: `[0]` (VALID). Add application-specific
    /// values (draft §7.1: 0x03, 0x0C–0x0F) that mean "valid" in your application.
    public var acceptedStatuses: Set<UInt8> = [0]
    /// Bounds on list tokens given to ``StatusListCheck/install(_:expectedURI:)``.
    public var limits = StatusList.Limits()

    /// A policy with the defaults above.
    public init() {}
}

/// Step 9 for the IETF Token Status List (draft-ietf-oauth-status-list-20): holds verified lists
/// keyed by URI and refuses tokens whose entry is not VALID.
///
/// Lists are installed (and replaced) while other threads verify: each ``check(header:claims:at:)``
/// reads one consistent list, the old one or the new one. A list token is verified before it is
/// installed, with the same pinned key set as the tokens; one that fails any check is never used,
/// and one older than the installed list for its URI is refused (anti-rollback).
///
/// ```swift
/// let statusLists = StatusListCheck(keys: keys, timeFloor: floor)
/// try statusLists.install(contentsOfFile: "/var/lib/gateway/status-1.jwt")
/// let verifier = Verifier(keys: keys, clock: FlooredClock(floor: floor), statusChecks: [statusLists])
/// ```
public final class StatusListCheck: StatusCheck, Sendable {
    /// The pinned set that verifies list tokens: the one that verifies the referenced tokens.
    public let keys: PinnedKeySet
    /// The token and freshness rules.
    public let policy: StatusListPolicy
    /// Raised to each installed list's `iat`, if set.
    public let timeFloor: TimeFloor?

    /// The installed lists by `sub`, compared code unit by code unit; readers copy one entry out
    /// under the lock.
    private let lists = Locked<[ExactURI: StatusList]>([:])
    /// Serialises installs, so the rollback check, the floor and the swap form one step without
    /// holding ``lists`` (and blocking verifiers) during file I/O.
    private let installLock = Locked<Void>(())

    /// Creates a check with no lists installed.
    /// - Parameters:
    ///   - keys: The pinned key set that verifies the referenced tokens; list tokens must be
    ///     signed by one of its keys, chosen by `kid`.
    ///   - policy: Token and freshness rules. Default: ``StatusListPolicy/init()``.
    ///   - timeFloor: A floor to raise to each installed list's `iat`. Default: none.
    public init(keys: PinnedKeySet, policy: StatusListPolicy = StatusListPolicy(), timeFloor: TimeFloor? = nil) {
        self.keys = keys
        self.policy = policy
        self.timeFloor = timeFloor
    }

    /// Verifies a Status List Token and installs it for its `sub`, replacing the list held for
    /// that URI. On any error nothing changes.
    /// - Parameters:
    ///   - token: The compact JWS.
    ///   - expectedURI: The URI the list was fetched for; its `sub` must equal it exactly.
    ///     Default: `nil`, the list is filed under whatever `sub` it names.
    /// - Returns: The installed list.
    /// - Throws: ``StatusListError`` — any code of ``StatusList`` verification,
    ///   `uri_mismatch`, `rollback` (its `iat` is older than the installed list's),
    ///   `time_floor_unavailable`.
    @discardableResult
    public func install(_ token: String, expectedURI: String? = nil) throws(StatusListError) -> StatusList {
        try install(StatusList(token: token, keys: keys, limits: policy.limits), expectedURI: expectedURI)
    }

    /// Reads a Status List Token file, verifies it and installs it, as ``install(_:expectedURI:)``.
    /// - Parameters:
    ///   - path: The file holding the compact JWS (a final newline is fine).
    ///   - expectedURI: The URI the list was fetched for, or `nil`.
    /// - Returns: The installed list.
    /// - Throws: `unreadable_file`, or any error of ``install(_:expectedURI:)``.
    @discardableResult
    public func install(contentsOfFile path: String, expectedURI: String? = nil) throws(StatusListError) -> StatusList {
        try install(StatusList(contentsOfFile: path, keys: keys, limits: policy.limits), expectedURI: expectedURI)
    }

    private func install(_ list: StatusList, expectedURI: String?) throws(StatusListError) -> StatusList {
        if let expectedURI, !list.uri.isExactly(expectedURI) {
            throw StatusListError(
                .uriMismatch,
                "sub \(JSONValue.string(list.uri).jsonText) is not the expected URI \(JSONValue.string(expectedURI).jsonText)")
        }
        try installLock.withLock { (_: inout Void) throws(StatusListError) in
            if let installed = lists.withLock({ $0[ExactURI(list.uri)] }), list.issuedAt < installed.issuedAt {
                throw StatusListError(
                    .rollback,
                    "iat \(list.issuedAt) is older than the installed list's iat \(installed.issuedAt) for \(JSONValue.string(list.uri).jsonText)"
                )
            }
            try raiseTimeFloor(to: list.issuedAt)
            lists.withLock { $0[ExactURI(list.uri)] = list }
        }
        return list
    }

    private func raiseTimeFloor(to time: NumericDate) throws(StatusListError) {
        guard let timeFloor else { return }
        do {
            try timeFloor.raise(to: time)
        } catch {
            throw StatusListError(.timeFloorUnavailable, error.detail)
        }
    }

    /// The list installed for a URI.
    /// - Parameter uri: A list URI (`sub`).
    /// - Returns: The installed list, or `nil` if there is none.
    public func list(for uri: String) -> StatusList? {
        lists.withLock { $0[ExactURI(uri)] }
    }

    /// The URIs of the installed lists, sorted.
    public var installedURIs: [String] {
        lists.withLock { $0.keys.map(\.text) }.sorted()
    }

    /// Applies the Token Status List to a verified token (draft-ietf-oauth-status-list-20 §8.3).
    ///
    /// A token without `status.status_list` passes unless ``StatusListPolicy/requiresStatusClaim``.
    /// Otherwise the list whose `sub` equals `uri` is read at `idx`: 0 passes; 1 (INVALID) is
    /// `revoked`; 2 (SUSPENDED) is `suspended`; 3, 0x0C–0x0F (application-specific) and every
    /// other value are `revoked` unless listed in ``StatusListPolicy/acceptedStatuses``, since
    /// the draft leaves their meaning to the application and this check fails closed.
    /// - Parameters:
    ///   - header: The verified header (unused).
    ///   - claims: The verified claims.
    ///   - now: The evaluation time.
    /// - Throws: `missing_claim` (status claim required but absent), `malformed_token` (`status`
    ///   or `status_list` not an object, `idx` not a non-negative integer, `uri` not a string,
    ///   `idx` out of the list's range: draft §8.3 step 6 MUST reject), `status_unavailable` (no
    ///   list installed for `uri`), `revocation_list_stale`, `revoked`, `suspended`.
    public func check(header: JOSEHeader, claims: Claims, at now: NumericDate) throws(VerificationError) {
        guard let reference = try StatusListReference(claims) else {
            if policy.requiresStatusClaim {
                throw VerificationError(.missingClaim, "status.status_list is required")
            }
            return
        }
        guard let list = lists.withLock({ $0[ExactURI(reference.uri)] }) else {
            if policy.acceptsUnavailableList { return }
            throw VerificationError(.statusUnavailable, "no status list is installed for \(JSONValue.string(reference.uri).jsonText)")
        }
        if let reason = list.staleness(at: now, policy: policy) {
            throw VerificationError(.revocationListStale, reason)
        }
        guard let index = reference.index, let value = list.status(at: index) else {
            throw VerificationError(
                .malformedToken,
                "status_list.idx \(reference.indexText) is out of range: \(JSONValue.string(list.uri).jsonText) has \(list.count) entries")
        }
        guard !policy.acceptedStatuses.contains(value) else { return }
        switch value {
        case 1:
            throw VerificationError(.revoked, "status list entry \(reference.indexText) is 0x01 (INVALID)")
        case 2:
            throw VerificationError(.suspended, "status list entry \(reference.indexText) is 0x02 (SUSPENDED)")
        default:
            let kind = value == 3 || (0x0C...0x0F).contains(value) ? "application-specific" : "reserved"
            throw VerificationError(
                .revoked, "status list entry \(reference.indexText) is \(Self.hex(value)) (\(kind)), not an accepted status")
        }
    }

    private static func hex(_ value: UInt8) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}

/// A list URI compared as RFC 3986 §6.2.1 Simple String Comparison: code unit by code unit,
/// with no Unicode normalization (Swift's `String` equality would match "é" with "e\u{301}").
private struct ExactURI: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.text.isExactly(rhs.text) }

    func hash(into hasher: inout Hasher) {
        for unit in text.utf8 { hasher.combine(unit) }
    }
}

/// A referenced token's `status.status_list` claim (draft-ietf-oauth-status-list-20 §6.2).
private struct StatusListReference {
    /// `uri`, compared with list `sub`s by simple string comparison.
    let uri: String
    /// `idx`, or `nil` when it is too large for `Int` (and so out of any list's range).
    let index: Int?
    /// `idx` as written.
    let indexText: String

    /// Reads the claim.
    /// - Returns: `nil` when the token has no `status` claim, or a `status` without `status_list`
    ///   (another status mechanism, draft §6.1).
    /// - Throws: `malformed_token` when present but not as §6.2 requires.
    init?(_ claims: Claims) throws(VerificationError) {
        guard let status = claims["status"] else { return nil }
        guard case .object(let mechanisms) = status else {
            throw VerificationError(.malformedToken, "status must be a JSON object")
        }
        guard let value = mechanisms["status_list"] else { return nil }
        guard case .object(let reference) = value else {
            throw VerificationError(.malformedToken, "status.status_list must be a JSON object")
        }
        guard case .number(let number)? = reference["idx"], !number.literal.isEmpty,
            number.literal.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            let shown = reference["idx"].map(\.jsonText) ?? "missing"
            throw VerificationError(.malformedToken, "status.status_list.idx \(shown) is not a non-negative integer")
        }
        guard case .string(let uri)? = reference["uri"] else {
            throw VerificationError(.malformedToken, "status.status_list.uri must be a string")
        }
        self.uri = uri
        self.index = Int(number.literal)
        self.indexText = number.literal
    }
}
