import Foundation
import Testing

/// The `edgejwt` a gateway runs links no Foundation (issue 11): neither as a shared library
/// (`ldd`) nor as code linked in (`nm`: no symbol of a Foundation module). This run's debug
/// build links the Swift runtime dynamically, so a dependency that brings Foundation back shows
/// up here as a `libFoundation*.so` line, and code of it as mangled `Foundation…` symbols.
@Suite struct FoundationFreeBinaryTests {
    /// Swift module names of swift-corelibs-foundation and swift-foundation.
    static let foundationModules = [
        "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking",
        "FoundationXML", "CoreFoundation", "_FoundationCollections", "_FoundationICU",
    ]

    @Test func edgejwtLoadsNoFoundationLibrary() throws {
        let result = try run("/usr/bin/ldd", [Repository.builtEdgeJWT])
        try #require(result.status == 0, "\(result)")
        let libraries = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(libraries.contains { $0.hasPrefix("libsodium") }, "ldd read the binary: \(result.stdout)")
        let foundation = libraries.filter { line in
            Self.foundationModules.contains { line.hasPrefix("lib\($0).so") }
        }
        #expect(foundation.isEmpty, "\(foundation)")
    }

    @Test func edgejwtHoldsNoFoundationSymbol() throws {
        // Defined and undefined symbols alike: code linked in, and code expected from a library.
        let result = try run("/usr/bin/nm", [Repository.builtEdgeJWT])
        try #require(result.status == 0, "\(result)")
        let symbols = result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").last }
        #expect(symbols.contains { $0.hasPrefix("$s7EdgeJWT") }, "nm read Swift symbols of the binary")
        let foundation = symbols.filter { symbol in
            Self.foundationModules.contains { symbol.hasPrefix("$s\($0.utf8.count)\($0)") }
        }
        #expect(foundation.isEmpty, "\(foundation.count) Foundation symbols, e.g. \(foundation.prefix(5))")
    }
}
