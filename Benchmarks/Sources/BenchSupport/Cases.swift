import CBenchLibs
import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Everything the rows verify, made once: the key, the tokens, the verifiers.
package final class Fixture: Sendable {
    package let now: Int
    package let key: BenchKey
    package let keys: PinnedKeySet
    /// The typical ID token (10 claims).
    package let token: String
    /// The same claims plus a `status.status_list` reference (11 claims), for the revocation row.
    package let statusToken: String
    package let raw: RawSignature
    package let verifier: Verifier

    /// Makes the key, the tokens and the verifier. The tokens are made for `EDGEJWT_BENCH_NOW`
    /// (seconds since 1970) if set, so that callgrind runs see identical bytes, else for now;
    /// they are verified through the system clock and stay valid for an hour.
    package init() {
        now = getenv("EDGEJWT_BENCH_NOW").flatMap { Int(String(cString: $0)) } ?? unixNow()
        key = BenchKey(seedByte: 0x42, keyID: "bench-2026-11")
        keys = key.pinnedKeySet
        token = key.sign(header: TypicalToken.header, claims: TypicalToken.claims(now: now))
        statusToken = key.sign(header: TypicalToken.header, claims: TypicalToken.claims(now: now, status: true))
        raw = RawSignature(token: token, publicKey: key.publicKey)
        verifier = Verifier(keys: keys, options: TypicalToken.options)
        precondition(raw.verify(), "raw libsodium refuses the benchmark token")
        do {
            _ = try verifier.verify(token)
        } catch {
            fatalError("EdgeJWT refuses the benchmark token: \(error)")
        }
    }

    /// The signing input's length in bytes (the text before the second dot).
    package var signingInputBytes: Int { raw.signingInput.count }

    /// A verifier with the revocation list `listFile` (signed by a key of `publisherKeysFile`)
    /// and a 1,000,000-entry status list.
    package func statusVerifier(listFile: String, publisherKeysFile: String) -> (Verifier, RevocationListCheck) {
        let revocation = RevocationFixture.check(listFile: listFile, publisherKeysFile: publisherKeysFile)
        let statusLists = StatusListCheck(keys: keys)
        do {
            try statusLists.install(makeStatusListToken(key: key, entryCount: 1_000_000, now: now))
        } catch {
            fatalError("the benchmark status list was refused: \(error)")
        }
        let verifier = Verifier(keys: keys, options: TypicalToken.options, statusChecks: [revocation, statusLists])
        do {
            _ = try verifier.verify(statusToken)
        } catch {
            fatalError("EdgeJWT with revocation refuses the benchmark token: \(error)")
        }
        // The list is live: a token it revokes is refused.
        let revokedClaims = TypicalToken.claims(now: now, jwtID: "jti-4242", status: true)
            .replacingFirst(#""iss":"\#(TypicalToken.issuer)""#, with: #""iss":"\#(RevocationFixture.revokedIssuer)""#)
        var revokedOptions = TypicalToken.options
        revokedOptions.issuers = [RevocationFixture.revokedIssuer]
        let revokedVerifier = Verifier(keys: keys, options: revokedOptions, statusChecks: [revocation, statusLists])
        do {
            _ = try revokedVerifier.verify(key.sign(header: TypicalToken.header, claims: revokedClaims))
            fatalError("a token on the revocation list was accepted")
        } catch {
            precondition(error.code == .revoked, "expected revoked, got \(error)")
        }
        return (verifier, revocation)
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced.
    package func replacingFirst(_ target: String, with replacement: String) -> String {
        let characters = Array(self)
        let targetCharacters = Array(target)
        guard !targetCharacters.isEmpty, characters.count >= targetCharacters.count else { return self }
        for start in 0...(characters.count - targetCharacters.count)
        where Array(characters[start..<(start + targetCharacters.count)]) == targetCharacters {
            return String(characters[..<start]) + replacement + String(characters[(start + targetCharacters.count)...])
        }
        return self
    }
}

/// The rows' bodies.
package enum Rows {
    package static func rawLibsodium(_ fixture: Fixture) -> BenchCase {
        let raw = fixture.raw
        return BenchCase(name: "raw libsodium crypto_sign_verify_detached") { count in
            var succeeded = 0
            for _ in 0..<count where raw.verify() { succeeded += 1 }
            return succeeded
        }
    }

    package static func edgeJWT(_ name: String, _ verifier: Verifier, _ token: String) -> BenchCase {
        BenchCase(name: name) { count in
            verifyLoop(verifier, token, count)
        }
    }

    /// `count` verifications; returns how many were accepted.
    @inline(never)
    package static func verifyLoop(_ verifier: Verifier, _ token: String, _ count: Int) -> Int {
        var succeeded = 0
        for _ in 0..<count {
            do {
                let verified = try verifier.verify(token)
                blackHole(verified)
                succeeded += 1
            } catch {
                progress("EdgeJWT: \(error)")
            }
        }
        return succeeded
    }

    /// What the public API offers for "parsing without the signature": strict base64url of the
    /// three segments and strict JSON of header and payload. The pipeline's own decode step is
    /// internal; this is the same code (``Base64URL/decode(_:)-(Bytes)`` and the strict parser
    /// behind ``JSONValue/parse(_:maxDepth:)``), minus the header rules and typed claims.
    package static func parseOnly(_ fixture: Fixture) -> BenchCase {
        let token = fixture.token
        return BenchCase(name: "parse only: base64url ×3 + strict JSON ×2 (public API)") { count in
            parseOnlyLoop(token, count)
        }
    }

    /// `count` parses of `token` through the public API; returns how many succeeded.
    @inline(never)
    package static func parseOnlyLoop(_ token: String, _ count: Int) -> Int {
        var succeeded = 0
        for _ in 0..<count {
            let bytes = token.utf8
            guard let first = bytes.firstIndex(of: UInt8(ascii: ".")),
                let second = bytes[bytes.index(after: first)...].firstIndex(of: UInt8(ascii: ".")),
                let header = Base64URL.decode(bytes[..<first]),
                let payload = Base64URL.decode(bytes[bytes.index(after: first)..<second]),
                let signature = Base64URL.decode(bytes[bytes.index(after: second)...]),
                let headerValue = JSONValue.parse(header),
                let payloadValue = JSONValue.parse(payload)
            else { continue }
            blackHole((headerValue, payloadValue, signature))
            succeeded += 1
        }
        return succeeded
    }

    /// The issue's revocation target: one `(iss, jti)` lookup in the 1M-entry list, for a
    /// listed and for an unlisted `jti`.
    package static func revocationLookups(_ check: RevocationListCheck, _ fixture: Fixture) -> [BenchCase] {
        let lookup = revocationLookup(check.list!, fixture)
        return [true, false].map { listed in
            BenchCase(name: "revocation lookup alone (1M entries, \(listed ? "listed" : "not listed"))") { count in
                revocationLookupLoop(lookup, listed: listed, count)
            }
        }
    }

    /// What one lookup needs: the list and the token's expiry.
    package struct RevocationLookup: Sendable {
        let list: RevocationList
        let expiration: NumericDate
    }

    package static func revocationLookup(_ list: RevocationList, _ fixture: Fixture) -> RevocationLookup {
        RevocationLookup(list: list, expiration: NumericDate(Double(fixture.now + 3600)))
    }

    /// `count` lookups, cycling through 100,000 distinct `jti`s that are on the list of
    /// `Benchmarks/run.sh` (`listed`) or not; returns how many gave the expected answer.
    @inline(never)
    package static func revocationLookupLoop(_ lookup: RevocationLookup, listed: Bool, _ count: Int) -> Int {
        let list = lookup.list
        let expiration = lookup.expiration
        let jwtIDs = listed ? listedIDs : unlistedIDs
        let issuer = listed ? RevocationFixture.revokedIssuer : TypicalToken.issuer
        var expected = 0
        var position = 0
        for _ in 0..<count {
            if list.containsToken(issuer: issuer, jwtID: jwtIDs[position], expiration: expiration) == listed { expected += 1 }
            position += 1
            if position == jwtIDs.count { position = 0 }
        }
        return expected
    }

    /// 100,000 distinct listed `jti`s (`jti-0` ... `jti-999999` are listed, spread over the
    /// list), made once, so lookups touch the whole list rather than a few cached paths.
    package static let listedIDs: [String] = (0..<100_000).map { "jti-\(($0 * 7919) % 1_000_000)" }
    /// 100,000 distinct `jti`s that are not on the list, 15 bytes each: the longest a Swift
    /// string holds inline, so the array is one contiguous block read in order. Longer ones
    /// (a 36-character UUID) are heap objects that the earlier rows leave scattered: fetching
    /// them cost the loop about 270 ns per lookup more (409 against 137 ns), a cost of the
    /// benchmark that a verification, whose `jti` was just parsed from the claims, does not pay.
    package static let unlistedIDs: [String] = (0..<100_000).map { "u-\($0 + 1_000_000_000_000)" }
}
