import Foundation
import Testing

/// `verify --revocation FILE [--revocation-keys JWKS]`: EdgeJWT's compact revocation list,
/// installed in order (a snapshot, then deltas), checked after every other rule; an unusable
/// list is exit 2.
@Suite struct RevocationOptionTests {
    /// A token of ``Issuer/claims(_:)`` with a `jti`.
    static func claims(jti: String = "j1", _ overrides: [String: Any] = [:]) -> [String: Any] {
        Issuer.claims(["jti": jti]).merging(overrides) { _, new in new }
    }

    /// The verdict's code, or `valid`.
    static func verdict(_ result: RunResult) throws -> String {
        let json = try result.json()
        return json["valid"] as? Bool == true ? "valid" : json["error"] as? String ?? "?"
    }

    @Test func listNotNamingTheTokenLeavesItValid() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: ["tokens": [RevocationPublisher.token("other")]])
        let result = try issuer.verify(try issuer.sign(Self.claims()), ["--revocation", list, "--revocation-keys", publisher.publicKeys])
        #expect(result.status == 0, "\(result)")
    }

    /// Each kind of entry flips the same valid token to `revoked`.
    static let revokingKinds = ["jti", "jti without exp", "subject before iat", "kid"]

    /// The entries document of one of ``revokingKinds``.
    static func revokingEntries(_ kind: String) -> [String: Any] {
        switch kind {
        case "jti": ["tokens": [RevocationPublisher.token("j1")]]
        case "jti without exp": ["tokens": [["iss": "https://issuer.example", "jti": "j1"]]]
        case "subject before iat": ["subjects": [["iss": "https://issuer.example", "sub": "device-1", "issued_before": testNow - 599]]]
        default: ["keys": [["kid": "k1"]]]
        }
    }

    @Test(arguments: revokingKinds)
    func entryRevokesAValidToken(_ kind: String) throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let token = try issuer.sign(Self.claims())
        let keys = ["--revocation-keys", publisher.publicKeys]
        let empty = try publisher.build("empty.ejrl")
        #expect(try Self.verdict(issuer.verify(token, ["--revocation", empty] + keys)) == "valid")
        let list = try publisher.build("list.ejrl", entries: Self.revokingEntries(kind))
        let result = try issuer.verify(token, ["--revocation", list] + keys)
        #expect(result.status == 1, "\(result)")
        #expect(try Self.verdict(result) == "revoked")
    }

    /// A subject entry revokes tokens issued before its time only.
    @Test func subjectEntrySparesTokensIssuedFromItsTime() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build(
            "list.ejrl", entries: ["subjects": [["iss": "https://issuer.example", "sub": "device-1", "issued_before": testNow - 600]]])
        let args = ["--revocation", list, "--revocation-keys", publisher.publicKeys]
        #expect(try Self.verdict(issuer.verify(try issuer.sign(Self.claims(["iat": testNow - 601])), args)) == "revoked")
        #expect(try Self.verdict(issuer.verify(try issuer.sign(Self.claims(["iat": testNow - 600])), args)) == "valid")
    }

    @Test func revokedHumanOutputNamesTheCode() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: ["tokens": [RevocationPublisher.token("j1")]])
        let result = try issuer.verify(
            try issuer.sign(Self.claims()), ["--revocation", list, "--revocation-keys", publisher.publicKeys], json: false)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("REJECTED revoked: "), "\(result)")
    }

    /// Fail closed: from `valid_until` on, every token is refused.
    @Test func listIsFreshBeforeValidUntilAndStaleFromIt() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", iat: testNow - 100, ["--valid-for", "110"])
        let token = try issuer.sign(Self.claims())
        let base = ["verify", "--keys", issuer.publicKeys, "--json", "--revocation", list, "--revocation-keys", publisher.publicKeys]
        #expect(try Self.verdict(runEdgeJWT(base + ["--now", String(testNow + 9), token])) == "valid")
        let stale = try runEdgeJWT(base + ["--now", String(testNow + 10), token])
        #expect(stale.status == 1, "\(stale)")
        #expect(try Self.verdict(stale) == "revocation_list_stale")
    }

    /// A token that expired before the list's horizon is expired by the list's trusted time,
    /// even when the device's clock (`--now`) is behind.
    @Test func tokenExpiringBeforeTheHorizonIsExpired() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", iat: testNow + 3 * 86_400)  // horizon: testNow + 2 days
        let result = try issuer.verify(try issuer.sign(Self.claims()), ["--revocation", list, "--revocation-keys", publisher.publicKeys])
        #expect(result.status == 1, "\(result)")
        #expect(try Self.verdict(result) == "expired")
    }

    /// A snapshot then a delta gives the same verdicts as the new snapshot, for a token newly
    /// revoked, one revoked before, one removed and one never revoked.
    @Test func snapshotPlusDeltaVerifiesLikeTheNewSnapshot() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl", entries: ["tokens": ["j1", "j2"].map { RevocationPublisher.token($0) }])
        let delta = publisher.file("1-2.delta")
        let remove = try publisher.entries("remove.json", ["tokens": [RevocationPublisher.token("j2")]])
        let second = try publisher.add(
            "2.ejrl", to: first, entries: ["tokens": [RevocationPublisher.token("j3")]], ["--delta-out", delta, "--remove", remove])
        let keys = ["--revocation-keys", publisher.publicKeys]
        var verdicts: [String: String] = [:]
        for jti in ["j1", "j2", "j3", "j4"] {
            let token = try issuer.sign(Self.claims(jti: jti))
            let viaDelta = try Self.verdict(issuer.verify(token, ["--revocation", first, "--revocation", delta] + keys))
            let viaSnapshot = try Self.verdict(issuer.verify(token, ["--revocation", second] + keys))
            #expect(viaDelta == viaSnapshot, "\(jti)")
            verdicts[jti] = viaDelta
        }
        #expect(verdicts == ["j1": "revoked", "j2": "valid", "j3": "revoked", "j4": "valid"])
    }

    /// The lists are the publisher's, not the token issuer's: --keys does not verify them.
    @Test func listOfAnotherPublisherNeedsRevocationKeys() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: ["tokens": [RevocationPublisher.token("j1")]])
        let token = try issuer.sign(Self.claims())
        let withoutKeys = try issuer.verify(token, ["--revocation", list])
        #expect(withoutKeys.status == 2, "\(withoutKeys)")
        #expect(withoutKeys.stdout.isEmpty)
        #expect(withoutKeys.stderr.contains("--revocation \(list): unknown_key: "), "\(withoutKeys)")
        #expect(try Self.verdict(issuer.verify(token, ["--revocation", list, "--revocation-keys", publisher.publicKeys])) == "revoked")
    }

    /// A publisher key with the same kid as the real one does not verify its lists.
    @Test func revocationKeysOfAnotherPublisherWithTheSameKidAreRefused() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher(kid: "pub1")
        let impostor = try RevocationPublisher(kid: "pub1")
        let list = try publisher.build("list.ejrl")
        let result = try issuer.verify(try issuer.sign(Self.claims()), ["--revocation", list, "--revocation-keys", impostor.publicKeys])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("invalid_signature"), "\(result)")
    }

    /// By default the lists are verified with --keys: a publisher that also issues the tokens.
    @Test func revocationKeysDefaultToTheKeys() throws {
        let issuer = try Issuer()
        let publisher = RevocationPublisher(signingWith: issuer)
        let list = try publisher.build("list.ejrl", entries: ["tokens": [RevocationPublisher.token("j1")]])
        #expect(try Self.verdict(issuer.verify(try issuer.sign(Self.claims()), ["--revocation", list])) == "revoked")
    }

    /// Files `verify` must refuse at setup, with the code the error must name.
    enum BadList: String, CaseIterable, Sendable {
        case rollback, truncated, badSignature, missingFile, deltaWithoutBase

        var code: String {
            switch self {
            case .rollback: "rollback"
            case .truncated: "truncated_list"
            case .badSignature: "invalid_signature"
            case .missingFile: "unreadable_file"
            case .deltaWithoutBase: "base_mismatch"
            }
        }

        /// The `--revocation` files; the last is the one at fault.
        func files(of publisher: RevocationPublisher) throws -> [String] {
            let first = try publisher.build("1.ejrl", entries: ["tokens": [RevocationPublisher.token("j9")]])
            switch self {
            case .rollback:
                return [try publisher.add("2.ejrl", to: first), first]
            case .truncated:
                return [try modifiedCopy(of: first, as: "truncated.ejrl") { $0.removeLast(1) }]
            case .badSignature:
                return [try modifiedCopy(of: first, as: "bad.ejrl") { $0[$0.count - 70] ^= 0x01 }]
            case .missingFile:
                return [publisher.file("missing.ejrl")]
            case .deltaWithoutBase:
                let delta = publisher.file("1-2.delta")
                try publisher.add("2.ejrl", to: first, ["--delta-out", delta])
                return [delta]
            }
        }
    }

    @Test(arguments: BadList.allCases)
    func unusableListExitsTwoWithPathAndCode(_ list: BadList) throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let files = try list.files(of: publisher)
        let result = try issuer.verify(
            try issuer.sign(Self.claims()), files.flatMap { ["--revocation", $0] } + ["--revocation-keys", publisher.publicKeys])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--revocation \(files.last!): \(list.code): "), "\(result)")
    }

    @Test func revocationKeysWithoutRevocationIsAUsageError() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(), ["--revocation-keys", issuer.publicKeys])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--revocation-keys needs --revocation"), "\(result)")
    }

    /// The revocation list is not a Token Status List: --no-status-check leaves it on.
    @Test func noStatusCheckKeepsTheRevocationCheck() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: ["tokens": [RevocationPublisher.token("j1")]])
        let result = try issuer.verify(
            try issuer.sign(Self.claims()), ["--no-status-check", "--revocation", list, "--revocation-keys", publisher.publicKeys])
        #expect(try Self.verdict(result) == "revoked", "\(result)")
    }

    @Test func streamChecksEveryLine() throws {
        let issuer = try Issuer()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: ["tokens": [RevocationPublisher.token("j1")]])
        let input = [try issuer.sign(Self.claims(jti: "j1")), try issuer.sign(Self.claims(jti: "j2"))].joined(separator: "\n") + "\n"
        let result = try runEdgeJWT(
            ["verify", "--keys", issuer.publicKeys, "--now", String(testNow), "--stream", "--revocation", list,
             "--revocation-keys", publisher.publicKeys], stdin: input)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 2)
        #expect(result.lines.first?.contains("\"error\":\"revoked\"") == true, "\(result)")
        #expect(result.lines.last?.hasPrefix("{\"valid\":true") == true, "\(result)")
    }

    /// With --config there is no single --keys set, so the publisher's keys must be given.
    @Test func configNeedsRevocationKeys() throws {
        let gateway = try Gateway()
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl")
        let result = try gateway.verify(try gateway.a.sign(gateway.claimsA()), ["--revocation", list])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--revocation with --config needs --revocation-keys"), "\(result)")
    }

    /// With --config the list applies to every issuer's tokens, keyed by their own iss.
    @Test func configAppliesTheListToEveryIssuer() throws {
        let gateway = try Gateway()
        let publisher = try RevocationPublisher()
        let list = try publisher.build(
            "list.ejrl",
            entries: ["tokens": [["iss": Gateway.issuerA, "jti": "a1"], ["iss": Gateway.issuerB, "jti": "b1"]]])
        let args = ["--revocation", list, "--revocation-keys", publisher.publicKeys]
        #expect(try Self.verdict(gateway.verify(try gateway.a.sign(gateway.claimsA(Self.claims(jti: "a1"))), args)) == "revoked")
        #expect(try Self.verdict(gateway.verify(try gateway.b.sign(gateway.claimsB(Self.claims(jti: "b1"))), args)) == "revoked")
        #expect(try Self.verdict(gateway.verify(try gateway.b.sign(gateway.claimsB(Self.claims(jti: "a1"))), args)) == "valid")
    }

    @Test func verifyHelpDocumentsTheRevocationList() throws {
        let result = try runEdgeJWT(["verify", "--help"])
        #expect(result.stdout.contains("--revocation <FILE>"), "\(result)")
        #expect(result.stdout.contains("--revocation-keys <JWKS_FILE>"), "\(result)")
        #expect(result.stdout.contains("docs/revocation-format.md"))
    }
}
