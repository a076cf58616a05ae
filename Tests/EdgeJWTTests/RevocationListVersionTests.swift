import Testing
@testable import EdgeJWT

/// Format versions 1 (BLAKE2b) and 2 (SipHash) of the compact list: the same answers for the
/// same entries, each read by its own hash, deltas within one version only, and the
/// false-positive rate the format states.
@Suite struct RevocationListVersionTests {
    static let seeds: [UInt64] = Array(1...6)

    @Test func buildWritesVersionTwoByDefault() throws {
        let bytes = try RevocationListContent(name: "n", issuedAt: 1, validUntil: 2).signed(by: RevocationFixture.publisher)
        #expect(bytes[4] == 2)
    }

    @Test func unknownFormatVersionIsRefusedByTheBuilder() throws {
        let error = #expect(throws: RevocationListError.self) {
            try RevocationListContent(name: "n", issuedAt: 1, validUntil: 2, formatVersion: 3)
        }
        #expect(error?.code == .invalidEntry)
    }

    @Test func versionsHashTheSameEntryDifferently() throws {
        let salt = RevocationFixture.salt
        let one = RevocationFingerprint.token(version: .blake2b, salt: salt, issuer: "i", jwtID: "j")
        let two = RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "i", jwtID: "j")
        #expect(one != two)
        #expect(
            RevocationFingerprint.subject(version: .blake2b, salt: salt, issuer: "i", subject: "s")
                != RevocationFingerprint.subject(version: .sipHash, salt: salt, issuer: "i", subject: "s"))
    }

    @Test func versionTwoKeysTokensAndSubjectsWithDifferentHalvesOfTheSalt() throws {
        var salt = RevocationFixture.salt
        let token = RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "i", jwtID: "j")
        let subject = RevocationFingerprint.subject(version: .sipHash, salt: salt, issuer: "i", subject: "j")
        salt[20] ^= 1
        #expect(RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "i", jwtID: "j") == token)
        #expect(RevocationFingerprint.subject(version: .sipHash, salt: salt, issuer: "i", subject: "j") != subject)
        salt[3] ^= 1
        #expect(RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "i", jwtID: "j") != token)
    }

    @Test func sipHashLengthPrefixesKeepIssuerAndJWTIDApart() throws {
        let salt = RevocationFixture.salt
        #expect(
            RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "a", jwtID: "bc")
                != RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "ab", jwtID: "c"))
    }

    @Test func sipHashOfALongMessageLeavesTheStackScratch() throws {
        let long = String(repeating: "x", count: 5_000)
        let list = try RevocationFixture.list([.token(issuer: long, jwtID: long, expiration: nil)])
        #expect(list.containsToken(issuer: long, jwtID: long, expiration: nil))
        #expect(!list.containsToken(issuer: long, jwtID: long + "y", expiration: nil))
    }

    @Test(arguments: seeds)
    func bothVersionsGiveTheSameAnswers(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let entries = (0..<2_000).map { _ in RandomEntries.entry(&random) }
        let lists = try RevocationListVersion.allCases.map { version in
            try RevocationList(
                verifying: RevocationFixture.content(entries, version: version).signed(by: RevocationFixture.publisher),
                publisherKeys: RevocationFixture.publisherKeys)
        }
        #expect(lists.map(\.header.version) == [.blake2b, .sipHash])
        let probes = entries + (0..<2_000).map { _ in RandomEntries.entry(&random) }
        for probe in probes {
            switch probe {
            case .token(let issuer, let jwtID, let expiration):
                let answers = lists.map { $0.containsToken(issuer: issuer, jwtID: jwtID, expiration: expiration) }
                #expect(answers[0] == answers[1], "\(probe)")
            case .subject(let issuer, let subject, _, _):
                let answers = lists.map { $0.subjectRevocationTime(issuer: issuer, subject: subject) }
                #expect(answers[0] == answers[1], "\(probe)")
            case .key(let keyID, _):
                #expect(lists[0].isKeyRevoked(keyID) == lists[1].isKeyRevoked(keyID), "\(probe)")
            }
        }
        #expect(lists[0].revokedTokenCount == lists[1].revokedTokenCount)
        #expect(lists[0].revokedSubjectCount == lists[1].revokedSubjectCount)
    }

    @Test func versionOneListIsEditedAndSignedAgainAsVersionOne() throws {
        let old = try RevocationList(
            verifying: RevocationFixture.content([.token(issuer: "i", jwtID: "a", expiration: nil)], version: .blake2b).signed(
                by: RevocationFixture.publisher),
            publisherKeys: RevocationFixture.publisherKeys)
        var content = RevocationListContent(old)
        content.sequence = 2
        try content.insert(.token(issuer: "i", jwtID: "b", expiration: nil))
        let next = try RevocationList(verifying: content.signed(by: RevocationFixture.publisher), publisherKeys: RevocationFixture.publisherKeys)
        #expect(next.header.version == .blake2b)
        #expect(next.containsToken(issuer: "i", jwtID: "a", expiration: nil) && next.containsToken(issuer: "i", jwtID: "b", expiration: nil))
    }

    @Test func deltaBetweenVersionsIsRefusedByThePublisher() throws {
        let base = try RevocationFixture.content([], version: .blake2b)
        let next = try RevocationFixture.content([], sequence: 2, version: .sipHash)
        let error = #expect(throws: RevocationListError.self) { try next.delta(from: base, signedBy: RevocationFixture.publisher) }
        #expect(error?.code == .invalidEntry)
    }

    @Test func deltaOfAnotherVersionThanTheInstalledListIsBaseMismatch() throws {
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        try check.install(RevocationFixture.content([], version: .blake2b).signed(by: RevocationFixture.publisher))
        // A version 2 delta from a version 2 sequence 1 of the same name and salt.
        let base = try RevocationFixture.content([], version: .sipHash)
        var next = base
        next.sequence = 2
        try next.insert(.token(issuer: "i", jwtID: "j", expiration: nil))
        let delta = try next.delta(from: base, signedBy: RevocationFixture.publisher)
        let error = #expect(throws: RevocationListError.self) { try check.install(delta) }
        #expect(error?.code == .baseMismatch)
        #expect(check.list?.header.version == .blake2b, "the installed list stays")
    }

    /// The false-positive rate of a group is `n / 2^q`: measured with the real lookup and the
    /// real version 2 hash on a group made narrow on purpose (q = 24, far below what the format
    /// allows, so that chance matches are frequent enough to count).
    @Test func falsePositiveRateOfAGroupIsItsEntriesOverTwoToTheWidth() throws {
        let q = 24
        let b = 7
        let count = 4_096
        let salt = RevocationFixture.salt
        let members = (0..<count).map { RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "i", jwtID: "member-\($0)") }
        let fingerprints = Set(members.map { $0 >> UInt64(64 - q) }).sorted()
        var writer = ByteWriter()
        var ends = [UInt32](repeating: 0, count: 1 << b)
        for fingerprint in fingerprints { ends[Int(fingerprint >> UInt64(q - b))] += 1 }
        var total: UInt32 = 0
        for bucket in ends.indices {
            total += ends[bucket]
            writer.append(total)
        }
        writer.appendPacked(fingerprints.lazy.map { $0 & ((1 << UInt64(q - b)) - 1) }, width: q - b)
        // In a file, the subject and key counts and the signature follow the groups: the lookup
        // may read up to 8 bytes from a remainder's first byte.
        writer.append([UInt8](repeating: 0, count: 72))
        let group = TokenGroupIndex(
            day: 0, count: fingerprints.count, fingerprintBits: q, bucketBits: b, endsOffset: 0, remaindersOffset: 4 << b)
        try writer.bytes.withUnsafeBufferPointer { buffer in
            try group.checkOrder(buffer.baseAddress!)
            #expect(members.allSatisfy { group.contains(hash: $0, in: buffer.baseAddress!) }, "no false negative")
            let probes = 400_000
            var matches = 0
            for index in 0..<probes {
                let hash = RevocationFingerprint.token(version: .sipHash, salt: salt, issuer: "i", jwtID: "probe-\(index)")
                if group.contains(hash: hash, in: buffer.baseAddress!) { matches += 1 }
            }
            // Expected 400,000 · n / 2^24 ≈ 97.6 (n is 4,096 less the few 24-bit collisions);
            // binomial σ ≈ 9.9. The window is ±5σ: a broken hash or lookup lands outside it.
            let expected = Double(probes) * Double(fingerprints.count) / Double(1 << q)
            #expect(Double(matches) > expected - 50 && Double(matches) < expected + 50, "\(matches) matches, expected \(expected)")
        }
    }
}
