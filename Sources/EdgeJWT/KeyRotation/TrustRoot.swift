/// The operator's trust root: the Ed25519 keys, and how many of them must sign, that vouch for
/// every key-set statement (docs/key-rotation.md §4).
///
/// A root is itself a signed statement (`typ` `edgejwt-root+jws`) with a sequence number. A
/// device is provisioned with one; each later root is installed only as the *successor* of the
/// current one: sequence + 1, signed by the current root's threshold **and** by its own, so a
/// typo in the new root's keys cannot lock devices out (the rule TUF uses for root rotation).
///
/// ```swift
/// let root = try TrustRoot(contentsOfFile: "/etc/gateway/trust-root.json")
/// print(root.sequence, root.threshold, root.keys.keys.compactMap(\.keyID))
/// ```
public struct TrustRoot: Sendable, Hashable {
    /// The protected header `typ` of a root statement.
    public static let type = "edgejwt-root+jws"

    /// The root's sequence number: each successor's is this + 1.
    public let sequence: UInt64
    /// When the root was signed (`iat`): trusted time once verified.
    public let issuedAt: NumericDate
    /// How many distinct root keys must sign a statement.
    public let threshold: Int
    /// The root keys. Every one is an Ed25519 signing key with a `kid`.
    public let keys: PinnedKeySet
    /// The signed statement, exactly as verified.
    public let bytes: [UInt8]
    /// The root's JWK Set as JSON text, for `edgejwt keys show`.
    package let publicJWKSetText: String

    /// Verifies a provisioned root: it must carry signatures by at least its own threshold of
    /// its own keys. Whether to trust it at all is the operator's decision (it is pinned, like a
    /// JWK Set); no time rule applies.
    /// - Parameter bytes: The root statement file.
    /// - Throws: ``KeySetStatementError`` — `statement_too_large`, `malformed_statement`,
    ///   `wrong_type`, `invalid_key_set`, `invalid_signature`, `untrusted_signer`,
    ///   `below_threshold`.
    public init(verifying bytes: [UInt8]) throws(KeySetStatementError) {
        let envelope = try SignedStatement(parsing: bytes, type: Self.type)
        try self.init(envelope: envelope, bytes: bytes)
        try envelope.requireSignatures(threshold: threshold, of: keys, role: "root")
    }

    /// Reads a root statement file (at most ``KeySetStatement/maxBytes``), then verifies it as
    /// ``init(verifying:)``.
    /// - Parameter path: The file.
    /// - Throws: `unreadable_file`, `statement_too_large`, or any error of ``init(verifying:)``.
    public init(contentsOfFile path: String) throws(KeySetStatementError) {
        try self.init(verifying: KeySetStatement.read(path))
    }

    /// Reads a root statement WITHOUT checking any signature, for `edgejwt keys show` and
    /// `keys sign`. Nothing read this way may be trusted.
    /// - Parameter bytes: The root statement file.
    /// - Throws: every code of ``init(verifying:)`` except the signature ones.
    package init(unverified bytes: [UInt8]) throws(KeySetStatementError) {
        try self.init(envelope: SignedStatement(parsing: bytes, type: Self.type), bytes: bytes)
    }

    /// The `kid`s that signed the root statement, in file order.
    package var signerKeyIDs: [String] {
        (try? SignedStatement(parsing: bytes, type: Self.type).signatures.map(\.keyID)) ?? []
    }

    /// Reads the payload; signatures are checked by the caller.
    private init(envelope: SignedStatement, bytes: [UInt8]) throws(KeySetStatementError) {
        let payload = try SignedStatement.object(envelope.payload, what: "the root payload")
        try SignedStatement.requireOnly(["seq", "iat", "threshold", "jwks"], in: payload, what: "the root payload")
        sequence = try SignedStatement.integer(payload["seq"], "seq", minimum: 1)
        issuedAt = try SignedStatement.date(payload["iat"], "iat")
        let threshold = try SignedStatement.integer(payload["threshold"], "threshold", minimum: 1)
        guard case .object(let jwks)? = payload["jwks"], case .array(let entries)? = jwks["keys"] else {
            throw KeySetStatementError(.malformedStatement, "jwks must be a JWK Set: an object with a \"keys\" array")
        }
        let keys = try KeySetStatement.pin(jwks, what: "the root's JWK Set")
        guard keys.keys.count == entries.count else {
            throw KeySetStatementError(
                .invalidKeySet, "every root key must be an Ed25519 signing key: \(entries.count - keys.keys.count) of \(entries.count) are not")
        }
        guard threshold <= UInt64(keys.keys.count) else {
            throw KeySetStatementError(.malformedStatement, "threshold \(threshold) is more than the \(keys.keys.count) root keys")
        }
        self.threshold = Int(threshold)
        self.keys = keys
        self.publicJWKSetText = JSONValue.object(jwks).jsonText
        self.bytes = bytes
    }

    /// Verifies the next root: sequence + 1, signed by this root's threshold of this root's keys
    /// and by the new root's threshold of its own keys.
    /// - Parameter bytes: The new root statement.
    /// - Returns: The new root.
    /// - Throws: `rollback` (a sequence other than this one's + 1), and any error of
    ///   ``init(verifying:)``; `untrusted_signer` or `below_threshold` name which root's
    ///   threshold is not met.
    public func successor(verifying bytes: [UInt8]) throws(KeySetStatementError) -> TrustRoot {
        let envelope = try SignedStatement(parsing: bytes, type: Self.type)
        try envelope.requireSignatures(threshold: threshold, of: keys, role: "current trust root #\(sequence)")
        let next = try TrustRoot(envelope: envelope, bytes: bytes)
        try envelope.requireSignatures(threshold: next.threshold, of: next.keys, role: "new root #\(next.sequence)")
        guard next.sequence == sequence + 1 else {
            throw KeySetStatementError(.rollback, "root sequence \(next.sequence) is not the successor of the installed root #\(sequence)")
        }
        return next
    }

    /// Compares the signed bytes.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }

    /// Hashes the signed bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
