/// A verified Status List Token (draft-ietf-oauth-status-list-20 §5.1): the signed, decompressed
/// status of many tokens, one entry of 1, 2, 4 or 8 bits each.
///
/// Creating one runs the verifier's own steps on the list token — strict compact JWS, strict
/// header, a key of the pinned set chosen by `kid` exactly as for tokens, the Ed25519 signature —
/// then requires `typ` `statuslist+jwt`, `sub`, `iat` and a well-formed `status_list`, and
/// decompresses `lst` under a size cap. Nothing about the list is trusted before its signature
/// has verified. Most callers install lists into a ``StatusListCheck`` instead of using this type
/// directly.
///
/// ```swift
/// let list = try StatusList(token: text, keys: keys)
/// list.uri             // "https://issuer.example/statuslists/1"
/// list.status(at: 7)   // 0 valid, 1 invalid, 2 suspended, ...
/// ```
public struct StatusList: Sendable, Hashable {
    /// Bounds applied to an untrusted Status List Token before and while decoding it.
    public struct Limits: Sendable, Hashable {
        /// Longest accepted Status List Token in bytes, checked before any decoding. Default: 4 MiB.
        public var maxTokenBytes = 4 << 20
        /// Largest accepted decompressed list in bytes; decompression stops at the first byte
        /// beyond it (no zip bombs). Default: 16 MiB, room for 134 million 1-bit entries.
        public var maxListBytes = 16 << 20
        /// Deepest accepted nesting of JSON arrays and objects in header and claims. Default: 8.
        public var maxJSONDepth = 8

        /// Limits with the defaults above.
        public init() {}
    }

    /// The required `typ` header value (draft-ietf-oauth-status-list-20 §5.1).
    public static let type = "statuslist+jwt"

    /// `sub`: the URI that referenced tokens name in `status.status_list.uri`.
    public let uri: String
    /// `iat`: when the Status Issuer issued this list. Required.
    public let issuedAt: NumericDate
    /// `exp`: after this the list must not be relied on (draft §13.7). Optional.
    public let expiration: NumericDate?
    /// `ttl`: how long the list may be cached before a fresh copy should be fetched (draft §5.1,
    /// §13.7). Optional; ``StatusListPolicy/timeToLive`` says what EdgeJWT does with it.
    public let timeToLive: Duration?
    /// `status_list.bits`: bits per entry, 1, 2, 4 or 8.
    public let bits: Int
    /// The `kid` of the pinned key that verified the list (`nil` if that key has none).
    public let keyID: String?
    /// The verified claims of the list token, for inspection.
    public let claims: Claims

    /// The decompressed byte array (draft §4.1).
    let bytes: [UInt8]
    /// log2 of the entries per byte: 3, 2, 1, 0 for 1, 2, 4, 8 bits.
    let entriesPerByteShift: Int
    /// `ttl` in seconds.
    let timeToLiveSeconds: Double?
    /// `nbf`, honoured as RFC 7519 §4.1.5 requires of any JWT.
    let notBefore: NumericDate?

    /// The number of entries: bytes × 8 / bits. Indices `0..<count` are in range.
    public var count: Int { bytes.count << entriesPerByteShift }

    /// The status value of entry `index` (draft §4.1: entry 0 is the least significant `bits`
    /// bits of byte 0).
    ///
    /// O(1); does not allocate.
    /// - Parameter index: The referenced token's `idx`.
    /// - Returns: The value, 0 ... 2^bits − 1, or `nil` when `index` is out of range.
    public func status(at index: Int) -> UInt8? {
        guard index >= 0 else { return nil }
        let byteIndex = index >> entriesPerByteShift
        guard byteIndex < bytes.count else { return nil }
        let slot = index & ((1 << entriesPerByteShift) - 1)
        let mask = UInt8(truncatingIfNeeded: (1 << bits) - 1)
        return (bytes[byteIndex] >> UInt8(truncatingIfNeeded: slot * bits)) & mask
    }

    /// Verifies and decodes a Status List Token.
    /// - Parameters:
    ///   - token: The compact JWS, as ASCII bytes.
    ///   - keys: The pinned set; use the one that verifies the referenced tokens.
    ///   - limits: Size and nesting bounds. Default: ``Limits/init()``.
    /// - Throws: ``StatusListError`` — `list_too_large`, `malformed_list`, `unsupported_algorithm`,
    ///   `unknown_key`, `invalid_signature`, `type_mismatch`, `missing_claim`, `invalid_compression`.
    public init(token: [UInt8], keys: PinnedKeySet, limits: Limits = Limits()) throws(StatusListError) {
        var jwsLimits = VerifierOptions.Limits()
        jwsLimits.maxTokenBytes = limits.maxTokenBytes
        jwsLimits.maxJSONDepth = limits.maxJSONDepth
        let jws: CompactJWS
        let header: JOSEHeader
        let key: PinnedKey
        let claims: Claims
        do {
            jws = try CompactJWS(token, limits: jwsLimits)
            header = try JOSEHeader(decoding: jws.header, limits: jwsLimits)
            guard let type = header.type, PolicyRules.mediaType(type) == Self.type else {
                let shown = header.type.map { JSONValue.string($0).jsonText } ?? "missing"
                throw StatusListError(.typeMismatch, "typ \(shown) is not \(Self.type)")
            }
            key = try keys.key(for: header)
            try key.checkSignature(jws.signature, over: jws.signingInput)
            claims = try Claims(decoding: jws.payload, limits: jwsLimits)
        } catch let error as StatusListError {
            throw error
        } catch let error as VerificationError {
            throw Self.loadError(error)
        } catch {
            throw StatusListError(.malformedList, "\(error)")
        }
        guard let uri = claims.subject else { throw StatusListError(.missingClaim, "sub (the list's URI) is required") }
        guard let issuedAt = claims.issuedAt else { throw StatusListError(.missingClaim, "iat is required") }
        self.uri = uri
        self.issuedAt = issuedAt
        self.expiration = claims.expiration
        self.notBefore = claims.notBefore
        self.keyID = key.keyID
        self.claims = claims
        timeToLiveSeconds = try Self.timeToLive(claims)
        timeToLive = timeToLiveSeconds.map { Duration.seconds($0) }
        let (bits, compressed) = try Self.statusListClaim(claims)
        self.bits = bits
        entriesPerByteShift = 3 - bits.trailingZeroBitCount
        do {
            bytes = try Inflate.zlib(compressed, maxOutputBytes: limits.maxListBytes)
        } catch {
            let code: StatusListError.Code = error.kind == .tooLarge ? .listTooLarge : .invalidCompression
            throw StatusListError(code, "status_list.lst \(error.reason)")
        }
    }

    /// Verifies and decodes a Status List Token given as text.
    /// - Parameters:
    ///   - token: The compact JWS.
    ///   - keys: The pinned set; use the one that verifies the referenced tokens.
    ///   - limits: Size and nesting bounds. Default: ``Limits/init()``.
    /// - Throws: ``StatusListError``, as for a token given as bytes.
    public init(token: String, keys: PinnedKeySet, limits: Limits = Limits()) throws(StatusListError) {
        try self.init(token: Array(token.utf8), keys: keys, limits: limits)
    }

    /// Reads, verifies and decodes a Status List Token file (the compact JWS; surrounding ASCII
    /// whitespace such as a final newline is ignored).
    /// - Parameters:
    ///   - path: The file path.
    ///   - keys: The pinned set; use the one that verifies the referenced tokens.
    ///   - limits: Size and nesting bounds; the file may hold at most `maxTokenBytes` + 4 KiB.
    /// - Throws: `unreadable_file`, or any error of verifying the token.
    public init(contentsOfFile path: String, keys: PinnedKeySet, limits: Limits = Limits()) throws(StatusListError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: limits.maxTokenBytes + 4096)
        } catch {
            throw StatusListError(.unreadableFile, error.description)
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
        try self.init(token: Array(bytes[start..<max(start, end)]), keys: keys, limits: limits)
    }
}

extension StatusList {
    /// A token-pipeline rejection of the list token, as a load error.
    private static func loadError(_ error: VerificationError) -> StatusListError {
        let code: StatusListError.Code
        switch error.code {
        case .tokenTooLarge: code = .listTooLarge
        case .unsupportedAlgorithm, .unsupportedCriticalHeader: code = .unsupportedAlgorithm
        case .unknownKey: code = .unknownKey
        case .invalidSignature: code = .invalidSignature
        default: code = .malformedList
        }
        return StatusListError(code, "status list token: \(error.detail)")
    }

    /// `ttl`: absent, or a positive finite JSON number of seconds (draft §5.1).
    private static func timeToLive(_ claims: Claims) throws(StatusListError) -> Double? {
        guard let value = claims["ttl"] else { return nil }
        guard case .number(let number) = value, number.value.isFinite, number.value > 0 else {
            throw StatusListError(.malformedList, "ttl must be a positive number of seconds")
        }
        return number.value
    }

    /// `status_list` (draft §4.2): an object with `bits` 1, 2, 4 or 8 (a JSON integer) and `lst`,
    /// strict base64url. Other members, such as `aggregation_uri`, are allowed and ignored.
    private static func statusListClaim(_ claims: Claims) throws(StatusListError) -> (bits: Int, compressed: [UInt8]) {
        guard let value = claims["status_list"] else {
            throw StatusListError(.missingClaim, "status_list is required")
        }
        guard case .object(let object) = value else {
            throw StatusListError(.malformedList, "status_list must be a JSON object")
        }
        guard case .number(let number)? = object["bits"], let bits = Int(number.literal), [1, 2, 4, 8].contains(bits) else {
            let shown = object["bits"].map(\.jsonText) ?? "missing"
            throw StatusListError(.malformedList, "status_list.bits \(shown) is not the integer 1, 2, 4 or 8")
        }
        guard case .string(let text)? = object["lst"] else {
            throw StatusListError(.malformedList, "status_list.lst must be a string")
        }
        guard let compressed = Base64URL.decode(text) else {
            throw StatusListError(.malformedList, "status_list.lst is not strict base64url")
        }
        return (bits, compressed)
    }

    /// Why the list must not be relied on at `now` under `policy`.
    /// - Parameters:
    ///   - now: The evaluation time.
    ///   - policy: The freshness rules.
    /// - Returns: The reason, or `nil` when the list may be relied on.
    func staleness(at now: NumericDate, policy: StatusListPolicy) -> String? {
        let seconds = now.secondsSinceEpoch
        let leeway = policy.leeway.inSeconds
        let issued = issuedAt.secondsSinceEpoch
        if let exp = expiration, seconds >= exp.secondsSinceEpoch + leeway {
            return "status list \(JSONValue.string(uri).jsonText) expired: exp \(exp) is not after now \(now)"
        }
        if policy.timeToLive == .endsReliance, let ttl = timeToLiveSeconds, seconds >= issued + ttl + leeway {
            return "status list \(JSONValue.string(uri).jsonText) is past iat + ttl (\(issuedAt) + \(JSONNumber(ttl)) s) at now \(now)"
        }
        if let maxAge = policy.maxListAge?.inSeconds, seconds >= issued + maxAge + leeway {
            return
                "status list \(JSONValue.string(uri).jsonText) issued at \(issuedAt) is older than the maximum age \(JSONNumber(maxAge)) s"
        }
        if let nbf = notBefore, nbf.secondsSinceEpoch > seconds + leeway {
            return "status list \(JSONValue.string(uri).jsonText) is not valid before nbf \(nbf)"
        }
        return nil
    }

    /// Whether the list must not be relied on at `now`: past `exp`, past `iat` + `ttl` (unless
    /// the policy treats `ttl` as a refresh hint only), older than the policy's maximum age, or
    /// before `nbf`. Each bound is extended by the policy's leeway.
    /// - Parameters:
    ///   - now: The evaluation time.
    ///   - policy: The freshness rules. Default: ``StatusListPolicy/init()``.
    /// - Returns: `true` when a token referring to this list would be `revocation_list_stale`.
    public func isStale(at now: NumericDate, policy: StatusListPolicy = StatusListPolicy()) -> Bool {
        staleness(at: now, policy: policy) != nil
    }
}
