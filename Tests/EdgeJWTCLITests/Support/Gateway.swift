import Foundation

/// Two OpenID Providers and a `verify --config` file pinning both (format: docs/oidc.md).
///
/// A (`https://a.example`, client id `gateway-a`) is pinned through a relative `jwks_file`,
/// B (`https://b.example`, client id `gateway-b`) with an inline `jwks`.
struct Gateway {
    static let issuerA = "https://a.example"
    static let issuerB = "https://b.example"

    let a: Issuer
    let b: Issuer
    /// The configuration file, in A's directory.
    let path: String

    /// - Parameters:
    ///   - kidB: B's key id; `k1` makes it collide with A's.
    ///   - membersA: Extra members of A's entry, as JSON text starting with a comma.
    ///   - membersB: Extra members of B's entry, likewise.
    init(kidB: String = "k2", membersA: String = "", membersB: String = "") throws {
        a = try Issuer(kid: "k1")
        b = try Issuer(kid: kidB)
        let jwksB = try b.directory.read("issuer.jwks.json").trimmingCharacters(in: .whitespacesAndNewlines)
        path = try a.directory.write(
            "issuers.json",
            """
            {"issuers": [
              {"issuer": "\(Self.issuerA)", "jwks_file": "issuer.jwks.json", "client_id": "gateway-a"\(membersA)},
              {"issuer": "\(Self.issuerB)", "jwks": \(jwksB), "client_id": "gateway-b"\(membersB)}
            ]}
            """)
    }

    /// `claims` as an ID Token from A for `gateway-a`.
    func claimsA(_ claims: [String: Any] = Issuer.claims()) -> [String: Any] {
        claims.merging(["iss": Self.issuerA, "aud": "gateway-a"]) { _, new in new }
    }

    /// `claims` as an ID Token from B for `gateway-b`.
    func claimsB(_ claims: [String: Any] = Issuer.claims()) -> [String: Any] {
        claims.merging(["iss": Self.issuerB, "aud": "gateway-b"]) { _, new in new }
    }

    /// `verify --config <file> --now testNow --json <args> <token>`.
    func verify(_ token: String, _ args: [String] = [], json: Bool = true) throws -> RunResult {
        try runEdgeJWT(["verify", "--config", path, "--now", String(testNow)] + (json ? ["--json"] : []) + args + [token])
    }
}
