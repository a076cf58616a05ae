import Foundation
import Testing

/// One verifier handle, four verifying threads, reloads in between (Tests/CAPITests/C/threads.c;
/// Scripts/capi-tsan.sh runs the same program under ThreadSanitizer).
@Suite struct CThreadTests {
    @Test func verifyingThreadsSeeTheOldKeySetOrTheNewOneAcrossReloads() throws {
        let directory = try CLibrary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let program = directory + "/threads"
        let build = try CLibrary.compile(["Tests/CAPITests/C/threads.c"], to: program, extraFlags: ["-pthread"])
        try #require(build.status == 0, "\(build)")
        // Key set B: the core vectors' keys, none of which signed the example token.
        let vectors = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLibrary.packageRoot + "/Vectors/core/valid.json")))
        let keys = try #require((vectors as? [String: Any])?["keys"])
        let other = directory + "/other.jwks.json"
        try JSONSerialization.data(withJSONObject: keys).write(to: URL(fileURLWithPath: other))
        let run = try Shell.run([program, CLibrary.exampleKeys, other, CLibrary.exampleToken, "40"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasSuffix(", wrong 0\n"), "\(run)")
    }
}
