import Testing
@testable import EdgeJWT

#if canImport(Glibc)
    import Glibc
#endif

/// File size per entry (deterministic, asserted) and lookup cost (measured, printed, never
/// asserted). The figures in `docs/revocation-format.md` §8 come from:
///
///     EDGEJWT_MEASURE=1 swift test -c release -Xswiftc -enable-testing \
///         --scratch-path .build-revocation-release --filter RevocationListMeasurementTests
///
/// and the allocation count per lookup from two runs under heaptrack (§8). Serialized, so that
/// timings do not compete with the suite's other tests for the CPU.
@Suite(.serialized) struct RevocationListMeasurementTests {
    static let measuring = getenv("EDGEJWT_MEASURE") != nil
    /// Set to a number of lookups for the valgrind allocation count.
    static let allocationLookups: Int? = getenv("EDGEJWT_MEASURE_ALLOCATION_LOOKUPS").flatMap { Int(String(cString: $0)) }

    static let issuer = "https://id.example.com"
    static let firstExpiry = 1_700_003_600.0

    @Test(arguments: [1, 30])
    func hundredThousandEntriesTakeAtMostSixBytesEach(days: Int) throws {
        let list = try Self.list(count: 100_000, days: days)
        #expect(Double(list.bytes.count) / 100_000 <= 6)
    }

    @Test(.enabled(if: measuring))
    func millionEntriesTakeAtMostSixBytesEach() throws {
        for days in [1, 30, 365] {
            let list = try Self.list(count: 1_000_000, days: days)
            let perEntry = Double(list.bytes.count) / 1_000_000
            print(
                "RevocationListMeasurementTests: 1000000 entries over \(days) days: \(list.bytes.count) bytes, \(Self.twoDecimals(perEntry)) per entry"
            )
            #expect(perEntry <= 6, "\(days) days")
        }
    }

    @Test(.enabled(if: measuring))
    func millionEntriesInOneDayTakeAtMostFiveBytesEachInVersionTwo() throws {
        let list = try Self.list(count: 1_000_000, days: 1, version: .sipHash)
        let perEntry = Double(list.bytes.count) / 1_000_000
        print("RevocationListMeasurementTests: version 2, 1000000 entries in 1 day: \(list.bytes.count) bytes, \(perEntry) per entry")
        #expect(perEntry <= 5)
    }

    /// Version 1 and version 2 lists of the same 1,000,000 entries, looked up in interleaved
    /// rounds (v1, v2, v2, v1, ...) so that the machine's load affects both alike; prints the
    /// median ns per lookup of each over the rounds, in CPU time of the measuring thread (on a
    /// shared machine, wall time mostly measures the waits for a core).
    @Test(.enabled(if: measuring))
    func compareLookupCostOfBothVersions() throws {
        print("version  days  bytes/entry  hit ns (median of 15 rounds)  miss ns (median of 15 rounds)")
        for days in [1, 30] {
            let count = 1_000_000
            let jwtIDs = (0..<count).map { Self.jwtID($0) }
            let lists = try RevocationListVersion.allCases.map { version in
                try RevocationList(
                    verifying: Self.content(jwtIDs: jwtIDs, days: days, version: version).signed(by: RevocationFixture.publisher),
                    publisherKeys: RevocationFixture.publisherKeys)
            }
            let probes = (0..<100_000).map { (jwtIDs[($0 * 7919) % count], Self.expiration(($0 * 7919) % count, days: days)) }
            let misses = (0..<100_000).map { (Self.jwtID(count + $0), Self.expiration($0, days: days)) }
            var hits = [[Double]](repeating: [], count: lists.count)
            var missTimes = [[Double]](repeating: [], count: lists.count)
            var found = 0
            let lookups = 200_000
            for round in 0..<15 {
                let order = round % 2 == 0 ? Array(lists.indices) : lists.indices.reversed()
                for index in order {
                    let list = lists[index]
                    let hit = Self.threadCPUNanoseconds {
                        for probe in 0..<lookups {
                            let (jwtID, expiration) = probes[probe % probes.count]
                            if list.containsToken(issuer: Self.issuer, jwtID: jwtID, expiration: expiration) { found += 1 }
                        }
                    }
                    let miss = Self.threadCPUNanoseconds {
                        for probe in 0..<lookups {
                            let (jwtID, expiration) = misses[probe % misses.count]
                            if list.containsToken(issuer: Self.issuer, jwtID: jwtID, expiration: expiration) { found += 1 }
                        }
                    }
                    hits[index].append(hit / Double(lookups))
                    missTimes[index].append(miss / Double(lookups))
                }
            }
            #expect(found == 15 * lookups * lists.count, "every listed entry is found, no unlisted one")
            for (index, list) in lists.enumerated() {
                func median(_ values: [Double]) -> String { "\(Int(values.sorted()[values.count / 2].rounded()))" }
                print(
                    "      \(list.header.version.rawValue)  \(days)  \(Self.twoDecimals(Double(list.bytes.count) / Double(count)))  \(median(hits[index]))  \(median(missTimes[index]))"
                )
            }
        }
    }

    @Test(.enabled(if: measuring))
    func measureSizeAndLookupCost() throws {
        print("entries   days  file bytes  bytes/entry  sign+encode  verify+index  hit ns  miss ns  check ns")
        for count in [1_000, 100_000, 1_000_000] {
            for days in [1, 30] {
                let jwtIDs = (0..<count).map { Self.jwtID($0) }
                let content = try Self.content(jwtIDs: jwtIDs, days: days)
                var bytes: [UInt8] = []
                let signing = try ContinuousClock().measure { bytes = try content.signed(by: RevocationFixture.publisher) }
                var list: RevocationList? = nil
                let loading = try ContinuousClock().measure {
                    list = try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys)
                }
                let loaded = try #require(list)
                let lookups = 1_000_000
                let probes = (0..<min(count, 100_000)).map { (jwtIDs[$0], Self.expiration($0, days: days)) }
                let misses = (0..<100_000).map { (Self.jwtID(count + $0), Self.expiration($0, days: days)) }
                var found = 0
                let hit = ContinuousClock().measure {
                    for index in 0..<lookups {
                        let (jwtID, expiration) = probes[index % probes.count]
                        if loaded.containsToken(issuer: Self.issuer, jwtID: jwtID, expiration: expiration) { found += 1 }
                    }
                }
                let miss = ContinuousClock().measure {
                    for index in 0..<lookups {
                        let (jwtID, expiration) = misses[index % misses.count]
                        if loaded.containsToken(issuer: Self.issuer, jwtID: jwtID, expiration: expiration) { found += 1 }
                    }
                }
                #expect(found == lookups)
                let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
                try check.install(bytes)
                let header = RevocationListCheckTests.header
                let claims = try RevocationListCheckTests.claims(
                    #"{"iss":"\#(Self.issuer)","sub":"user-1","jti":"\#(Self.jwtID(count + 1))","exp":\#(Int(Self.firstExpiry)),"iat":1700000000}"#
                )
                let checks = 200_000
                let checking = try ContinuousClock().measure {
                    for _ in 0..<checks { try check.check(header: header, claims: claims, at: 1_700_000_000) }
                }
                print(
                    Self.row([
                        "\(count)", "\(days)", "\(bytes.count)", Self.twoDecimals(Double(bytes.count) / Double(count)),
                        Self.milliseconds(signing), Self.milliseconds(loading), Self.nanoseconds(hit, lookups),
                        Self.nanoseconds(miss, lookups), Self.nanoseconds(checking, checks),
                    ]))
            }
        }
    }

    /// Run under heaptrack twice, with 0 and with N; the difference in "calls to allocation
    /// functions" divided by N is the allocations per lookup plus per step-9 check of an
    /// accepted token (`iss`, `sub`, `jti`, `exp`, `iat`: two keyed hashes, three searches).
    @Test(.enabled(if: allocationLookups != nil))
    func lookupsForAnAllocationCount() throws {
        let bytes = try Self.content(jwtIDs: (0..<10_000).map(Self.jwtID), days: 30).signed(by: RevocationFixture.publisher)
        let list = try RevocationList(verifying: bytes, publisherKeys: RevocationFixture.publisherKeys)
        let check = try RevocationListCheck(publisherKeys: RevocationFixture.publisherKeys)
        try check.install(bytes)
        let header = RevocationListCheckTests.header
        let claims = try RevocationListCheckTests.claims(
            #"{"iss":"\#(Self.issuer)","sub":"user-1","jti":"\#(Self.jwtID(20_000))","exp":\#(Int(Self.firstExpiry)),"iat":1700000000}"#)
        let probes = (0..<1_000).map { (Self.jwtID($0 * 7), Self.expiration($0 * 7, days: 30)) }
        var found = 0
        for index in 0..<(Self.allocationLookups ?? 0) {
            let (jwtID, expiration) = probes[index % probes.count]
            if list.containsToken(issuer: Self.issuer, jwtID: jwtID, expiration: expiration) { found += 1 }
            try check.check(header: header, claims: claims, at: 1_700_000_000)
        }
        print("RevocationListMeasurementTests: \(Self.allocationLookups ?? 0) lookups and checks, \(found) found")
    }

    // MARK: Helpers

    /// A realistic `jti`: 22 base64url characters (16 random bytes), deterministic in `index`.
    static func jwtID(_ index: Int) -> String {
        var random = SeededGenerator(seed: UInt64(index) &+ 0x1234_5678)
        return Base64URL.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    /// Entry `index`'s token `exp`, spread evenly over `days` days.
    static func expiration(_ index: Int, days: Int) -> NumericDate {
        NumericDate(firstExpiry + Double(index % days) * 86_400)
    }

    static func content(jwtIDs: [String], days: Int, version: RevocationListVersion = .current) throws -> RevocationListContent {
        try RevocationFixture.content(
            jwtIDs.enumerated().map { .token(issuer: issuer, jwtID: $1, expiration: expiration($0, days: days)) }, version: version)
    }

    static func list(count: Int, days: Int, version: RevocationListVersion = .current) throws -> RevocationList {
        let content = try content(jwtIDs: (0..<count).map(jwtID), days: days, version: version)
        return try RevocationList(
            verifying: content.signed(by: RevocationFixture.publisher), publisherKeys: RevocationFixture.publisherKeys)
    }

    /// The CPU time the calling thread spends in `body`, in nanoseconds.
    static func threadCPUNanoseconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
        }
        let start = now()
        body()
        return now() - start
    }

    static func milliseconds(_ duration: Duration) -> String {
        "\(Int((duration.inSeconds * 1_000).rounded())) ms"
    }

    static func nanoseconds(_ duration: Duration, _ operations: Int) -> String {
        "\(Int((duration.inSeconds * 1e9 / Double(operations)).rounded()))"
    }

    /// `value` with two decimals.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Right-aligned columns under the header printed by ``measureSizeAndLookupCost()``.
    static func row(_ columns: [String]) -> String {
        let widths = [7, 6, 11, 12, 12, 13, 7, 8, 9]
        return zip(columns, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: " ")
    }
}
