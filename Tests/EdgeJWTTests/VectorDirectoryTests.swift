import EdgeJWTConformance
import Foundation
import Testing

/// `VectorDirectory.load`: which files of a vectors directory are read, and in what order.
@Suite struct VectorDirectoryTests {
    static let vectors = VectorTests.directory

    /// A scratch directory holding `files` (relative path → contents), removed after `body`.
    static func withDirectory(_ files: [String: Data], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vectors-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, contents) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url)
        }
        try body(root)
    }

    @Test func readsJSONFilesOfSubdirectoriesSortedByPath() throws {
        let claims = try Data(contentsOf: URL(fileURLWithPath: Self.vectors + "/core/claims.json"))
        let base64 = try Data(contentsOf: URL(fileURLWithPath: Self.vectors + "/core/base64url.json"))
        try Self.withDirectory(["z/deeper/b.json": base64, "a.json": claims, "notes/README.md": Data("# not a vector".utf8)]) { root in
            let files = try VectorDirectory.load(root).map(\.file)
            #expect(files.first == "a.json")
            #expect(files.last == "z/deeper/b.json")
            #expect(Set(files) == ["a.json", "z/deeper/b.json"])
        }
    }

    @Test func skipsTheKeySetDirectory() throws {
        let claims = try Data(contentsOf: URL(fileURLWithPath: Self.vectors + "/core/claims.json"))
        try Self.withDirectory(["a.json": claims, "keyset/rotation.json": Data("not a vector file".utf8)]) { root in
            let files = try VectorDirectory.load(root).map(\.file)
            #expect(Set(files) == ["a.json"])
        }
    }

    @Test func missingDirectoryIsNotReadable() {
        let error = #expect(throws: VectorFormatError.self) { try VectorDirectory.load("/nonexistent-vectors-directory") }
        #expect(error?.reason == "not a readable directory")
    }
}
