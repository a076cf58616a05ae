import EdgeJWT

/// What the `revocation` subcommands share: reading keys, entries and list files, writing list
/// files, and the one-line reports on stderr. Every failure is a ``CLIError`` (exit 2) naming the
/// option and file, with the library's `code: detail`.
enum RevocationFiles {
    /// Largest entries document read: the same as the largest list, 256 MiB (a million token
    /// entries take about 80 MB of JSON).
    static let maxEntriesBytes = RevocationList.maxFileBytes

    /// Default `--valid-for` of `build`: one day.
    static let defaultValidity: UInt64 = 86_400

    /// The private JWK that signs lists.
    /// - Parameter path: The `--key` file.
    static func signingKey(at path: String) throws(CLIError) -> SigningKey {
        do {
            return try SigningKey(contentsOfFile: path)
        } catch {
            throw CLIError(error, loading: "the private key --key", at: path)
        }
    }

    /// The publisher's key set that verifies existing lists: `--revocation-keys`, or else the
    /// public half of `--key`.
    /// - Parameters:
    ///   - path: The `--revocation-keys` file, if given.
    ///   - key: The signing key.
    static func publisherKeys(at path: String?, signingKey key: SigningKey) throws(CLIError) -> PinnedKeySet {
        guard let path else { return try ownKeys(of: key) }
        do {
            return try PinnedKeySet(contentsOfFile: path)
        } catch {
            throw CLIError(error, loading: "the publisher key set --revocation-keys", at: path)
        }
    }

    /// The public JWK Set of `key` alone.
    static func ownKeys(of key: SigningKey) throws(CLIError) -> PinnedKeySet {
        do {
            return try PinnedKeySet(jwks: Array(key.publicJWKSet.jsonText.utf8))
        } catch {
            throw CLIError("cannot use the public key of --key: \(error.code.rawValue): \(error.detail)")
        }
    }

    /// The entries of an entries document (docs/revocation-format.md §7).
    /// - Parameters:
    ///   - path: The file.
    ///   - option: `--entries` or `--remove`, for messages.
    static func entries(at path: String, option: String) throws(CLIError) -> [RevocationEntry] {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: maxEntriesBytes)
        } catch {
            throw CLIError("cannot read the entries \(option) \(error.description)")
        }
        do {
            return try RevocationEntry.entries(fromJSON: bytes)
        } catch {
            throw CLIError("cannot use the entries \(option) \(path): \(error.code.rawValue): \(error.detail)")
        }
    }

    /// The bytes of a list or delta file, at most ``RevocationList/maxFileBytes``.
    /// - Parameters:
    ///   - path: The file.
    ///   - option: The option that named it, for messages.
    static func contents(of path: String, option: String) throws(CLIError) -> [UInt8] {
        do {
            return try FileBytes.contents(ofFile: path, maxBytes: RevocationList.maxFileBytes)
        } catch {
            let code: RevocationListError.Code = error.reason.hasPrefix("larger than") ? .listTooLarge : .unreadableFile
            throw CLIError(RevocationListError(code, error.reason), option: option, path: path)
        }
    }

    /// A verified snapshot.
    /// - Parameters:
    ///   - path: The file.
    ///   - option: The option that named it, for messages.
    ///   - publisherKeys: The keys that verify it.
    static func list(at path: String, option: String, publisherKeys: PinnedKeySet) throws(CLIError) -> RevocationList {
        let bytes = try contents(of: path, option: option)
        do {
            return try RevocationList(verifying: bytes, publisherKeys: publisherKeys)
        } catch {
            throw CLIError(error, option: option, path: path)
        }
    }

    /// Writes a list or delta file atomically (temporary file, fsync, rename, fsync of the
    /// directory), replacing any file there, dated after the file it replaced
    /// (``PublicationDate``).
    /// - Parameters:
    ///   - bytes: The signed file.
    ///   - path: The destination.
    ///   - option: The option that named it, for messages.
    static func write(_ bytes: [UInt8], to path: String, option: String) throws(CLIError) {
        let previous = PublicationDate.modificationSecond(of: path)
        do {
            try AtomicFile.replace(path, with: bytes)
        } catch {
            throw CLIError("cannot write \(option) \(error.description)")
        }
        if let problem = PublicationDate.advance(path, after: previous) { throw CLIError(problem) }
    }

    /// The summary of a file just signed with `key`, verified with its public key: a check of
    /// what is about to be reported.
    /// - Parameters:
    ///   - bytes: The signed list or delta.
    ///   - key: The key that signed it.
    static func summary(of bytes: [UInt8], signedBy key: SigningKey) throws(CLIError) -> RevocationFileSummary {
        let keys = try ownKeys(of: key)
        do {
            return try RevocationFileSummary(bytes: bytes, publisherKeys: keys)
        } catch {
            throw CLIError("the file just signed does not verify: \(error.code.rawValue): \(error.detail)")
        }
    }

    /// The current time in whole seconds (rounded down).
    static func now() -> UInt64 {
        UInt64(SystemClock().now().secondsSinceEpoch.rounded(.down))
    }

    /// `issuedAt + duration`, or `UInt64.max` on overflow, which signing then refuses as a
    /// `valid_until` after 9999-12-31.
    static func adding(_ duration: UInt64, to issuedAt: UInt64) -> UInt64 {
        let (sum, overflow) = issuedAt.addingReportingOverflow(duration)
        return overflow ? .max : sum
    }

    /// The horizon a list issued at `issuedAt` is pruned to: one recommended margin before it,
    /// or 0.
    static func pruneHorizon(issuedAt: UInt64) -> UInt64 {
        issuedAt > RevocationListContent.recommendedPruneMargin ? issuedAt - RevocationListContent.recommendedPruneMargin : 0
    }

    /// `wrote list "corp" sequence 5: 1,000 tokens, 2 subjects, 1 key (5,012 bytes) to PATH`.
    static func wroteList(_ content: RevocationListContent, byteCount: Int, to path: String) -> String {
        "wrote list \(quoted(content.name)) sequence \(content.sequence): "
            + "\(counted(content.tokenCount, "token")), \(counted(content.subjects.count, "subject")), "
            + "\(counted(content.revokedKeys.count, "key")) (\(grouped(byteCount)) bytes) to \(path)"
    }

    /// `wrote delta "corp" sequence 4 -> 5: 2 group changes, subjects -0 +1, keys -0 +0 (412 bytes) to PATH`.
    static func wroteDelta(_ summary: RevocationFileSummary, to path: String) -> String {
        "wrote delta \(quoted(summary.name)) sequence \(summary.baseSequence ?? 0) -> \(summary.sequence): "
            + "\(counted(summary.groupChanges.count, "group change")), "
            + "subjects -\(summary.subjectChanges.removed) +\(summary.subjectChanges.added), "
            + "keys -\(summary.keyChanges.removed.count) +\(summary.keyChanges.added.count) "
            + "(\(grouped(summary.byteCount)) bytes) to \(path)"
    }

    /// A name from a list, quoted and safe for a terminal.
    static func quoted(_ text: String) -> String {
        Terminal.safe(JSONValue.string(text).jsonText)
    }

    /// `1 key`, `2 keys`, `1,000 tokens`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `5012` as `5,012`.
    static func grouped<Value: BinaryInteger>(_ value: Value) -> String {
        let digits = Array(String(value))
        var output = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(digit)
        }
        return output
    }
}

extension CLIError {
    /// A list file that cannot be read or used: `OPTION PATH: CODE: DETAIL`.
    /// - Parameters:
    ///   - error: The library's error.
    ///   - option: The option that named the file, e.g. `--list`.
    ///   - path: The path given.
    init(_ error: RevocationListError, option: String, path: String) {
        self.init("\(option) \(path): \(error.code.rawValue): \(error.detail)")
    }

    /// A list that cannot be built or signed: `CODE: DETAIL`.
    /// - Parameter error: The library's error.
    init(_ error: RevocationListError) {
        self.init("\(error.code.rawValue): \(error.detail)")
    }
}
