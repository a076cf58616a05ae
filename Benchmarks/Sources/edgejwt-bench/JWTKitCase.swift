import BenchSupport
import EdgeJWT
import Foundation
import JWTKit

/// The typical ID token's claims for vapor/jwt-kit, with the same checks as EdgeJWT's row where
/// jwt-kit has them: issuer, audience, exp, nbf, iat not in the future, maximum age, required
/// sub/jti/email (non-optional properties). jwt-kit has no leeway and no `typ` check.
struct JWTKitIDToken: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var nbf: NotBeforeClaim
    var jti: IDClaim
    var email: String
    var email_verified: Bool
    var name: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        guard iss.value == TypicalToken.issuer else {
            throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer")
        }
        try aud.verifyIntendedAudience(includes: TypicalToken.audience)
        let now = Date()
        try exp.verifyNotExpired(currentDate: now)
        try nbf.verifyNotBefore(currentDate: now)
        guard iat.value <= now, iat.value >= now.addingTimeInterval(-3600) else {
            throw JWTError.claimVerificationFailure(failedClaim: iat, reason: "iat")
        }
    }
}

/// jwt-kit 5.8's `JWTKeyCollection` (an actor) holding the same public key under the same kid.
func makeJWTKitKeys(_ key: BenchKey) async -> JWTKeyCollection {
    do {
        let publicKey = try EdDSA.PublicKey(x: Base64URL.encode(key.publicKey), curve: .ed25519)
        let keys = JWTKeyCollection()
        await keys.add(eddsa: publicKey, kid: JWKIdentifier(string: key.keyID))
        return keys
    } catch {
        fatalError("jwt-kit refused the benchmark key: \(error)")
    }
}

/// `count` jwt-kit verifications of `token`; returns how many succeeded.
func jwtKitVerify(_ keys: JWTKeyCollection, _ token: String, count: Int) async -> Int {
    var succeeded = 0
    for _ in 0..<count {
        do {
            let payload = try await keys.verify(token, as: JWTKitIDToken.self)
            blackHole(payload)
            succeeded += 1
        } catch {
            progress("jwt-kit: \(error)")
        }
    }
    return succeeded
}

extension Rows {
    static func jwtKit(_ keys: JWTKeyCollection, _ token: String) -> BenchCase {
        BenchCase(name: "vapor/jwt-kit 5.8 verify (actor, async)") { count in
            await jwtKitVerify(keys, token, count: count)
        }
    }
}
