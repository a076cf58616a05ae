import Foundation
import Testing

/// `edgejwt revocation build | add | delta | show`: signed lists made, updated, diffed and shown
/// end to end; every failure is exit 2 with `code: detail` on stderr and nothing on stdout.
@Suite struct RevocationCommandTests {
    /// Two tokens (one without exp), a subject and a key.
    static var entries: [String: Any] {
        [
            "tokens": [RevocationPublisher.token("j1"), ["iss": "https://issuer.example", "jti": "no-exp"]],
            "subjects": [["iss": "https://issuer.example", "sub": "user-7", "issued_before": testNow - 60]],
            "keys": [["kid": "old-key"]],
        ]
    }

    @Test func buildReportsOnStderrOnly() throws {
        let publisher = try RevocationPublisher()
        let path = publisher.file("list.ejrl")
        let result = try runEdgeJWT([
            "revocation", "build", "--name", "corp", "--key", publisher.key.privateKey,
            "--entries", try publisher.entries("e.json", Self.entries), "--out", path,
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("wrote list \"corp\" sequence 1: 2 tokens, 1 subject, 1 key ("), "\(result)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func showJSONDescribesTheBuiltList() throws {
        let publisher = try RevocationPublisher()
        let iat = RevocationPublisher.issuedAt
        let list = try publisher.build("list.ejrl", entries: Self.entries, ["--sequence", "7", "--valid-for", "3600"])
        let json = try publisher.show(list)
        #expect(json["kind"] as? String == "snapshot")
        #expect(json["signature_verified"] as? Bool == true)
        #expect(json["name"] as? String == "corp")
        #expect(json["sequence"] as? Int == 7)
        #expect(json["iat"] as? Int == iat)
        #expect(json["valid_until"] as? Int == iat + 3600)
        #expect(json["horizon"] as? Int == iat - 86_400)
        #expect(json["kid"] as? String == "pub1")
        #expect(json["tokens"] as? Int == 2)
        #expect((json["groups"] as? [Any])?.count == 2)
        #expect(json["subjects"] as? Int == 1)
        #expect(json["revoked_kids"] as? [String] == ["old-key"])
        let bytes = try FileManager.default.attributesOfItem(atPath: list)[.size] as? Int
        #expect(json["bytes"] as? Int == bytes)
    }

    @Test func buildDefaultsToSequenceOneValidForADay() throws {
        let publisher = try RevocationPublisher()
        let json = try publisher.show(try publisher.build("list.ejrl"))
        #expect(json["sequence"] as? Int == 1)
        #expect(json["valid_until"] as? Int == RevocationPublisher.issuedAt + 86_400)
        #expect(json["tokens"] as? Int == 0)
    }

    @Test func showWithoutKeysSaysTheSignatureIsNotVerified() throws {
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: Self.entries)
        let human = try runEdgeJWT(["revocation", "show", list])
        #expect(human.status == 0, "\(human)")
        #expect(human.lines.first?.contains("NOT verified") == true, "\(human)")
        #expect(human.stderr.contains("NOT verified"))
        let json = try runEdgeJWT(["revocation", "show", "--json", list])
        #expect(try json.json()["signature_verified"] as? Bool == false)
        #expect(json.stderr.contains("NOT verified"))
    }

    @Test func showHumanOutputNamesTheList() throws {
        let publisher = try RevocationPublisher()
        let list = try publisher.build("list.ejrl", entries: Self.entries)
        let result = try runEdgeJWT(["revocation", "show", "--revocation-keys", publisher.publicKeys, list])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "signature: verified")
        #expect(result.lines.contains("kind: snapshot"))
        #expect(result.lines.contains("name: \"corp\""))
        #expect(result.lines.contains("revoked kids: \"old-key\""))
        #expect(result.stderr.isEmpty)
    }

    @Test func addWritesTheNextSequenceAndItsDelta() throws {
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl", entries: Self.entries)
        let delta = publisher.file("1-2.delta")
        let second = try publisher.add(
            "2.ejrl", to: first, entries: ["tokens": [RevocationPublisher.token("j2")]], ["--delta-out", delta])
        let list = try publisher.show(second)
        #expect(list["sequence"] as? Int == 2)
        #expect(list["tokens"] as? Int == 3)
        #expect(list["iat"] as? Int == RevocationPublisher.issuedAt + 60)
        #expect(list["valid_until"] as? Int == RevocationPublisher.issuedAt + 60 + 86_400, "keeps the window of --list")
        let json = try publisher.show(delta)
        #expect(json["kind"] as? String == "delta")
        #expect(json["base"] as? Int == 1)
        #expect(json["sequence"] as? Int == 2)
    }

    /// `delta` gives the very bytes `add --delta-out` wrote: both are functions of the two lists.
    @Test func deltaCommandEqualsAddDeltaOut() throws {
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl", entries: Self.entries)
        let fromAdd = publisher.file("add.delta")
        let second = try publisher.add("2.ejrl", to: first, entries: ["keys": [["kid": "k9"]]], ["--delta-out", fromAdd])
        let fromDelta = publisher.file("delta.delta")
        let result = try runEdgeJWT([
            "revocation", "delta", "--from", first, "--to", second, "--key", publisher.key.privateKey, "--out", fromDelta,
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("wrote delta \"corp\" sequence 1 -> 2: "), "\(result)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromDelta)) == Data(contentsOf: URL(fileURLWithPath: fromAdd)))
    }

    @Test func addWithoutEntriesRefreshesTheList() throws {
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl", entries: Self.entries)
        let json = try publisher.show(try publisher.add("2.ejrl", to: first, iat: testNow))
        #expect(json["sequence"] as? Int == 2)
        #expect(json["iat"] as? Int == testNow)
        #expect(json["tokens"] as? Int == 2)
    }

    @Test func addRemoveTakesEntriesOut() throws {
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl", entries: Self.entries)
        let remove = try publisher.entries("remove.json", ["tokens": [RevocationPublisher.token("j1")], "keys": [["kid": "old-key"]]])
        let json = try publisher.show(try publisher.add("2.ejrl", to: first, ["--remove", remove]))
        #expect(json["tokens"] as? Int == 1)
        #expect(json["revoked_kids"] as? [String] == [])
    }

    @Test func addRefusesAnIatBeforeTheList() throws {
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl")
        let result = try runEdgeJWT([
            "revocation", "add", "--list", first, "--key", publisher.key.privateKey,
            "--iat", String(RevocationPublisher.issuedAt - 1), "--out", publisher.file("2.ejrl"),
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--iat"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: publisher.file("2.ejrl")))
    }

    /// The current list must verify with the publisher keys: here it was signed by another key.
    @Test func addRefusesAListSignedByAnotherKey() throws {
        let publisher = try RevocationPublisher()
        let other = try RevocationPublisher(kid: "pub2")
        let list = try other.build("1.ejrl")
        let result = try runEdgeJWT([
            "revocation", "add", "--list", list, "--key", publisher.key.privateKey, "--out", publisher.file("2.ejrl"),
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--list \(list): unknown_key: "), "\(result)")
    }

    /// Key rotation: the old list verifies with --revocation-keys, the new one is signed by --key.
    @Test func addVerifiesTheListWithRevocationKeys() throws {
        let old = try RevocationPublisher(kid: "pub1")
        let new = try RevocationPublisher(kid: "pub2")
        let list = try old.build("1.ejrl")
        let next = try new.add("2.ejrl", to: list, ["--revocation-keys", old.publicKeys])
        #expect(try new.show(next)["kid"] as? String == "pub2")
    }

    @Test func deltaRefusesAKeyThatDidNotSignTo() throws {
        let publisher = try RevocationPublisher()
        let other = try RevocationPublisher(kid: "pub2")
        let first = try publisher.build("1.ejrl")
        let second = try publisher.add("2.ejrl", to: first)
        let result = try runEdgeJWT([
            "revocation", "delta", "--from", first, "--to", second, "--key", other.key.privateKey,
            "--revocation-keys", publisher.publicKeys, "--out", publisher.file("d.delta"),
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("did not sign --to"), "\(result)")
    }

    @Test func deltaRefusesToGoBackward() throws {
        let publisher = try RevocationPublisher()
        let first = try publisher.build("1.ejrl")
        let second = try publisher.add("2.ejrl", to: first)
        let result = try runEdgeJWT([
            "revocation", "delta", "--from", second, "--to", first, "--key", publisher.key.privateKey, "--out", publisher.file("d.delta"),
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("invalid_entry: "), "\(result)")
    }

    @Test func entriesWithAnUnknownMemberAreRefused() throws {
        let publisher = try RevocationPublisher()
        let out = publisher.file("list.ejrl")
        let result = try runEdgeJWT([
            "revocation", "build", "--name", "corp", "--key", publisher.key.privateKey,
            "--entries", try publisher.entries("e.json", ["subjects": [["sub": "u", "issued_befor": 1]]]), "--out", out,
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("invalid_entry: "), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Files `show` must refuse, with the code it must name.
    enum BadFile: String, CaseIterable, Sendable {
        case truncated, badSignature, missing

        var code: String {
            switch self {
            case .truncated: "truncated_list"
            case .badSignature: "invalid_signature"
            case .missing: "unreadable_file"
            }
        }

        func path(from list: String) throws -> String {
            switch self {
            case .truncated: try modifiedCopy(of: list, as: "truncated.ejrl") { $0.removeLast(10) }
            case .badSignature: try modifiedCopy(of: list, as: "bad.ejrl") { $0[$0.count - 1] ^= 0x01 }
            case .missing: list + ".missing"
            }
        }
    }

    @Test(arguments: BadFile.allCases)
    func showRefusesABadFileWithItsCode(_ file: BadFile) throws {
        let publisher = try RevocationPublisher()
        let path = try file.path(from: try publisher.build("list.ejrl", entries: Self.entries))
        let result = try runEdgeJWT(["revocation", "show", "--revocation-keys", publisher.publicKeys, path])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(file.code), "\(result)")
    }

    @Test func noSubcommandIsAUsageError() throws {
        let result = try runEdgeJWT(["revocation"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("build"))
    }

    @Test(arguments: ["build", "add", "delta", "show"])
    func helpPointsToTheEntriesFormat(_ subcommand: String) throws {
        let result = try runEdgeJWT(["revocation", subcommand, "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("docs/revocation-format.md"), "\(result)")
    }
}
