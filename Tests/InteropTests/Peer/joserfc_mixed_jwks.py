"""A provider's published JWK Set as real providers mix it, built with joserfc and cryptography.

    python3 joserfc_mixed_jwks.py OUT_DIR

Writes to OUT_DIR:
  keys.json          the public JWK Set: RSA 2048 (RS256), EC P-256 (ES256), OKP Ed25519 (EdDSA),
                     OKP X25519 (use enc), OKP Ed448 (EdDSA) and an RSA key without a kid
  private_keys.json  the same keys with their private members, as a careless export would hold them
  tokens.json        tokens signed by joserfc: {"name": token}, and "ed25519_kid"
"""
import json
import sys
import warnings
from pathlib import Path

from joserfc import jws
from joserfc.jwk import ECKey, OKPKey, RSAKey

NOW = 1_800_000_000


def main(out_dir: Path) -> None:
    warnings.simplefilter("ignore")
    keys = [
        RSAKey.generate_key(2048, parameters={"kid": "rsa-2026", "use": "sig", "alg": "RS256"}),
        ECKey.generate_key("P-256", parameters={"kid": "ec-2026", "use": "sig", "alg": "ES256"}),
        OKPKey.generate_key("Ed25519", parameters={"kid": "ed-2026", "use": "sig", "alg": "EdDSA"}),
        OKPKey.generate_key("X25519", parameters={"kid": "x-2026", "use": "enc"}),
        OKPKey.generate_key("Ed448", parameters={"kid": "ed448-2026", "use": "sig", "alg": "EdDSA"}),
        RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}),
    ]
    rsa, ec, ed25519, _, ed448, _ = keys
    claims = json.dumps({"iss": "https://provider.example", "sub": "device-7", "aud": "gateway",
                         "iat": NOW - 60, "exp": NOW + 600}, separators=(",", ":"))

    def sign(alg: str, kid: str, key) -> str:
        header = {"alg": alg, "kid": kid, "typ": "JWT"}
        return jws.serialize_compact(header, claims, key, algorithms=[alg])

    tokens = {
        "ed25519": sign("EdDSA", "ed-2026", ed25519),
        "rs256": sign("RS256", "rsa-2026", rsa),
        "es256": sign("ES256", "ec-2026", ec),
        "eddsa_naming_rsa": sign("EdDSA", "rsa-2026", ed25519),
        "eddsa_naming_x25519": sign("EdDSA", "x-2026", ed25519),
        "ed448": sign("EdDSA", "ed448-2026", ed448),
        "eddsa_unknown_kid": sign("EdDSA", "ed-2027", ed25519),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "keys.json").write_text(json.dumps({"keys": [k.as_dict(private=False) for k in keys]}))
    (out_dir / "private_keys.json").write_text(json.dumps({"keys": [k.as_dict(private=True) for k in keys]}))
    (out_dir / "tokens.json").write_text(json.dumps({"tokens": tokens, "now": NOW}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(Path(sys.argv[1]))
