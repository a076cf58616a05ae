#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A device's revocation list directory: the current list and the previous good one.
///
/// Each file is replaced atomically (a temporary file, `fsync`, `rename`, `fsync` of the
/// directory), so a crash or power cut leaves every file either old or new, never mixed. On
/// start ``load(publisherKeys:)`` verifies both files and keeps the newest good one: a corrupt
/// or truncated file (a failing disk, a copy made by hand) is reported and ignored, never used.
///
/// ```swift
/// let store = try RevocationStore(directory: "/var/lib/gateway/revocation")
/// let revocation = try RevocationListCheck(publisherKeys: publisher, store: store, timeFloor: floor)
/// ```
/// One process writes a store at a time.
public struct RevocationStore: Sendable {
    /// The installed list.
    public static let currentFileName = "current.ejrl"
    /// The list it replaced, kept as a fallback.
    public static let previousFileName = "previous.ejrl"

    /// The directory.
    public let directory: String

    /// Opens (and if needed creates) a store directory.
    /// - Parameter directory: The directory; its parent must exist. Created with mode 0755.
    /// - Throws: `storage_failure` when it is missing and cannot be created.
    public init(directory: String) throws(RevocationListError) {
        self.directory = directory
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw RevocationListError(.storageFailure, "\(directory): cannot create the directory: \(String(cString: strerror(errno)))")
        }
    }

    /// The path of the current list file.
    public var currentPath: String { directory + "/" + Self.currentFileName }
    /// The path of the previous list file.
    public var previousPath: String { directory + "/" + Self.previousFileName }

    /// What ``load(publisherKeys:)`` found.
    public struct Loaded: Sendable {
        /// The newest list that verified, or `nil` when neither file holds one.
        public let list: RevocationList?
        /// The file it came from: ``currentFileName`` or ``previousFileName``.
        public let fileName: String?
        /// Files that exist but were refused, each `name: reason`. Empty when all is well.
        public let problems: [String]
        /// Temporary files of interrupted writes (by processes no longer running) removed.
        public let removedTemporaryFiles: Int
    }

    /// Verifies the current and previous files and returns the newest good list.
    ///
    /// Never throws: a missing file is no list, an unreadable, truncated, corrupt or badly
    /// signed one is a problem reported in ``Loaded/problems``. Temporary files left by a
    /// writer that died mid-write are removed first.
    /// - Parameter publisherKeys: The keys that verify the lists.
    /// - Returns: The list to use and what was found.
    public func load(publisherKeys: PinnedKeySet) -> Loaded {
        let removed = removeStaleTemporaryFiles()
        var problems: [String] = []
        var best: (list: RevocationList, fileName: String)? = nil
        for fileName in [Self.currentFileName, Self.previousFileName] {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.contents(ofFile: directory + "/" + fileName, maxBytes: RevocationList.maxFileBytes)
            } catch {
                if !error.isMissingFile { problems.append("\(fileName): \(error.reason)") }
                continue
            }
            do {
                let list = try RevocationList(verifying: bytes, publisherKeys: publisherKeys)
                if best.map({ list.sequence > $0.list.sequence }) ?? true { best = (list, fileName) }
            } catch {
                problems.append("\(fileName): \(error)")
            }
        }
        return Loaded(list: best?.list, fileName: best?.fileName, problems: problems, removedTemporaryFiles: removed)
    }

    /// Stores `list` as current, after storing `previous` (the list it replaces) as the fallback.
    /// - Parameters:
    ///   - list: The verified list to keep.
    ///   - previous: The good list it replaces, or `nil` for the first one.
    /// - Throws: `storage_failure`; each file then holds either its old or its new content.
    public func save(_ list: RevocationList, replacing previous: RevocationList?) throws(RevocationListError) {
        do {
            if let previous { try AtomicFile.replace(previousPath, with: previous.bytes) }
            try AtomicFile.replace(currentPath, with: list.bytes)
        } catch {
            throw RevocationListError(.storageFailure, error.description)
        }
    }

    /// Removes `current.ejrl.tmp-PID-N` and `previous.ejrl.tmp-PID-N` files whose process no
    /// longer runs.
    private func removeStaleTemporaryFiles() -> Int {
        guard let handle = opendir(directory) else { return 0 }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            names.append(name)
        }
        closedir(handle)
        var removed = 0
        for name in names {
            guard let pid = Self.writerProcess(ofTemporaryFile: name), kill(pid, 0) != 0, errno == ESRCH else { continue }
            if unlink(directory + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// The writer's process id in an `AtomicFile` temporary name of a store file.
    private static func writerProcess(ofTemporaryFile name: String) -> pid_t? {
        for fileName in [currentFileName, previousFileName] {
            let prefix = fileName + ".tmp-"
            guard name.hasPrefix(prefix) else { continue }
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
            return pid
        }
        return nil
    }
}
