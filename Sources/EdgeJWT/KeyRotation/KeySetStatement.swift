/// A verified key-set statement: the JWK Set an issuer's tokens are verified with, signed by the
/// trust root, with a sequence number, an issue time, an expiry and a window per key
/// (docs/key-rotation.md §3).
///
/// Verification checks the root's signatures before the payload is read. The time rules
/// (expiry, `iat` in the future) and anti-rollback are install rules, applied by
/// ``RotatingKeySet/install(_:at:)``, because they depend on the device.
/// ```swift
/// let statement = try KeySetStatement(verifying: bytes, root: root)
/// print(statement.issuer, statement.sequence, statement.expiresAt)
/// ```
public struct KeySetStatement: Sendable, Hashable {
    /// The protected header `typ` of a key-set statement.
    public static let type = "edgejwt-keyset+jws"
    /// Largest statement (key-set or root) read or installed: 256 KiB.
    public static let maxBytes = 256 * 1024

    /// The Issuer Identifier whose tokens these keys verify.
    public let issuer: String
    /// The statement's sequence number: each newer statement for the issuer is higher.
    public let sequence: UInt64
    /// When the statement was signed (`iat`): trusted time once verified.
    public let issuedAt: NumericDate
    /// When the statement stops being current (`exp`); what happens then is the device's
    /// ``KeySetPolicy``.
    public let expiresAt: NumericDate
    /// The keys that may verify tokens, as ``PinnedKeySet`` pins them (types other than Ed25519
    /// skipped, `use`/`key_ops`/`alg` respected).
    public let keys: PinnedKeySet
    /// Each key's window, by `kid` (every JWK of a statement has one).
    public let windows: [String: KeyWindow]
    /// Every JWK of the statement's set, in file order, with why it can or cannot be used.
    public let entries: [KeyEntry]
    /// The signed statement, exactly as verified.
    public let bytes: [UInt8]

    /// Verifies a key-set statement against a trust root: signatures by the root's threshold,
    /// then the payload.
    /// - Parameters:
    ///   - bytes: The statement file.
    ///   - root: The trust root it must chain to.
    /// - Throws: ``KeySetStatementError`` — `statement_too_large`, `malformed_statement`,
    ///   `wrong_type`, `invalid_signature`, `untrusted_signer`, `below_threshold`,
    ///   `invalid_key_set`.
    public init(verifying bytes: [UInt8], root: TrustRoot) throws(KeySetStatementError) {
        let envelope = try SignedStatement(parsing: bytes, type: Self.type)
        try envelope.requireSignatures(threshold: root.threshold, of: root.keys, role: "trust root #\(root.sequence)")
        try self.init(envelope: envelope, bytes: bytes)
    }

    /// Reads a statement WITHOUT checking any signature, for `edgejwt keys show` and `keys sign`
    /// (which checks what it is about to write). Nothing read this way may be trusted.
    /// - Parameter bytes: The statement file.
    /// - Throws: every code of ``init(verifying:root:)`` except the signature ones.
    package init(unverified bytes: [UInt8]) throws(KeySetStatementError) {
        try self.init(envelope: SignedStatement(parsing: bytes, type: Self.type), bytes: bytes)
    }

    /// The `kid`s that signed the statement, in file order (whether or not their signatures verify).
    package var signerKeyIDs: [String] {
        (try? SignedStatement(parsing: bytes, type: Self.type).signatures.map(\.keyID)) ?? []
    }

    /// Reads the payload; signatures are checked by the caller.
    private init(envelope: SignedStatement, bytes: [UInt8]) throws(KeySetStatementError) {
        let payload = try SignedStatement.object(envelope.payload, what: "the statement payload")
        try SignedStatement.requireOnly(["iss", "seq", "iat", "exp", "jwks"], in: payload, what: "the statement payload")
        guard case .string(let issuer)? = payload["iss"], !issuer.isEmpty else {
            throw KeySetStatementError(.malformedStatement, "iss must be a non-empty string")
        }
        sequence = try SignedStatement.integer(payload["seq"], "seq", minimum: 1)
        issuedAt = try SignedStatement.date(payload["iat"], "iat")
        expiresAt = try SignedStatement.date(payload["exp"], "exp")
        guard expiresAt > issuedAt else {
            throw KeySetStatementError(.malformedStatement, "exp \(expiresAt) is not after iat \(issuedAt)")
        }
        guard case .object(let jwks)? = payload["jwks"], case .array(let members)? = jwks["keys"] else {
            throw KeySetStatementError(.malformedStatement, "jwks must be a JWK Set: an object with a \"keys\" array")
        }
        let keys = try Self.pin(jwks, what: "the statement's JWK Set")
        var windows: [String: KeyWindow] = [:]
        var entries: [KeyEntry] = []
        for (position, member) in members.enumerated() {
            let entry = try KeyEntry(member, position: position, keys: keys, requiresKeyID: true)
            windows[entry.keyID] = entry.window
            entries.append(entry)
        }
        self.issuer = issuer
        self.keys = keys
        self.windows = windows
        self.entries = entries
        self.bytes = bytes
    }

    /// Reads a statement file (at most ``maxBytes``), then verifies it as
    /// ``init(verifying:root:)``.
    /// - Parameters:
    ///   - path: The file.
    ///   - root: The trust root.
    /// - Throws: `unreadable_file`, `statement_too_large`, or any error of ``init(verifying:root:)``.
    public init(contentsOfFile path: String, root: TrustRoot) throws(KeySetStatementError) {
        try self.init(verifying: Self.read(path), root: root)
    }

    /// Reads a statement file, at most ``maxBytes``.
    static func read(_ path: String) throws(KeySetStatementError) -> [UInt8] {
        do {
            return try FileBytes.contents(ofFile: path, maxBytes: maxBytes)
        } catch {
            let code: KeySetStatementError.Code = error.reason.hasPrefix("larger than") ? .statementTooLarge : .unreadableFile
            throw KeySetStatementError(code, error.description)
        }
    }

    /// Pins a statement's JWK Set with ``PinnedKeySet``'s rules (private material refused).
    static func pin(_ jwks: JSONObject, what: String) throws(KeySetStatementError) -> PinnedKeySet {
        do {
            return try PinnedKeySet(jwks: Array(JSONValue.object(jwks).jsonText.utf8))
        } catch {
            throw KeySetStatementError(.invalidKeySet, "\(what): \(error.code.rawValue): \(error.detail)")
        }
    }

    /// Compares the signed bytes.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }

    /// Hashes the signed bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

extension KeySetStatement {
    /// One JWK of a statement's set: its identity, its window, and whether it is pinned.
    public struct KeyEntry: Sendable, Hashable {
        /// The key's `kid` (required in a statement).
        public let keyID: String
        /// The JWK's `kty`.
        public let keyType: String
        /// The JWK's `crv`, if any.
        public let curve: String?
        /// When the key may verify tokens.
        public let window: KeyWindow
        /// Why ``PinnedKeySet`` keeps the key out of selection (type, curve, `use`, `key_ops`,
        /// `alg`), or `nil` when it is pinned.
        public let skipReason: String?

        /// Reads one JWK's statement members (`kid`, `not_before`, `retire_at`); the key itself was
        /// checked by ``PinnedKeySet``.
        init(_ member: JSONValue, position: Int, keys: PinnedKeySet, requiresKeyID: Bool) throws(KeySetStatementError) {
            let name = "key #\(position)"
            guard case .object(let jwk) = member, case .string(let keyType)? = jwk["kty"] else {
                throw KeySetStatementError(.invalidKeySet, "\(name) is not a JWK")
            }
            guard case .string(let keyID)? = jwk["kid"] ?? (requiresKeyID ? nil : .string("")) else {
                throw KeySetStatementError(.invalidKeySet, "\(name) has no string kid: every key of a statement needs one")
            }
            let notBefore = try jwk["not_before"].map { (value) throws(KeySetStatementError) in
                try SignedStatement.date(value, "\(name) not_before")
            }
            let retireAt = try jwk["retire_at"].map { (value) throws(KeySetStatementError) in
                try SignedStatement.date(value, "\(name) retire_at")
            }
            if let notBefore, let retireAt, retireAt <= notBefore {
                throw KeySetStatementError(.malformedStatement, "\(name): retire_at \(retireAt) is not after not_before \(notBefore)")
            }
            self.keyID = keyID
            self.keyType = keyType
            self.curve = jwk["crv"]?.stringValue
            self.window = KeyWindow(notBefore: notBefore, retireAt: retireAt)
            let isPinned = keys.keys.contains { ($0.keyID ?? "").isExactly(keyID) }
            self.skipReason = isPinned ? nil : (keys.skippedKeyIDs[keyID] ?? "not an Ed25519 verification key")
        }

        /// Why the key cannot verify a token at `now`, or `nil` when it can: skipped by type,
        /// curve, `use`, `key_ops` or `alg`, or outside its window.
        /// - Parameter now: The evaluation time.
        /// - Returns: A plain-language reason, or `nil`.
        public func unusability(at now: NumericDate) -> String? {
            skipReason ?? window.inactivity(at: now)
        }
    }
}

extension KeySetStatement {
    /// Every JWK of a plain JWK Set with why it can or cannot be used, for `edgejwt keys show`.
    /// Keys without `kid` are listed with an empty one.
    /// - Parameter jwks: The JWK Set document.
    /// - Returns: The pinned set and its entries.
    /// - Throws: `invalid_key_set` when ``PinnedKeySet`` refuses the set, `malformed_statement`
    ///   for a bad `not_before` / `retire_at`.
    package static func entries(ofJWKS jwks: [UInt8]) throws(KeySetStatementError) -> (keys: PinnedKeySet, entries: [KeyEntry]) {
        let keys: PinnedKeySet
        do {
            keys = try PinnedKeySet(jwks: jwks)
        } catch {
            throw KeySetStatementError(.invalidKeySet, "\(error.code.rawValue): \(error.detail)")
        }
        guard case .array(let members)? = JSONValue.parse(jwks)?.objectValue?["keys"] else { return (keys, []) }
        var entries: [KeyEntry] = []
        for (position, member) in members.enumerated() {
            entries.append(try KeyEntry(member, position: position, keys: keys, requiresKeyID: false))
        }
        return (keys, entries)
    }
}
