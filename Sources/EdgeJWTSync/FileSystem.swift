#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The few file-system questions the agent asks, answered with the C library (no Foundation).
enum FileSystem {
    /// Creates the directory `path` unless it already is one; its parent must exist.
    /// - Parameters:
    ///   - path: The directory.
    ///   - mode: Permission bits for a new directory (before the umask). Default `0o755`.
    /// - Returns: `nil` when `path` is a directory now, otherwise why it is not.
    static func createDirectory(_ path: String, mode: UInt32 = 0o755) -> String? {
        if mkdir(path, mode_t(mode)) == 0 { return nil }
        let reason = String(cString: strerror(errno))
        return isDirectory(path) ? nil : reason
    }

    /// Whether `path` names a directory (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0 && information.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether anything exists at `path` (following symbolic links).
    static func exists(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0
    }

    /// The directory part of `path`: everything before its last `/`; `.` when it has none, `/`
    /// for a file in the root.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`: everything after its last `/`.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
