/// A pinned key set that cannot be used: a configuration error, distinct from a token rejection.
///
/// Raised when a JWK Set is loaded, never while verifying a token. The CLI exits with status 2.
public struct KeySetError: CodedError {
    /// The stable, machine-readable reason.
    public let code: Code
    /// A plain-language explanation. Never contains key material.
    public let detail: String

    /// Creates an error with a code and a human-readable detail.
    /// - Parameters:
    ///   - code: The stable reason.
    ///   - detail: A plain-language explanation.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
}

extension KeySetError {
    /// A stable key-set error code.
    public struct Code: ErrorCode {
        /// The snake_case code, as used by the CLI and conformance vectors.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file could not be read.
        public static let unreadableFile = Code("unreadable_file")
        /// Not a JSON object with a `keys` array (RFC 7517 §5), or not strict JSON.
        public static let malformedKeySet = Code("malformed_key_set")
        /// A key lacks `kty`/`crv`/`x`, or `x` is not 32 bytes of strict base64url.
        public static let malformedKey = Code("malformed_key")
        /// A key carries private material (`d`, or a symmetric `oct` key): never pin secrets.
        public static let privateKeyMaterial = Code("private_key_material")
        /// An Ed25519 `x` that is not a valid point of the main subgroup (small order, non-canonical).
        public static let smallOrderKey = Code("small_order_key")
        /// Two keys share a `kid`, so selection by `kid` would be ambiguous.
        public static let duplicateKeyID = Code("duplicate_key_id")
        /// The set has no usable Ed25519 verification key.
        public static let noUsableKey = Code("no_usable_key")
    }
}
