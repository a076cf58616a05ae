import Foundation
import Testing

/// Examples/c-daemon (built with its Makefile through pkg-config, also under AddressSanitizer and
/// linked statically) and Examples/python-ctypes verify the shipped token and refuse a forgery.
@Suite struct CExampleTests {
    /// Builds Examples/c-daemon with its Makefile into `directory`.
    static func makeDaemon(in directory: String, sanitize: String? = nil) throws -> String {
        let program = directory + "/c-daemon"
        var arguments = ["make", "--no-print-directory", "-B", "PROGRAM=\(program)"]
        if let sanitize { arguments.append("SANITIZE=\(sanitize)") }
        let build = try Shell.run(arguments, in: CLibrary.packageRoot + "/Examples/c-daemon", environment: try CLibrary.pkgConfigEnvironment())
        try #require(build.status == 0, "make: \(build)")
        return program
    }

    /// Runs the daemon on the example token and a forgery and checks both verdicts.
    static func checkVerdicts(of program: String, environment: [String: String] = [:]) throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let valid = try Shell.run([program, CLibrary.exampleKeys, CLibrary.exampleToken], environment: environment)
        #expect(valid.status == 0, "\(valid)")
        #expect(valid.stdout == "VALID kid=example-2026 iss=https://issuer.example sub=device-42 scope=\"telemetry:write\"\n")
        let forged = try Shell.run([program, CLibrary.exampleKeys, try CLibrary.tamperedExampleToken(in: directory)], environment: environment)
        #expect(forged.status == 1, "\(forged)")
        #expect(forged.stdout.hasPrefix("REJECTED invalid_signature: "))
        #expect(!valid.stderr.contains("Sanitizer") && !forged.stderr.contains("Sanitizer"), "\(valid.stderr)\(forged.stderr)")
    }

    @Test func cDaemonVerifiesTheExampleTokenAndRejectsAForgery() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.checkVerdicts(of: try Self.makeDaemon(in: directory))
    }

    @Test func cDaemonIsCleanUnderAddressSanitizer() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let program = try Self.makeDaemon(in: directory, sanitize: "address")
        let environment = ["ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0:exitcode=99"]
        try Self.checkVerdicts(of: program, environment: environment)
        // The stream mode reuses one result across tokens: valid, forged, garbage, empty.
        let forged = try String(contentsOfFile: try CLibrary.tamperedExampleToken(in: directory), encoding: .utf8)
        let token = try String(contentsOfFile: CLibrary.exampleToken, encoding: .utf8)
        let input = directory + "/tokens"
        try (token + forged + "not-a-token\n\n").write(toFile: input, atomically: true, encoding: .utf8)
        let stream = try Shell.run([program, CLibrary.exampleKeys], environment: environment, stdin: input)
        #expect(stream.status == 0, "\(stream)")
        let verdicts = stream.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(verdicts == ["VALID kid=example-2026", "REJECTED invalid_signature:", "REJECTED malformed_token:", "REJECTED malformed_token:"])
        #expect(!stream.stderr.contains("Sanitizer"), "\(stream.stderr)")
    }

    @Test func cDaemonLinkedWithTheStaticLibraryVerifiesTheExampleToken() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let program = directory + "/c-daemon-static"
        let build = try CLibrary.compile(["Examples/c-daemon/main.c"], to: program, package: "edgejwt-static")
        try #require(build.status == 0, "\(build)")
        let linked = try Shell.run(["ldd", program])
        #expect(!linked.stdout.contains("libedgejwt"), "\(linked.stdout)")
        try Self.checkVerdicts(of: program)
    }

    @Test func headerCompilesAsPedanticC99AndAsCPlusPlus() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = "#include <edgejwt.h>\nint main(void) { return edgejwt_api_version() == EDGEJWT_API_VERSION ? 0 : 1; }\n"
        try source.write(toFile: directory + "/header.c", atomically: true, encoding: .utf8)
        try source.write(toFile: directory + "/header.cpp", atomically: true, encoding: .utf8)
        let include = "-I" + CLibrary.packageRoot + "/include"
        let c = try Shell.run(["gcc", "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", include, directory + "/header.c"])
        #expect(c.status == 0, "\(c)")
        let cxx = try Shell.run(["g++", "-std=c++11", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", include, directory + "/header.cpp"])
        #expect(cxx.status == 0, "\(cxx)")
    }

    @Test func pythonCtypesExampleVerifiesTheExampleTokenAndRejectsAForgery() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = CLibrary.packageRoot + "/Examples/python-ctypes/verify_token.py"
        let library = try CLibrary.prefix() + "/lib/libedgejwt.so"
        let valid = try Shell.run(["python3", script, CLibrary.exampleKeys, CLibrary.exampleToken, library])
        #expect(valid.status == 0, "\(valid)")
        #expect(valid.stdout == "VALID kid=example-2026 sub=device-42 scope=telemetry:write\n")
        let forged = try Shell.run(["python3", script, CLibrary.exampleKeys, try CLibrary.tamperedExampleToken(in: directory), library])
        #expect(forged.status == 1, "\(forged)")
        #expect(forged.stdout.hasPrefix("REJECTED invalid_signature: "))
    }
}
