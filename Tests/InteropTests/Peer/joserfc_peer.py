"""An independent JOSE peer for EdgeJWT's interop tests, built on joserfc (PyPI).

    python3 joserfc_peer.py issue OUT_DIR      # writes keys.json (public JWK Set) and tokens.json
    python3 joserfc_peer.py verify JWKS TOKEN  # prints the verified claims as JSON; exit 0 valid, 1 invalid

`issue` makes a fresh Ed25519 key and signs tokens with both "EdDSA" (RFC 8037) and "Ed25519"
(RFC 9864), with claims of every JSON type. `verify` accepts either algorithm and checks only the
signature, so EdgeJWT's own claim rules are what the Swift side tests.
"""
import json
import sys
import warnings
from pathlib import Path

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey

ALGORITHMS = ["EdDSA", "Ed25519"]
NOW = 1_800_000_000

CLAIM_SETS = [
    {"iss": "https://issuer.example", "sub": "device-1", "aud": "gateway", "iat": NOW - 10, "exp": NOW + 3600},
    {"iss": "https://issuer.example", "sub": "dévice-ü-✓", "aud": ["gateway", "other"], "iat": NOW, "exp": NOW + 60.5,
     "nbf": NOW - 5, "jti": "a1b2c3"},
    {"sub": "nested", "exp": NOW + 10, "scope": ["read", "write"], "cnf": {"jkt": "abc", "n": [1, 2.5, -3e2]},
     "flag": True, "none": None, "big": 9007199254740993, "text": "quote \" backslash \\ tab \t newline \n"},
]


def issue(out_dir: Path) -> None:
    key = OKPKey.generate_key("Ed25519", parameters={"kid": "peer-1", "use": "sig"})
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "keys.json").write_text(json.dumps({"keys": [key.as_dict(private=False)]}))
    tokens = []
    for algorithm in ALGORITHMS:
        for claims in CLAIM_SETS:
            header = {"alg": algorithm, "kid": "peer-1"}
            token = jwt.encode(header, claims, key, algorithms=[algorithm])
            tokens.append({"alg": algorithm, "token": token, "claims": claims, "now": NOW})
    (out_dir / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False))


def verify(jwks_path: Path, token: str) -> int:
    keys = KeySet.import_key_set(json.loads(jwks_path.read_text()))
    try:
        verified = jwt.decode(token, keys, algorithms=ALGORITHMS)
    except (JoseError, ValueError) as error:
        print(f"rejected: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"header": verified.header, "claims": verified.claims}, ensure_ascii=False))
    return 0


def main(arguments: list[str]) -> int:
    warnings.simplefilter("ignore")
    if len(arguments) == 2 and arguments[0] == "issue":
        issue(Path(arguments[1]))
        return 0
    if len(arguments) == 3 and arguments[0] == "verify":
        return verify(Path(arguments[1]), arguments[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
