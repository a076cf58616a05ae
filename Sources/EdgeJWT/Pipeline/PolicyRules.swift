/// Step 8: issuer, audience, type and required claims.
struct PolicyRules {
    let options: VerifierOptions

    init(_ options: VerifierOptions) {
        self.options = options
    }

    /// Applies the policy.
    /// - Parameters:
    ///   - header: The checked header.
    ///   - claims: The decoded claims.
    /// - Throws: `missing_claim`, `issuer_mismatch` (RFC 7519 §4.1.1), `audience_mismatch`
    ///   (§4.1.3), `type_mismatch` (RFC 8725 §3.11).
    func check(_ header: JOSEHeader, _ claims: Claims) throws(VerificationError) {
        if !options.issuers.isEmpty {
            guard let issuer = claims.issuer else {
                throw VerificationError(.missingClaim, "iss is required")
            }
            guard options.issuers.containsExactly(issuer) else {
                throw VerificationError(.issuerMismatch, "iss \(JSONValue.string(issuer).jsonText) is not an accepted issuer")
            }
        }
        if !options.audiences.isEmpty {
            guard let audience = claims.audience else {
                throw VerificationError(.missingClaim, "aud is required")
            }
            guard audience.contains(where: options.audiences.containsExactly) else {
                throw VerificationError(.audienceMismatch, "aud names no accepted audience")
            }
        }
        if let requiredType = options.requiredType {
            guard let type = header.type, Self.isSameMediaType(type, requiredType) else {
                throw VerificationError(.typeMismatch, "typ \(header.type.map { JSONValue.string($0).jsonText } ?? "missing") is not \(requiredType)")
            }
        }
        for name in options.requiredClaims where !claims.contains(name) {
            throw VerificationError(.missingClaim, "claim \(JSONValue.string(name).jsonText) is required")
        }
    }

    /// A `typ` value compared the way RFC 7515 §4.1.9 says: ASCII case-insensitive, with
    /// `application/` implied when absent.
    static func mediaType(_ type: String) -> String {
        let lowered = String(type.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Character(Unicode.Scalar(scalar.value + 32)!) : Character(scalar)
        })
        let prefix = "application/"
        return lowered.hasPrefix(prefix) ? String(lowered.dropFirst(prefix.count)) : lowered
    }

    /// Whether two `typ` values name the same media type: `mediaType(a) == mediaType(b)`,
    /// without allocating when both are ASCII (as media types are).
    static func isSameMediaType(_ lhs: String, _ rhs: String) -> Bool {
        let isASCII = lhs.utf8.allSatisfy { $0 < 0x80 } && rhs.utf8.allSatisfy { $0 < 0x80 }
        guard isASCII else { return mediaType(lhs) == mediaType(rhs) }
        let lhsType = lhs.utf8.dropFirst(hasApplicationPrefix(lhs) ? applicationPrefix.count : 0)
        let rhsType = rhs.utf8.dropFirst(hasApplicationPrefix(rhs) ? applicationPrefix.count : 0)
        return lhsType.elementsEqual(rhsType) { asciiLowercased($0) == asciiLowercased($1) }
    }

    private static let applicationPrefix = Array("application/".utf8)

    private static func hasApplicationPrefix(_ text: String) -> Bool {
        text.utf8.starts(with: applicationPrefix) { asciiLowercased($0) == $1 }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
