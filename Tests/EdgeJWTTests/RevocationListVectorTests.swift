import Foundation
import Testing
@testable import EdgeJWT

/// `Vectors/revocation/compact-list.json` (format version 1) and `compact-list-v2.json` (format
/// version 2) are exactly what this generator writes: published list files (base64url), tokens and
/// expected verdicts, the same vectors for both versions. The vectors themselves run in
/// ``VectorTests``; `Scripts/check_revocation_vectors.py` re-derives every fingerprint in them
/// with its own BLAKE2b and SipHash.
///
/// Regenerate after a deliberate format change:
///
///     EDGEJWT_REGENERATE_VECTORS=1 swift test --filter RevocationListVectorTests
@Suite struct RevocationListVectorTests {
    static func path(version: RevocationListVersion) -> String {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        let file = version == .blake2b ? "compact-list.json" : "compact-list-v\(version.rawValue).json"
        return path.joined(separator: "/") + "/Vectors/revocation/" + file
    }

    @Test(arguments: RevocationListVersion.allCases)
    func vectorFileIsWhatTheGeneratorWrites(version: RevocationListVersion) throws {
        let generated = try RevocationVectorGenerator(version: version).document()
        if ProcessInfo.processInfo.environment["EDGEJWT_REGENERATE_VECTORS"] != nil {
            try Data(generated.utf8).write(to: URL(fileURLWithPath: Self.path(version: version)))
        }
        let stored = try String(contentsOfFile: Self.path(version: version), encoding: .utf8)
        #expect(stored == generated, "regenerate with EDGEJWT_REGENERATE_VECTORS=1")
    }
}

/// Builds the revocation vector file. Deterministic: fixed seeds, salt and times; Ed25519
/// signatures are deterministic.
struct RevocationVectorGenerator {
    static let now: Int64 = 1_700_000_000
    static let issuer = "https://id.example"
    /// Token keys of these vectors only (no other test or vector signs with them): `k1`, `k2`.
    static let tokenKeys = [TestKey(keyID: "k1", seedByte: 0x71), TestKey(keyID: "k2", seedByte: 0x72)]
    let publisher = RevocationFixture.publisher
    let factory = TokenFactory(key: tokenKeys[0])
    let second = TokenFactory(key: tokenKeys[1])
    /// The format version of the published lists.
    let version: RevocationListVersion
    /// Version 1 keeps its original salt; version 2's has distinct halves (the token and the
    /// subject key), so that a reader that keys with the wrong half fails these vectors.
    var salt: [UInt8] { version == .blake2b ? RevocationFixture.salt : (0..<32).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) } }

    /// The lists published in the file, with the entries and header values they were built from.
    func lists() throws -> [(name: String, summary: JSONValue, bytes: [UInt8])] {
        let entries = """
            {"tokens":[{"iss":"\(Self.issuer)","jti":"revoked-jti","exp":1700003600},{"iss":"\(Self.issuer)","jti":"unknown-exp-jti"}],
             "subjects":[{"iss":"\(Self.issuer)","sub":"user-logged-out","issued_before":1699999500,"expires":1700100000}],
             "keys":[{"kid":"k2","expires":1800000000}]}
            """
        let added = #"{"tokens":[{"iss":"https://id.example","jti":"revoked-later","exp":1700003600}]}"#
        var first = try RevocationListContent(
            name: "vectors", sequence: 1, issuedAt: 1_699_999_000, validUntil: 1_700_085_400, salt: salt,
            formatVersion: version.rawValue)
        try first.insert(contentsOf: RevocationEntry.entries(fromJSON: Array(entries.utf8)))
        first.prune(before: 1_699_900_000)
        var second = first
        second.sequence = 2
        second.issuedAt = 1_699_999_600
        second.validUntil = 1_700_086_000
        try second.insert(contentsOf: RevocationEntry.entries(fromJSON: Array(added.utf8)))
        var expired = first
        expired.validUntil = 1_699_999_999
        let firstBytes = try first.signed(by: publisher)
        var tampered = firstBytes
        tampered[tampered.count - 80] ^= 0x01
        let impostor = SigningKey(seed: [UInt8](repeating: 0xA7, count: 32), keyID: publisher.keyID, algorithm: nil)

        func summary(_ content: RevocationListContent, _ note: String, entries: String? = nil) throws -> JSONValue {
            var members: [(String, JSONValue)] = [
                ("note", .string(note)), ("name", .string(content.name)), ("sequence", .number(JSONNumber(Double(content.sequence)))),
                ("iat", .number(JSONNumber(Double(content.issuedAt)))), ("valid_until", .number(JSONNumber(Double(content.validUntil)))),
                ("horizon", .number(JSONNumber(Double(content.horizon)))),
                (
                    "salt_hex",
                    .string(
                        content.salt.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                    )
                ),
            ]
            if version != .blake2b { members.append(("format_version", .number(JSONNumber(Double(version.rawValue))))) }
            if let entries { members.append(("entries", try #require(JSONValue.parse(Array(entries.utf8))))) }
            return .object(JSONObject(uniqueMembers: members.map { JSONObject.Member(name: $0.0, value: $0.1) }))
        }
        return [
            ("snapshot-1", try summary(first, "snapshot built from these entries, signed by pub-1", entries: entries), firstBytes),
            ("snapshot-2", try summary(second, "snapshot-1 plus these entries", entries: added), try second.signed(by: publisher)),
            ("delta-1-2", try summary(second, "delta from snapshot-1 to snapshot-2"), try second.delta(from: first, signedBy: publisher)),
            ("snapshot-1-tampered", try summary(first, "snapshot-1 with bit 0 of byte length-80 flipped"), tampered),
            (
                "snapshot-1-impostor", try summary(first, "snapshot-1 signed by an unpinned key that claims kid pub-1"),
                try first.signed(by: impostor)
            ),
            (
                "snapshot-1-expired", try summary(expired, "snapshot-1 with valid_until one second before now"),
                try expired.signed(by: publisher)
            ),
        ]
    }

    /// One vector.
    func vector(
        _ description: String, _ reference: String, token: String, install: [String] = ["snapshot-1"], policy: JSONValue? = nil,
        installErrors: [String: String] = [:], now: Int64 = now, expected: JSONValue
    ) -> [(String, JSONValue)] {
        var setup: [(String, JSONValue)] = [
            (
                "install",
                .array(
                    install.map { name in
                        .object(
                            JSONObject(
                                uniqueMembers: [.init(name: "file", value: .string(name))]
                                    + (installErrors[name].map { [.init(name: "error", value: .string($0))] } ?? [])))
                    })
            )
        ]
        if let policy { setup.append(("policy", policy)) }
        return [
            ("description", .string(description)), ("reference", .string(reference)), ("token", .string(token)),
            ("options", Self.object([("now", .number(JSONNumber(Double(now)))), ("revocation_list", Self.object(setup))])),
            ("expected", expected),
        ]
    }

    func document() throws -> String {
        let valid = Self.object([("valid", .bool(true)), ("kid", .string("k1"))])
        func rejected(_ code: String) -> JSONValue { Self.object([("valid", .bool(false)), ("error", .string(code))]) }
        func token(_ payload: String) -> String { factory.token(payload: payload) }
        let iss = Self.issuer
        let vectors: [[(String, JSONValue)]] = [
            vector(
                "A token whose (iss, jti) is listed, in the group of its exp day, is revoked.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"revoked-jti","exp":1700003600}"#), expected: rejected("revoked")),
            vector(
                "A token whose jti is not listed is accepted.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti","exp":1700003600}"#), expected: valid),
            vector(
                "The same jti from another issuer is accepted: entries are keyed on (iss, jti).", "docs/revocation-format.md §3",
                token: token(#"{"iss":"https://other.example","jti":"revoked-jti","exp":1700003600}"#), expected: valid),
            vector(
                "An entry without exp (unknown expiry) matches a token of any exp.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"unknown-exp-jti","exp":1700010000}"#), expected: rejected("revoked")),
            vector(
                "A token of a listed subject issued before the entry's time is revoked.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","sub":"user-logged-out","iat":1699999499}"#), expected: rejected("revoked")),
            vector(
                "A token of a listed subject issued at the entry's time is accepted.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","sub":"user-logged-out","iat":1699999500}"#), expected: valid),
            vector(
                "A token of a listed subject without iat is revoked (fail closed).", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","sub":"user-logged-out"}"#), expected: rejected("revoked")),
            vector(
                "A token signed with a revoked kid is revoked.", "docs/revocation-format.md §6",
                token: second.token(header: #"{"alg":"EdDSA","kid":"k2"}"#, payload: #"{"iss":"\#(iss)"}"#), expected: rejected("revoked")),
            vector(
                "With the device clock behind the list, a token expiring before the list's horizon is expired.",
                "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","exp":1699895000}"#), now: 1_699_890_000, expected: rejected("expired")),
            vector(
                "A delta installed on its base gives the next snapshot: its new entry is revoked.", "docs/revocation-format.md §5",
                token: token(#"{"iss":"\#(iss)","jti":"revoked-later","exp":1700003600}"#), install: ["snapshot-1", "delta-1-2"],
                expected: rejected("revoked")),
            vector(
                "A delta with no installed base is refused; with no list the check fails closed.", "docs/revocation-format.md §5",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: ["delta-1-2"],
                installErrors: ["delta-1-2": "base_mismatch"],
                expected: rejected("revocation_list_stale")),
            vector(
                "An older sequence is refused (anti-rollback); the newer list stays in force.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"revoked-later","exp":1700003600}"#), install: ["snapshot-2", "snapshot-1"],
                installErrors: ["snapshot-1": "rollback"], expected: rejected("revoked")),
            vector(
                "A list with a flipped bit is never used.", "docs/revocation-format.md §2",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: ["snapshot-1-tampered"],
                installErrors: ["snapshot-1-tampered": "invalid_signature"], expected: rejected("revocation_list_stale")),
            vector(
                "A list signed by an unpinned key is never used, even under a pinned kid.", "docs/revocation-format.md §2",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: ["snapshot-1-impostor"],
                installErrors: ["snapshot-1-impostor": "invalid_signature"], expected: rejected("revocation_list_stale")),
            vector(
                "A list past its valid_until fails closed.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: ["snapshot-1-expired"],
                expected: rejected("revocation_list_stale")),
            vector(
                "A list past its valid_until is still relied on within maximum_staleness.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: ["snapshot-1-expired"],
                policy: Self.object([("maximum_staleness", .number(JSONNumber(3600)))]), expected: valid),
            vector(
                "A stale list still revokes when the policy fails open.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"revoked-jti","exp":1700003600}"#), install: ["snapshot-1-expired"],
                policy: Self.object([("fails_open", .bool(true))]), expected: rejected("revoked")),
            vector(
                "No installed list fails closed.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: [], expected: rejected("revocation_list_stale")),
            vector(
                "No installed list is accepted when the policy fails open.", "docs/revocation-format.md §6",
                token: token(#"{"iss":"\#(iss)","jti":"other-jti"}"#), install: [], policy: Self.object([("fails_open", .bool(true))]),
                expected: valid),
        ]
        let lists = try lists()
        let root = Self.object([
            (
                "description",
                .string(
                    "EdgeJWT's compact revocation list (docs/revocation-format.md)\(version == .blake2b ? "" : ", format version \(version.rawValue)"): published files, tokens and verdicts. Option format: Vectors/revocation/README.md."
                )
            ),
            (
                "generator",
                .string(
                    "Tests/EdgeJWTTests/RevocationListVectorTests.swift (EDGEJWT_REGENERATE_VECTORS=1 swift test --filter RevocationListVectorTests)"
                )
            ),
            ("keys", try #require(JSONValue.parse(JWKS.document(Self.tokenKeys.map { $0.jwk() })))),
            ("revocation_publisher_keys", publisher.publicJWKSet),
            ("revocation_list_contents", Self.object(lists.map { ($0.name, $0.summary) })),
            ("revocation_lists", Self.object(lists.map { ($0.name, .string(Base64URL.encode($0.bytes))) })),
            (
                "vectors",
                .array(
                    vectors.enumerated().map { index, members in
                        let number = String(index + 1)
                        return Self.object(
                            [("id", .string(idPrefix + String(repeating: "0", count: 3 - number.count) + number))] + members)
                    })
            ),
        ])
        return PrettyJSON.text(root) + "\n"
    }

    /// `revocation-compact-` (version 1), `revocation-compact-v2-` (version 2).
    var idPrefix: String { version == .blake2b ? "revocation-compact-" : "revocation-compact-v\(version.rawValue)-" }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(uniqueMembers: members.map { JSONObject.Member(name: $0.0, value: $0.1) }))
    }
}

/// JSON text with one-space indentation, as the other vector generators write it.
enum PrettyJSON {
    static func text(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + " "
        switch value {
        case .object(let object) where !object.members.isEmpty:
            let members = object.members.map { inner + JSONValue.string($0.name).jsonText + ": " + text($0.value, indent: inner) }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + text($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return value.jsonText
        }
    }
}
