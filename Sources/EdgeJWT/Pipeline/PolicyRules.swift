/// Step 8: issuer, audience, type and required claims.
struct PolicyRules {
    let options: VerifierOptions
    /// ``VerifierOptions/issuers``, as bytes.
    private let issuers: PackedUTF8Strings
    /// ``VerifierOptions/audiences``, as bytes.
    private let audiences: PackedUTF8Strings
    /// ``VerifierOptions/requiredClaims``, as bytes.
    private let requiredClaims: PackedUTF8Strings

    init(_ options: VerifierOptions) {
        self.options = options
        issuers = PackedUTF8Strings(options.issuers)
        audiences = PackedUTF8Strings(options.audiences)
        requiredClaims = PackedUTF8Strings(options.requiredClaims)
    }

    /// Applies the policy.
    /// - Parameters:
    ///   - header: The checked header.
    ///   - claims: The decoded claims.
    /// - Throws: `missing_claim`, `issuer_mismatch` (RFC 7519 §4.1.1), `audience_mismatch`
    ///   (§4.1.3), `type_mismatch` (RFC 8725 §3.11).
    func check(_ header: JOSEHeader, _ claims: Claims) throws(VerificationError) {
        if !issuers.isEmpty {
            guard claims.hasIssuer else {
                throw VerificationError(.missingClaim, "iss is required")
            }
            guard claims.hasIssuer(in: issuers) else {
                throw VerificationError(.issuerMismatch, "iss \(JSONValue.string(claims.issuer ?? "").jsonText) is not an accepted issuer")
            }
        }
        if !audiences.isEmpty {
            guard claims.hasAudience else {
                throw VerificationError(.missingClaim, "aud is required")
            }
            guard claims.hasAudience(in: audiences) else {
                throw VerificationError(.audienceMismatch, "aud names no accepted audience")
            }
        }
        if let requiredType = options.requiredType {
            guard let type = header.type, Self.isSameMediaType(type, requiredType) else {
                throw VerificationError(.typeMismatch, "typ \(header.type.map { JSONValue.string($0).jsonText } ?? "missing") is not \(requiredType)")
            }
        }
        if let name = requiredClaims.first(where: { !claims.contains(utf8: $0) }) {
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
        var lhs = lhs
        var rhs = rhs
        let verdict = lhs.withUTF8 { lhsBytes in
            rhs.withUTF8 { rhsBytes -> Bool? in
                guard isASCII(lhsBytes), isASCII(rhsBytes) else { return nil }
                let lhsType = UnsafeBufferPointer(rebasing: lhsBytes[applicationPrefixLength(lhsBytes)...])
                let rhsType = UnsafeBufferPointer(rebasing: rhsBytes[applicationPrefixLength(rhsBytes)...])
                return lhsType.count == rhsType.count && hasPrefix(lhsType, rhsType)
            }
        }
        return verdict ?? (mediaType(lhs) == mediaType(rhs))
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// 12 if `bytes` start with `application/` in any ASCII case, else 0.
    private static func applicationPrefixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let prefix: StaticString = "application/"
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return hasPrefix(bytes, prefixBytes) ? prefixBytes.count : 0
    }

    /// Whether `bytes` start with `prefix`, ASCII letters compared without case.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for offset in 0..<prefix.count where asciiLowercased(bytes[offset]) != asciiLowercased(prefix[offset]) {
            return false
        }
        return true
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
