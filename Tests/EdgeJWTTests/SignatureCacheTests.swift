import Synchronization
import Testing
@testable import EdgeJWT

/// ``SignatureCache``: a hit skips only the signature check; time, policy and status rules run
/// on every call, and only the exact same bytes verified by the same key are a hit.
@Suite struct SignatureCacheTests {
    static let payload = #"{"sub":"alice","jti":"t-1","exp":\#(testNow + 600)}"#

    /// A harness whose verifier uses `cache` (and `statusChecks`).
    static func verifier(
        _ cache: SignatureCache, statusChecks: [any StatusCheck] = [], keys: [String] = [TestKey.issuer.jwk()]
    ) throws -> Verifier {
        let base = try Harness(keys: keys)
        return Verifier(
            keys: base.verifier.keys, options: base.verifier.options, clock: FixedClock(NumericDate(integerLiteral: testNow)),
            statusChecks: statusChecks, signatureCache: cache)
    }

    /// Whether `token` is cached as verified by the verifier's only key.
    static func isCached(_ token: String, in cache: SignatureCache, _ verifier: Verifier) -> Bool {
        Array(token.utf8).withUnsafeBufferPointer { cache.containsVerified($0, by: verifier.keys.keys[0]) }
    }

    @Test func verifiedTokenIsStoredAndVerifiesAgain() throws {
        let cache = SignatureCache(capacity: 8)
        let verifier = try Self.verifier(cache)
        let token = Harness.signed(payload: Self.payload)
        #expect(!Self.isCached(token, in: cache, verifier))
        #expect(try verifier.verify(token).claims.subject == "alice")
        #expect(Self.isCached(token, in: cache, verifier))
        #expect(try verifier.verify(token).claims.subject == "alice")
        #expect(cache.count == 1)
    }

    @Test func expiryIsStillCheckedOnAHit() throws {
        let cache = SignatureCache(capacity: 8)
        let verifier = try Self.verifier(cache)
        let token = Harness.signed(payload: Self.payload)
        _ = try verifier.verify(token)
        #expect(Self.isCached(token, in: cache, verifier))
        let error = #expect(throws: VerificationError.self) {
            try verifier.verify(token, at: NumericDate(integerLiteral: testNow + 3600))
        }
        #expect(error?.code == .expired)
    }

    @Test func revocationIsStillCheckedOnAHit() throws {
        let cache = SignatureCache(capacity: 8)
        let revoked = RevokedIDs()
        let verifier = try Self.verifier(cache, statusChecks: [revoked])
        let token = Harness.signed(payload: Self.payload)
        _ = try verifier.verify(token)
        revoked.revoke("t-1")
        #expect(Self.isCached(token, in: cache, verifier))
        let error = #expect(throws: VerificationError.self) { try verifier.verify(token) }
        #expect(error?.code == .revoked)
    }

    @Test func sameHeaderAndPayloadWithAnotherSignatureIsNotAHit() throws {
        let cache = SignatureCache(capacity: 8)
        let verifier = try Self.verifier(cache)
        let token = Harness.signed(payload: Self.payload)
        _ = try verifier.verify(token)
        let forged = TokenEdit.flippingBit(5, ofSegment: 2, in: token)
        let error = #expect(throws: VerificationError.self) { try verifier.verify(forged) }
        #expect(error?.code == .invalidSignature)
        #expect(cache.count == 1)
    }

    /// Bits of `{"sub":"alice",...` inside "alice": the altered payload is still valid JSON.
    @Test(arguments: [65, 81, 97])
    func tokenDifferingInOneByteOfTheSigningInputIsNotAHit(bit: Int) throws {
        let cache = SignatureCache(capacity: 8)
        let verifier = try Self.verifier(cache)
        let token = Harness.signed(payload: Self.payload)
        _ = try verifier.verify(token)
        let altered = TokenEdit.flippingBit(bit, ofSegment: 1, in: token)
        #expect(TokenEdit.segments(altered)[2] == TokenEdit.segments(token)[2])
        #expect(!Self.isCached(altered, in: cache, verifier))
        let error = #expect(throws: VerificationError.self) { try verifier.verify(altered) }
        #expect(error?.code == .invalidSignature)
        #expect(cache.count == 1)
    }

    @Test func tokenDifferingInTheLastByteOfTheSignatureIsNotAHit() throws {
        let cache = SignatureCache(capacity: 8)
        let verifier = try Self.verifier(cache)
        let token = Harness.signed(payload: Self.payload)
        _ = try verifier.verify(token)
        let altered = TokenEdit.flippingBit(63 * 8 + 1, ofSegment: 2, in: token)
        #expect(TokenEdit.segments(altered)[0...1] == TokenEdit.segments(token)[0...1])
        #expect(!Self.isCached(altered, in: cache, verifier))
        let error = #expect(throws: VerificationError.self) { try verifier.verify(altered) }
        #expect(error?.code == .invalidSignature)
        #expect(cache.count == 1)
    }

    @Test func anotherTokenWithTheSameClaimsIsNotAHit() throws {
        let cache = SignatureCache(capacity: 8)
        let verifier = try Self.verifier(cache)
        let token = Harness.signed(payload: Self.payload)
        let reordered = Harness.signed(header: #"{"kid":"k1","alg":"EdDSA"}"#, payload: Self.payload)
        _ = try verifier.verify(token)
        #expect(!Self.isCached(reordered, in: cache, verifier))
        _ = try verifier.verify(reordered)
        #expect(cache.count == 2)
    }

    @Test func entryVerifiedByAnotherPinnedKeyIsNotAHit() throws {
        let cache = SignatureCache(capacity: 8)
        let issuerVerifier = try Self.verifier(cache)
        // The same kid "k1", pinned to another public key.
        let otherVerifier = try Self.verifier(cache, keys: [TestKey.second.jwk(keyID: "k1")])
        let token = Harness.signed(payload: Self.payload)
        _ = try issuerVerifier.verify(token)
        let error = #expect(throws: VerificationError.self) { try otherVerifier.verify(token) }
        #expect(error?.code == .invalidSignature)
    }

    @Test func capacityBoundsTheEntries() throws {
        let cache = SignatureCache(capacity: 2)
        let verifier = try Self.verifier(cache)
        for index in 0..<5 {
            _ = try verifier.verify(Harness.signed(payload: #"{"jti":"t-\#(index)"}"#))
        }
        #expect(cache.count == 2)
    }

    @Test func recentlyHitEntryOutlivesAnUnusedOne() throws {
        let cache = SignatureCache(capacity: 2)
        let verifier = try Self.verifier(cache)
        let tokens = (0..<3).map { Harness.signed(payload: #"{"jti":"t-\#($0)"}"#) }
        _ = try verifier.verify(tokens[0])
        _ = try verifier.verify(tokens[1])
        _ = try verifier.verify(tokens[0])  // a hit: tokens[0] gets a second chance
        _ = try verifier.verify(tokens[2])  // evicts tokens[1]
        #expect(Self.isCached(tokens[0], in: cache, verifier))
        #expect(!Self.isCached(tokens[1], in: cache, verifier))
        #expect(Self.isCached(tokens[2], in: cache, verifier))
    }

    @Test func removeAllEmptiesTheCache() throws {
        let cache = SignatureCache(capacity: 4)
        let verifier = try Self.verifier(cache)
        _ = try verifier.verify(Harness.signed(payload: Self.payload))
        cache.removeAll()
        #expect(cache.count == 0)
    }
}

extension Harness {
    /// A token signed by the issuer key.
    static func signed(header: String = TokenFactory.defaultHeader, payload: String) -> String {
        TokenFactory().token(header: header, payload: payload)
    }
}

/// A status check that revokes tokens by `jti`, changeable while verifiers run.
private final class RevokedIDs: StatusCheck, Sendable {
    private let revoked = Mutex<Set<String>>([])

    func revoke(_ jwtID: String) {
        _ = revoked.withLock { $0.insert(jwtID) }
    }

    func check(header: JOSEHeader, claims: Claims, at now: NumericDate) throws(VerificationError) {
        guard let jwtID = claims.jwtID, revoked.withLock({ $0.contains(jwtID) }) else { return }
        throw VerificationError(.revoked, "jti \(jwtID) is revoked")
    }
}

/// One ``SignatureCache`` shared by verifiers on many tasks at once, small enough to evict all
/// the time: every verdict stays right (run under ThreadSanitizer by Scripts/tsan.sh).
@Suite struct SignatureCacheConcurrencyTests {
    @Test func sharedCacheGivesEveryVerdictRightFromConcurrentTasks() async throws {
        let cache = SignatureCache(capacity: 3)
        let verifier = try SignatureCacheTests.verifier(cache)
        var cases: [(token: String, expected: VerificationError.Code?)] = (0..<6).map {
            (Harness.signed(payload: #"{"jti":"t-\#($0)","exp":\#(testNow + 600)}"#), nil)
        }
        cases.append((TokenEdit.flippingBit(7, ofSegment: 2, in: cases[0].token), .invalidSignature))
        cases.append((Harness.signed(payload: #"{"exp":\#(testNow - 600)}"#), .expired))
        let tasks = 8
        let rounds = 150
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask { [cases] in
                    var wrong = 0
                    for round in 0..<rounds {
                        let (token, expected) = cases[(task * 3 + round) % cases.count]
                        if VerifierConcurrencyTests.verdict(verifier, token) != expected { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(cache.count <= 3)
    }
}
