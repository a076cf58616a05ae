/// The keyed hash behind every hashed revocation entry (`docs/revocation-format.md` §3):
/// BLAKE2b-128 keyed with the list's salt over a tag and two length-prefixed UTF-8 fields.
///
/// Entries are keyed on claims, never on the token's text: base64url and JSON encodings are
/// malleable, claims are not.
enum RevocationFingerprint {
    /// Tag of a token entry: fields `iss`, `jti`.
    static let tokenTag: UInt8 = 0x01
    /// Tag of a subject entry: fields `iss`, `sub`.
    static let subjectTag: UInt8 = 0x02

    /// The 128-bit keyed hash of `(tag, first, second)`. Does not allocate for native strings.
    /// - Parameters:
    ///   - salt: The list's 32-byte salt.
    ///   - tag: ``tokenTag`` or ``subjectTag``.
    ///   - first: The issuer (`""` for a token without `iss`).
    ///   - second: The `jti` or `sub`.
    /// - Returns: The digest as two big-endian words.
    static func hash(salt: [UInt8], tag: UInt8, _ first: String, _ second: String) -> (high: UInt64, low: UInt64) {
        var first = first
        var second = second
        return salt.withUnsafeBytes { key in
            first.withUTF8 { firstBytes in
                second.withUTF8 { secondBytes in
                    Sodium.keyedHash128(key: key, tag: tag, UnsafeRawBufferPointer(firstBytes), UnsafeRawBufferPointer(secondBytes))
                }
            }
        }
    }

    /// A token entry's 64-bit hash `H`: the top `q` bits are its fingerprint in a `q`-bit group.
    static func token(salt: [UInt8], issuer: String?, jwtID: String) -> UInt64 {
        hash(salt: salt, tag: tokenTag, issuer ?? "", jwtID).high
    }

    /// A subject entry's 128-bit fingerprint.
    static func subject(salt: [UInt8], issuer: String?, subject: String) -> SubjectFingerprint {
        let (high, low) = hash(salt: salt, tag: subjectTag, issuer ?? "", subject)
        return SubjectFingerprint(high: high, low: low)
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
