/// The OpenID Connect ID Token profile (OpenID Connect Core 1.0 §3.1.3.7), applied by a
/// ``Verifier`` whose ``VerifierOptions/oidc`` is set.
///
/// The verifier must pin exactly one issuer (``VerifierOptions/issuers``): `iss` must equal it
/// byte for byte. Policy members (client id, trusted audiences, maximum authentication age,
/// accepted `acr` values) describe the relying party; ``nonce``, ``accessToken`` and
/// ``authorizationCode`` belong to one authentication response, so set them per response (a
/// ``Verifier`` is a cheap value to copy).
///
/// ```swift
/// var oidc = OIDCOptions(clientID: "gateway-7")
/// oidc.nonce = session.nonce
/// oidc.maxAuthenticationAge = .seconds(3600)
/// var options = VerifierOptions()
/// options.issuers = ["https://accounts.example.com"]
/// options.oidc = oidc
/// let token = try Verifier(keys: keys, options: options).verify(idToken)
/// let authTime = try token.claims.oidc().authenticationTime
/// ```
public struct OIDCOptions: Sendable, Hashable {
    /// The relying party's `client_id` at the issuer: `aud` must contain it, and `azp`, when
    /// present, must equal it (OIDC Core 1.0 §3.1.3.7).
    public var clientID: String
    /// Audiences other than ``clientID`` that this relying party trusts. A token naming any other
    /// audience is refused with `audience_mismatch` (§3.1.3.7: "or if it contains additional
    /// audiences not trusted by the Client"). Default: none.
    public var trustedAudiences: [String] = []
    /// The `nonce` sent in the authentication request. When set, the token's `nonce` must be
    /// present and equal (`nonce_mismatch`), compared in constant time for equal lengths.
    /// `nil`: `nonce` is not checked. Default: `nil`.
    public var nonce: String? = nil
    /// The maximum authentication age (the request's `max_age`). When set, `auth_time` is
    /// required (`missing_claim`) and `auth_time + maxAuthenticationAge + leeway` must not be
    /// before now (`auth_time_too_old`). `nil`: no limit. Default: `nil`.
    public var maxAuthenticationAge: Duration? = nil
    /// Accepted `acr` values (the request's `acr_values`). When non-empty, `acr` is required
    /// (`missing_claim`) and must equal one of them exactly (`acr_mismatch`). Default: none.
    public var acceptedACRValues: [String] = []
    /// The access token returned with the ID Token. When set and the token carries `at_hash`,
    /// they must match (`token_hash_mismatch`). An absent `at_hash` is accepted unless
    /// ``requiresAccessTokenHash`` is set: OIDC Core makes it OPTIONAL for ID Tokens from the
    /// Token Endpoint (§3.1.3.6). Default: `nil`.
    public var accessToken: String? = nil
    /// Whether `at_hash` must be present when ``accessToken`` is set (`missing_claim`). Set it
    /// when the ID Token came from the Authorization Endpoint together with an access token
    /// (`response_type` `id_token token` or `code id_token token`), where OIDC Core makes
    /// `at_hash` REQUIRED (§3.2.2.10, §3.3.2.11). Default: `false`.
    public var requiresAccessTokenHash = false
    /// The authorization code returned with the ID Token. When set, `c_hash` is required
    /// (`missing_claim`) and must match (`token_hash_mismatch`): a code is only bound to an ID
    /// Token in the Hybrid Flow, where `c_hash` is REQUIRED (§3.3.2.11). Default: `nil`.
    public var authorizationCode: String? = nil

    /// The profile for a relying party, with every other member at its default.
    /// - Parameter clientID: The relying party's `client_id` at the issuer.
    public init(clientID: String) {
        self.clientID = clientID
    }
}
