import EdgeJWT

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Every vector under a directory such as `Vectors/`, from all `*.json` files except READMEs,
/// in a stable order (files sorted by relative path). `keyset/` holds key-rotation vectors in a
/// format of their own (statements to install, not one token each) and is not read here.
public enum VectorDirectory {
    /// Loads all vectors below `path`.
    /// - Parameter path: The vectors directory.
    /// - Returns: The vectors, file by file.
    /// - Throws: ``VectorFormatError`` for an unreadable directory, a malformed file, or a duplicate id.
    public static func load(_ path: String) throws(VectorFormatError) -> [ConformanceVector] {
        guard let entries = relativePaths(below: path) else {
            throw VectorFormatError(file: path, reason: "not a readable directory")
        }
        let files = entries.filter { $0.hasSuffix(".json") && !$0.hasPrefix("keyset/") }.sorted()
        guard !files.isEmpty else { throw VectorFormatError(file: path, reason: "no vector files") }
        var vectors: [ConformanceVector] = []
        var ids: Set<String> = []
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.contents(ofFile: path + "/" + file, maxBytes: 16 << 20)
            } catch {
                throw VectorFormatError(file: file, reason: error.reason)
            }
            for vector in try VectorFile(name: file, bytes: bytes).vectors() {
                guard ids.insert(vector.id).inserted else {
                    throw VectorFormatError(file: file, reason: "duplicate vector id \(vector.id)")
                }
                vectors.append(vector)
            }
        }
        return vectors
    }

    /// Every entry below `root` but its directories, as a path relative to it (`core/alg.json`),
    /// walking subdirectories (symbolic links followed, at most 16 deep); `nil` when `root` or a
    /// subdirectory cannot be read. An entry `stat` cannot follow (a dangling link) is listed as
    /// it is, so reading it names it.
    private static func relativePaths(below root: String, prefix: String = "", depth: Int = 0) -> [String]? {
        guard depth < 16, let directory = opendir(prefix.isEmpty ? root : root + "/" + prefix) else { return nil }
        defer { closedir(directory) }
        var paths: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            var information = stat()
            if stat(root + "/" + relative, &information) == 0, information.st_mode & S_IFMT == S_IFDIR {
                guard let inner = relativePaths(below: root, prefix: relative, depth: depth + 1) else { return nil }
                paths += inner
            } else {
                paths.append(relative)
            }
        }
        return paths
    }
}
