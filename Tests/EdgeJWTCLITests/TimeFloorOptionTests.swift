import Foundation
import Testing

/// `verify --time-floor FILE`: installed lists raise a persisted floor, and a clock turned back
/// (a device reset to 1970) cannot take "now" below it, so an expired token stays expired.
@Suite struct TimeFloorOptionTests {
    /// Issued in 1970 and expired well before the list's `iat`: valid only for a clock turned back.
    private static var oldTokenClaims: [String: Any] { Issuer.claims(["iat": 500, "exp": testNow - 700]) }

    @Test func turningTheClockBackCannotReviveAnExpiredToken() throws {
        let issuer = try Issuer()
        let floor = issuer.directory.path + "/time-floor"
        let list = try StatusListFile.write("list.jwt", signedBy: issuer)
        let raised = try issuer.verify(try issuer.sign(), ["--time-floor", floor, "--status-list", list])
        #expect(raised.status == 0, "\(raised)")
        let stored = try String(contentsOfFile: floor, encoding: .utf8)
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == String(testNow - 600))

        let oldToken = try issuer.sign(Self.oldTokenClaims)
        let turnedBack = ["verify", "--keys", issuer.publicKeys, "--now", "1000", "--json"]
        let unprotected = try runEdgeJWT(turnedBack + [oldToken])
        #expect(unprotected.status == 0, "without a floor the turned-back clock accepts it: \(unprotected)")
        let protected = try runEdgeJWT(turnedBack + ["--time-floor", floor, oldToken])
        #expect(protected.status == 1, "\(protected)")
        #expect(try protected.json()["error"] as? String == "expired")
    }

    @Test func aMissingFloorFileIsNoFloor() throws {
        let issuer = try Issuer()
        let result = try runEdgeJWT([
            "verify", "--keys", issuer.publicKeys, "--now", "1000", "--json",
            "--time-floor", issuer.directory.path + "/absent", try issuer.sign(Self.oldTokenClaims),
        ])
        #expect(result.status == 0, "\(result)")
    }

    @Test func aCorruptFloorFileIsAConfigurationError() throws {
        let issuer = try Issuer()
        let floor = try issuer.directory.write("time-floor", "not a time\n")
        let result = try issuer.verify(try issuer.sign(), ["--time-floor", floor])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--time-floor"), "\(result)")
    }
}
