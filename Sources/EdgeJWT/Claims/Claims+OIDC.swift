extension Claims {
    /// The OpenID Connect claims of an ID Token (OpenID Connect Core 1.0 §2), type-checked.
    ///
    /// Read them with ``Claims/oidc()``; after a verification with ``VerifierOptions/oidc`` set
    /// that call cannot fail, because the OIDC step has already checked every type.
    public struct OIDC: Sendable, Hashable {
        /// `azp`, the authorized party: the client the ID Token was issued to.
        public let authorizedParty: String?
        /// `nonce`, echoed from the authentication request.
        public let nonce: String?
        /// `auth_time`, when the End-User authenticated.
        public let authenticationTime: NumericDate?
        /// `acr`, the Authentication Context Class Reference that was satisfied.
        public let authenticationContextClass: String?
        /// `amr`, the Authentication Methods References (RFC 8176 values such as `pwd`, `otp`).
        public let authenticationMethods: [String]?
        /// `at_hash`, the access token hash.
        public let accessTokenHash: String?
        /// `c_hash`, the authorization code hash.
        public let codeHash: String?
    }

    /// Reads the OpenID Connect claims.
    /// - Returns: The typed claims; each is `nil` when absent.
    /// - Throws: `malformed_token` when a claim is present with the wrong type: `azp`, `nonce`,
    ///   `acr`, `at_hash`, `c_hash` must be strings, `auth_time` a NumericDate (RFC 7519 §2),
    ///   `amr` an array of strings (OIDC Core 1.0 §2).
    public func oidc() throws(VerificationError) -> OIDC {
        var methods: [String]? = nil
        if let value = self["amr"] {
            guard case .array(let elements) = value else {
                throw VerificationError(.malformedToken, "amr must be an array of strings")
            }
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element else {
                    throw VerificationError(.malformedToken, "amr must be an array of strings")
                }
                strings.append(text)
            }
            methods = strings
        }
        return OIDC(
            authorizedParty: try Self.string(self["azp"], "azp"),
            nonce: try Self.string(self["nonce"], "nonce"),
            authenticationTime: try Self.date(self["auth_time"], "auth_time"),
            authenticationContextClass: try Self.string(self["acr"], "acr"),
            authenticationMethods: methods,
            accessTokenHash: try Self.string(self["at_hash"], "at_hash"),
            codeHash: try Self.string(self["c_hash"], "c_hash"))
    }
}
