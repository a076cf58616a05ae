import Foundation
import Testing
@testable import EdgeJWT

/// Every case of `Vectors/keyset/statements.json` (written by Scripts/make_keyset_vectors.py with
/// Python's `cryptography`, independently of this code) gives its expected install outcomes and
/// token verdicts.
@Suite struct KeySetVectorTests {
    static let path: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/") + "/Vectors/keyset/statements.json"
    }()

    static let document: JSONObject = {
        let bytes = (try? FileBytes.contents(ofFile: path, maxBytes: 1 << 22)) ?? []
        return JSONValue.parse(bytes, maxDepth: 16)?.objectValue ?? JSONObject([:])
    }()

    static let cases: [KeySetVector] = (document["cases"]?.arrayValue ?? []).compactMap { $0.objectValue.map(KeySetVector.init) }

    @Test func vectorFileCoversTheRequiredCases() {
        #expect(Self.cases.count >= 20)
        let outcomes = Set(Self.cases.flatMap { $0.install.map(\.expected) })
        for code in ["installed", "rollback", "wrong_type", "untrusted_signer", "expired", "below_threshold", "invalid_signature"] {
            #expect(outcomes.contains(code), "no case expects \(code)")
        }
        let verdicts = Set(Self.cases.flatMap { $0.verify.compactMap(\.expectedError) })
        #expect(verdicts.isSuperset(of: ["key_not_active", "key_set_expired", "unknown_key"]))
    }

    @Test(arguments: cases)
    func caseGivesItsExpectedOutcomes(_ vector: KeySetVector) throws {
        let rootText = try #require(Self.document["roots"]?.objectValue?[vector.trustRoot]?.stringValue)
        let root = try TrustRoot(verifying: Array(rootText.utf8))
        let now = NumericDate(vector.now)
        let keys = try RotatingKeySet(issuer: vector.issuer, trustRoot: root, clock: FixedClock(now))
        for step in vector.install {
            let file = Self.document["statements"]?.objectValue?[step.file] ?? Self.document["roots"]?.objectValue?[step.file]
            let text = try #require(file?.stringValue, "\(vector.id): no statement or root \(step.file)")
            var outcome = "installed"
            do {
                if step.kind == "root" { try keys.installRoot(Array(text.utf8)) } else { try keys.install(Array(text.utf8)) }
            } catch {
                outcome = error.code.rawValue
            }
            #expect(outcome == step.expected, "\(vector.id) \(step.file): \(vector.description)")
        }
        for check in vector.verify {
            let token = try #require(Self.document["tokens"]?.objectValue?[check.token]?.stringValue)
            let verifier = Verifier(keys: keys, clock: FixedClock(NumericDate(check.now ?? vector.now)))
            var verdict: String
            do {
                verdict = "valid " + (try verifier.verify(token).keyID ?? "")
            } catch {
                verdict = error.code.rawValue
            }
            #expect(verdict == check.expected, "\(vector.id) \(check.token) at \(check.now ?? vector.now): \(vector.description)")
        }
    }
}

/// One case of the key-rotation vectors.
struct KeySetVector: Sendable, CustomTestStringConvertible {
    struct Step: Sendable { let kind: String; let file: String; let expected: String }
    struct Check: Sendable {
        let token: String
        let now: Double?
        /// `valid KID` or an error code.
        let expected: String
        var expectedError: String? { expected.hasPrefix("valid ") ? nil : expected }
    }

    let id: String
    let description: String
    let trustRoot: String
    let issuer: String
    let now: Double
    let install: [Step]
    let verify: [Check]

    init(_ object: JSONObject) {
        id = object["id"]?.stringValue ?? "?"
        description = object["description"]?.stringValue ?? ""
        trustRoot = object["trust_root"]?.stringValue ?? ""
        issuer = object["issuer"]?.stringValue ?? ""
        now = object["now"]?.doubleValue ?? 0
        install = (object["install"]?.arrayValue ?? []).compactMap(\.objectValue).map {
            Step(kind: $0["kind"]?.stringValue ?? "", file: $0["file"]?.stringValue ?? "", expected: $0["expected"]?.stringValue ?? "")
        }
        verify = (object["verify"]?.arrayValue ?? []).compactMap(\.objectValue).map { check in
            let expected = check["expected"]?.objectValue
            let verdict =
                expected?["valid"]?.boolValue == true
                ? "valid " + (expected?["kid"]?.stringValue ?? "") : (expected?["error"]?.stringValue ?? "?")
            return Check(token: check["token"]?.stringValue ?? "", now: check["now"]?.doubleValue, expected: verdict)
        }
    }

    var testDescription: String { "keyset/statements.json: \(id)" }
}
