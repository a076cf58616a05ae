#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The files below a directory, found with `opendir`/`readdir` (no Foundation).
enum DirectoryWalk {
    /// Why a directory could not be listed.
    struct ListingError: Error {
        /// The directory, as it would be opened.
        let directory: String
        /// The system's message.
        let reason: String
    }

    /// The paths, relative to `root` and separated by `/`, of every entry below it that is not a
    /// directory (regular files, and symbolic links, which are not followed into directories),
    /// in no particular order. Subdirectories are walked recursively; `.` and `..` are skipped.
    /// - Parameter root: The directory to walk.
    /// - Returns: The relative paths, e.g. `core/valid.json`.
    /// - Throws: ``ListingError`` when `root` or a directory below it cannot be opened.
    static func files(below root: String) throws(ListingError) -> [String] {
        var files: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let handle = opendir(directory) else {
                throw ListingError(directory: directory, reason: String(cString: strerror(errno)))
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                if lstat(root + "/" + path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else {
                    files.append(path)
                }
            }
        }
        return files
    }
}
