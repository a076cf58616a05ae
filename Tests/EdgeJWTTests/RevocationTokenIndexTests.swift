import Testing
@testable import EdgeJWT

/// The token lookup index of a verified list (`RevocationTokenIndex`, `TokenGroupIndex.contains`):
/// every listed fingerprint found at every width, first, last and empty buckets, a bucket that
/// holds every entry, the no-expiry group consulted for every token, and the false-positive rate
/// at the widths the builder really uses.
@Suite struct RevocationTokenIndexTests {
    /// A verified list whose groups are exactly `groups` (day → width and fingerprints), encoded
    /// and signed by the real encoder, so the real parser and index read it.
    static func list(_ groups: [UInt32: (bits: Int, fingerprints: [UInt64])]) throws -> RevocationList {
        var content = try RevocationFixture.content([])
        for (day, group) in groups {
            content.setGroup(RevocationListContent.TokenGroup(fingerprintBits: group.bits, fingerprints: Set(group.fingerprints)), day: day)
        }
        return try RevocationList(verifying: content.signed(by: RevocationFixture.publisher), publisherKeys: RevocationFixture.publisherKeys)
    }

    /// The hash whose top `bits` bits are `fingerprint` and whose other bits are `noise`.
    static func hash(_ fingerprint: UInt64, bits: Int, noise: UInt64 = 0x5555_5555_5555_5555) -> UInt64 {
        bits == 64 ? fingerprint : fingerprint << UInt64(64 - bits) | noise >> UInt64(bits)
    }

    static func contains(_ list: RevocationList, hash: UInt64, day: UInt32) -> Bool {
        list.bytes.withUnsafeBufferPointer { list.tokenIndex.contains(hash: hash, day: day, in: $0.baseAddress!) }
    }

    /// Widths from near the narrowest version 2 allows to 64, each with as many entries as its
    /// capacity allows (at most 3,000), on both sides of the one-load limit (remainders of 57
    /// bits or fewer; 58 and more at q = 64 with 1,000 entries; 64 bits in one bucket with 20).
    @Test(arguments: [(34, 3), (40, 255), (48, 3_000), (53, 3_000), (57, 3_000), (64, 3_000), (64, 1_000), (64, 20)])
    func everyFingerprintIsFoundAndItsNeighboursAreNot(bits: Int, count: Int) throws {
        var random = SeededGenerator(seed: UInt64(bits * count))
        let top: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        var fingerprints: Set<UInt64> = [0, top]
        while fingerprints.count < count { fingerprints.insert(random.next() & top) }
        let list = try Self.list([RevocationListFormat.noExpiryDay: (bits, Array(fingerprints))])
        let group = try #require(list.tokenIndex.noExpiryGroup)
        #expect(group.count == fingerprints.count)
        if count == 1_000 { #expect(group.remainderBits > PackedBits.maximumWordReadWidth, "the multi-load path") }
        if count == 20 { #expect(group.remainderBits == 64) }
        for fingerprint in fingerprints {
            #expect(Self.contains(list, hash: Self.hash(fingerprint, bits: bits), day: RevocationListFormat.noExpiryDay), "\(fingerprint)")
            for neighbour in [fingerprint &- 1, fingerprint &+ 1] where neighbour <= top && !fingerprints.contains(neighbour) {
                #expect(!Self.contains(list, hash: Self.hash(neighbour, bits: bits), day: RevocationListFormat.noExpiryDay), "\(neighbour)")
            }
        }
    }

    /// Entries only in the first and the last bucket: the buckets between are empty.
    @Test func firstAndLastBucketsAreFoundAcrossEmptyBuckets() throws {
        let bits = 48
        let count = 2_000
        let list = try Self.list([
            20_000: (bits, (0..<UInt64(count / 2)).map { $0 * 3 } + (0..<UInt64(count / 2)).map { (1 << UInt64(bits)) - 1 - $0 * 3 })
        ])
        let group = try #require(list.tokenIndex.dayGroups.first)
        #expect(group.bucketBits >= 4, "enough buckets to leave some empty")
        let r = UInt64(group.remainderBits)
        for index in 0..<UInt64(count / 2) {
            #expect(Self.contains(list, hash: Self.hash(index * 3, bits: bits), day: 20_000))
            #expect(Self.contains(list, hash: Self.hash((1 << UInt64(bits)) - 1 - index * 3, bits: bits), day: 20_000))
            #expect(!Self.contains(list, hash: Self.hash(index * 3 + 1, bits: bits), day: 20_000))
        }
        for bucket in 1..<(UInt64(1) << UInt64(group.bucketBits) - 1) {
            #expect(!Self.contains(list, hash: Self.hash(bucket << r, bits: bits), day: 20_000), "empty bucket \(bucket)")
            #expect(!Self.contains(list, hash: Self.hash(bucket << r | 7, bits: bits), day: 20_000), "empty bucket \(bucket)")
        }
        #expect(!Self.contains(list, hash: Self.hash(0, bits: bits), day: 20_001), "another day has no group")
    }

    /// A publisher may put every entry in one bucket (the format allows it): the list is read
    /// and answers exactly; the search stays a binary search, so it cannot degrade to a scan.
    @Test func bucketHoldingEveryEntryIsSearchedExactly() throws {
        let bits = 48
        let count = 20_000
        let fingerprints = (0..<UInt64(count)).map { (1 << 47) | $0 * 2 }  // one bucket: the first of the upper half
        let list = try Self.list([RevocationListFormat.noExpiryDay: (bits, fingerprints)])
        let group = try #require(list.tokenIndex.noExpiryGroup)
        #expect(group.bucketBits >= 8)
        for fingerprint in fingerprints.enumerated() where fingerprint.offset % 7 == 0 {
            #expect(Self.contains(list, hash: Self.hash(fingerprint.element, bits: bits), day: RevocationListFormat.noExpiryDay))
            #expect(!Self.contains(list, hash: Self.hash(fingerprint.element + 1, bits: bits), day: RevocationListFormat.noExpiryDay))
        }
        #expect(!Self.contains(list, hash: Self.hash(0, bits: bits), day: RevocationListFormat.noExpiryDay))
    }

    /// The walk from a remainder's expected place (buckets of up to 64 entries) is exact when
    /// the guess is as wrong as it can be: 64 remainders crowded at the bottom or the top of
    /// their range make the walk cross the whole bucket, up and down; a bucket of 65 is searched
    /// the other way.
    @Test(arguments: [64, 65])
    func crowdedBucketsAreWalkedExactly(crowd: Int) throws {
        let bits = 48
        let count = 3_000
        let b = RevocationListVersion.sipHash.bucketBits(count: count, fingerprintBits: bits)
        let r = UInt64(bits - b)
        let top: UInt64 = (1 << r) - 1
        let low = (0..<UInt64(crowd)).map { 1 << r | $0 }  // bucket 1, remainders 0 ...
        let high = (0..<UInt64(crowd)).map { 2 << r | (top - $0) }  // bucket 2, ... 2^r − 1
        var random = SeededGenerator(seed: 64)
        var fingerprints = Set(low + high)
        while fingerprints.count < count { fingerprints.insert(3 << r + random.next() % ((1 << UInt64(bits)) - (3 << r))) }
        let list = try Self.list([RevocationListFormat.noExpiryDay: (bits, Array(fingerprints))])
        let group = try #require(list.tokenIndex.noExpiryGroup)
        #expect(group.bucketBits == b && b >= 3)
        let day = RevocationListFormat.noExpiryDay
        for fingerprint in low + high {
            #expect(Self.contains(list, hash: Self.hash(fingerprint, bits: bits), day: day), "\(fingerprint)")
        }
        for absent in [UInt64(crowd), top / 2, top] {
            #expect(!Self.contains(list, hash: Self.hash(1 << r | absent, bits: bits), day: day), "bucket 1, \(absent)")
        }
        for absent in [0, top / 2, top - UInt64(crowd)] {
            #expect(!Self.contains(list, hash: Self.hash(2 << r | absent, bits: bits), day: day), "bucket 2, \(absent)")
        }
    }

    @Test func tokenWithAnExpiryIsLookedUpInItsDayAndInTheNoExpiryGroup() throws {
        let expiration = NumericDate(1_700_003_600)
        let list = try RevocationFixture.list([
            .token(issuer: "i", jwtID: "dated", expiration: expiration),
            .token(issuer: "i", jwtID: "undated", expiration: nil),
        ])
        #expect(list.tokenIndex.days == [RevocationListFormat.day(of: expiration)])
        #expect(list.tokenIndex.noExpiryGroup != nil)
        #expect(list.containsToken(issuer: "i", jwtID: "dated", expiration: expiration))
        #expect(list.containsToken(issuer: "i", jwtID: "undated", expiration: expiration), "the no-expiry group covers every token")
        #expect(list.containsToken(issuer: "i", jwtID: "undated", expiration: nil))
        #expect(!list.containsToken(issuer: "i", jwtID: "dated", expiration: NumericDate(1_700_003_600 + 86_400)), "another day")
        #expect(!list.containsToken(issuer: "i", jwtID: "dated", expiration: nil), "a dated entry is not in the no-expiry group")
    }

    @Test func emptyListHasAnEmptyIndex() throws {
        let list = try RevocationFixture.list([.subject(issuer: "i", subject: "s", issuedBefore: 1, expires: nil)])
        #expect(list.tokenIndex.isEmpty)
        #expect(!list.containsToken(issuer: "i", jwtID: "s", expiration: nil))
    }

    /// At the widths the builder gives (q = 48 for up to 65,535 entries in a day), random
    /// non-members (fixed seed) are refused: the documented bound is below 2^-31 per token, so
    /// 100,000 probes of 30,000 entries over 3 days expect 100,000 · 10,000 / 2^48 ≈ 4 · 10^-6
    /// matches, and every member is found.
    @Test func randomNonMembersStayWithinTheFalsePositiveBound() throws {
        var random = SeededGenerator(seed: 13)
        let days = (0..<3).map { NumericDate(1_700_003_600 + Double($0) * 86_400) }
        let entries = (0..<30_000).map { index in
            RevocationEntry.token(issuer: "https://id.example", jwtID: "member-\(random.next())", expiration: days[index % 3])
        }
        let list = try RevocationFixture.list(entries)
        #expect(list.tokenIndex.days.count == 3)
        #expect(list.tokenIndex.dayGroups.allSatisfy { $0.fingerprintBits == 48 })
        for case .token(let issuer, let jwtID, let expiration) in entries {
            #expect(list.containsToken(issuer: issuer, jwtID: jwtID, expiration: expiration))
        }
        var matches = 0
        for index in 0..<100_000 where list.containsToken(issuer: "https://id.example", jwtID: "probe-\(random.next())", expiration: days[index % 3]) {
            matches += 1
        }
        #expect(matches == 0)
    }
}
