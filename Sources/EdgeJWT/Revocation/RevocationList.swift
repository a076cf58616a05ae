/// A verified EdgeJWT revocation list snapshot: revoked `(iss, jti)` pairs, subjects revoked up
/// to a time, and revoked key ids, signed by a pinned publisher key (`docs/revocation-format.md`).
///
/// The Ed25519 signature is checked before a single entry is read; then the structure is checked
/// completely, so lookups never fail. Lookups borrow the file's bytes through a small index
/// derived at verification (`RevocationTokenIndex`): O(log n), no allocation.
/// A list is an immutable value; ``RevocationListCheck`` swaps whole lists while other threads
/// verify.
///
/// ```swift
/// let publisher = try PinnedKeySet(contentsOfFile: "/etc/gateway/revocation-publisher.jwks.json")
/// let list = try RevocationList(contentsOfFile: "/var/lib/gateway/revocations.ejrl", publisherKeys: publisher)
/// print(list.name, list.sequence, list.revokedTokenCount)
/// ```
public struct RevocationList: Sendable, Hashable, CustomStringConvertible {
    /// Largest list file read from disk: 256 MiB (about 50 million revoked tokens).
    public static let maxFileBytes = 256 << 20

    /// The signed file, exactly as verified.
    public let bytes: [UInt8]
    let header: RevocationListHeader
    let groups: [TokenGroupIndex]
    /// Where the subject table starts; `subjectCount` entries of 32 bytes.
    let subjectsOffset: Int
    let subjectCount: Int
    let revokedKeys: [String: UInt64]
    /// The token lookup's derived index (hash key, days, no-expiry group).
    let tokenIndex: RevocationTokenIndex

    /// Verifies and indexes a snapshot.
    /// - Parameters:
    ///   - bytes: The list file.
    ///   - publisherKeys: The pinned keys of the list's publisher; the list's `kid` selects one.
    /// - Throws: ``RevocationListError`` — `list_too_large`, `truncated_list`, `malformed_list`
    ///   (including a delta given where a snapshot is needed), `unsupported_version`,
    ///   `unknown_key`, `invalid_signature`.
    public init(verifying bytes: [UInt8], publisherKeys: PinnedKeySet) throws(RevocationListError) {
        let header = try RevocationListHeader(verifying: bytes, publisherKeys: publisherKeys)
        guard header.kind == .snapshot else {
            throw RevocationListError(
                .malformedList,
                "this is a delta (from sequence \(header.baseSequence) to \(header.sequence)), not a snapshot; install it on top of its base"
            )
        }
        try self.init(verifiedSnapshot: bytes, header: header)
    }

    /// Reads a list file (at most ``maxFileBytes``), then verifies it as ``init(verifying:publisherKeys:)``.
    /// - Parameters:
    ///   - path: The file.
    ///   - publisherKeys: The pinned keys of the list's publisher.
    /// - Throws: `unreadable_file`, `list_too_large`, or any error of ``init(verifying:publisherKeys:)``.
    public init(contentsOfFile path: String, publisherKeys: PinnedKeySet) throws(RevocationListError) {
        try self.init(verifying: Self.read(path), publisherKeys: publisherKeys)
    }

    /// Reads a list or delta file, at most ``maxFileBytes``.
    static func read(_ path: String) throws(RevocationListError) -> [UInt8] {
        do {
            return try FileBytes.contents(ofFile: path, maxBytes: maxFileBytes)
        } catch {
            let code: RevocationListError.Code = error.reason.hasPrefix("larger than") ? .listTooLarge : .unreadableFile
            throw RevocationListError(code, error.description)
        }
    }

    /// The list's name: one publisher's series of lists shares it.
    public var name: String { header.name }
    /// The publisher's sequence number: each new list (snapshot or delta result) is higher.
    public var sequence: UInt64 { header.sequence }
    /// When the list was issued (`iat`): trusted time once the signature is verified.
    public var issuedAt: NumericDate { NumericDate(Double(header.issuedAt)) }
    /// Until when the publisher says the list may be relied on (`valid_until`).
    public var validUntil: NumericDate { NumericDate(Double(header.validUntil)) }
    /// Tokens expiring before this time are no longer covered: their entries were pruned. It is
    /// never after ``issuedAt``, so such tokens are expired by the list's own clock.
    public var horizon: NumericDate { NumericDate(Double(header.horizon)) }
    /// The `kid` of the publisher key that signed the list, if it names one.
    public var publisherKeyID: String? { header.keyID }
    /// Revoked `(iss, jti)` entries, over all expiry days.
    public var revokedTokenCount: Int { groups.reduce(0) { $0 + $1.count } }
    /// Subject entries ("every token of this subject issued before T").
    public var revokedSubjectCount: Int { subjectCount }
    /// Revoked signing key ids, sorted.
    public var revokedKeyIDs: [String] { revokedKeys.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }

    /// `name#sequence (counts)`.
    public var description: String {
        "revocation list \(JSONValue.string(name).jsonText) #\(sequence): \(revokedTokenCount) tokens, \(subjectCount) subjects, \(revokedKeys.count) keys"
    }

    /// Compares the signed bytes.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }

    /// Hashes the signed bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

// MARK: - Freshness

extension RevocationList {
    /// Whether the policy no longer lets this list be relied on at `now`: `now` is at or after
    /// `valid_until` + ``RevocationPolicy/maximumStaleness``, or at or after `iat` +
    /// ``RevocationPolicy/maxListAge``.
    /// - Parameters:
    ///   - now: The evaluation time.
    ///   - policy: The device's staleness rules. Default: ``RevocationPolicy/init()``.
    /// - Returns: `true` when a token checked now would be `revocation_list_stale` (unless the
    ///   policy fails open).
    public func isStale(at now: NumericDate, policy: RevocationPolicy = RevocationPolicy()) -> Bool {
        staleness(at: now, policy: policy) != nil
    }

    /// Why the list is stale at `now`, or `nil` when it is fresh.
    func staleness(at now: NumericDate, policy: RevocationPolicy) -> String? {
        let seconds = now.secondsSinceEpoch
        let limit = Double(header.validUntil) + policy.maximumStaleness.inSeconds
        if seconds >= limit {
            return
                "the revocation list \(JSONValue.string(name).jsonText) #\(sequence) was valid until \(validUntil) (+\(JSONNumber(policy.maximumStaleness.inSeconds)) s allowed); now is \(now)"
        }
        if let maxListAge = policy.maxListAge, seconds >= Double(header.issuedAt) + maxListAge.inSeconds {
            return
                "the revocation list \(JSONValue.string(name).jsonText) #\(sequence) was issued at \(issuedAt), more than \(JSONNumber(maxListAge.inSeconds)) s before now \(now)"
        }
        return nil
    }
}

// MARK: - Lookups

extension RevocationList {
    /// Whether the list revokes the token `(issuer, jwtID)` whose `exp` is `expiration`.
    ///
    /// Looks in the group of the token's expiry day and in the no-expiry group. Never a false
    /// negative; a false positive with probability below 2^-32 in a version 1 list, 2^-31 in a
    /// version 2 list (`docs/revocation-format.md` §6).
    /// O(log n); does not allocate for native strings.
    /// - Parameters:
    ///   - issuer: The token's `iss`; `nil` is hashed as the empty string.
    ///   - jwtID: The token's `jti`.
    ///   - expiration: The token's `exp`, or `nil` when it has none.
    /// - Returns: `true` when an entry matches.
    public func containsToken(issuer: String?, jwtID: String, expiration: NumericDate?) -> Bool {
        guard !tokenIndex.isEmpty else { return false }
        let hash = tokenIndex.hash(issuer: issuer, jwtID: jwtID)
        let day = RevocationListFormat.day(of: expiration)
        return bytes.withUnsafeBufferPointer { tokenIndex.contains(hash: hash, day: day, in: $0.baseAddress!) }
    }

    /// The time before which tokens of `(issuer, subject)` are revoked, if the list has a
    /// subject entry for them. O(log m); does not allocate for native strings.
    /// - Parameters:
    ///   - issuer: The token's `iss`; `nil` is hashed as the empty string.
    ///   - subject: The token's `sub`.
    /// - Returns: T of the entry: tokens with `iat` < T (or without `iat`) are revoked.
    public func subjectRevocationTime(issuer: String?, subject: String) -> NumericDate? {
        guard subjectCount > 0 else { return nil }
        let fingerprint = RevocationFingerprint.subject(version: header.version, salt: header.salt, issuer: issuer, subject: subject)
        return bytes.withUnsafeBufferPointer { buffer -> NumericDate? in
            let base = buffer.baseAddress! + subjectsOffset
            var low = 0
            var high = subjectCount
            while low < high {
                let middle = (low + high) / 2
                let entry = base + middle * 32
                let probe = SubjectFingerprint(high: Self.u64(entry), low: Self.u64(entry + 8))
                if probe == fingerprint { return NumericDate(Double(Self.u64(entry + 16))) }
                if probe < fingerprint { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// Whether the signing key `keyID` is revoked.
    /// - Parameter keyID: A token header's `kid`.
    /// - Returns: `true` when the list has a key entry for `keyID`.
    public func isKeyRevoked(_ keyID: String) -> Bool { revokedKeys[keyID] != nil }

    /// Applies the list to a verified token.
    /// - Throws: `revoked` (the header's `kid` is revoked; `(iss, jti)` is listed; `(iss, sub)` is
    ///   listed with a time after the token's `iat`, or the token has no `iat`), `expired` (the
    ///   token's `exp` is before the list's horizon, so before its trusted `iat`).
    func check(header tokenHeader: JOSEHeader, claims: Claims) throws(VerificationError) {
        if let keyID = tokenHeader.keyID, isKeyRevoked(keyID) {
            throw VerificationError(.revoked, "the signing key kid \(PinnedKeySet.quoted(keyID)) is revoked by \(label)")
        }
        if let expiration = claims.expiration, expiration.secondsSinceEpoch < Double(header.horizon) {
            throw VerificationError(
                .expired,
                "exp \(expiration) is before the horizon \(horizon) of \(label), issued at \(issuedAt): the device clock is behind")
        }
        if let jwtID = claims.jwtID, containsToken(issuer: claims.issuer, jwtID: jwtID, expiration: claims.expiration) {
            throw VerificationError(.revoked, "(iss, jti) is revoked by \(label)")
        }
        if let subject = claims.subject, let before = subjectRevocationTime(issuer: claims.issuer, subject: subject) {
            guard let issuedAt = claims.issuedAt else {
                throw VerificationError(
                    .revoked, "tokens of this subject issued before \(before) are revoked by \(label), and this token has no iat")
            }
            if issuedAt < before {
                throw VerificationError(
                    .revoked, "tokens of this subject issued before \(before) are revoked by \(label); iat is \(issuedAt)")
            }
        }
    }

    private var label: String { "revocation list \(JSONValue.string(name).jsonText) #\(sequence)" }

    @inline(__always)
    static func u64(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(pointer[index]) }
        return value
    }

    @inline(__always)
    static func u32(_ pointer: UnsafePointer<UInt8>) -> Int {
        Int(pointer[0]) << 24 | Int(pointer[1]) << 16 | Int(pointer[2]) << 8 | Int(pointer[3])
    }
}

/// Where one expiry day's group of token fingerprints lies in the file.
struct TokenGroupIndex: Sendable, Hashable {
    /// `floor(exp / 86400)`, or ``RevocationListFormat/noExpiryDay``.
    let day: UInt32
    /// Entries.
    let count: Int
    /// Fingerprint width `q`.
    let fingerprintBits: Int
    /// Bucket exponent `b`: 2^b buckets.
    let bucketBits: Int
    /// Offset of the 2^b cumulative bucket ends (u32 each).
    let endsOffset: Int
    /// Offset of the packed remainders.
    let remaindersOffset: Int

    /// Buckets up to this many entries are searched by walking from the remainder's expected
    /// place, larger ones (which a canonical bucket exponent makes rare, and only a publisher's
    /// choice of fingerprints makes common) binary searched: a lookup reads at most 65
    /// remainders or log2(n) + 1 of them.
    static let searchedFromGuessLength = 64

    /// Remainder width `r = q − b`.
    var remainderBits: Int { fingerprintBits - bucketBits }

    /// Whether the group holds the fingerprint of `hash` (its top `q` bits): the bucket's
    /// bounds from the cumulative ends, then a walk from the sought remainder's expected place
    /// in the bucket (buckets of at most ``searchedFromGuessLength``) or a branch-free
    /// lower-bound search, read in place. O(log n) even when a bucket holds every entry; does
    /// not allocate.
    /// - Precondition: `base` is the verified file, so every bucket end is within the count and
    ///   at least 8 bytes follow the remainders (the subject and key counts and the signature).
    @inline(__always)
    func contains(hash: UInt64, in base: UnsafePointer<UInt8>) -> Bool {
        let fingerprint = hash >> UInt64(64 - fingerprintBits)
        let r = remainderBits
        let bucket = bucketBits == 0 ? 0 : Int(fingerprint >> UInt64(r))
        let remainder = r == 64 ? fingerprint : fingerprint & ((1 << UInt64(r)) - 1)
        var low = bucket == 0 ? 0 : RevocationList.u32(base + endsOffset + 4 * (bucket - 1))
        let high = RevocationList.u32(base + endsOffset + 4 * bucket)
        let remainders = base + remaindersOffset
        var length = high - low
        if r <= PackedBits.maximumWordReadWidth {
            // Wrapping arithmetic is safe: every index is below the verified count.
            if length <= Self.searchedFromGuessLength {
                // A typical bucket (about 30 remainders over 2 to 3 cache lines): remainders are
                // uniform in 0 ..< 2^r, so the sought one's place is near `remainder · length /
                // 2^r` (a few entries off on average). Read there, then walk to the first
                // remainder not below the sought one: one cache line fetched from memory, and the
                // few steps mostly within it. The product fits: remainder < 2^57, length ≤ 64.
                guard length > 0 else { return false }
                let end = low &+ length
                var index = low &+ Int(truncatingIfNeeded: (remainder &* UInt64(length)) >> UInt64(r))
                if PackedBits.readWithinWord(remainders, bitOffset: index &* r, width: r) < remainder {
                    repeat {
                        index &+= 1
                    } while index < end && PackedBits.readWithinWord(remainders, bitOffset: index &* r, width: r) < remainder
                    return index < end && PackedBits.readWithinWord(remainders, bitOffset: index &* r, width: r) == remainder
                }
                while index > low && PackedBits.readWithinWord(remainders, bitOffset: (index &- 1) &* r, width: r) >= remainder {
                    index &-= 1
                }
                return PackedBits.readWithinWord(remainders, bitOffset: index &* r, width: r) == remainder
            }
            // Values are below 2^57, so `probe − remainder` wraps to a number with its top bit
            // set exactly when probe < remainder: a mask instead of a branch.
            while length > 1 {
                let half = length >> 1
                let probe = PackedBits.readWithinWord(remainders, bitOffset: (low &+ half &- 1) &* r, width: r)
                low &+= half & (0 &- Int(truncatingIfNeeded: (probe &- remainder) >> 63))
                length &-= half
            }
            return length == 1 && PackedBits.readWithinWord(remainders, bitOffset: low &* r, width: r) == remainder
        }
        while length > 1 {
            let half = length / 2
            let probe = PackedBits.read(remainders, bitOffset: (low + half - 1) * r, width: r)
            low = probe < remainder ? low + half : low
            length -= half
        }
        return length == 1 && PackedBits.read(remainders, bitOffset: low * r, width: r) == remainder
    }
}
