import EdgeJWT

/// Every vector under a directory such as `Vectors/`, from all `*.json` files except READMEs,
/// in a stable order (files sorted by relative path). `keyset/` holds key-rotation vectors in a
/// format of their own (statements to install, not one token each) and is not read here.
public enum VectorDirectory {
    /// Loads all vectors below `path`.
    /// - Parameter path: The vectors directory.
    /// - Returns: The vectors, file by file.
    /// - Throws: ``VectorFormatError`` for an unreadable directory, a malformed file, or a duplicate id.
    public static func load(_ path: String) throws(VectorFormatError) -> [ConformanceVector] {
        let entries: [String]
        do {
            entries = try DirectoryWalk.files(below: path)
        } catch {
            throw VectorFormatError(
                file: path, reason: error.directory == path ? "not a readable directory" : "cannot read \(error.directory): \(error.reason)")
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
}
