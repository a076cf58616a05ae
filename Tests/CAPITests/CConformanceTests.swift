import EdgeJWTConformance
import Foundation
import Testing

/// The C harness (Tests/CAPITests/C/conformance_harness.c) gives every token vector of Vectors/
/// the verdict the Swift runner gives.
@Suite struct CConformanceTests {
    @Test func cHarnessGivesTheSwiftRunnersVerdictForEveryTokenVector() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let flat = try Shell.run(["python3", "Tests/CAPITests/C/flatten_vectors.py", "Vectors"])
        try #require(flat.status == 0, "\(flat)")
        try flat.stdout.write(toFile: directory + "/vectors.flat", atomically: true, encoding: .utf8)
        let harness = directory + "/conformance_harness"
        let build = try CLibrary.compile(["Tests/CAPITests/C/conformance_harness.c"], to: harness)
        try #require(build.status == 0, "\(build)")
        let run = try Shell.run([harness, directory + "/vectors.flat"])
        try #require(run.status == 0, "\(run)")
        var cVerdicts: [String: String] = [:]
        for line in run.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            try #require(fields.count == 2, "bad harness line \(line)")
            cVerdicts[fields[0]] = fields[1]
        }
        var swiftVerdicts: [String: String] = [:]
        for vector in try VectorDirectory.load(CLibrary.packageRoot + "/Vectors") {
            if case .signature = vector.expected { continue }  // raw Ed25519: no token, no C API input
            swiftVerdicts[vector.id] = vector.run().description
        }
        #expect(swiftVerdicts.count > 600)
        #expect(Set(cVerdicts.keys) == Set(swiftVerdicts.keys))
        for (id, verdict) in swiftVerdicts.sorted(by: { $0.key < $1.key }) {
            #expect(cVerdicts[id] == verdict, "\(id): C API \(cVerdicts[id] ?? "missing"), Swift \(verdict)")
        }
    }
}
