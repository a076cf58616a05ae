import Foundation
import Testing

/// The fixed evaluation time of the tests: 2027-01-15T08:00:00Z.
let testNow = 1_800_000_000

/// A fresh signing key made with `edgejwt keygen`, in its own temporary directory, that signs
/// tokens with `edgejwt sign`: the tests exercise the CLI end to end, key files included.
struct Issuer {
    let directory: TemporaryDirectory
    /// The private JWK file.
    let privateKey: String
    /// The public JWK Set file, for `verify --keys`.
    let publicKeys: String

    /// - Parameters:
    ///   - kid: The key id.
    ///   - alg: `EdDSA` or `Ed25519`.
    init(kid: String = "k1", alg: String = "EdDSA") throws {
        directory = try TemporaryDirectory()
        privateKey = directory.file("issuer.private.jwk")
        publicKeys = directory.file("issuer.jwks.json")
        let result = try runEdgeJWT(["keygen", "--kid", kid, "--alg", alg, "--private", privateKey, "--public", publicKeys])
        try #require(result.status == 0, "keygen failed: \(result)")
    }

    /// Claims valid at ``testNow`` (issued 10 minutes before, expiring 1 hour after) with
    /// `overrides` merged in.
    static func claims(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var claims: [String: Any] = [
            "iss": "https://issuer.example", "sub": "device-1", "aud": "gateway",
            "iat": testNow - 600, "exp": testNow + 3600,
        ]
        claims.merge(overrides) { _, new in new }
        return claims
    }

    /// A token signed with `edgejwt sign`.
    /// - Parameters:
    ///   - claims: The claims object.
    ///   - extraArgs: More `sign` options, e.g. `["--typ", "JWT"]`.
    func sign(_ claims: [String: Any] = Issuer.claims(), _ extraArgs: [String] = ["--typ", "JWT"]) throws -> String {
        let text = String(decoding: try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]), as: UTF8.self)
        let result = try runEdgeJWT(["sign", "--key", privateKey] + extraArgs + ["-"], stdin: text)
        try #require(result.status == 0 && result.lines.count == 1, "sign failed: \(result)")
        return result.lines[0]
    }

    /// `verify --keys <this issuer's set> --now testNow <args> <token>`.
    func verify(_ token: String, _ args: [String] = [], json: Bool = true) throws -> RunResult {
        try runEdgeJWT(["verify", "--keys", publicKeys, "--now", String(testNow)] + (json ? ["--json"] : []) + args + [token])
    }
}

/// Unpadded base64url of a string's UTF-8, for hand-made tokens.
func base64URL(_ text: String) -> String {
    base64URL(Data(text.utf8))
}

/// Unpadded base64url of bytes.
func base64URL(_ data: Data) -> String {
    data.base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// A token whose header and payload are the given JSON texts and whose signature is 64 zero
/// bytes: for rules checked before the signature (alg, crit, size, structure).
func unsignedToken(header: String, payload: String = "{}") -> String {
    base64URL(header) + "." + base64URL(payload) + "." + base64URL(Data(count: 64))
}

/// `token` with its signature changed but still 64 bytes of strict base64url.
func withBadSignature(_ token: String) -> String {
    var segments = token.components(separatedBy: ".")
    let signature = segments[2]
    let first = signature.first == "A" ? "B" : "A"
    segments[2] = first + signature.dropFirst()
    return segments.joined(separator: ".")
}
