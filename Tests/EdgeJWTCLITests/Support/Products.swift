import Foundation

/// Where the built executables and the package's files are.
enum Products {
    /// The build products directory: the one holding the running test executable, next to
    /// which SwiftPM puts `edgejwt` and `verify-token` (on Linux the test bundle is itself an
    /// executable there, `EdgeJWTPackageTests.xctest`).
    static let directory: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    /// A built executable of this package.
    /// - Parameter name: `edgejwt` or `verify-token`.
    static func executable(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// The package root, from this file's path (`Tests/EdgeJWTCLITests/Support/Products.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
