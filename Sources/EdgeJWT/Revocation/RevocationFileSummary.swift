/// What a revocation list or delta file holds, for `edgejwt revocation show`.
///
/// With the publisher's keys the file is verified first, exactly as a device would (signature
/// before body); without them only its structure is checked and ``signatureVerified`` is
/// `false`: nothing in such a summary may be trusted.
/// ```swift
/// let summary = try RevocationFileSummary(bytes: file, publisherKeys: publisher)
/// print(summary.jsonValue.jsonText)
/// ```
package struct RevocationFileSummary: Sendable {
    /// One day group of a snapshot.
    package struct Group: Sendable, Hashable {
        /// `floor(exp / 86400)`, or `nil` for the no-expiry group.
        package let day: UInt32?
        /// Entries.
        package let count: Int
        /// Fingerprint width `q`.
        package let fingerprintBits: Int
        /// Most entries the group may hold: 2^(q − 33) − 1 (version 1), 2^(q − 32) − 1 (version 2).
        package let capacity: Int
    }

    /// One day group change of a delta.
    package struct GroupChange: Sendable, Hashable {
        /// The day, or `nil` for the no-expiry group.
        package let day: UInt32?
        /// `set`, `edit` or `delete`.
        package let mode: String
        /// Fingerprints removed (edit) .
        package let removed: Int
        /// Fingerprints added (edit) or the group's new size (set).
        package let added: Int
    }

    /// `snapshot` or `delta`.
    package let kind: String
    /// The format version: 1 (BLAKE2b) or 2 (SipHash).
    package let formatVersion: Int
    /// Whether the signature was checked against the publisher keys.
    package let signatureVerified: Bool
    /// The file's size.
    package let byteCount: Int
    /// The series name.
    package let name: String
    /// The sequence (of the resulting snapshot, for a delta).
    package let sequence: UInt64
    /// A delta's base sequence; `nil` for a snapshot.
    package let baseSequence: UInt64?
    /// `iat`.
    package let issuedAt: UInt64
    /// `valid_until`.
    package let validUntil: UInt64
    /// The horizon.
    package let horizon: UInt64
    /// The publisher key's `kid`.
    package let publisherKeyID: String?
    /// A snapshot's token groups, by day.
    package let groups: [Group]
    /// A snapshot's subject entries.
    package let subjectCount: Int
    /// A snapshot's revoked kids.
    package let revokedKeyIDs: [String]
    /// A delta's group changes.
    package let groupChanges: [GroupChange]
    /// A delta's subject entries removed and added.
    package let subjectChanges: (removed: Int, added: Int)
    /// A delta's kids removed and added.
    package let keyChanges: (removed: [String], added: [String])

    /// Reads and (with keys) verifies a list or delta file.
    /// - Parameters:
    ///   - bytes: The file.
    ///   - publisherKeys: The publisher's keys, or `nil` to check the structure only.
    /// - Throws: Any envelope or body code of ``RevocationList/init(verifying:publisherKeys:)``.
    package init(bytes: [UInt8], publisherKeys: PinnedKeySet?) throws(RevocationListError) {
        let header: RevocationListHeader
        if let publisherKeys {
            header = try RevocationListHeader(verifying: bytes, publisherKeys: publisherKeys)
        } else {
            header = try RevocationListHeader(parsing: bytes)
            try header.validate()
        }
        signatureVerified = publisherKeys != nil
        byteCount = bytes.count
        formatVersion = Int(header.version.rawValue)
        name = header.name
        sequence = header.sequence
        issuedAt = header.issuedAt
        validUntil = header.validUntil
        horizon = header.horizon
        publisherKeyID = header.keyID
        switch header.kind {
        case .snapshot:
            let list = try RevocationList(verifiedSnapshot: bytes, header: header)
            kind = "snapshot"
            baseSequence = nil
            groups = list.groups.map {
                Group(
                    day: Self.day($0.day), count: $0.count, fingerprintBits: $0.fingerprintBits,
                    capacity: header.version.capacity(fingerprintBits: $0.fingerprintBits))
            }
            subjectCount = list.subjectCount
            revokedKeyIDs = list.revokedKeyIDs
            groupChanges = []
            subjectChanges = (0, 0)
            keyChanges = ([], [])
        case .delta:
            let delta = try RevocationDelta(verifiedDelta: bytes, header: header)
            kind = "delta"
            baseSequence = header.baseSequence
            groups = []
            subjectCount = 0
            revokedKeyIDs = []
            groupChanges = delta.groupChanges.map { change in
                switch change {
                case .set(let day, let group): GroupChange(day: Self.day(day), mode: "set", removed: 0, added: group.fingerprints.count)
                case .edit(let day, _, let removed, let added):
                    GroupChange(day: Self.day(day), mode: "edit", removed: removed.count, added: added.count)
                case .delete(let day): GroupChange(day: Self.day(day), mode: "delete", removed: 0, added: 0)
                }
            }
            subjectChanges = (delta.subjectsRemoved.count, delta.subjectsAdded.count)
            keyChanges = (delta.keysRemoved, delta.keysAdded.map(\.0))
        }
    }

    /// Token entries over all groups (snapshot).
    package var tokenCount: Int { groups.reduce(0) { $0 + $1.count } }

    /// The summary as one JSON object (`edgejwt revocation show --json`): `kind`, `version`,
    /// `signature_verified`, `bytes`, `name`, `sequence`, `base` (delta), `iat`, `valid_until`,
    /// `horizon`, `kid`; a snapshot adds `tokens`, `groups` (`day`, `expires_from`, `count`, `q`,
    /// `capacity`; `day` null for the no-expiry group), `subjects`, `revoked_kids`; a delta adds
    /// `group_changes` (`day`, `mode`, `removed`, `added`), `subjects_removed`, `subjects_added`,
    /// `kids_removed`, `kids_added`.
    package var jsonValue: JSONValue {
        func number<Value: BinaryInteger>(_ value: Value) -> JSONValue { .number(JSONNumber(Double(value))) }
        func day(_ day: UInt32?) -> JSONValue { day.map { number($0) } ?? .null }
        var members: [(String, JSONValue)] = [
            ("kind", .string(kind)), ("version", number(formatVersion)), ("signature_verified", .bool(signatureVerified)), ("bytes", number(byteCount)),
            ("name", .string(name)), ("sequence", number(sequence)),
        ]
        if let baseSequence { members.append(("base", number(baseSequence))) }
        members += [
            ("iat", number(issuedAt)), ("valid_until", number(validUntil)), ("horizon", number(horizon)),
            ("kid", publisherKeyID.map(JSONValue.string) ?? .null),
        ]
        if kind == "snapshot" {
            members += [
                ("tokens", number(tokenCount)),
                (
                    "groups",
                    .array(
                        groups.map { group in
                            Self.object([
                                ("day", day(group.day)), ("expires_from", group.day.map { number(UInt64($0) * 86_400) } ?? .null),
                                ("count", number(group.count)), ("q", number(group.fingerprintBits)), ("capacity", number(group.capacity)),
                            ])
                        })
                ),
                ("subjects", number(subjectCount)), ("revoked_kids", .array(revokedKeyIDs.map(JSONValue.string))),
            ]
        } else {
            members += [
                (
                    "group_changes",
                    .array(
                        groupChanges.map { change in
                            Self.object([
                                ("day", day(change.day)), ("mode", .string(change.mode)), ("removed", number(change.removed)),
                                ("added", number(change.added)),
                            ])
                        })
                ),
                ("subjects_removed", number(subjectChanges.removed)), ("subjects_added", number(subjectChanges.added)),
                ("kids_removed", .array(keyChanges.removed.map(JSONValue.string))),
                ("kids_added", .array(keyChanges.added.map(JSONValue.string))),
            ]
        }
        return Self.object(members)
    }

    private static func day(_ day: UInt32) -> UInt32? { day == RevocationListFormat.noExpiryDay ? nil : day }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(uniqueMembers: members.map { JSONObject.Member(name: $0.0, value: $0.1) }))
    }
}
