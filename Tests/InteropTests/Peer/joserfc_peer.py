"""An independent JOSE peer for EdgeJWT's interop tests, built on joserfc (PyPI).

    python3 joserfc_peer.py issue OUT_DIR      # writes keys.json (public JWK Set) and tokens.json
    python3 joserfc_peer.py verify JWKS TOKEN  # prints the verified claims as JSON; exit 0 valid, 1 invalid
    python3 joserfc_peer.py differential OUT_DIR  # writes keys.json and cases.json (see differential())

`issue` makes a fresh Ed25519 key and signs tokens with both "EdDSA" (RFC 8037) and "Ed25519"
(RFC 9864), with claims of every JSON type. `verify` accepts either algorithm and checks only the
signature, so EdgeJWT's own claim rules are what the Swift side tests.
"""
import base64
import hashlib
import json
import random
import re
import sys
import warnings
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jws, jwt
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


# --- differential -----------------------------------------------------------------------------
#
# Generated tokens, valid and mutated, each with joserfc's verdict (a JWS signature check only:
# jws.deserialize_compact with the pinned set, EdDSA and Ed25519 allowed) and facts computed here
# without joserfc or EdgeJWT, from which the Swift side classifies every disagreement
# (docs/differential.md). Deterministic: fixed key, fixed seed, signatures by RFC 8032.

MAX_TOKEN_BYTES = 16_384
MAX_DEPTH = 32
EARLIEST = -62_135_596_800
LATEST = 253_402_300_799


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def differential_key():
    """k1 of Vectors/README.md: the seed SHA-256("EdgeJWT vector key k1")."""
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"EdgeJWT vector key k1").digest())
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return private, {"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "k1", "x": b64u(public)}]}


def strict_segment(segment: str):
    """The bytes of a strict base64url segment (no padding, zero unused bits), else None."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", segment) or len(segment) % 4 == 1:
        return None
    data = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    return data if b64u(data) == segment else None


def lenient_segment(segment: str):
    try:
        return base64.urlsafe_b64decode(segment.strip() + "=" * (-len(segment.strip()) % 4))
    except ValueError:
        return None


def json_facts(data):
    """(strict, duplicates, value): RFC 8259 as EdgeJWT reads it, checked with Python's json."""
    if data is None:
        return False, False, None
    duplicates = False

    def pairs(members):
        nonlocal duplicates
        names = [name for name, _ in members]
        duplicates = duplicates or len(names) != len(set(names))
        return dict(members)

    def constant(name):
        raise ValueError(name)

    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            return False, False, None
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False, duplicates, None

    def sound(item, depth):
        if isinstance(item, str):
            return not any(0xD800 <= ord(c) <= 0xDFFF for c in item)
        if isinstance(item, list):
            return depth < MAX_DEPTH and all(sound(x, depth + 1) for x in item)
        if isinstance(item, dict):
            return depth < MAX_DEPTH and all(sound(k, depth + 1) and sound(v, depth + 1) for k, v in item.items())
        return True

    return sound(value, 0) and not duplicates, duplicates, value


# Header Parameters registered by RFC 7515 §4.1 and RFC 7797 §3.
REGISTERED_HEADER_PARAMETERS = {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "b64"}


def header_rules_hold(header) -> bool:
    """EdgeJWT's header step (Vectors/README.md step 4) and single-key selection."""
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        return False
    if any(name in header and not isinstance(header[name], str) for name in ("kid", "typ")):
        return False
    if header.get("kid", "k1") != "k1":
        return False
    if "b64" in header and header["b64"] is not True:
        return False
    if "crit" in header and (header["crit"] != ["b64"] or header.get("b64") is not True):
        return False
    return True


def claims_rules_hold(claims) -> bool:
    """EdgeJWT's claims step (Vectors/README.md step 7): a JSON object, registered claim types."""
    if not isinstance(claims, dict):
        return False
    for name in ("iss", "sub", "jti"):
        if name in claims and not isinstance(claims[name], str):
            return False
    aud = claims.get("aud", "")
    if not (isinstance(aud, str) or (isinstance(aud, list) and all(isinstance(a, str) for a in aud))):
        return False
    for name in ("exp", "nbf", "iat"):
        if name in claims:
            value = claims[name]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not EARLIEST <= value <= LATEST:
                return False
    return True


def token_facts(token: str) -> dict:
    segments = token.split(".")
    facts = {"within_size": len(token.encode("utf-8")) <= MAX_TOKEN_BYTES,
             "three_segments": len(segments) == 3}
    strict = [strict_segment(s) for s in segments] if len(segments) == 3 else []
    facts["strict_base64url"] = len(strict) == 3 and all(s is not None for s in strict)
    lenient = [lenient_segment(s) for s in segments[:2]] if len(segments) >= 2 else [None, None]
    header_strict, header_duplicates, header = json_facts(lenient[0])
    claims_strict, claims_duplicates, claims = json_facts(lenient[1])
    facts["duplicate_members"] = header_duplicates or claims_duplicates
    facts["strict_json"] = header_strict and claims_strict
    facts["header_rules"] = header_rules_hold(header)
    facts["unencoded_payload"] = isinstance(header, dict) and header.get("b64") is False
    facts["unregistered_header_parameters"] = isinstance(header, dict) and not set(header) <= REGISTERED_HEADER_PARAMETERS
    facts["claims_rules"] = claims_rules_hold(claims)
    return facts


def joserfc_verdict(token: str, keys) -> dict:
    try:
        jws.deserialize_compact(token, keys, algorithms=ALGORITHMS)
    except Exception as error:  # every refusal, whatever joserfc raises, is a verdict
        return {"valid": False, "error": type(error).__name__}
    return {"valid": True}


def differential_cases(private) -> list:
    """(mutation, token): valid tokens and their mutations."""
    rng = random.Random(20_260_707)

    def sign(header: bytes, payload: bytes) -> str:
        signing_input = b64u(header) + "." + b64u(payload)
        return signing_input + "." + b64u(private.sign(signing_input.encode("ascii")))

    def flip(token: str, position: int, bit: int) -> str:
        return token[:position] + chr(ord(token[position]) ^ (1 << bit)) + token[position + 1:]

    headers = [b'{"alg":"EdDSA","kid":"k1"}', b'{"alg":"Ed25519","kid":"k1","typ":"JWT"}', b'{"alg":"EdDSA"}']
    payloads = [
        b'{"iss":"https://issuer.example","sub":"device-42","aud":"gateway","jti":"a1"}',
        '{"sub":"d\\u00e9vice","name":"Zo\\u00eb \\ud83d\\ude00","emoji":"😀","n":[1,2.5,-3e2,true,null]}'.encode(),
        b'{}',
    ]
    cases = []
    valid = [sign(h, p) for h in headers for p in payloads]
    cases += [("valid", token) for token in valid]

    for token in valid:  # bit flips anywhere, low 7 bits only (the token stays ASCII)
        for _ in range(12):
            position = rng.randrange(len(token))
            cases.append(("bit-flip", flip(token, position, rng.randrange(7))))

    for token in valid[:4]:
        h, p, s = token.split(".")
        cases += [
            ("segment-swap", f"{p}.{h}.{s}"), ("segment-swap", f"{h}.{s}.{p}"), ("segment-swap", f"{s}.{p}.{h}"),
            ("segment-drop", f"{h}.{p}"), ("segment-drop", f"{h}..{s}"), ("segment-drop", f".{p}.{s}"),
            ("segment-extra", f"{h}.{p}.{s}.{s}"), ("segment-extra", f"{h}.{p}.{s}.."),
            ("segment-duplicate", f"{h}.{h}.{s}"),
        ]

    for token in valid:  # re-encodings of the same bytes
        h, p, s = token.split(".")
        pad = lambda x: x + "=" * (-len(x) % 4)
        cases += [
            ("padding", f"{pad(h)}.{p}.{s}"), ("padding", f"{h}.{pad(p)}.{s}"), ("padding", f"{h}.{p}.{pad(s)}"),
            ("standard-alphabet", token.replace("-", "+").replace("_", "/")),
            ("whitespace", " " + token), ("whitespace", token + "\n"), ("whitespace", f"{h}.\r\n{p}.{s}"),
            ("whitespace", f"{h} .{p}.{s}"),
        ]
        for index, segment in enumerate((h, p, s)):
            unused = {2: 4, 3: 2}.get(len(segment) % 4)
            if unused:
                alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                last = alphabet[alphabet.index(segment[-1]) | 1]
                parts = [h, p, s]
                parts[index] = segment[:-1] + last
                cases.append(("trailing-bits", ".".join(parts)))

    good_payload = payloads[0]
    for header in [  # header edits, re-signed
        b'{"alg":"none","kid":"k1"}', b'{"alg":"HS256","kid":"k1"}', b'{"alg":"eddsa","kid":"k1"}',
        b'{"alg":"EdDSA","kid":"k9"}', b'{"alg":"EdDSA","kid":5}', b'{"alg":"EdDSA","kid":"k1","typ":5}',
        b'{"alg":"EdDSA","kid":"k1","crit":["exp"],"exp":1}', b'{"alg":"EdDSA","kid":"k1","crit":[]}',
        b'{"alg":"EdDSA","kid":"k1","b64":true,"crit":["b64"]}', b'{"alg":"EdDSA","kid":"k1","b64":false,"crit":["b64"]}',
        b'{"alg":"EdDSA","kid":"k1","b64":false}', b'{"alg":"EdDSA","kid":"k1","jwk":{"kty":"OKP"}}',
        b'{"alg":"EdDSA","kid":"k1","x-unknown":[1,{"a":null}]}', b'{"kid":"k1"}', b'[]', b'null', b'"EdDSA"',
        b'{"alg":"EdDSA","kid":"k1","jku":"https://attacker.example/jwks"}',
    ]:
        cases.append(("header-edit", sign(header, good_payload)))
    for header in [  # duplicate members in the header, re-signed
        b'{"alg":"none","alg":"EdDSA","kid":"k1"}', b'{"alg":"EdDSA","alg":"none","kid":"k1"}',
        b'{"alg":"EdDSA","kid":"k9","kid":"k1"}', b'{"alg":"EdDSA","kid":"k1","kid":"k9"}',
        b'{"alg":"HS256","\\u0061lg":"EdDSA","kid":"k1"}', b'{"alg":"EdDSA","kid":"k1","crit":["x"],"crit":["b64"],"b64":true}',
    ]:
        cases.append(("duplicate-members", sign(header, good_payload)))
    good_header = headers[0]
    for payload in [  # duplicate members in the claims, re-signed
        b'{"sub":"a","sub":"b"}', b'{"exp":1,"exp":4102444800}', b'{"iss":"x","\\u0069ss":"y"}',
        b'{"n":{"a":1,"a":2}}',
    ]:
        cases.append(("duplicate-members", sign(good_header, payload)))
    for payload in [  # claims edits, re-signed
        b'"just a string"', b'[1,2]', b'null', b'not json at all', b'', b'{"iss":5}', b'{"aud":[1,"gateway"]}',
        b'{"exp":"4102444800"}', b'{"exp":-62135596801}', b'{"exp":1e400}', b'{"iat":true}', b'{"sub":null}',
        b'{"sub":"x",}', b'{"sub":\'x\'}', b'{"n":01}', b'{"n":NaN}', b'{"n":Infinity}',
        b'{"n":' + b"[" * 40 + b"]" * 40 + b"}", b'{"n":' + b"[" * 31 + b"]" * 31 + b"}",
    ]:
        cases.append(("claims-edit", sign(good_header, payload)))
    for header, payload in [  # text encodings, re-signed
        (good_header, b'\xef\xbb\xbf{"sub":"bom"}'), (b'\xef\xbb\xbf' + good_header, b'{}'),
        (good_header, b'{"sub":"\xff"}'), (good_header, b'{"sub":"\xc0\xaf"}'), (good_header, b'{"sub":"\xed\xa0\x80"}'),
        (good_header, b'{"sub":"\\ud800"}'), (good_header, b'{"sub":"\\udc00\\ud800"}'),
        (good_header, b'{"sub":"\\u0000"}'), (good_header, b'{"sub":"tab\there"}'),
        (good_header, '{"sub":"ｋ１ \u2028 \u0301e"}'.encode()),
        (b'{"alg":"EdDSA","kid":"k\\u0031"}', b'{}'), (b'{"alg":"EdDSA","kid":"\xef\xbd\x8b\xef\xbc\x91"}', b'{}'),
        (good_header, '{"sub":"x"}'.encode("utf-16-le")),
        (b' {"alg":"EdDSA","kid":"k1"} ', b'\t{"sub":"ws"}\r\n'),
    ]:
        cases.append(("unicode-and-whitespace", sign(header, payload)))
    big = b'{"pad":"' + b"x" * 12_400 + b'"}'
    cases.append(("size", sign(good_header, big)))
    return cases


def differential(out_dir: Path) -> None:
    """keys.json: the pinned set (k1 alone). cases.json: [{mutation, token, joserfc, facts}]."""
    private, key_set_document = differential_key()
    keys = KeySet.import_key_set(key_set_document)
    entries = [{"mutation": mutation, "token": token, "joserfc": joserfc_verdict(token, keys),
                "facts": token_facts(token)} for mutation, token in differential_cases(private)]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "keys.json").write_text(json.dumps(key_set_document))
    (out_dir / "cases.json").write_text(json.dumps(entries, ensure_ascii=True))


def main(arguments: list[str]) -> int:
    warnings.simplefilter("ignore")
    if len(arguments) == 2 and arguments[0] == "issue":
        issue(Path(arguments[1]))
        return 0
    if len(arguments) == 2 and arguments[0] == "differential":
        differential(Path(arguments[1]))
        return 0
    if len(arguments) == 3 and arguments[0] == "verify":
        return verify(Path(arguments[1]), arguments[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
