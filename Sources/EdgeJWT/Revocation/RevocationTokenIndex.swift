/// What a token lookup needs from a verified list, derived once when the list is verified
/// (`docs/revocation-format.md` §6, §8): the hash key, the day groups' days in one contiguous
/// array, and the no-expiry group apart, so that a lookup is one keyed hash, a binary search of
/// the days, and one bucket search in each of at most two groups.
///
/// The groups' fingerprints stay in the file's bytes, searched in place; the index adds 52 bytes
/// per day group (its day and a copy of its 48-byte ``TokenGroupIndex``) and about 170 bytes in
/// all, never anything per entry. Building it reads each group header once
/// (the groups were already checked by ``RevocationList/init(verifiedSnapshot:header:)``), so a
/// hostile list cannot make it slow; lookups are O(log n) whatever the list holds.
struct RevocationTokenIndex: Sendable {
    /// The list's format version: which keyed hash.
    let version: RevocationListVersion
    /// Version 1's BLAKE2b key: the whole salt.
    let salt: [UInt8]
    /// Version 2's SipHash key: the salt's first 16 bytes, in file order.
    let sipHashKey: (UInt64, UInt64)
    /// The days of ``dayGroups``, strictly increasing (no ``RevocationListFormat/noExpiryDay``).
    let days: [UInt32]
    /// The groups of tokens with an `exp`, in day order.
    let dayGroups: [TokenGroupIndex]
    /// The group of tokens without an `exp`, consulted for every token.
    let noExpiryGroup: TokenGroupIndex?

    /// Derives the index from a verified list's groups (in strictly increasing day order).
    /// - Parameters:
    ///   - groups: The list's token groups.
    ///   - version: The list's format version.
    ///   - salt: The list's 32-byte salt.
    init(groups: [TokenGroupIndex], version: RevocationListVersion, salt: [UInt8]) {
        precondition(salt.count == RevocationListFormat.saltByteCount)
        self.version = version
        self.salt = salt
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.copyBytes(from: salt[0..<Sodium.sipHashKeyByteCount]) }
        sipHashKey = key
        let dated = groups.filter { $0.day != RevocationListFormat.noExpiryDay }
        dayGroups = dated
        days = dated.map(\.day)
        noExpiryGroup = groups.last.flatMap { $0.day == RevocationListFormat.noExpiryDay ? $0 : nil }
    }

    /// Whether no token can match: the list has no token entries.
    var isEmpty: Bool { dayGroups.isEmpty && noExpiryGroup == nil }

    /// The token entry hash `H` of `(issuer, jwtID)` under this list's key (§3).
    /// Does not allocate for native strings up to 1 KiB together.
    @inline(__always)
    func hash(issuer: String?, jwtID: String) -> UInt64 {
        switch version {
        case .blake2b:
            return RevocationFingerprint.token(version: .blake2b, salt: salt, issuer: issuer, jwtID: jwtID)
        case .sipHash:
            var key = sipHashKey
            return withUnsafeBytes(of: &key) { key in
                RevocationFingerprint.withUTF8(issuer ?? "", jwtID) { first, second in
                    Sodium.sipHash64(key: key, tag: RevocationFingerprint.tokenTag, first, second)
                }
            }
        }
    }

    /// Whether the group of `day` (if the list has one) or the no-expiry group holds the
    /// fingerprint of `hash`.
    /// - Parameters:
    ///   - hash: The token's `H`.
    ///   - day: `day(exp)`, or ``RevocationListFormat/noExpiryDay`` for a token without `exp`.
    ///   - base: The verified file's bytes.
    @inline(__always)
    func contains(hash: UInt64, day: UInt32, in base: UnsafePointer<UInt8>) -> Bool {
        if day != RevocationListFormat.noExpiryDay, let position = position(of: day), dayGroups[position].contains(hash: hash, in: base) {
            return true
        }
        return noExpiryGroup?.contains(hash: hash, in: base) ?? false
    }

    /// The index of `day` in ``days``, by binary search.
    @inline(__always)
    private func position(of day: UInt32) -> Int? {
        days.withUnsafeBufferPointer { days -> Int? in
            var low = 0
            var high = days.count
            while low < high {
                let middle = (low + high) / 2
                if days[middle] < day { low = middle + 1 } else { high = middle }
            }
            return low < days.count && days[low] == day ? low : nil
        }
    }
}
