import CBenchLibs
import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An Ed25519 key pair made with libsodium from a fixed seed, so every run signs the same bytes.
package struct BenchKey {
    package let keyID: String
    package let publicKey: [UInt8]
    package let secretKey: [UInt8]

    package init(seedByte: UInt8, keyID: String) {
        precondition(sodium_init() >= 0)
        let seed = [UInt8](repeating: seedByte, count: 32)
        var publicKey = [UInt8](repeating: 0, count: 32)
        var secretKey = [UInt8](repeating: 0, count: 64)
        precondition(crypto_sign_seed_keypair(&publicKey, &secretKey, seed) == 0)
        self.init(keyID: keyID, publicKey: publicKey, secretKey: secretKey)
    }

    package init(keyID: String, publicKey: [UInt8], secretKey: [UInt8]) {
        self.keyID = keyID
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The public JWK Set, as `edgejwt keygen --public` writes it.
    package var publicJWKSet: String {
        #"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"\#(keyID)","use":"sig","alg":"EdDSA","x":"\#(Base64URL.encode(publicKey))"}]}"#
    }

    package var pinnedKeySet: PinnedKeySet {
        do {
            return try PinnedKeySet(jwks: Array(publicJWKSet.utf8))
        } catch {
            fatalError("the benchmark's own key set was refused: \(error)")
        }
    }

    /// A compact JWS over the exact header and claims texts.
    package func sign(header: String, claims: String) -> String {
        let signingInput = Base64URL.encode(header.utf8) + "." + Base64URL.encode(claims.utf8)
        let message = Array(signingInput.utf8)
        var signature = [UInt8](repeating: 0, count: 64)
        precondition(crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey) == 0)
        return signingInput + "." + Base64URL.encode(signature)
    }
}

/// The typical ID token of the benchmark: about 400 bytes of signing input, 10 claims.
package enum TypicalToken {
    package static let issuer = "https://id.example.com"
    package static let audience = "gateway-7.edge.example.com"
    package static let header = #"{"alg":"EdDSA","typ":"JWT","kid":"bench-2026-11"}"#
    package static let statusListURI = "https://id.example.com/status/1"
    /// An index whose status list entry is 0 (VALID).
    package static let statusIndex = 12_346

    /// The 10 claims, times relative to `now` (whole seconds).
    package static func claims(now: Int, subject: String = "248289761001", jwtID: String = "c1b0f7b2-5d4e-4f0a-9b7e-2f61a8d3c945", status: Bool = false) -> String {
        var text = #"{"iss":"\#(issuer)","sub":"\#(subject)","aud":"\#(audience)","#
        text += #""exp":\#(now + 3600),"iat":\#(now - 60),"nbf":\#(now - 60),"jti":"\#(jwtID)","#
        text += #""email":"jane.doe@example.com","email_verified":true,"name":"Jane Q. Doe""#
        if status {
            text += #","status":{"status_list":{"idx":\#(statusIndex),"uri":"\#(statusListURI)"}}"#
        }
        return text + "}"
    }

    /// Every check on: issuer, audience, typ, required claims, maximum age (and the default leeway).
    package static var options: VerifierOptions {
        var options = VerifierOptions()
        options.issuers = [issuer]
        options.audiences = [audience]
        options.requiredType = "JWT"
        options.requiredClaims = ["sub", "jti", "email"]
        options.maxAge = .seconds(3600)
        return options
    }
}

/// The split form of a token for the raw libsodium row: the same signing input and signature.
package struct RawSignature {
    package let signingInput: [UInt8]
    package let signature: [UInt8]
    package let publicKey: [UInt8]

    package init(token: String, publicKey: [UInt8]) {
        let bytes = Array(token.utf8)
        let lastDot = bytes.lastIndex(of: UInt8(ascii: "."))!
        signingInput = Array(bytes[..<lastDot])
        signature = Base64URL.decode(bytes[(lastDot + 1)...])!
        self.publicKey = publicKey
        precondition(signature.count == 64)
    }

    @inline(__always)
    package func verify() -> Bool {
        crypto_sign_verify_detached(signature, signingInput, UInt64(signingInput.count), publicKey) == 0
    }
}

/// Whole seconds since the epoch, from the system clock.
package func unixNow() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return spec.tv_sec
}

/// A Status List Token (draft-ietf-oauth-status-list) with `entryCount` 1-bit entries, every 97th
/// one set to INVALID, signed by `key`.
package func makeStatusListToken(key: BenchKey, entryCount: Int, now: Int) -> String {
    var bits = [UInt8](repeating: 0, count: (entryCount + 7) / 8)
    for index in stride(from: 0, to: entryCount, by: 97) {
        bits[index / 8] |= 1 << UInt8(index % 8)
    }
    precondition(bits[TypicalToken.statusIndex / 8] & (1 << UInt8(TypicalToken.statusIndex % 8)) == 0)
    var compressedLength = compressBound(uLong(bits.count))
    var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
    precondition(compress2(&compressed, &compressedLength, bits, uLong(bits.count), 9) == Z_OK)
    compressed.removeSubrange(Int(compressedLength)...)
    let header = #"{"alg":"EdDSA","typ":"statuslist+jwt","kid":"\#(key.keyID)"}"#
    let claims = #"{"sub":"\#(TypicalToken.statusListURI)","iat":\#(now - 60),"exp":\#(now + 86_400),"ttl":43200,"status_list":{"bits":1,"lst":"\#(Base64URL.encode(compressed))"}}"#
    return key.sign(header: header, claims: claims)
}

/// The revocation list row's fixture: a list made by `edgejwt revocation build` (run.sh writes
/// its entries: `jti-0` ... `jti-999999` of issuer ``revokedIssuer``), installed from its file
/// with the publisher's public JWK Set from `edgejwt keygen`.
package enum RevocationFixture {
    /// The issuer of the listed tokens.
    package static let revokedIssuer = "https://id.example"

    package static func check(listFile: String, publisherKeysFile: String) -> RevocationListCheck {
        do {
            let check = try RevocationListCheck(publisherKeys: PinnedKeySet(contentsOfFile: publisherKeysFile))
            try check.install(contentsOfFile: listFile)
            return check
        } catch {
            fatalError("cannot install the revocation list \(listFile): \(error)")
        }
    }
}
