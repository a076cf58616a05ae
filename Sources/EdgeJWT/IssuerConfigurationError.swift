/// A multi-issuer configuration that cannot be used: a configuration error, distinct from a
/// token rejection.
///
/// Raised when an ``IssuerConfiguration`` is built or loaded, never while verifying a token.
/// The CLI exits with status 2.
public struct IssuerConfigurationError: CodedError {
    /// The stable, machine-readable reason.
    public let code: Code
    /// A plain-language explanation naming the file, issuer entry and member. Never contains
    /// key material.
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

extension IssuerConfigurationError {
    /// A stable configuration error code. New codes may be added; existing ones never change meaning.
    public struct Code: ErrorCode {
        /// The snake_case code, as printed by the CLI.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The configuration file could not be read.
        public static let unreadableFile = Code("unreadable_file")
        /// Not strict JSON, or a member has the wrong type or an out-of-range value.
        public static let malformedConfiguration = Code("malformed_configuration")
        /// A member the format does not define: refused, so a typo cannot silently disable a rule.
        public static let unknownMember = Code("unknown_member")
        /// A required member is absent (`issuers`, `issuer`, `client_id`, or one of `jwks_file`
        /// and `jwks`).
        public static let missingMember = Code("missing_member")
        /// Members that exclude each other are both present (`jwks_file` and `jwks`).
        public static let conflictingMembers = Code("conflicting_members")
        /// Two entries pin the same issuer.
        public static let duplicateIssuer = Code("duplicate_issuer")
        /// The configuration pins no issuer.
        public static let noIssuers = Code("no_issuers")
        /// An issuer's JWK Set was refused; the detail carries the ``KeySetError``.
        public static let invalidKeySet = Code("invalid_key_set")
    }
}
