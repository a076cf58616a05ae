#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A device's key-rotation directory for one issuer: every root installed after the provisioned
/// one (`root-N.json`) and the installed key-set statement (`statement.json`).
///
/// Each file is written atomically (`AtomicFile`: temporary file, `fsync`, `rename`, `fsync` of
/// the directory), so a crash or power cut leaves it old or new, never torn. ``load(trustRoot:issuer:)``
/// verifies everything again on start, from the provisioned root along the chain: a corrupt,
/// truncated or badly signed file is reported and never used. The stored statement's sequence is
/// the anti-rollback record. One process writes a store at a time.
/// ```swift
/// let store = try KeySetStore(directory: "/var/lib/gateway/keys/id.example.com")
/// let keys = try RotatingKeySet(issuer: "https://id.example.com", trustRoot: root, store: store)
/// ```
public struct KeySetStore: Sendable {
    /// The installed key-set statement.
    public static let statementFileName = "statement.json"

    /// The directory.
    public let directory: String

    /// Opens (and if needed creates) a store directory.
    /// - Parameter directory: The directory; its parent must exist. Created with mode 0755.
    /// - Throws: `storage_failure` when it is missing and cannot be created.
    public init(directory: String) throws(KeySetStatementError) {
        self.directory = directory
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw KeySetStatementError(.storageFailure, "\(directory): cannot create the directory: \(String(cString: strerror(errno)))")
        }
    }

    /// The file of root `sequence`: `root-N.json`.
    /// - Parameter sequence: A root sequence number.
    /// - Returns: The file name (in ``directory``).
    public static func rootFileName(_ sequence: UInt64) -> String { "root-\(sequence).json" }

    /// The path of the statement file.
    public var statementPath: String { directory + "/" + Self.statementFileName }

    /// What ``load(trustRoot:issuer:)`` found.
    public struct Loaded: Sendable {
        /// The provisioned root followed by every stored successor that verified, in order.
        public let roots: [TrustRoot]
        /// The stored statement, if it verified under a root of ``roots`` and names the issuer.
        public let statement: KeySetStatement?
        /// Files that exist but were refused, each `name: reason`. Empty when all is well.
        public let problems: [String]
        /// Temporary files of interrupted writes (by processes no longer running) removed.
        public let removedTemporaryFiles: Int
    }

    /// Verifies the stored roots and statement, starting from the provisioned root.
    ///
    /// Never throws: a missing file is nothing stored; an unreadable, corrupt or badly signed one
    /// is a problem in ``Loaded/problems``, and the chain stops before it. The statement may be
    /// signed by any root of the chain (it was current when installed); a root rotation does not
    /// invalidate it. Expiry is not checked here: an expired statement stays the anti-rollback
    /// record and is refused per ``KeySetPolicy`` at verification.
    /// - Parameters:
    ///   - trustRoot: The root the device was provisioned with.
    ///   - issuer: The issuer the statement must name.
    /// - Returns: The chain and statement to use and what was found.
    public func load(trustRoot: TrustRoot, issuer: String) -> Loaded {
        let removed = removeStaleTemporaryFiles()
        var problems: [String] = []
        var roots = [trustRoot]
        while let current = roots.last {
            let fileName = Self.rootFileName(current.sequence + 1)
            guard let bytes = read(fileName, into: &problems) else { break }
            do {
                roots.append(try current.successor(verifying: bytes))
            } catch {
                problems.append("\(fileName): \(error)")
                break
            }
        }
        var statement: KeySetStatement? = nil
        if let bytes = read(Self.statementFileName, into: &problems) {
            var firstError: KeySetStatementError? = nil
            for root in roots.reversed() {
                do {
                    statement = try KeySetStatement(verifying: bytes, root: root)
                    break
                } catch {
                    firstError = firstError ?? error
                }
            }
            if let found = statement, !found.issuer.isExactly(issuer) {
                problems.append("\(Self.statementFileName): issuer_mismatch: the statement is for \(JSONValue.string(found.issuer).jsonText), not \(JSONValue.string(issuer).jsonText)")
                statement = nil
            } else if statement == nil, let firstError {
                problems.append("\(Self.statementFileName): \(firstError)")
            }
        }
        return Loaded(roots: roots, statement: statement, problems: problems, removedTemporaryFiles: removed)
    }

    /// Stores a verified successor root as `root-N.json`.
    /// - Parameter root: The root.
    /// - Throws: `storage_failure`; the file then holds its old content or does not exist.
    public func save(root: TrustRoot) throws(KeySetStatementError) {
        try write(root.bytes, to: directory + "/" + Self.rootFileName(root.sequence))
    }

    /// Stores a verified statement as `statement.json`, replacing the previous one.
    /// - Parameter statement: The statement.
    /// - Throws: `storage_failure`; the file then holds either the old or the new statement.
    public func save(statement: KeySetStatement) throws(KeySetStatementError) {
        try write(statement.bytes, to: statementPath)
    }

    private func write(_ bytes: [UInt8], to path: String) throws(KeySetStatementError) {
        do {
            try AtomicFile.replace(path, with: bytes)
        } catch {
            throw KeySetStatementError(.storageFailure, error.description)
        }
    }

    /// A store file's bytes, `nil` when missing (silently) or unreadable (a problem).
    private func read(_ fileName: String, into problems: inout [String]) -> [UInt8]? {
        do {
            return try FileBytes.contents(ofFile: directory + "/" + fileName, maxBytes: KeySetStatement.maxBytes)
        } catch {
            if !error.isMissingFile { problems.append("\(fileName): \(error.reason)") }
            return nil
        }
    }

    /// Removes `NAME.tmp-PID-N` files (`AtomicFile`'s temporary names) whose writer no longer runs.
    private func removeStaleTemporaryFiles() -> Int {
        guard let handle = opendir(directory) else { return 0 }
        var names: [String] = []
        while let entry = readdir(handle) {
            names.append(
                withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
                })
        }
        closedir(handle)
        var removed = 0
        for name in names {
            guard let marker = name.firstRange(of: ".json.tmp-") else { continue }
            let rest = name[marker.upperBound...]
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0,
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            if unlink(directory + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }
}
