/// Step 7: `exp`, `nbf`, `iat` and the maximum age against "now", with leeway for clock skew.
struct TimeRules {
    let leeway: Double
    let maxAge: Double?

    init(_ options: VerifierOptions) {
        leeway = options.leeway.inSeconds
        maxAge = options.maxAge?.inSeconds
    }

    /// Applies the time rules.
    /// - Parameters:
    ///   - claims: The decoded claims.
    ///   - now: The evaluation time.
    /// - Throws: `expired` (RFC 7519 §4.1.4: now ≥ exp + leeway), `not_yet_valid` (§4.1.5:
    ///   nbf > now + leeway), `issued_in_future` (iat > now + leeway), `missing_claim` (max age
    ///   set, no iat), `token_too_old` (iat < now − maxAge − leeway).
    func check(_ claims: Claims, at now: NumericDate) throws(VerificationError) {
        let seconds = now.secondsSinceEpoch
        if let exp = claims.expiration, seconds >= exp.secondsSinceEpoch + leeway {
            throw VerificationError(.expired, "exp \(exp) is not after now \(now) minus leeway \(JSONNumber(leeway)) s")
        }
        if let nbf = claims.notBefore, nbf.secondsSinceEpoch > seconds + leeway {
            throw VerificationError(.notYetValid, "nbf \(nbf) is after now \(now) plus leeway \(JSONNumber(leeway)) s")
        }
        if let iat = claims.issuedAt, iat.secondsSinceEpoch > seconds + leeway {
            throw VerificationError(.issuedInFuture, "iat \(iat) is after now \(now) plus leeway \(JSONNumber(leeway)) s")
        }
        if let maxAge {
            guard let iat = claims.issuedAt else {
                throw VerificationError(.missingClaim, "iat is required when a maximum age is set")
            }
            if iat.secondsSinceEpoch < seconds - maxAge - leeway {
                throw VerificationError(.tokenTooOld, "iat \(iat) is older than the maximum age \(JSONNumber(maxAge)) s plus leeway")
            }
        }
    }
}
