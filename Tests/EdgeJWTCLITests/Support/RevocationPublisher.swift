import Foundation
import Testing

/// A revocation list publisher for the CLI tests: its key is made with `edgejwt keygen` and its
/// lists with `edgejwt revocation build | add | delta`, so no library API is needed.
struct RevocationPublisher {
    /// The series name of the tests' lists.
    static let name = "corp"
    /// The tests' lists are issued 5 minutes before ``testNow`` and valid for a day.
    static let issuedAt = testNow - 300

    /// The key pair and the directory the lists are written to.
    let key: Issuer

    /// - Parameter kid: The publisher key's id; `pub1` is not a token issuer's `k1`.
    init(kid: String = "pub1") throws {
        key = try Issuer(kid: kid)
    }

    /// A signer that is also a token issuer: lists signed by the key that signs the tokens.
    init(signingWith issuer: Issuer) {
        key = issuer
    }

    /// The publisher's public JWK Set, for `--revocation-keys`.
    var publicKeys: String { key.publicKeys }

    /// The path of `name` in the publisher's directory.
    func file(_ name: String) -> String { key.directory.file(name) }

    /// Writes an entries document (docs/revocation-format.md §7) and returns its path.
    func entries(_ name: String, _ document: [String: Any]) throws -> String {
        let text = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
        return try key.directory.write(name, text)
    }

    /// `revocation build` (sequence 1 unless `args` say otherwise), required to succeed.
    /// - Returns: The list's path.
    @discardableResult
    func build(
        _ name: String, entries document: [String: Any]? = nil, iat: Int = issuedAt, _ args: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        var arguments = ["revocation", "build", "--name", Self.name, "--key", key.privateKey, "--iat", String(iat), "--out", file(name)]
        if let document { arguments += ["--entries", try entries(name + ".entries.json", document)] }
        let result = try runEdgeJWT(arguments + args)
        try #require(result.status == 0, "build failed: \(result)", sourceLocation: sourceLocation)
        return file(name)
    }

    /// `revocation add --list list`, required to succeed.
    /// - Returns: The new list's path.
    @discardableResult
    func add(
        _ name: String, to list: String, entries document: [String: Any]? = nil, iat: Int = issuedAt + 60, _ args: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        var arguments = ["revocation", "add", "--list", list, "--key", key.privateKey, "--iat", String(iat), "--out", file(name)]
        if let document { arguments += ["--entries", try entries(name + ".entries.json", document)] }
        let result = try runEdgeJWT(arguments + args)
        try #require(result.status == 0, "add failed: \(result)", sourceLocation: sourceLocation)
        return file(name)
    }

    /// `revocation show --json` of a file, verified with this publisher's keys.
    func show(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try runEdgeJWT(["revocation", "show", "--json", "--revocation-keys", publicKeys, path])
        try #require(result.status == 0, "show failed: \(result)", sourceLocation: sourceLocation)
        return try result.json(sourceLocation: sourceLocation)
    }

    /// A token entry for a token signed with ``Issuer/claims(_:)`` and this `jti`.
    static func token(_ jti: String, exp: Int = testNow + 3600) -> [String: Any] {
        ["iss": "https://issuer.example", "jti": jti, "exp": exp]
    }
}

/// `path`'s bytes with `change` applied, written to `name` next to it.
func modifiedCopy(of path: String, as name: String, _ change: (inout Data) -> Void) throws -> String {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    change(&data)
    let copy = (path as NSString).deletingLastPathComponent + "/" + name
    try data.write(to: URL(fileURLWithPath: copy))
    return copy
}
