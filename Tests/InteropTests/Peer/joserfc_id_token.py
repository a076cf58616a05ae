"""An OpenID provider stand-in for EdgeJWT's interop tests, built on joserfc (PyPI) and hashlib.

    python3 joserfc_id_token.py OUT_DIR    # writes keys.json (the provider's JWK Set) and id_token.json

The ID Token carries the claims a real provider issues (OpenID Connect Core §2): iss, sub, aud,
azp, exp, iat, auth_time, nonce, acr, amr, email, and at_hash computed here with hashlib
(SHA-512, left half, base64url: the hash for EdDSA/Ed25519 with an Ed25519 key), independently
of EdgeJWT.
"""
import base64
import hashlib
import json
import secrets
import sys
import warnings
from pathlib import Path

from joserfc import jwt
from joserfc.jwk import OKPKey

ISSUER = "https://accounts.provider.example"
CLIENT_ID = "gateway-7f3a"
NOW = 1_800_000_000


def token_hash(value: str) -> str:
    digest = hashlib.sha512(value.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode("ascii")


def main(out_dir: Path) -> None:
    warnings.simplefilter("ignore")
    old_key = OKPKey.generate_key("Ed25519", parameters={"kid": "2026-10", "use": "sig", "alg": "Ed25519"})
    key = OKPKey.generate_key("Ed25519", parameters={"kid": "2026-11", "use": "sig", "alg": "Ed25519"})
    access_token = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(16)
    claims = {
        "iss": ISSUER,
        "sub": "248289761001",
        "aud": [CLIENT_ID, "https://api.provider.example"],
        "azp": CLIENT_ID,
        "exp": NOW + 600,
        "iat": NOW - 5,
        "auth_time": NOW - 120,
        "nonce": nonce,
        "acr": "urn:mace:incommon:iap:silver",
        "amr": ["pwd", "otp"],
        "email": "jane.doe@provider.example",
        "email_verified": True,
        "at_hash": token_hash(access_token),
    }
    token = jwt.encode({"alg": "Ed25519", "kid": "2026-11", "typ": "JWT"}, claims, key, algorithms=["Ed25519"])
    out_dir.mkdir(parents=True, exist_ok=True)
    keys = {"keys": [old_key.as_dict(private=False), key.as_dict(private=False)]}
    (out_dir / "keys.json").write_text(json.dumps(keys))
    (out_dir / "id_token.json").write_text(json.dumps({
        "id_token": token, "issuer": ISSUER, "client_id": CLIENT_ID, "trusted_audience": "https://api.provider.example",
        "nonce": nonce, "access_token": access_token, "at_hash": claims["at_hash"], "now": NOW,
    }))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(Path(sys.argv[1]))
