/// Step 8b: the OpenID Connect ID Token profile (OpenID Connect Core 1.0 §3.1.3.7), after the
/// signature, time and policy steps have passed.
///
/// `exp`, `iat` and the optional `iat` age are the time step's (with the verifier's leeway);
/// this step makes them required and adds what is specific to ID Tokens. All comparisons are
/// exact, code unit by code unit, with no Unicode normalization (RFC 7519 §7.3).
struct OIDCRules {
    let profile: OIDCOptions
    let issuers: [String]
    let leeway: Double

    init(_ profile: OIDCOptions, _ options: VerifierOptions) {
        self.profile = profile
        issuers = options.issuers
        leeway = options.leeway.inSeconds
    }

    /// Applies the profile.
    /// - Parameters:
    ///   - header: The checked header (its `alg` selects the `at_hash`/`c_hash` function).
    ///   - claims: The decoded claims.
    ///   - now: The evaluation time.
    /// - Throws: `issuer_mismatch` (not exactly one pinned issuer, or `iss` differs from it),
    ///   `missing_claim` (`iss`, `sub`, `aud`, `exp`, `iat`; `auth_time` with a maximum
    ///   authentication age; `acr` with accepted values; `c_hash` with a code; `at_hash` when
    ///   required), `malformed_token` (an OIDC claim of the wrong type), `audience_mismatch`,
    ///   `azp_mismatch`, `nonce_mismatch`, `auth_time_too_old`, `acr_mismatch`,
    ///   `token_hash_mismatch`.
    func check(_ header: JOSEHeader, _ claims: Claims, at now: NumericDate) throws(VerificationError) {
        try checkIssuer(claims.issuer)
        let oidc = try claims.oidc()
        try checkRequiredClaims(claims)
        try checkAudience(claims.audience ?? [], authorizedParty: oidc.authorizedParty)
        try checkNonce(oidc.nonce)
        try checkAuthenticationTime(oidc.authenticationTime, at: now)
        try checkAuthenticationContext(oidc.authenticationContextClass)
        try checkHash(
            oidc.accessTokenHash, claim: "at_hash", of: profile.accessToken, "access token",
            required: profile.requiresAccessTokenHash, algorithm: header.algorithm)
        try checkHash(
            oidc.codeHash, claim: "c_hash", of: profile.authorizationCode, "authorization code",
            required: true, algorithm: header.algorithm)
    }

    /// §3.1.3.7: the Issuer Identifier "MUST exactly match the value of the iss (issuer) Claim".
    /// An ID Token verifier pins exactly one issuer; anything else fails closed.
    private func checkIssuer(_ issuer: String?) throws(VerificationError) {
        guard issuers.count == 1 else {
            throw VerificationError(
                .issuerMismatch, "the OpenID Connect profile needs exactly one pinned issuer; \(issuers.count) are configured")
        }
        guard let issuer else {
            throw VerificationError(.missingClaim, "iss is required in an ID Token")
        }
        guard issuer.isExactly(issuers[0]) else {
            throw VerificationError(
                .issuerMismatch, "iss \(Self.quoted(issuer)) is not exactly the pinned issuer \(Self.quoted(issuers[0]))")
        }
    }

    /// §2: `sub`, `aud`, `exp` and `iat` are REQUIRED in an ID Token (`iss` is checked above).
    private func checkRequiredClaims(_ claims: Claims) throws(VerificationError) {
        let presence = [
            ("sub", claims.subject != nil), ("aud", claims.audience != nil),
            ("exp", claims.expiration != nil), ("iat", claims.issuedAt != nil),
        ]
        for (name, isPresent) in presence where !isPresent {
            throw VerificationError(.missingClaim, "\(name) is required in an ID Token")
        }
    }

    /// §3.1.3.7: `aud` contains the client id and no untrusted audience; with several audiences
    /// `azp` is present; a present `azp` is the client id.
    private func checkAudience(_ audience: [String], authorizedParty: String?) throws(VerificationError) {
        let clientID = profile.clientID
        guard audience.containsExactly(clientID) else {
            throw VerificationError(.audienceMismatch, "aud does not contain the client id \(Self.quoted(clientID))")
        }
        for other in audience where !other.isExactly(clientID) {
            guard profile.trustedAudiences.containsExactly(other) else {
                throw VerificationError(.audienceMismatch, "aud names \(Self.quoted(other)), an audience this client does not trust")
            }
        }
        if audience.count > 1, authorizedParty == nil {
            throw VerificationError(.azpMismatch, "an ID Token with \(audience.count) audiences must name the authorized party in azp")
        }
        if let authorizedParty, !authorizedParty.isExactly(clientID) {
            throw VerificationError(.azpMismatch, "azp \(Self.quoted(authorizedParty)) is not the client id \(Self.quoted(clientID))")
        }
    }

    /// §3.1.3.7: "If a nonce value was sent in the Authentication Request, a nonce Claim MUST be
    /// present and its value checked". Compared with `sodium_memcmp`; only the length may leak.
    private func checkNonce(_ nonce: String?) throws(VerificationError) {
        guard let expected = profile.nonce else { return }
        guard let nonce else {
            throw VerificationError(.nonceMismatch, "a nonce was sent but the ID Token has none")
        }
        guard Sodium.constantTimeEquals(Array(nonce.utf8), Array(expected.utf8)) else {
            throw VerificationError(.nonceMismatch, "the ID Token's nonce is not the one sent in the authentication request")
        }
    }

    /// §3.1.2.1 `max_age` and §3.1.3.7: with a maximum authentication age, `auth_time` is
    /// required and `auth_time + maxAge + leeway` must not be before now.
    private func checkAuthenticationTime(_ authenticationTime: NumericDate?, at now: NumericDate) throws(VerificationError) {
        guard let maxAge = profile.maxAuthenticationAge?.inSeconds else { return }
        guard let authenticationTime else {
            throw VerificationError(.missingClaim, "auth_time is required when a maximum authentication age is set")
        }
        if authenticationTime.secondsSinceEpoch + maxAge + leeway < now.secondsSinceEpoch {
            throw VerificationError(
                .authTimeTooOld,
                "auth_time \(authenticationTime) is older than the maximum authentication age \(JSONNumber(maxAge)) s "
                    + "plus leeway \(JSONNumber(leeway)) s at now \(now)")
        }
    }

    /// §3.1.3.7: "If the acr Claim was requested, the Client SHOULD check that the asserted Claim
    /// Value is appropriate": here, one of the accepted values exactly.
    private func checkAuthenticationContext(_ acr: String?) throws(VerificationError) {
        guard !profile.acceptedACRValues.isEmpty else { return }
        guard let acr else {
            throw VerificationError(.missingClaim, "acr is required when accepted acr values are set")
        }
        guard profile.acceptedACRValues.containsExactly(acr) else {
            throw VerificationError(.acrMismatch, "acr \(Self.quoted(acr)) is not an accepted authentication context class")
        }
    }

    /// §3.1.3.8, §3.2.2.9, §3.3.2.10: the hash of the value the caller holds must equal the claim.
    private func checkHash(
        _ claimed: String?, claim: String, of value: String?, _ valueName: String, required: Bool, algorithm: String
    ) throws(VerificationError) {
        guard let value else { return }
        guard let claimed else {
            guard !required else {
                throw VerificationError(.missingClaim, "\(claim) is required to bind the \(valueName) to the ID Token")
            }
            return
        }
        guard let expected = TokenHash.value(of: value, algorithm: algorithm) else {
            throw VerificationError(.unsupportedAlgorithm, "no \(claim) hash function is defined for alg \(algorithm)")
        }
        guard Sodium.constantTimeEquals(Array(claimed.utf8), Array(expected.utf8)) else {
            throw VerificationError(.tokenHashMismatch, "\(claim) does not match the \(valueName) supplied")
        }
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text.count > 128 ? String(text.prefix(128)) + "…" : text).jsonText
    }
}

/// The OpenID Connect token hash (`at_hash`, `c_hash`): the base64url encoding of the left-most
/// half of a hash of the value's ASCII octets (OIDC Core 1.0 §3.1.3.6, §3.3.2.11).
///
/// The hash function follows the signing algorithm. For `EdDSA` with an Ed25519 key, and for
/// `Ed25519` (RFC 9864), it is SHA-512, so the left 256 bits are kept (OpenID Connect Token Hash
/// Algorithm Implementer's Guide; OpenID Connect issue 1125). Every key EdgeJWT pins is an
/// Ed25519 key, so `EdDSA` never means Ed448 here.
package enum TokenHash {
    /// The hash claim value for `value` under `algorithm`.
    /// - Parameters:
    ///   - value: The access token, authorization code or state, as sent.
    ///   - algorithm: The ID Token's `alg`.
    /// - Returns: The unpadded base64url hash, or `nil` for an algorithm with no hash defined here.
    package static func value(of value: String, algorithm: String) -> String? {
        switch algorithm {
        case "EdDSA", "Ed25519":
            return Base64URL.encode(Sodium.sha512(Array(value.utf8)).prefix(32))
        default:
            return nil
        }
    }
}
