/// A statement as a JWS JSON General Serialization (RFC 7515 §7.2.1): one payload, one or more
/// signatures, each with its own protected header (docs/key-rotation.md §2).
///
/// Parsing checks the envelope only (strict JSON, members, base64url, each header's `alg`,
/// `kid` and `typ`); the payload is decoded but not interpreted. Signatures are checked by
/// ``requireSignatures(threshold:of:role:)``, before the payload is read.
package struct SignedStatement {
    /// Most signatures one statement may carry.
    static let maxSignatures = 16

    /// One signature and what it covers.
    struct Signature {
        /// The protected header's `kid`.
        let keyID: String
        /// The protected header's `alg`: `EdDSA` or `Ed25519`.
        let algorithm: String
        /// The decoded signature.
        let signature: [UInt8]
        /// `BASE64URL(protected) || '.' || BASE64URL(payload)`, as ASCII bytes (RFC 7515 §5.1).
        let signingInput: [UInt8]
    }

    /// The decoded payload.
    let payload: [UInt8]
    /// The signatures, in file order.
    let signatures: [Signature]

    /// Parses the envelope of a statement whose every protected header must carry `typ` `type`.
    /// - Parameters:
    ///   - bytes: The statement file.
    ///   - type: ``KeySetStatement/type`` or ``TrustRoot/type``.
    /// - Throws: `statement_too_large`, `malformed_statement`, `wrong_type`.
    init(parsing bytes: [UInt8], type: String) throws(KeySetStatementError) {
        guard bytes.count <= KeySetStatement.maxBytes else {
            throw KeySetStatementError(.statementTooLarge, "\(bytes.count) bytes is over the limit of \(KeySetStatement.maxBytes)")
        }
        let object = try Self.object(bytes, what: "the statement")
        try Self.requireOnly(["payload", "signatures"], in: object, what: "the statement")
        guard case .string(let payloadText)? = object["payload"], let payload = Base64URL.decode(payloadText) else {
            throw KeySetStatementError(.malformedStatement, "payload must be a strict base64url string")
        }
        guard case .array(let entries)? = object["signatures"], !entries.isEmpty else {
            throw KeySetStatementError(.malformedStatement, "signatures must be a non-empty array (JWS JSON General Serialization)")
        }
        guard entries.count <= Self.maxSignatures else {
            throw KeySetStatementError(.malformedStatement, "\(entries.count) signatures is over the limit of \(Self.maxSignatures)")
        }
        var signatures: [Signature] = []
        for (position, entry) in entries.enumerated() {
            signatures.append(try Self.signature(entry, position: position, payloadText: payloadText, type: type))
        }
        self.payload = payload
        self.signatures = signatures
    }

    private static func signature(_ entry: JSONValue, position: Int, payloadText: String, type: String) throws(KeySetStatementError) -> Signature {
        let name = "signature #\(position)"
        guard case .object(let object) = entry else {
            throw KeySetStatementError(.malformedStatement, "\(name) is not a JSON object")
        }
        try requireOnly(["protected", "signature"], in: object, what: name)
        guard case .string(let protectedText)? = object["protected"], let protected = Base64URL.decode(protectedText) else {
            throw KeySetStatementError(.malformedStatement, "\(name): protected must be a strict base64url string")
        }
        guard case .string(let signatureText)? = object["signature"], let signature = Base64URL.decode(signatureText) else {
            throw KeySetStatementError(.malformedStatement, "\(name): signature must be a strict base64url string")
        }
        let header = try Self.object(protected, what: "\(name)'s protected header")
        try requireOnly(["alg", "kid", "typ"], in: header, what: "\(name)'s protected header")
        guard case .string(let headerType)? = header["typ"], headerType == type else {
            let shown = header["typ"].map(\.jsonText) ?? "missing"
            throw KeySetStatementError(.wrongType, "\(name): typ \(shown) is not \(JSONValue.string(type).jsonText)")
        }
        guard case .string(let algorithm)? = header["alg"], JOSEHeader.acceptedAlgorithms.contains(algorithm) else {
            let shown = header["alg"].map(\.jsonText) ?? "missing"
            throw KeySetStatementError(.malformedStatement, "\(name): alg \(shown) is not EdDSA or Ed25519")
        }
        guard case .string(let keyID)? = header["kid"] else {
            throw KeySetStatementError(.malformedStatement, "\(name): the protected header needs a string kid")
        }
        return Signature(
            keyID: keyID, algorithm: algorithm, signature: signature, signingInput: Array((protectedText + "." + payloadText).utf8))
    }

    /// The distinct `kid`s of `keys` whose signature verifies.
    /// - Throws: `invalid_signature` when a signature by a key of `keys` does not verify (a
    ///   damaged or forged statement is refused whole, even if other signatures would suffice).
    func verifiedSigners(of keys: PinnedKeySet) throws(KeySetStatementError) -> [String] {
        var signers: [String] = []
        for signature in signatures {
            guard let key = keys.keys.first(where: { $0.keyID?.isExactly(signature.keyID) == true }) else { continue }
            guard key.accepts(algorithm: signature.algorithm),
                key.isValidSignature(signature.signature, for: signature.signingInput)
            else {
                throw KeySetStatementError(
                    .invalidSignature, "the signature by kid \(PinnedKeySet.quoted(signature.keyID)) does not verify")
            }
            if !signers.contains(where: { $0.isExactly(signature.keyID) }) { signers.append(signature.keyID) }
        }
        return signers
    }

    /// Requires signatures by at least `threshold` distinct keys of `keys`.
    /// - Parameters:
    ///   - threshold: How many distinct keys must have signed.
    ///   - keys: The keys that count.
    ///   - role: What the keys are, for messages: `trust root`, `new root`.
    /// - Throws: `invalid_signature`, `untrusted_signer` (no signature by a key of `keys`),
    ///   `below_threshold`.
    func requireSignatures(threshold: Int, of keys: PinnedKeySet, role: String) throws(KeySetStatementError) {
        let signers = try verifiedSigners(of: keys)
        guard !signers.isEmpty else {
            let named = signatures.map { PinnedKeySet.quoted($0.keyID) }.joined(separator: ", ")
            throw KeySetStatementError(.untrustedSigner, "no signature is by a key of the \(role) (signed by kid \(named))")
        }
        guard signers.count >= threshold else {
            throw KeySetStatementError(
                .belowThreshold, "\(signers.count) of the \(threshold) signatures the \(role) requires (signed by \(signers.count) of its keys)")
        }
    }
}

// MARK: - Payload fields

extension SignedStatement {
    /// Largest integer a statement field holds: 2^53 − 1, exact in every JSON implementation.
    static let maxInteger: UInt64 = (1 << 53) - 1

    /// Parses strict JSON that must be an object.
    static func object(_ bytes: [UInt8], what: String) throws(KeySetStatementError) -> JSONObject {
        let value: JSONValue
        do {
            value = try StrictJSONParser.parse(bytes, maxDepth: 16)
        } catch {
            throw KeySetStatementError(.malformedStatement, "\(what) is not strict JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let object) = value else {
            throw KeySetStatementError(.malformedStatement, "\(what) is not a JSON object")
        }
        return object
    }

    /// Refuses members other than `names`: a field this version does not understand could
    /// change what the statement means, so it is never ignored.
    static func requireOnly(_ names: [String], in object: JSONObject, what: String) throws(KeySetStatementError) {
        for member in object where !names.contains(member.name) {
            throw KeySetStatementError(.malformedStatement, "\(what) has the unknown member \(JSONValue.string(member.name).jsonText)")
        }
    }

    /// A whole number from `minimum` to ``maxInteger``, written as plain digits.
    static func integer(_ value: JSONValue?, _ name: String, minimum: UInt64 = 0) throws(KeySetStatementError) -> UInt64 {
        guard case .number(let number)? = value, number.literal.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let integer = UInt64(number.literal), integer >= minimum, integer <= maxInteger
        else {
            throw KeySetStatementError(.malformedStatement, "\(name) must be a whole number from \(minimum) to \(maxInteger), without sign, fraction or exponent")
        }
        return integer
    }

    /// A NumericDate in whole seconds, from 0 to 9999-12-31T23:59:59Z.
    static func date(_ value: JSONValue?, _ name: String) throws(KeySetStatementError) -> NumericDate {
        let seconds = try integer(value, name)
        guard Double(seconds) <= NumericDate.latest else {
            throw KeySetStatementError(.malformedStatement, "\(name) is after 9999-12-31T23:59:59Z")
        }
        return NumericDate(Double(seconds))
    }
}

extension SignedStatement {
    /// The `typ` of a statement file's first protected header, without checking anything else:
    /// how `edgejwt keys` tells a root statement from a key-set statement.
    /// - Parameter bytes: A statement file.
    /// - Returns: The `typ`, or `nil` when the file is not a JWS JSON General Serialization.
    package static func type(of bytes: [UInt8]) -> String? {
        guard bytes.count <= KeySetStatement.maxBytes, case .array(let signatures)? = JSONValue.parse(bytes)?.objectValue?["signatures"],
            case .string(let protected)? = signatures.first?.objectValue?["protected"], let header = Base64URL.decode(protected)
        else { return nil }
        return JSONValue.parse(header)?.objectValue?["typ"]?.stringValue
    }
}
