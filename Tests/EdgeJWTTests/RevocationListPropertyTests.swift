import Testing
@testable import EdgeJWT

/// Properties of the compact list on seeded random sets: no false negatives, canonical encoding,
/// and deltas that rebuild exactly the target snapshot.
@Suite struct RevocationListPropertyTests {
    static let seeds: [UInt64] = Array(1...10)

    @Test(arguments: seeds)
    func everyInsertedEntryIsFound(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let entries = (0..<3_000).map { _ in RandomEntries.entry(&random) }
        let list = try RevocationList(
            verifying: RevocationFixture.content(entries).signed(by: RevocationFixture.publisher),
            publisherKeys: RevocationFixture.publisherKeys)
        for entry in entries {
            switch entry {
            case .token(let issuer, let jwtID, let expiration):
                #expect(list.containsToken(issuer: issuer, jwtID: jwtID, expiration: expiration), "\(entry)")
            case .subject(let issuer, let subject, let issuedBefore, _):
                let time = list.subjectRevocationTime(issuer: issuer, subject: subject)
                #expect(time.map { $0 >= issuedBefore } ?? false, "\(entry)")
            case .key(let keyID, _):
                #expect(list.isKeyRevoked(keyID), "\(entry)")
            }
        }
    }

    @Test func everyOneOfAHundredThousandEntriesInOneGroupIsFound() throws {
        let jwtIDs = (0..<100_000).map { "token-\($0)" }
        let list = try RevocationList(
            verifying: RevocationFixture.content(jwtIDs.map { .token(issuer: "https://id.example", jwtID: $0, expiration: 1_700_003_600) })
                .signed(by: RevocationFixture.publisher),
            publisherKeys: RevocationFixture.publisherKeys)
        #expect(list.groups.count == 1 && list.groups[0].bucketBits > 8, "several thousand buckets are exercised")
        let missing = jwtIDs.filter { !list.containsToken(issuer: "https://id.example", jwtID: $0, expiration: 1_700_003_600) }
        #expect(missing.isEmpty)
    }

    @Test(arguments: seeds)
    func randomNonMembersAreNotFound(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let list = try RevocationList(
            verifying: RevocationFixture.content((0..<3_000).map { _ in RandomEntries.token(&random) }).signed(
                by: RevocationFixture.publisher),
            publisherKeys: RevocationFixture.publisherKeys)
        // Each probe has a false-positive probability below 2^-32; 20,000 of them find none
        // unless the bound is broken.
        var falsePositives = 0
        for index in 0..<20_000 {
            if list.containsToken(
                issuer: "https://a.example", jwtID: "absent-\(seed)-\(index)", expiration: RandomEntries.expiration(&random))
            {
                falsePositives += 1
            }
        }
        #expect(falsePositives == 0)
    }

    @Test(arguments: seeds)
    func encodingDoesNotDependOnInsertionOrder(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let entries = (0..<500).map { _ in RandomEntries.entry(&random) }
        let forward = try RevocationFixture.content(entries)
        var shuffled = try RevocationFixture.content([])
        for entry in entries.shuffled(using: &random) { try shuffled.insert(entry) }
        #expect(try forward.signed(by: RevocationFixture.publisher) == shuffled.signed(by: RevocationFixture.publisher))
    }

    @Test(arguments: seeds)
    func signedListDecodesBackToItsContent(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var content = try RevocationFixture.content((0..<1_000).map { _ in RandomEntries.entry(&random) })
        content.prune(before: RevocationEntries.pruneTime(&random))
        let list = try RevocationList(
            verifying: content.signed(by: RevocationFixture.publisher), publisherKeys: RevocationFixture.publisherKeys)
        #expect(RevocationListContent(list) == content)
    }

    @Test(arguments: seeds)
    func deltaAppliedToItsBaseGivesExactlyTheTargetSnapshot(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let baseEntries = (0..<800).map { _ in RandomEntries.entry(&random) }
        let base = try RevocationFixture.content(baseEntries, sequence: 10 + seed)
        var target = base
        target.sequence += UInt64.random(in: 1...3, using: &random)
        target.issuedAt += UInt64.random(in: 0...5_000, using: &random)
        target.validUntil = target.issuedAt + 86_400
        try target.insert(contentsOf: (0..<Int.random(in: 0...300, using: &random)).map { _ in RandomEntries.entry(&random) })
        target.remove(contentsOf: baseEntries.filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
        if Bool.random(using: &random) { target.prune(before: RevocationEntries.pruneTime(&random)) }
        try expectDeltaRebuildsTarget(from: base, to: target)
    }

    @Test func deltaThatWidensAGroupRebuildsTheTarget() throws {
        let base = try RevocationFixture.content([.token(issuer: "i", jwtID: "first", expiration: 1_700_003_600)])
        var target = try RevocationFixture.content(
            (0..<40_000).map { .token(issuer: "i", jwtID: "n\($0)", expiration: 1_700_003_600) }, sequence: 2)
        try target.insert(.key(keyID: "k1", expires: nil))
        let day = RevocationListFormat.day(of: 1_700_003_600)
        #expect(base.tokenGroups[day]?.fingerprintBits != target.tokenGroups[day]?.fingerprintBits)
        try expectDeltaRebuildsTarget(from: base, to: target)
    }

    @Test func emptyDeltaAdvancesOnlyTheHeader() throws {
        let base = try RevocationFixture.content(RevocationFixture.mixedEntries)
        var target = base
        target.sequence = 2
        target.issuedAt += 60
        target.validUntil += 60
        try expectDeltaRebuildsTarget(from: base, to: target)
    }

    @Test(arguments: seeds)
    func chainOfDeltasInstalledEqualsTheLastSnapshot(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var content = try RevocationFixture.content((0..<200).map { _ in RandomEntries.entry(&random) })
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        try check.install(content.signed(by: RevocationFixture.publisher))
        for _ in 0..<5 {
            let previous = content
            content.sequence += 1
            content.issuedAt += 600
            content.validUntil += 600
            try content.insert(contentsOf: (0..<50).map { _ in RandomEntries.entry(&random) })
            try check.install(content.delta(from: previous, signedBy: RevocationFixture.publisher))
        }
        #expect(check.list?.bytes == (try content.signed(by: RevocationFixture.publisher)))
    }

    private func expectDeltaRebuildsTarget(
        from base: RevocationListContent, to target: RevocationListContent, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let keys = RevocationFixture.publisherKeys
        let baseList = try RevocationList(verifying: base.signed(by: RevocationFixture.publisher), publisherKeys: keys)
        let delta = try target.delta(from: base, signedBy: RevocationFixture.publisher)
        let result = try RevocationDelta(verifying: delta, publisherKeys: keys).apply(to: baseList, publisherKeys: keys)
        #expect(result.bytes == (try target.signed(by: RevocationFixture.publisher)), sourceLocation: sourceLocation)
        #expect(RevocationListContent(result) == target, sourceLocation: sourceLocation)
    }
}

/// Random revocation entries over a few issuers, ten expiry days (and none), 50 key ids.
enum RandomEntries {
    static let issuers = ["https://a.example", "https://b.example", ""]

    static func entry(_ random: inout SeededGenerator) -> RevocationEntry {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: subject(&random)
        case 1: .key(keyID: "k\(Int.random(in: 0..<50, using: &random))", expires: optionalTime(&random))
        default: token(&random)
        }
    }

    static func token(_ random: inout SeededGenerator) -> RevocationEntry {
        .token(issuer: issuers.randomElement(using: &random)!, jwtID: identifier(&random), expiration: expiration(&random))
    }

    static func subject(_ random: inout SeededGenerator) -> RevocationEntry {
        .subject(
            issuer: issuers.randomElement(using: &random)!, subject: "user-\(Int.random(in: 0..<200, using: &random))",
            issuedBefore: NumericDate(Double(Int.random(in: 1_699_000_000...1_700_000_000, using: &random))), expires: optionalTime(&random)
        )
    }

    static func expiration(_ random: inout SeededGenerator) -> NumericDate? {
        Int.random(in: 0..<11, using: &random) == 0
            ? nil : NumericDate(Double(Int.random(in: 1_699_900_000...1_700_764_000, using: &random)))
    }

    static func optionalTime(_ random: inout SeededGenerator) -> NumericDate? {
        Bool.random(using: &random) ? nil : NumericDate(Double(Int.random(in: 1_699_950_000...1_700_800_000, using: &random)))
    }

    static func identifier(_ random: inout SeededGenerator) -> String {
        let length = Int.random(in: 1...24, using: &random)
        return String((0..<length).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789-_".randomElement(using: &random)! })
    }
}

enum RevocationEntries {
    /// A horizon between a day before the fixture's first expiry and its `iat`.
    static func pruneTime(_ random: inout SeededGenerator) -> UInt64 {
        UInt64.random(in: 1_699_900_000...RevocationFixture.issuedAt, using: &random)
    }
}

/// SplitMix64: a small seeded generator, so every property run is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
