import Foundation

/// Status List Tokens (draft-ietf-oauth-status-list-20 §5.1) for the CLI tests, signed with
/// `edgejwt sign --typ statuslist+jwt`, so no library API is needed.
enum StatusListFile {
    /// The list URI the tests' tokens reference.
    static let uri = "https://issuer.example/statuslists/1"

    /// A 2-bit list whose entries 0, 1, 2, 3 are VALID (0x00), INVALID (0x01), SUSPENDED (0x02)
    /// and application-specific (0x03): entry 0 is the least significant bits of byte 0 (§4.1).
    static let entries: [UInt8] = [0b11_10_01_00]

    /// Claims of a list token: `sub`, `iat`, `exp`, `status_list` `{bits, lst}`.
    static func claims(
        uri: String = uri, bytes: [UInt8] = entries, bits: Int = 2, iat: Int = testNow - 600, exp: Int? = testNow + 3600
    ) -> [String: Any] {
        var claims: [String: Any] = [
            "sub": uri, "iat": iat,
            "status_list": ["bits": bits, "lst": base64URL(Data(zlibStored(bytes)))],
        ]
        if let exp { claims["exp"] = exp }
        return claims
    }

    /// Writes a list token signed by `issuer` to a file and returns the path.
    /// - Parameters:
    ///   - name: The file name.
    ///   - issuer: The signer.
    ///   - directory: Where to write it; default the signer's directory. Give one that outlives
    ///     the command when the signer is a temporary issuer.
    ///   - claims: The list's claims.
    ///   - typ: The `typ` header; lists must have `statuslist+jwt`.
    static func write(
        _ name: String, signedBy issuer: Issuer, in directory: TemporaryDirectory? = nil, claims: [String: Any] = claims(),
        typ: String = "statuslist+jwt"
    ) throws -> String {
        try (directory ?? issuer.directory).write(name, try issuer.sign(claims, ["--typ", typ]) + "\n")
    }

    /// Token claims (valid at ``testNow``) referencing entry `idx` of the list `uri`.
    static func referencing(_ idx: Int, uri: String = uri, _ overrides: [String: Any] = [:]) -> [String: Any] {
        var claims = Issuer.claims(["status": ["status_list": ["idx": idx, "uri": uri]]])
        claims.merge(overrides) { _, new in new }
        return claims
    }

    /// `bytes` as a ZLIB stream (RFC 1950) of one stored DEFLATE block (RFC 1951 §3.2.4).
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        precondition(bytes.count <= 65_535)
        let length = UInt16(bytes.count)
        var output: [UInt8] = [0x78, 0x01, 0x01]  // CMF, FLG; BFINAL 1, BTYPE 00
        output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        output += bytes
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = b << 16 | a
        return output + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }
}
