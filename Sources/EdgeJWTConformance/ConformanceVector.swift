import EdgeJWT

/// One conformance vector from `Vectors/` (format: `Vectors/README.md`).
public struct ConformanceVector: Sendable, CustomStringConvertible {
    /// What a vector expects, or what running it produced.
    public enum Verdict: Sendable, Hashable, CustomStringConvertible {
        /// The token verifies, with the `kid` of the key that verified it.
        case valid(keyID: String?)
        /// The token is refused with this rejection code.
        case rejected(String)
        /// The key set itself is refused at load with this key-set error code.
        case keySetError(String)
        /// A Status List Token from `options.status_lists` is refused at install with this code.
        case statusListError(String)
        /// A raw Ed25519 signature vector: libsodium's verdict.
        case signature(valid: Bool)

        /// A short form for tables: `valid (k1)`, `expired`, `key set: private_key_material`.
        public var description: String {
            switch self {
            case .valid(let keyID): "valid (\(keyID ?? "no kid"))"
            case .rejected(let code): code
            case .keySetError(let code): "key set: \(code)"
            case .statusListError(let code): "status list: \(code)"
            case .signature(let valid): valid ? "signature valid" : "signature invalid"
            }
        }
    }

    /// What the vector feeds the verifier.
    enum Input: Sendable {
        case token(String, keySet: [UInt8], options: VerifierOptions, now: NumericDate)
        case rawSignature(publicKey: [UInt8], message: [UInt8], signature: [UInt8])
    }

    /// Unique id across `Vectors/`.
    public let id: String
    /// What the vector tests.
    public let summary: String
    /// The rule's source, e.g. `RFC 7519 §4.1.4`.
    public let reference: String
    /// The file the vector came from, relative to the vectors directory.
    public let file: String
    /// The expected verdict.
    public let expected: Verdict
    let input: Input
    /// Status List Tokens installed, in order, before the token is verified (`options.status_lists`).
    var statusLists: StatusListSetup? = nil
    /// EdgeJWT revocation list files installed, in order, before the token is verified (`options.revocation_list`).
    var revocationList: RevocationListSetup? = nil

    /// `file: id`.
    public var description: String { "\(file): \(id)" }
}

/// A vector file that cannot be understood: the file and what is wrong.
public struct VectorFormatError: Error, CustomStringConvertible {
    /// The file.
    public let file: String
    /// What is wrong.
    public let reason: String
    /// `file: reason`.
    public var description: String { "\(file): \(reason)" }
}
