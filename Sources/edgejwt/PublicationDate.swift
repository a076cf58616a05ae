#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Dates a published file after the one it replaced, so that web servers see every publication.
///
/// nginx derives both `ETag` (modification second and size) and `Last-Modified` from the file's
/// modification time in whole seconds: a list replaced by another of the same size within the
/// same second would look unchanged to every client holding the first one's validators. After
/// replacing a file, ``advance(_:after:)`` moves its modification time to one second after the
/// replaced file's when the clock has not yet moved past it (docs/sync.md, "Publishing").
enum PublicationDate {
    /// The modification second of the file at `path`, or `nil` if there is none.
    /// - Parameter path: The file about to be replaced.
    /// - Returns: Seconds since 1970.
    static func modificationSecond(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mtim.tv_sec)
    }

    /// Sets the modification time of the file just written at `path` to `previous` + 1 s when
    /// its own is not later than `previous`; otherwise leaves it.
    /// - Parameters:
    ///   - path: The file just written.
    ///   - previous: ``modificationSecond(of:)`` of the file it replaced, or `nil`.
    /// - Returns: A message when the date could not be set (the file is written either way).
    static func advance(_ path: String, after previous: Int?) -> String? {
        guard let previous, let current = modificationSecond(of: path), current <= previous else { return nil }
        // Access and modification time alike: nothing reads a published file's access time.
        var times = [timespec(tv_sec: previous + 1, tv_nsec: 0), timespec(tv_sec: previous + 1, tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else {
            return "cannot date \(path) after the list it replaced: \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
