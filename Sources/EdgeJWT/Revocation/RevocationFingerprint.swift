/// The keyed hash behind every hashed revocation entry (`docs/revocation-format.md` §3), over a
/// tag and two length-prefixed UTF-8 fields: in version 1 BLAKE2b-128 keyed with the list's salt,
/// in version 2 SipHash-2-4 (tokens) and SipHash-128 (subjects) keyed with the salt's first and
/// second 16 bytes.
///
/// Entries are keyed on claims, never on the token's text: base64url and JSON encodings are
/// malleable, claims are not.
enum RevocationFingerprint {
    /// Tag of a token entry: fields `iss`, `jti`.
    static let tokenTag: UInt8 = 0x01
    /// Tag of a subject entry: fields `iss`, `sub`.
    static let subjectTag: UInt8 = 0x02

    /// A token entry's 64-bit hash `H`: the top `q` bits are its fingerprint in a `q`-bit group.
    /// Does not allocate for native strings.
    /// - Parameters:
    ///   - version: The list's format version.
    ///   - salt: The list's 32-byte salt.
    ///   - issuer: The token's `iss`; `nil` is hashed as the empty string.
    ///   - jwtID: The token's `jti`.
    static func token(version: RevocationListVersion, salt: [UInt8], issuer: String?, jwtID: String) -> UInt64 {
        withFields(salt: salt, issuer ?? "", jwtID) { salt, first, second in
            switch version {
            case .blake2b:
                Sodium.keyedHash128(key: salt, tag: tokenTag, first, second).high
            case .sipHash:
                Sodium.sipHash64(key: UnsafeRawBufferPointer(rebasing: salt[0..<16]), tag: tokenTag, first, second)
            }
        }
    }

    /// A subject entry's 128-bit fingerprint. Does not allocate for native strings.
    /// - Parameters:
    ///   - version: The list's format version.
    ///   - salt: The list's 32-byte salt.
    ///   - issuer: The token's `iss`; `nil` is hashed as the empty string.
    ///   - subject: The token's `sub`.
    static func subject(version: RevocationListVersion, salt: [UInt8], issuer: String?, subject: String) -> SubjectFingerprint {
        let (high, low) = withFields(salt: salt, issuer ?? "", subject) { salt, first, second in
            switch version {
            case .blake2b:
                Sodium.keyedHash128(key: salt, tag: subjectTag, first, second)
            case .sipHash:
                Sodium.sipHash128(key: UnsafeRawBufferPointer(rebasing: salt[16..<32]), tag: subjectTag, first, second)
            }
        }
        return SubjectFingerprint(high: high, low: low)
    }

    /// Borrows the salt and the two fields' UTF-8 bytes.
    @inline(__always)
    private static func withFields<Result>(
        salt: [UInt8], _ first: String, _ second: String,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Result
    ) -> Result {
        precondition(salt.count == RevocationListFormat.saltByteCount)
        return salt.withUnsafeBytes { key in
            withUTF8(first, second) { body(key, $0, $1) }
        }
    }

    /// Borrows two strings' UTF-8 bytes: in place for native and small strings, from a copy
    /// for the others (bridged or foreign).
    @inline(__always)
    static func withUTF8<Result>(
        _ first: String, _ second: String, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Result
    ) -> Result {
        withUTF8(first) { firstBytes in
            withUTF8(second) { secondBytes in body(firstBytes, secondBytes) }
        }
    }

    @inline(__always)
    private static func withUTF8<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = text
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}

/// A subject entry's 128-bit keyed hash, ordered as 16 big-endian bytes.
package struct SubjectFingerprint: Sendable, Hashable, Comparable {
    /// Bytes 0–7.
    package let high: UInt64
    /// Bytes 8–15.
    package let low: UInt64

    /// Orders as the 16-byte strings compare.
    package static func < (lhs: Self, rhs: Self) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }
}
