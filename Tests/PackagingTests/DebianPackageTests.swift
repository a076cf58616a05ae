import Foundation
import Testing

/// `Scripts/build-deb.sh`: the package it builds from this test run's `edgejwt`, unpacked with
/// `dpkg -x` into a scratch root, installs a binary that verifies the example token.
@Suite struct DebianPackageTests {
    /// Builds the .deb into `scratch`; `extra` are more arguments.
    private func buildPackage(in scratch: Scratch, _ extra: [String] = []) throws -> (deb: String, log: String) {
        let result = try run(
            Repository.file("Scripts/build-deb.sh"),
            [
                "--binary", Repository.builtEdgeJWT, "--output", scratch.file("out"), "--allow-foreign-libraries",
                // Uncompressed: xz takes 20 s on the debug binary and proves nothing more.
                "--compression", "none",
            ] + extra)
        try #require(result.status == 0, "\(result)")
        let deb = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deb.hasSuffix(".deb") && FileManager.default.fileExists(atPath: deb))
        return (deb, result.stderr)
    }

    private func unpack(_ deb: String, in scratch: Scratch) throws -> String {
        let root = scratch.file("root")
        let result = try run("/usr/bin/dpkg", ["-x", deb, root])
        try #require(result.status == 0, "\(result)")
        return root
    }

    @Test func installedBinaryVerifiesTheExampleToken() throws {
        let scratch = try Scratch()
        let root = try unpack(try buildPackage(in: scratch).deb, in: scratch)
        let result = try run(
            root + "/usr/bin/edgejwt", ["verify", "--keys", "Examples/verify-token/keys.json", "-"],
            stdinFile: Repository.file("Examples/verify-token/token.jwt"))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("VALID"), "\(result)")
    }

    @Test func installsTheServiceTheUserAndTheDefaultConfiguration() throws {
        let scratch = try Scratch()
        let root = try unpack(try buildPackage(in: scratch).deb, in: scratch)
        for (installed, source) in [
            ("usr/lib/systemd/system/edgejwt-sync.service", "Packaging/systemd/edgejwt-sync.service"),
            ("usr/lib/sysusers.d/edgejwt.conf", "Packaging/sysusers.d/edgejwt.conf"),
            ("etc/edgejwt/sync.json", "Packaging/etc/edgejwt/sync.json"),
        ] {
            let copy = FileManager.default.contents(atPath: root + "/" + installed)
            #expect(copy != nil && copy == FileManager.default.contents(atPath: Repository.file(source)), "\(installed)")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/include/edgejwt.h"))
    }

    @Test func marksTheConfigurationAsAConffileAndDependsOnTheLibrariesTheBinaryNeeds() throws {
        let scratch = try Scratch()
        let deb = try buildPackage(in: scratch).deb
        let control = scratch.file("control")
        let result = try run("/usr/bin/dpkg-deb", ["-e", deb, control])
        try #require(result.status == 0, "\(result)")
        let conffiles = try String(contentsOfFile: control + "/conffiles", encoding: .utf8)
        #expect(conffiles.split(separator: "\n") == ["/etc/edgejwt/sync.json"])
        let fields = try String(contentsOfFile: control + "/control", encoding: .utf8)
        let depends = try #require(fields.split(separator: "\n").first { $0.hasPrefix("Depends: ") })
        for package in ["libsodium23", "zlib1g", "libcurl4", "libc6"] {
            #expect(depends.contains(package), "\(depends)")
        }
    }

    @Test func includesTheCLibraryFromAPrefixWithTheInstalledPrefixInItsPkgConfigFile() throws {
        let scratch = try Scratch()
        let prefix = scratch.file("prefix")
        let source = try scratch.write("edgejwt.c", "int edgejwt_version(void) { return 1; }\n")
        try scratch.write("prefix/include/edgejwt.h", "int edgejwt_version(void);\n")
        try scratch.write(
            "prefix/lib/pkgconfig/edgejwt.pc",
            "prefix=\(prefix)\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\nName: edgejwt\nDescription: test\nVersion: 0.1.0\nLibs: -L${libdir} -ledgejwt\nCflags: -I${includedir}\n"
        )
        let compiled = try run("/usr/bin/gcc", ["-shared", "-fPIC", "-o", prefix + "/lib/libedgejwt.so", source])
        try #require(compiled.status == 0, "\(compiled)")
        let (deb, log) = try buildPackage(in: scratch, ["--c-prefix", prefix])
        #expect(log.contains("C library from"))
        let root = try unpack(deb, in: scratch)
        #expect(FileManager.default.fileExists(atPath: root + "/usr/lib/libedgejwt.so"))
        #expect(FileManager.default.fileExists(atPath: root + "/usr/include/edgejwt.h"))
        let pc = try String(contentsOfFile: root + "/usr/lib/pkgconfig/edgejwt.pc", encoding: .utf8)
        #expect(pc.hasPrefix("prefix=/usr\n") && !pc.contains(prefix), "\(pc)")
    }

    @Test func leavesTheCLibraryOutWhenThePrefixHasNone() throws {
        let scratch = try Scratch()
        let (deb, log) = try buildPackage(in: scratch, ["--c-prefix", scratch.file("empty-prefix")])
        #expect(log.contains("the C library is left out"))
        let root = try unpack(deb, in: scratch)
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/lib/libedgejwt.so"))
    }

    @Test func refusesABinaryThatNeedsLibrariesNoDebianPackageProvidesUnlessAllowed() throws {
        let scratch = try Scratch()
        let result = try run(Repository.file("Scripts/build-deb.sh"), ["--binary", Repository.builtEdgeJWT, "--output", scratch.file("out"), "--compression", "none"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("is in no Debian package"), "\(result)")
    }
}
