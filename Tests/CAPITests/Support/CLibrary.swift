import Foundation
import Testing

/// libedgejwt as a C program sees it: installed once per test run into a temporary prefix by
/// `Scripts/build-c-library.sh --skip-build`, from the library `swift build --build-tests` made
/// next to the test bundle (so the suite builds no second copy of the package).
enum CLibrary {
    /// The package root (this file is Tests/CAPITests/Support/CLibrary.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The prefix the library was installed into, or why it could not be.
    private static let installation: Result<String, InstallError> = install()

    /// Why the installation failed.
    struct InstallError: Error, CustomStringConvertible {
        let description: String
    }

    /// The installed prefix: `include/edgejwt.h`, `lib/libedgejwt.so`, `lib/pkgconfig/edgejwt.pc`.
    static func prefix() throws -> String { try installation.get() }

    /// The environment that lets `pkg-config` find the installed `edgejwt.pc`.
    static func pkgConfigEnvironment() throws -> [String: String] {
        ["PKG_CONFIG_PATH": try prefix() + "/lib/pkgconfig"]
    }

    private static func install() -> Result<String, InstallError> {
        // The test bundle lives in SCRATCH/CONFIGURATION (e.g. .build/debug, a symlink to the triple's directory).
        var products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if products.pathExtension == "xctest" { products = products.deletingLastPathComponent() }
        let configuration = products.lastPathComponent
        let scratch = products.deletingLastPathComponent().path
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-capi-prefix-\(UUID().uuidString)").path
        do {
            let outcome = try Shell.run([
                "bash", "Scripts/build-c-library.sh", "--prefix", prefix, "--configuration", configuration,
                "--scratch-path", scratch, "--skip-build",
            ])
            guard outcome.status == 0 else { return .failure(InstallError(description: "build-c-library.sh: \(outcome)")) }
        } catch {
            return .failure(InstallError(description: "build-c-library.sh did not run: \(error)"))
        }
        return .success(prefix)
    }

    /// Compiles C sources against the installed library with pkg-config.
    /// - Parameters:
    ///   - sources: Paths relative to the package root.
    ///   - output: The executable's path.
    ///   - package: `edgejwt` (shared) or `edgejwt-static`.
    ///   - extraFlags: More compiler flags (sanitizers, `-pthread`).
    ///   - compiler: The C compiler. Default: gcc.
    /// - Returns: The compiler's outcome (or pkg-config's, when it fails).
    /// - Throws: When a process cannot be started.
    static func compile(
        _ sources: [String], to output: String, package: String = "edgejwt", extraFlags: [String] = [],
        compiler: String = "gcc"
    ) throws -> CommandOutcome {
        let flags = try Shell.run(["pkg-config", "--cflags", "--libs", package], environment: try pkgConfigEnvironment())
        guard flags.status == 0 else { return flags }
        let pkgFlags = flags.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        return try Shell.run(
            [compiler, "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Werror", "-O1", "-g"] + extraFlags + sources
                + ["-o", output] + pkgFlags)
    }

    /// A fresh temporary directory for one test's files.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgejwt-capi-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `Examples/verify-token/token.jwt` with its payload changed and the signature kept: a forgery.
    static func tamperedExampleToken(in directory: String) throws -> String {
        let token = try String(contentsOfFile: packageRoot + "/Examples/verify-token/token.jwt", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        try #require(segments.count == 3)
        // sub "device-42" becomes "device-43"; base64url of the changed JSON, no padding.
        var payload = String(segments[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let claims = try #require(Data(base64Encoded: payload)).map { $0 }
        let changed = String(decoding: claims, as: UTF8.self).replacingOccurrences(of: "device-42", with: "device-43")
        try #require(changed != String(decoding: claims, as: UTF8.self))
        let encoded = Data(changed.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let path = directory + "/tampered.jwt"
        try "\(segments[0]).\(encoded).\(segments[2])\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The shipped example's files.
    static let exampleKeys = packageRoot + "/Examples/verify-token/keys.json"
    static let exampleToken = packageRoot + "/Examples/verify-token/token.jwt"
}
