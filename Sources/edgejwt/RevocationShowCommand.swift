import EdgeJWT

/// `edgejwt revocation show`: what a revocation list or delta file holds.
struct RevocationShowCommand: Command {
    static let declaration = CommandDeclaration(
        name: "show",
        abstract: "Print what a revocation list or delta file holds (verified with --revocation-keys).",
        discussion: """
            With --revocation-keys the file is verified first, exactly as a device would (the \
            signature before anything else). Without it only the structure is checked: the \
            output then says the signature is NOT verified, and nothing in it may be trusted.

            Entries are stored as keyed hashes, so show gives counts, day groups and revoked kids, \
            not the (iss, jti) or (iss, sub) of the entries documents (docs/revocation-format.md \
            §7) they were built from.

            Output (stdout): a first line signature: verified, or signature: NOT verified, then \
            kind, name, sequence (and a delta's base), iat, valid_until, \
            horizon, the signer's kid, then a snapshot's token groups (day, entries, fingerprint \
            width q, capacity), subject count and revoked kids, or a delta's changes. With \
            --json, one line: {"kind", "signature_verified", "bytes", "name", "sequence", "base" \
            (delta), "iat", "valid_until", "horizon", "kid", then for a snapshot "tokens", "groups" \
            [{"day", "expires_from", "count", "q", "capacity"}], "subjects", "revoked_kids", or for \
            a delta "group_changes" [{"day", "mode", "removed", "added"}], "subjects_removed", \
            "subjects_added", "kids_removed", "kids_added"}.

            Exit status: 0 shown, 2 usage error, unusable key set, or a file that cannot be read \
            or is not a valid list (code: detail on stderr, nothing on stdout).
            """,
        options: [
            .option("--revocation-keys", value: "JWKS_FILE", help: "The publisher's JWK Set, to verify the signature (else NOT verified)."),
            .flag("--json", help: "Print one JSON object on stdout."),
        ],
        arguments: [
            ArgumentDeclaration("FILE", help: "The list or delta file."),
        ]
    )

    let revocationKeys: String?
    let json: Bool
    let file: String

    init(parsing arguments: ParsedArguments) {
        revocationKeys = arguments.value("--revocation-keys")
        json = arguments.flag("--json")
        file = arguments.requiredArgument("FILE")
    }

    func run() throws {
        var publisherKeys: PinnedKeySet? = nil
        if let revocationKeys {
            do {
                publisherKeys = try PinnedKeySet(contentsOfFile: revocationKeys)
            } catch {
                throw CLIError(error, loading: "the publisher key set --revocation-keys", at: revocationKeys)
            }
        }
        let bytes = try RevocationFiles.contents(of: file, option: "file")
        let summary: RevocationFileSummary
        do {
            summary = try RevocationFileSummary(bytes: bytes, publisherKeys: publisherKeys)
        } catch {
            throw CLIError(error, option: "file", path: file)
        }
        if !summary.signatureVerified {
            Terminal.writeError("warning: the signature is NOT verified (no --revocation-keys): nothing shown may be trusted")
        }
        print(json ? summary.jsonValue.jsonText : Self.report(summary))
    }

    /// The human-readable report.
    static func report(_ summary: RevocationFileSummary) -> String {
        var lines = [
            summary.signatureVerified
                ? "signature: verified"
                : "signature: NOT verified (no --revocation-keys): nothing below may be trusted",
            "kind: \(summary.kind)",
            "name: \(RevocationFiles.quoted(summary.name))",
        ]
        if let base = summary.baseSequence {
            lines.append("sequence: \(base) -> \(summary.sequence)")
        } else {
            lines.append("sequence: \(summary.sequence)")
        }
        lines += [
            "kid: " + (summary.publisherKeyID.map(RevocationFiles.quoted) ?? "(none)"),
            "bytes: \(RevocationFiles.grouped(summary.byteCount))",
            "iat: " + date(summary.issuedAt),
            "valid_until: " + date(summary.validUntil),
            "horizon: " + date(summary.horizon),
        ]
        if summary.kind == "snapshot" {
            lines.append("tokens: \(RevocationFiles.grouped(summary.tokenCount)) in \(RevocationFiles.counted(summary.groups.count, "group"))")
            for group in summary.groups {
                lines.append(
                    "  \(day(group.day)): \(RevocationFiles.grouped(group.count)) of \(RevocationFiles.grouped(group.capacity)) (q \(group.fingerprintBits))"
                )
            }
            lines.append("subjects: \(RevocationFiles.grouped(summary.subjectCount))")
            lines.append("revoked kids: " + kids(summary.revokedKeyIDs))
        } else {
            lines.append("group changes: \(RevocationFiles.grouped(summary.groupChanges.count))")
            for change in summary.groupChanges {
                let counts = change.mode == "delete" ? "" : change.mode == "set" ? " \(change.added) entries" : " -\(change.removed) +\(change.added)"
                lines.append("  \(day(change.day)): \(change.mode)\(counts)")
            }
            lines.append("subjects: -\(summary.subjectChanges.removed) +\(summary.subjectChanges.added)")
            lines.append("kids removed: " + kids(summary.keyChanges.removed))
            lines.append("kids added: " + kids(summary.keyChanges.added))
        }
        return lines.joined(separator: "\n")
    }

    private static func date(_ seconds: UInt64) -> String {
        Terminal.date(String(seconds), seconds: Double(seconds))
    }

    /// `day 20833, exp from 1799971200 (2027-01-15T00:00:00Z)`, or `no exp` for the no-expiry group.
    private static func day(_ day: UInt32?) -> String {
        guard let day else { return "no exp" }
        let start = UInt64(day) * 86_400
        return "day \(day), exp from \(date(start))"
    }

    private static func kids(_ keyIDs: [String]) -> String {
        keyIDs.isEmpty ? "(none)" : keyIDs.map(RevocationFiles.quoted).joined(separator: ", ")
    }
}
