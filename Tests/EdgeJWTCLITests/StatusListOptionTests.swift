import Foundation
import Testing

/// `verify --status-list FILE` and `--no-status-check`: the Token Status List check is always
/// on (fail closed), lists are signed by a key of `--keys`, and an unusable list is exit 2.
@Suite struct StatusListOptionTests {
    /// Each entry of the test list and the verdict a token referencing it gets.
    static let entries: [(idx: Int, code: String?)] = [(0, nil), (1, "revoked"), (2, "suspended"), (3, "revoked")]

    @Test(arguments: entries)
    func entryDecidesTheVerdict(_ entry: (idx: Int, code: String?)) throws {
        let issuer = try Issuer()
        let list = try StatusListFile.write("list.jwt", signedBy: issuer)
        let result = try issuer.verify(try issuer.sign(StatusListFile.referencing(entry.idx)), ["--status-list", list])
        if let code = entry.code {
            #expect(result.status == 1, "\(result)")
            #expect(try result.json()["error"] as? String == code)
        } else {
            #expect(result.status == 0, "\(result)")
            #expect(try result.json()["valid"] as? Bool == true)
        }
    }

    @Test func revokedTokenHumanOutputNamesTheCode() throws {
        let issuer = try Issuer()
        let list = try StatusListFile.write("list.jwt", signedBy: issuer)
        let result = try issuer.verify(try issuer.sign(StatusListFile.referencing(1)), ["--status-list", list], json: false)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("REJECTED revoked: "), "\(result)")
    }

    /// Fail closed: the status check runs even when no list is given.
    @Test func tokenWithStatusClaimIsUnavailableWithoutAnyList() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign(StatusListFile.referencing(0)))
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "status_unavailable")
    }

    @Test func tokenNamingAnotherListIsUnavailable() throws {
        let issuer = try Issuer()
        let list = try StatusListFile.write("list.jwt", signedBy: issuer)
        let token = try issuer.sign(StatusListFile.referencing(0, uri: "https://issuer.example/statuslists/2"))
        let result = try issuer.verify(token, ["--status-list", list])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "status_unavailable")
    }

    @Test func tokenWithoutStatusClaimNeedsNoList() throws {
        let issuer = try Issuer()
        let result = try issuer.verify(try issuer.sign())
        #expect(result.status == 0, "\(result)")
    }

    @Test func expiredListIsStale() throws {
        let issuer = try Issuer()
        let list = try StatusListFile.write("stale.jwt", signedBy: issuer, claims: StatusListFile.claims(exp: testNow))
        let result = try issuer.verify(try issuer.sign(StatusListFile.referencing(0)), ["--status-list", list])
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "revocation_list_stale")
    }

    /// `--now` moves the evaluation time past the list's `exp`: the same list goes stale.
    @Test func listIsFreshBeforeItsExpAndStaleFromIt() throws {
        let issuer = try Issuer()
        let list = try StatusListFile.write("list.jwt", signedBy: issuer, claims: StatusListFile.claims(exp: testNow + 10))
        let token = try issuer.sign(StatusListFile.referencing(0))
        let base = ["verify", "--keys", issuer.publicKeys, "--json", "--status-list", list]
        #expect(try runEdgeJWT(base + ["--now", String(testNow + 9), token]).status == 0)
        let stale = try runEdgeJWT(base + ["--now", String(testNow + 10), token])
        #expect(stale.status == 1, "\(stale)")
        #expect(try stale.json()["error"] as? String == "revocation_list_stale")
    }

    @Test func everyGivenListIsInstalled() throws {
        let issuer = try Issuer()
        let second = "https://issuer.example/statuslists/2"
        let first = try StatusListFile.write("1.jwt", signedBy: issuer)
        let other = try StatusListFile.write("2.jwt", signedBy: issuer, claims: StatusListFile.claims(uri: second, bytes: [0x01]))
        let lists = ["--status-list", first, "--status-list", other]
        #expect(try issuer.verify(try issuer.sign(StatusListFile.referencing(0)), lists).status == 0)
        let revoked = try issuer.verify(try issuer.sign(StatusListFile.referencing(0, uri: second)), lists)
        #expect(try revoked.json()["error"] as? String == "revoked", "\(revoked)")
    }

    /// The explicit opt-out: status claims are ignored, so a token whose list is missing passes.
    @Test func noStatusCheckSkipsTheCheck() throws {
        let issuer = try Issuer()
        let token = try issuer.sign(StatusListFile.referencing(1))
        #expect(try issuer.verify(token).status == 1)
        let result = try issuer.verify(token, ["--no-status-check"])
        #expect(result.status == 0, "\(result)")
    }

    /// The opt-out does not switch off any other rule.
    @Test func noStatusCheckKeepsTheOtherRules() throws {
        let issuer = try Issuer()
        let token = try issuer.sign(StatusListFile.referencing(1, ["exp": testNow - 3600]))
        let result = try issuer.verify(token, ["--no-status-check"])
        #expect(try result.json()["error"] as? String == "expired", "\(result)")
    }

    @Test func statusListWithNoStatusCheckIsAUsageError() throws {
        let issuer = try Issuer()
        let list = try StatusListFile.write("list.jwt", signedBy: issuer)
        let result = try issuer.verify(try issuer.sign(), ["--status-list", list, "--no-status-check"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--status-list cannot be used with --no-status-check"), "\(result)")
    }

    /// Lists that cannot be installed, and the code the error must name.
    enum BadList: String, CaseIterable, Sendable {
        case missingFile, signedByAnotherKey, wrongType, notAList, rollback

        var code: String {
            switch self {
            case .missingFile: "unreadable_file"
            case .signedByAnotherKey: "unknown_key"
            case .wrongType: "type_mismatch"
            case .notAList: "missing_claim"
            case .rollback: "rollback"
            }
        }

        /// The `--status-list` arguments; the last file is the one at fault.
        func arguments(for issuer: Issuer) throws -> [String] {
            switch self {
            case .missingFile:
                return ["--status-list", issuer.directory.file("missing.jwt")]
            case .signedByAnotherKey:
                return ["--status-list", try StatusListFile.write("list.jwt", signedBy: try Issuer(kid: "k2"), in: issuer.directory)]
            case .wrongType:
                return ["--status-list", try StatusListFile.write("list.jwt", signedBy: issuer, typ: "JWT")]
            case .notAList:
                let token = try issuer.sign(["sub": "x", "iat": testNow], ["--typ", "statuslist+jwt"])  // no status_list
                return ["--status-list", try issuer.directory.write("list.jwt", token)]
            case .rollback:
                let newer = try StatusListFile.write("new.jwt", signedBy: issuer, claims: StatusListFile.claims(iat: testNow - 60))
                let older = try StatusListFile.write("old.jwt", signedBy: issuer, claims: StatusListFile.claims(iat: testNow - 600))
                return ["--status-list", newer, "--status-list", older]
            }
        }
    }

    @Test(arguments: BadList.allCases)
    func unusableListExitsTwoWithPathAndCode(_ list: BadList) throws {
        let issuer = try Issuer()
        let arguments = try list.arguments(for: issuer)
        let result = try issuer.verify(try issuer.sign(), arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--status-list \(arguments.last!): \(list.code): "), "\(result)")
    }

    /// `--config`: a list applies to the tokens of the issuer whose key set verifies it.
    @Test func configurationAppliesAListToItsSignersTokens() throws {
        let gateway = try Gateway()
        let list = try StatusListFile.write("list.jwt", signedBy: gateway.a)
        let revoked = try gateway.verify(try gateway.a.sign(gateway.claimsA(StatusListFile.referencing(1))), ["--status-list", list])
        #expect(revoked.status == 1, "\(revoked)")
        #expect(try revoked.json()["error"] as? String == "revoked")
        let valid = try gateway.verify(try gateway.a.sign(gateway.claimsA(StatusListFile.referencing(0))), ["--status-list", list])
        #expect(valid.status == 0, "\(valid)")
        // B's tokens cannot rely on a list signed by A's key.
        let other = try gateway.verify(try gateway.b.sign(gateway.claimsB(StatusListFile.referencing(0))), ["--status-list", list])
        #expect(try other.json()["error"] as? String == "status_unavailable", "\(other)")
    }

    @Test func configurationFailsClosedWithoutLists() throws {
        let gateway = try Gateway()
        let token = try gateway.b.sign(gateway.claimsB(StatusListFile.referencing(0)))
        let result = try gateway.verify(token)
        #expect(result.status == 1, "\(result)")
        #expect(try result.json()["error"] as? String == "status_unavailable")
        #expect(try gateway.verify(token, ["--no-status-check"]).status == 0)
    }

    @Test func configurationRefusesAListNoIssuerSigned() throws {
        let gateway = try Gateway()
        let list = try StatusListFile.write("list.jwt", signedBy: try Issuer(kid: "k9"), in: gateway.a.directory)
        let result = try gateway.verify(try gateway.a.sign(gateway.claimsA()), ["--status-list", list])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--status-list \(list): unknown_key: "), "\(result)")
    }

    /// Issuer B's key set pins a kid `k1` too, but a different key: A's list is still installed
    /// for A only, and B's mismatch is not an error.
    @Test func configurationSkipsIssuersWithTheSameKidButAnotherKey() throws {
        let gateway = try Gateway(kidB: "k1")
        let list = try StatusListFile.write("list.jwt", signedBy: gateway.a)
        let result = try gateway.verify(try gateway.a.sign(gateway.claimsA(StatusListFile.referencing(2))), ["--status-list", list])
        #expect(try result.json()["error"] as? String == "suspended", "\(result)")
    }
}
