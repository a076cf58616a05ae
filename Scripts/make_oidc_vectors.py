#!/usr/bin/env python3
"""Writes Vectors/oidc/*.json: OpenID Connect ID Token conformance vectors.

The tokens are issued the way an OpenID Provider issues them (OpenID Connect Core 1.0 §2):
Ed25519 keys from `cryptography`, compact JWS over compact JSON, provider-like claims
(iss, sub, aud, exp, iat, auth_time, nonce, acr, amr, azp, at_hash, c_hash, email, ...).
at_hash / c_hash use SHA-512, left 256 bits, base64url (EdDSA with Ed25519 and Ed25519: the
OpenID Connect Token Hash Algorithm Implementer's Guide), computed here with hashlib.

Deterministic: the keys come from fixed seeds and Ed25519 signatures are deterministic, so
running the script twice writes identical files.

Usage: python3 Scripts/make_oidc_vectors.py [OUTPUT_DIR]   (default: Vectors/oidc)
"""

import base64
import hashlib
import json
import os
import sys

import cryptography
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

GENERATOR = f"Scripts/make_oidc_vectors.py, cryptography {cryptography.__version__}"

NOW = 1_760_000_000  # 2025-10-09T08:53:20Z
LEEWAY = 60
MAX_AUTH_AGE = 3600
ISSUER = "https://accounts.example.com"
OTHER_ISSUER = "https://login.other-idp.example"
CLIENT_ID = "gateway-7f3a.apps.example.com"
OTHER_CLIENT = "mobile-2c91.apps.example.com"
API_AUDIENCE = "https://api.example.com"
NONCE = "n-0S6_WzA2Mj"
ACCESS_TOKEN = "SlAV32hkKG.eyJzY29wZSI6Im9wZW5pZCBlbWFpbCJ9.ya29-a0AfB_byC9qRt4LmX1vYw"
CODE = "SplxlOBeZQQYbYS6WxSbIA"
ACR_VALUES = ["urn:example:loa:2", "urn:example:loa:3"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def token_hash(value: str) -> str:
    """at_hash / c_hash for alg EdDSA (Ed25519) and Ed25519: SHA-512, left half, base64url."""
    return b64url(hashlib.sha512(value.encode("ascii")).digest()[:32])


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Key:
    def __init__(self, name: str, kid: str):
        seed = hashlib.sha256(b"EdgeJWT OIDC vectors: " + name.encode()).digest()
        self.private = Ed25519PrivateKey.from_private_bytes(seed)
        self.kid = kid
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.x = b64url(raw)

    def jwk(self):
        return {"kty": "OKP", "crv": "Ed25519", "use": "sig", "alg": "EdDSA", "kid": self.kid, "x": self.x}

    def sign(self, header, claims) -> str:
        signing_input = b64url(compact(header)) + "." + b64url(compact(claims))
        signature = self.private.sign(signing_input.encode("ascii"))
        return signing_input + "." + b64url(signature)


# The provider's published set during a rotation: the previous key is still listed, the
# current key signs (docs/oidc.md, "Key rotation").
PREVIOUS = Key("accounts previous", "accounts-2025-04")
CURRENT = Key("accounts current", "accounts-2025-10")
OTHER_PROVIDER = Key("other provider", "login-2025")
PINNED_JWKS = {"keys": [CURRENT.jwk(), PREVIOUS.jwk()]}

CORE = "OpenID Connect Core 1.0 §3.1.3.7"


def provider_claims():
    """An ID Token as a provider issues it after an authorization-code login one minute ago."""
    iat = NOW - 60
    return {
        "iss": ISSUER,
        "sub": "248289761001",
        "aud": CLIENT_ID,
        "exp": iat + 3600,
        "iat": iat,
        "auth_time": NOW - 300,
        "nonce": NONCE,
        "acr": "urn:example:loa:2",
        "amr": ["pwd", "otp"],
        "at_hash": token_hash(ACCESS_TOKEN),
        "sid": "08a5019c-17e1-4977-8f42-65a12843ea02",
        "email": "jane.doe@example.com",
        "email_verified": True,
        "name": "Jane Doe",
    }


def full_profile():
    """Every relying-party check switched on; provider_claims() satisfies all of them."""
    return {
        "client_id": CLIENT_ID,
        "nonce": NONCE,
        "max_auth_age": MAX_AUTH_AGE,
        "acr_values": list(ACR_VALUES),
        "access_token": ACCESS_TOKEN,
    }


def vector(vid, description, reference, expected, claims=None, oidc=None, header=None,
           signer=CURRENT, issuers=None, options=None, keys=None):
    claims = provider_claims() if claims is None else claims
    oidc = full_profile() if oidc is None else oidc
    header = {"alg": "EdDSA", "kid": signer.kid, "typ": "JWT"} if header is None else header
    all_options = {"now": NOW, "leeway": LEEWAY, "issuers": [ISSUER] if issuers is None else issuers}
    all_options.update(options or {})
    all_options["oidc"] = oidc
    if expected is True:
        outcome = {"valid": True, "kid": header.get("kid")}
    else:
        outcome = {"valid": False, "error": expected}
    result = {
        "id": vid,
        "description": description,
        "reference": reference,
        "token": signer.sign(header, claims),
        "options": all_options,
        "expected": outcome,
    }
    if keys is not None:
        result["keys"] = keys
    return result


def changed(**changes):
    """provider_claims() with members replaced; a value of None removes the member."""
    claims = provider_claims()
    for name, value in changes.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    return claims


def profile(**changes):
    """full_profile() with members replaced; a value of None removes the member."""
    oidc = full_profile()
    for name, value in changes.items():
        if value is None:
            oidc.pop(name, None)
        else:
            oidc[name] = value
    return oidc


def valid_vectors():
    minimal = {k: provider_claims()[k] for k in ("iss", "sub", "aud", "exp", "iat")}
    boundary = NOW - MAX_AUTH_AGE - LEEWAY
    hybrid = changed(c_hash=token_hash(CODE))
    return [
        vector("oidc-valid-provider-id-token",
               "a provider's ID Token with every relying-party check switched on", CORE, True),
        vector("oidc-valid-minimal-claims",
               "only the claims OIDC requires (iss, sub, aud, exp, iat) and only a client id",
               "OpenID Connect Core 1.0 §2", True, claims=minimal, oidc={"client_id": CLIENT_ID}),
        vector("oidc-valid-aud-one-element-array",
               "aud as a one-element array holding the client id", "OpenID Connect Core 1.0 §2", True,
               claims=changed(aud=[CLIENT_ID])),
        vector("oidc-valid-trusted-second-audience",
               "two audiences: the client and a trusted API, with azp naming the client", CORE, True,
               claims=changed(aud=[CLIENT_ID, API_AUDIENCE], azp=CLIENT_ID),
               oidc=profile(trusted_audiences=[API_AUDIENCE])),
        vector("oidc-valid-azp-equals-sole-audience",
               "azp present with a single audience, equal to the client id", CORE, True,
               claims=changed(azp=CLIENT_ID)),
        vector("oidc-valid-nonce-not-requested",
               "the token carries a nonce the relying party did not send: not checked", CORE, True,
               oidc=profile(nonce=None)),
        vector("oidc-valid-auth-time-at-limit",
               "auth_time + max_auth_age + leeway equals now: not yet in the past", CORE, True,
               claims=changed(auth_time=boundary)),
        vector("oidc-valid-no-auth-time-without-max-age",
               "no auth_time and no maximum authentication age requested", CORE, True,
               claims=changed(auth_time=None), oidc=profile(max_auth_age=None)),
        vector("oidc-valid-at-hash-optional",
               "access token supplied, no at_hash, at_hash not required (Token Endpoint)",
               "OpenID Connect Core 1.0 §3.1.3.6, §3.1.3.8", True, claims=changed(at_hash=None)),
        vector("oidc-valid-at-hash-unchecked-without-access-token",
               "an at_hash is present but the caller supplied no access token: nothing to check",
               "OpenID Connect Core 1.0 §3.1.3.8", True,
               claims=changed(at_hash=token_hash("some other access token")), oidc=profile(access_token=None)),
        vector("oidc-valid-alg-ed25519",
               "alg Ed25519 (RFC 9864): at_hash is SHA-512 too", "OpenID Connect Token Hash Algorithm Implementer's Guide",
               True, header={"alg": "Ed25519", "kid": CURRENT.kid, "typ": "JWT"},
               keys={"keys": [{k: v for k, v in CURRENT.jwk().items() if k != "alg"}]}),
        vector("oidc-valid-hybrid-c-hash-and-at-hash",
               "Hybrid Flow code id_token token: c_hash and a required at_hash both match",
               "OpenID Connect Core 1.0 §3.3.2.11", True, claims=hybrid,
               oidc=profile(code=CODE, require_at_hash=True)),
        vector("oidc-valid-rotation-previous-key",
               "signed with the previous key, still pinned during the rotation", "RFC 7517 §5; docs/oidc.md", True,
               signer=PREVIOUS),
        vector("oidc-valid-acr-second-accepted-value",
               "acr equals the second accepted value", CORE, True, claims=changed(acr="urn:example:loa:3")),
    ]


def issuer_and_required_vectors():
    return [
        vector("oidc-iss-trailing-slash", "iss with a trailing slash is not the pinned issuer",
               CORE, "issuer_mismatch", claims=changed(iss=ISSUER + "/")),
        vector("oidc-iss-different-case", "iss differing only in case is not the pinned issuer",
               CORE, "issuer_mismatch", claims=changed(iss="https://Accounts.example.com")),
        vector("oidc-iss-other-pinned-provider",
               "a token naming another provider, signed with this provider's key", "RFC 8725 §3.8",
               "issuer_mismatch", claims=changed(iss=OTHER_ISSUER)),
        vector("oidc-two-pinned-issuers-fail-closed",
               "the ID Token profile needs exactly one pinned issuer; two are configured", CORE,
               "issuer_mismatch", issuers=[ISSUER, OTHER_ISSUER]),
        vector("oidc-iss-missing", "no iss", "OpenID Connect Core 1.0 §2", "missing_claim",
               claims=changed(iss=None)),
        vector("oidc-sub-missing", "no sub", "OpenID Connect Core 1.0 §2", "missing_claim",
               claims=changed(sub=None)),
        vector("oidc-aud-missing", "no aud", "OpenID Connect Core 1.0 §2", "missing_claim",
               claims=changed(aud=None)),
        vector("oidc-exp-missing", "no exp", "OpenID Connect Core 1.0 §2", "missing_claim",
               claims=changed(exp=None)),
        vector("oidc-iat-missing", "no iat", "OpenID Connect Core 1.0 §2", "missing_claim",
               claims=changed(iat=None)),
        vector("oidc-expired", "exp is 61 s before now, beyond the 60 s leeway", "RFC 7519 §4.1.4; " + CORE,
               "expired", claims=changed(exp=NOW - 61, iat=NOW - 3661, auth_time=NOW - 3700),
               oidc=profile(max_auth_age=None)),
        vector("oidc-issued-in-future", "iat is 120 s after now, beyond the 60 s leeway", CORE,
               "issued_in_future", claims=changed(iat=NOW + 120, exp=NOW + 3720)),
    ]


def audience_vectors():
    return [
        vector("oidc-aud-other-client", "aud names another client only", CORE, "audience_mismatch",
               claims=changed(aud=OTHER_CLIENT)),
        vector("oidc-aud-different-case", "aud differing from the client id only in case", CORE,
               "audience_mismatch", claims=changed(aud=CLIENT_ID.upper())),
        vector("oidc-aud-empty-array", "aud is an empty array", CORE, "audience_mismatch",
               claims=changed(aud=[])),
        vector("oidc-aud-only-trusted-audience",
               "aud holds only a trusted API audience, not the client id", CORE, "audience_mismatch",
               claims=changed(aud=API_AUDIENCE, azp=CLIENT_ID), oidc=profile(trusted_audiences=[API_AUDIENCE])),
        vector("oidc-aud-untrusted-additional-audience",
               "aud holds the client id and an audience the client does not trust", CORE,
               "audience_mismatch", claims=changed(aud=[CLIENT_ID, API_AUDIENCE], azp=CLIENT_ID)),
        vector("oidc-multiple-audiences-without-azp",
               "two trusted audiences and no azp", CORE, "azp_mismatch",
               claims=changed(aud=[CLIENT_ID, API_AUDIENCE]), oidc=profile(trusted_audiences=[API_AUDIENCE])),
        vector("oidc-azp-other-party-multiple-audiences",
               "two trusted audiences, azp naming the other one", CORE, "azp_mismatch",
               claims=changed(aud=[CLIENT_ID, API_AUDIENCE], azp=API_AUDIENCE),
               oidc=profile(trusted_audiences=[API_AUDIENCE])),
        vector("oidc-azp-other-client-single-audience",
               "one audience, azp naming another client", CORE, "azp_mismatch",
               claims=changed(azp=OTHER_CLIENT)),
        vector("oidc-azp-not-a-string", "azp is an array", "OpenID Connect Core 1.0 §2",
               "malformed_token", claims=changed(azp=[CLIENT_ID])),
    ]


def nonce_and_auth_vectors():
    return [
        vector("oidc-nonce-missing", "a nonce was sent, the token has none", CORE, "nonce_mismatch",
               claims=changed(nonce=None)),
        vector("oidc-nonce-different", "same length, last character differs", CORE, "nonce_mismatch",
               claims=changed(nonce=NONCE[:-1] + "k")),
        vector("oidc-nonce-prefix", "the token's nonce is a prefix of the one sent", CORE, "nonce_mismatch",
               claims=changed(nonce=NONCE[:-2])),
        vector("oidc-nonce-not-a-string", "nonce is a number", "OpenID Connect Core 1.0 §2",
               "malformed_token", claims=changed(nonce=12345)),
        vector("oidc-auth-time-missing", "max_auth_age set, no auth_time",
               "OpenID Connect Core 1.0 §2, §3.1.2.1", "missing_claim", claims=changed(auth_time=None)),
        vector("oidc-auth-time-too-old", "auth_time + max_auth_age + leeway is 1 s before now",
               CORE, "auth_time_too_old", claims=changed(auth_time=NOW - MAX_AUTH_AGE - LEEWAY - 1)),
        vector("oidc-auth-time-not-a-number", "auth_time is a string", "OpenID Connect Core 1.0 §2; RFC 7519 §2",
               "malformed_token", claims=changed(auth_time=str(NOW - 300))),
        vector("oidc-amr-not-an-array", "amr is a string", "OpenID Connect Core 1.0 §2",
               "malformed_token", claims=changed(amr="pwd")),
        vector("oidc-acr-missing", "acr values requested, no acr", CORE, "missing_claim",
               claims=changed(acr=None)),
        vector("oidc-acr-not-accepted", "acr is a level the relying party does not accept", CORE,
               "acr_mismatch", claims=changed(acr="urn:example:loa:1")),
    ]


def token_hash_vectors():
    sha256_half = b64url(hashlib.sha256(ACCESS_TOKEN.encode("ascii")).digest()[:16])
    return [
        vector("oidc-at-hash-other-access-token", "at_hash of a different access token",
               "OpenID Connect Core 1.0 §3.1.3.8", "token_hash_mismatch",
               claims=changed(at_hash=token_hash(ACCESS_TOKEN + "x"))),
        vector("oidc-at-hash-sha256-half", "at_hash computed with SHA-256 (the RS256 rule), not SHA-512",
               "OpenID Connect Token Hash Algorithm Implementer's Guide", "token_hash_mismatch",
               claims=changed(at_hash=sha256_half)),
        vector("oidc-at-hash-required-missing",
               "Implicit Flow id_token token: at_hash required, absent", "OpenID Connect Core 1.0 §3.2.2.10",
               "missing_claim", claims=changed(at_hash=None), oidc=profile(require_at_hash=True)),
        vector("oidc-c-hash-missing", "authorization code supplied, no c_hash",
               "OpenID Connect Core 1.0 §3.3.2.11", "missing_claim", oidc=profile(code=CODE)),
        vector("oidc-c-hash-other-code", "c_hash of a different code", "OpenID Connect Core 1.0 §3.3.2.10",
               "token_hash_mismatch", claims=changed(c_hash=token_hash(CODE[:-1] + "B")),
               oidc=profile(code=CODE)),
    ]


def key_vectors():
    impostor = Key("other provider", CURRENT.kid)  # the other provider's key under our kid
    return [
        vector("oidc-other-provider-key-same-kid",
               "signed by another provider's key that reuses this provider's kid", "RFC 8725 §3.8, §3.10",
               "invalid_signature", signer=impostor),
        vector("oidc-other-provider-key-own-kid",
               "signed by another provider's key under its own kid", "RFC 8725 §3.10",
               "unknown_key", signer=OTHER_PROVIDER),
    ]


FILES = {
    "valid.json": ("ID Tokens a relying party must accept", valid_vectors),
    "issuer-and-required-claims.json": ("iss exactly the pinned issuer; sub, aud, exp, iat required", issuer_and_required_vectors),
    "audience-and-azp.json": ("aud contains the client id, no untrusted audience; azp", audience_vectors),
    "nonce-auth-time-acr.json": ("nonce, auth_time with max_auth_age, acr, amr", nonce_and_auth_vectors),
    "token-hashes.json": ("at_hash and c_hash, SHA-512 left half for EdDSA/Ed25519", token_hash_vectors),
    "keys.json": ("one provider's keys never verify another's tokens", key_vectors),
}


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Vectors", "oidc")
    os.makedirs(output, exist_ok=True)
    total = 0
    for name, (description, make) in FILES.items():
        vectors = make()
        total += len(vectors)
        document = {
            "description": "OpenID Connect ID Tokens: " + description,
            "generator": GENERATOR,
            "keys": PINNED_JWKS,
            "vectors": vectors,
        }
        with open(os.path.join(output, name), "w", encoding="utf-8") as file:
            json.dump(document, file, indent=2, ensure_ascii=False)
            file.write("\n")
    ids = [v["id"] for _, (_, make) in FILES.items() for v in make()]
    assert len(ids) == len(set(ids)), "duplicate vector id"
    print(f"wrote {total} vectors to {os.path.normpath(output)}")


if __name__ == "__main__":
    main()
