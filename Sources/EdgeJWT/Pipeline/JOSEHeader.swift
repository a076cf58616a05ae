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
    /// The whole header object.
    public let object: JSONObject

    /// The algorithms this verifier accepts, exactly as spelled.
    public static let acceptedAlgorithms = ["EdDSA", "Ed25519"]

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
        let value: JSONValue
        do {
            value = try StrictJSONParser.parse(bytes, maxDepth: limits.maxJSONDepth)
        } catch {
            throw VerificationError(.malformedToken, "header is not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let object) = value else {
            throw VerificationError(.malformedToken, "header is not a JSON object")
        }
        guard case .string(let algorithm)? = object["alg"], Self.acceptedAlgorithms.contains(algorithm) else {
            let shown = object["alg"].map(\.jsonText) ?? "missing"
            throw VerificationError(.unsupportedAlgorithm, "alg \(shown) is not accepted; only EdDSA and Ed25519 are")
        }
        self.algorithm = algorithm
        self.object = object
        keyID = try Claims.string(object, "kid")
        type = try Claims.string(object, "typ")
        try Self.checkUnencodedPayload(object)
        try Self.checkCritical(object)
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
