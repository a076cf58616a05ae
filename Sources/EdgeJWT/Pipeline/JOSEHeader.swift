/// Step 3: the protected header of a token (RFC 7515 §4), checked before any key is touched.
///
/// Key-carrying parameters (`jwk`, `jku`, `x5u`, `x5c`) are kept in ``object`` for inspection
/// but are never used to find a key: only the pinned set is trusted (RFC 8725 §3.10).
public struct JOSEHeader: Sendable, Hashable {
    /// The signature algorithm: `EdDSA` (RFC 8037) or `Ed25519` (RFC 9864).
    public let algorithm: String
    /// `kid`, used to select a pinned key.
    public let keyID: String?
    /// `typ`.
    public let type: String?
    /// The kept header bytes (shared with the token's claims).
    let bytes: TokenBytes
    /// Whether the header's text is already compact JSON (no whitespace, no escape), so that
    /// ``writeJSON(to:)`` copies it whole.
    private let isCompact: Bool

    /// The whole header object: decoded from the kept bytes on each read.
    public var object: JSONObject {
        bytes.withHeader { header in
            guard case .object(let object) = ValidatedJSON.reparse(header) else { preconditionFailure("validated header is not an object") }
            return object
        }
    }

    /// Appends ``object``'s compact JSON text (what `JSONValue.object(object).jsonText` gives)
    /// to `output` straight from the kept bytes, without decoding the object.
    /// - Parameter output: The bytes to append to.
    package func writeJSON(to output: inout [UInt8]) {
        bytes.withHeader { header in
            if isCompact { output.append(contentsOf: header) } else { ValidatedJSON.writeCompact(header, to: &output) }
        }
    }

    /// The algorithms this verifier accepts, exactly as spelled.
    public static let acceptedAlgorithms = ["EdDSA", "Ed25519"]

    /// Two headers are equal when their parameters are.
    public static func == (lhs: JOSEHeader, rhs: JOSEHeader) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.keyID == rhs.keyID && lhs.type == rhs.type && (lhs.bytes.isSame(as: rhs.bytes) || lhs.object == rhs.object)
    }

    /// Hashes the header object.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(object)
    }

    /// Decodes and checks a protected header.
    /// - Parameters:
    ///   - bytes: The decoded header segment.
    ///   - limits: The JSON nesting bound.
    /// - Throws: `malformed_token` (not a strict JSON object, `kid`/`typ`/`crit` of the wrong type),
    ///   `unsupported_algorithm` (alg missing or not EdDSA/Ed25519),
    ///   `unsupported_critical_header` (`crit` names an unknown extension, or `b64` is not `true`).
    init(decoding bytes: [UInt8], limits: VerifierOptions.Limits) throws(VerificationError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(VerificationError) in
            try JOSEHeader(decoding: buffer, limits: limits)
        }
    }

    /// Decodes and checks a protected header from borrowed bytes, as ``init(decoding:limits:)``.
    init(decoding bytes: UnsafeBufferPointer<UInt8>, limits: VerifierOptions.Limits) throws(VerificationError) {
        try self.init(decoding: TokenBytes.make(header: bytes, payload: UnsafeBufferPointer(start: nil, count: 0)), limits: limits)
    }

    /// Checks the header kept in `bytes`, as ``init(decoding:limits:)``. Allocates nothing for a
    /// header without `b64` or `crit` whose `kid` and `typ` are at most 15 UTF-8 bytes.
    init(decoding bytes: TokenBytes, limits: VerifierOptions.Limits) throws(VerificationError) {
        // Every field from one local, assigned once: assigning the tuple into `self` directly
        // made the compiler copy the whole header and destroy the copy.
        let checked = try bytes.withHeader { (header) throws(VerificationError) in
            try withUnsafeTemporaryAllocation(
                of: JSONMemberSpan.self, capacity: StrictJSONScanner.memberCapacity(forByteCount: header.count)
            ) { (members) throws(VerificationError) in
                let scanned: StrictJSONScanner.ScannedObject?
                do throws(JSONParseError) {
                    scanned = try StrictJSONScanner.scanObject(header, maxDepth: limits.maxJSONDepth, members: members)
                } catch {
                    throw VerificationError(.malformedToken, "header is not strict JSON: \(error.reason) at byte \(error.offset)")
                }
                guard let scanned else { throw VerificationError(.malformedToken, "header is not a JSON object") }
                let (algorithm, keyID, type) = try Self.parameters(UnsafeBufferPointer(rebasing: members[..<scanned.memberCount]), header)
                return (algorithm, keyID, type, scanned.isCompact)
            }
        }
        self.bytes = bytes
        (algorithm, keyID, type, isCompact) = checked
    }

    /// `alg`, `kid` and `typ` of a validated header, after the checks of `b64` and `crit`.
    private static func parameters(
        _ members: UnsafeBufferPointer<JSONMemberSpan>, _ header: UnsafeBufferPointer<UInt8>
    ) throws(VerificationError) -> (String, String?, String?) {
        var algorithmSpan: JSONSpan? = nil
        var keyIDSpan: JSONSpan? = nil
        var typeSpan: JSONSpan? = nil
        var hasExtension = false
        for member in members {
            let name = member.name
            if name.hasText(literal: "alg", in: header) {
                algorithmSpan = member.value
            } else if name.hasText(literal: "kid", in: header) {
                keyIDSpan = member.value
            } else if name.hasText(literal: "typ", in: header) {
                typeSpan = member.value
            } else if name.hasText(literal: "b64", in: header) || name.hasText(literal: "crit", in: header) {
                hasExtension = true
            }
        }
        let algorithm = algorithmSpan.flatMap { $0.isString(in: header) ? $0.string(in: header) : nil }
        guard let algorithm, acceptedAlgorithms.contains(algorithm) else {
            let shown = algorithmSpan.map { ValidatedJSON.reparse($0.raw(in: header)).jsonText } ?? "missing"
            throw VerificationError(.unsupportedAlgorithm, "alg \(shown) is not accepted; only EdDSA and Ed25519 are")
        }
        let keyID = try string(keyIDSpan, "kid", header)
        let type = try string(typeSpan, "typ", header)
        if hasExtension {
            guard case .object(let object) = ValidatedJSON.reparse(header) else { preconditionFailure("validated header is not an object") }
            try checkUnencodedPayload(object)
            try checkCritical(object)
        }
        return (algorithm, keyID, type)
    }

    /// The string at `span`, or `nil` when absent.
    /// - Throws: `malformed_token` when present with another type.
    private static func string(_ span: JSONSpan?, _ name: String, _ header: UnsafeBufferPointer<UInt8>) throws(VerificationError) -> String? {
        guard let span else { return nil }
        guard span.isString(in: header) else { throw VerificationError(.malformedToken, "\(name) must be a string") }
        return span.string(in: header)
    }

    /// `b64` (RFC 7797) other than `true` would change what the signature covers: refused.
    private static func checkUnencodedPayload(_ object: JSONObject) throws(VerificationError) {
        guard let b64 = object["b64"] else { return }
        guard b64 == .bool(true) else {
            throw VerificationError(.unsupportedCriticalHeader, "b64 \(b64.jsonText) (unencoded payload) is not supported")
        }
    }

    /// `crit` (RFC 7515 §4.1.11): a non-empty array of names, each understood. Only `b64` is
    /// understood, and only when the header also carries `"b64": true` (RFC 7797 §6).
    private static func checkCritical(_ object: JSONObject) throws(VerificationError) {
        guard let crit = object["crit"] else { return }
        guard case .array(let names) = crit, !names.isEmpty else {
            throw VerificationError(.malformedToken, "crit must be a non-empty array of strings")
        }
        for name in names {
            guard case .string(let text) = name else {
                throw VerificationError(.malformedToken, "crit must be a non-empty array of strings")
            }
            guard text == "b64", object["b64"] == .bool(true) else {
                throw VerificationError(.unsupportedCriticalHeader, "critical header parameter \(name.jsonText) is not understood")
            }
        }
    }
}
