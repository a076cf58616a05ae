import EdgeJWT
import Foundation
import Testing

/// Differential testing against joserfc: ~300 generated tokens, valid and mutated (bit flips,
/// segment swaps, re-encodings, header and claims edits re-signed, duplicate members, whitespace,
/// Unicode), each checked by both. Every disagreement falls in a class documented, with the RFC
/// section that allows it, in `docs/differential.md`; the set of classes seen is asserted exactly,
/// so a new kind of disagreement, or a documented one that no longer occurs, fails the test.
///
/// joserfc checks the JWS signature only (`jws.deserialize_compact`, EdDSA and Ed25519); EdgeJWT
/// runs with no policy options, so it adds only structure, header and claim-type rules.
@Suite struct DifferentialTests {
    private static let peer = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Peer/joserfc_peer.py").path

    /// The disagreement classes of `docs/differential.md`: in all but the last EdgeJWT refuses
    /// what joserfc accepts.
    static let documentedClasses: Set<String> = [
        "size-limit",
        "non-canonical-base64url",
        "duplicate-members",
        "strict-json",
        "unencoded-payload",
        "header-rules",
        "jwt-claims",
        "unregistered-header-parameter",
    ]

    /// Facts the peer computes about a token without either implementation.
    struct Facts {
        let withinSize: Bool
        let strictBase64URL: Bool
        let duplicateMembers: Bool
        let strictJSON: Bool
        let unencodedPayload: Bool
        let headerRules: Bool
        let claimsRules: Bool
        let unregisteredHeaderParameters: Bool

        init(_ object: [String: Any]) throws {
            func flag(_ name: String) throws -> Bool { try #require(object[name] as? Bool, "fact \(name)") }
            withinSize = try flag("within_size")
            strictBase64URL = try flag("strict_base64url")
            duplicateMembers = try flag("duplicate_members")
            strictJSON = try flag("strict_json")
            unencodedPayload = try flag("unencoded_payload")
            headerRules = try flag("header_rules")
            claimsRules = try flag("claims_rules")
            unregisteredHeaderParameters = try flag("unregistered_header_parameters")
        }
    }

    struct Case {
        let mutation: String
        let token: String
        let joserfcAccepts: Bool
        let facts: Facts
    }

    /// Why the two verdicts differ, or `nil` when they agree. The first fact that explains an
    /// EdgeJWT refusal names the class; anything else is `unexplained-…` and fails the test.
    static func disagreement(edgeJWTAccepts: Bool, _ testCase: Case) -> String? {
        guard edgeJWTAccepts != testCase.joserfcAccepts else { return nil }
        let facts = testCase.facts
        guard testCase.joserfcAccepts else {
            return facts.unregisteredHeaderParameters ? "unregistered-header-parameter" : "unexplained-edgejwt-accepts"
        }
        if !facts.withinSize { return "size-limit" }
        if !facts.strictBase64URL { return "non-canonical-base64url" }
        if facts.duplicateMembers { return "duplicate-members" }
        if !facts.strictJSON { return "strict-json" }
        if facts.unencodedPayload { return "unencoded-payload" }
        if !facts.headerRules { return "header-rules" }
        if !facts.claimsRules { return "jwt-claims" }
        return "unexplained-edgejwt-refuses"
    }

    private func generate() throws -> (keys: PinnedKeySet, cases: [Case]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-differential-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ProcessRun.run(ProcessRun.python, ["python3", Self.peer, "differential", directory.path])
        try #require(run.status == 0, "joserfc peer failed: \(run.stderr)")
        let keys = try PinnedKeySet(contentsOfFile: directory.appendingPathComponent("keys.json").path)
        let data = try Data(contentsOf: directory.appendingPathComponent("cases.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let cases = try entries.map { entry in
            let joserfc = try #require(entry["joserfc"] as? [String: Any])
            return Case(
                mutation: try #require(entry["mutation"] as? String),
                token: try #require(entry["token"] as? String),
                joserfcAccepts: try #require(joserfc["valid"] as? Bool),
                facts: try Facts(try #require(entry["facts"] as? [String: Any])))
        }
        return (keys, cases)
    }

    @Test func everyDisagreementWithJoserfcIsADocumentedClass() throws {
        let (keys, cases) = try generate()
        #expect(cases.count >= 300)
        let verifier = Verifier(keys: keys, clock: FixedClock(1_700_000_000))
        var seen: [String: [String]] = [:]
        var agreements = 0
        for testCase in cases {
            let accepted = (try? verifier.verify(bytes: Array(testCase.token.utf8))) != nil
            if let reason = Self.disagreement(edgeJWTAccepts: accepted, testCase) {
                seen[reason, default: []].append("\(testCase.mutation): \(testCase.token.prefix(120))")
            } else {
                agreements += 1
            }
        }
        for (reason, examples) in seen.sorted(by: { $0.key < $1.key }) {
            print("differential: \(reason): \(examples.count) (\(Set(examples.map { $0.prefix { $0 != ":" } }).sorted().joined(separator: ", ")))")
        }
        print("differential: \(agreements) of \(cases.count) cases agree")
        let unexpected = seen.filter { !Self.documentedClasses.contains($0.key) }
        #expect(unexpected.isEmpty, "undocumented disagreements: \(unexpected)")
        #expect(Set(seen.keys) == Self.documentedClasses, "classes seen: \(seen.mapValues(\.count))")
        #expect(agreements > cases.count / 2, "\(agreements) of \(cases.count) agree")
    }

    @Test func unmutatedTokensVerifyWithBoth() throws {
        let (keys, cases) = try generate()
        let valid = cases.filter { $0.mutation == "valid" }
        #expect(valid.count >= 9)
        let verifier = Verifier(keys: keys, clock: FixedClock(1_700_000_000))
        for testCase in valid {
            #expect(testCase.joserfcAccepts, "joserfc refused \(testCase.token)")
            #expect(throws: Never.self) { try verifier.verify(testCase.token) }
        }
    }

    @Test func joserfcNeverAcceptsWhatEdgeJWTRefusesForItsSignature() throws {
        let (keys, cases) = try generate()
        let verifier = Verifier(keys: keys, clock: FixedClock(1_700_000_000))
        for testCase in cases where testCase.joserfcAccepts {
            do {
                _ = try verifier.verify(bytes: Array(testCase.token.utf8))
            } catch {
                #expect(error.code != .invalidSignature, "\(testCase.mutation): joserfc accepts a signature EdgeJWT refuses: \(testCase.token)")
            }
        }
    }
}
