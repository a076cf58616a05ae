#!/usr/bin/env python3
"""Generate EdgeJWT's conformance vectors.

Run from the repository root:

    python3 Scripts/make_vectors.py

It rewrites Vectors/core/, Vectors/adversarial/ and Vectors/raw-ed25519/; the
format and the verification rules the vectors pin are in Vectors/README.md.
Tokens are assembled by hand (exact JSON bytes, base64url, Ed25519 over the
ASCII signing input), so duplicates and odd encodings are possible.

The output is deterministic: fixed Ed25519 seeds, fixed times, RFC 6979 ECDSA
and an RSA key built from seeded primes, so two runs give byte-identical files.

Needs Python 3.11+, the `cryptography` package and libsodium 1.0.18
(libsodium.so.23, Debian 12). Before writing anything, every signature
expectation is checked against libsodium and `cryptography`; on any
disagreement the script exits non-zero and writes nothing.
"""

import base64
import ctypes
import hashlib
import hmac
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

import cryptography
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = f"Scripts/make_vectors.py (cryptography {cryptography.__version__})"
GROUPS = ("core", "adversarial", "raw-ed25519")

NOW = 1_700_000_000
LEEWAY = 60
MAX_TOKEN_BYTES = 16_384
MIN_NUMERIC_DATE = -62_135_596_800  # 0001-01-01T00:00:00Z
MAX_NUMERIC_DATE = 253_402_300_799  # 9999-12-31T23:59:59Z
SIGNATURE_CHARS = 86  # base64url length of a 64-byte signature

FIELD_P = 2**255 - 19
GROUP_L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = (1).to_bytes(32, "little")
ORDER_2_POINT = (FIELD_P - 1).to_bytes(32, "little")
ORDER_8_POINT = bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")

B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
ABSENT = object()  # a member value meaning "leave this member out"

TOKEN_CODES = {
    "malformed_token", "token_too_large", "unsupported_algorithm", "unsupported_critical_header",
    "unknown_key", "invalid_signature", "expired", "not_yet_valid", "issued_in_future",
    "token_too_old", "issuer_mismatch", "audience_mismatch", "missing_claim", "type_mismatch",
}
KEY_SET_CODES = {
    "malformed_key_set", "malformed_key", "private_key_material", "small_order_key",
    "duplicate_key_id", "no_usable_key",
}
# Codes that can only be reached once the signature has verified.
AFTER_SIGNATURE_CODES = {
    "expired", "not_yet_valid", "issued_in_future", "token_too_old", "issuer_mismatch",
    "audience_mismatch", "missing_claim", "type_mismatch",
}

# Rule sources, as cited in each vector's "reference".
REF_SIZE = "EdgeJWT size limit (Vectors/README.md, step 1)"
REF_COMPACT = "RFC 7515 §7.1"
REF_B64 = "RFC 7515 §2; RFC 4648 §5"
REF_B64_BITS = "RFC 4648 §3.5"
REF_ALG = "RFC 8037 §3.1; RFC 9864; RFC 8725 §3.1"
REF_KID = "RFC 7515 §4.1.4"
REF_TYP_HEADER = "RFC 7515 §4.1.9"
REF_CRIT = "RFC 7515 §4.1.11"
REF_B64_HEADER = "RFC 7797 §3; RFC 7515 §4.1.11"
REF_IGNORED_HEADER = "RFC 7515 §4.1.2-4.1.6; RFC 8725 §3.10"
REF_SELECTION = "RFC 7515 §6; RFC 7517 §4.5"
REF_USE = "RFC 7517 §4.2"
REF_KEY_OPS = "RFC 7517 §4.3"
REF_KEY_ALG = "RFC 7517 §4.4"
REF_KEY_SET = "RFC 7517 §5"
REF_OKP = "RFC 8037 §2"
REF_PRIVATE = "RFC 8037 §2; RFC 7518 §6.3.2, §6.4"
REF_POINT = "libsodium 1.0.18 crypto_core_ed25519_is_valid_point"
REF_DUP_KID = "RFC 7517 §4.5"
REF_SIGNATURE = "RFC 8032 §5.1.7; libsodium 1.0.18 crypto_sign_verify_detached"
REF_SMALL_R = "libsodium 1.0.18 crypto_sign_verify_detached (small-order R)"
REF_CLAIMS_OBJECT = "RFC 7519 §7.2 step 10"
REF_NUMERIC_DATE = "RFC 7519 §2; EdgeJWT range -62135596800...253402300799 (Vectors/README.md, step 7)"
REF_STRING_CLAIM = "RFC 7519 §4.1.1, §4.1.2, §4.1.7"
REF_AUD_TYPE = "RFC 7519 §4.1.3"
REF_EXP = "RFC 7519 §4.1.4"
REF_NBF = "RFC 7519 §4.1.5"
REF_IAT = "RFC 7519 §4.1.6; EdgeJWT future-iat rule (Vectors/README.md, step 8)"
REF_MAX_AGE = "EdgeJWT max_age (Vectors/README.md, step 8)"
REF_ISS = "RFC 7519 §4.1.1; RFC 8725 §3.8"
REF_AUD = "RFC 7519 §4.1.3; RFC 8725 §3.9"
REF_TYP = "RFC 8725 §3.11; RFC 7515 §4.1.9"
REF_REQUIRED = "RFC 7519 §4; EdgeJWT required claims (Vectors/README.md, step 9)"
REF_UTF8 = "RFC 8259 §8.1; RFC 3629 §3"
REF_BOM = "RFC 8259 §8.1"
REF_DUPLICATE = "RFC 8259 §4; RFC 7515 §5.2; RFC 7519 §4"
REF_STRING = "RFC 8259 §7"
REF_NUMBER = "RFC 8259 §6"
REF_GRAMMAR = "RFC 8259 §2"
REF_DEPTH = "RFC 8259 §9; EdgeJWT depth limit 32 (Vectors/README.md, JSON rules)"


def fail(message: str) -> None:
    """Stops the generator; nothing has been written yet."""
    raise SystemExit(f"make_vectors: {message}")


def require(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


# --- Encodings -------------------------------------------------------------


def b64u(data: bytes) -> str:
    """Base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_lenient(text: str) -> bytes:
    """Decodes base64url the forgiving way; used only by the reference check."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encoded_length(byte_count: int) -> int:
    return (4 * byte_count + 2) // 3


def json_bytes(value) -> bytes:
    """Compact UTF-8 JSON, members in the given order."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def as_bytes(part) -> bytes:
    return part if isinstance(part, bytes) else json_bytes(part)


def with_member(document: bytes, member: bytes) -> bytes:
    """Appends raw member text to a compact JSON object."""
    return document[:-1] + b"," + member + b"}"


def misaligned(document: bytes) -> bytes:
    """Adds trailing JSON whitespace so the base64url form has unused bits."""
    return document + b" " if len(document) % 3 == 0 else document


def with_trailing_bits(segment: str, mask: int) -> str:
    """Sets unused low bits of the last character; a lax decoder ignores them."""
    unused = {2: 4, 3: 2}.get(len(segment) % 4)
    require(unused is not None, "segment has no unused bits")
    value = B64_ALPHABET.index(segment[-1]) | (mask & ((1 << unused) - 1))
    return segment[:-1] + B64_ALPHABET[value]


def one_mod_four(segment: str) -> str:
    """Truncates a segment to a length that is 1 mod 4 (never valid base64)."""
    while len(segment) % 4 != 1:
        segment = segment[:-1]
    return segment


def little_endian_int(data: bytes) -> int:
    return int.from_bytes(data, "little")


# --- libsodium -------------------------------------------------------------


class Sodium:
    """The few libsodium 1.0.18 calls the expectations come from."""

    def __init__(self) -> None:
        self.lib = ctypes.CDLL("libsodium.so.23")
        self.lib.sodium_version_string.restype = ctypes.c_char_p
        self.version = self.lib.sodium_version_string().decode()
        require(self.version == "1.0.18", f"need libsodium 1.0.18, found {self.version}")
        require(self.lib.sodium_init() >= 0, "sodium_init failed")

    def verify(self, signature: bytes, message: bytes, public_key: bytes) -> bool:
        if len(signature) != 64 or len(public_key) != 32:
            return False
        length = ctypes.c_ulonglong(len(message))
        return self.lib.crypto_sign_verify_detached(signature, message, length, public_key) == 0

    def is_valid_point(self, point: bytes) -> bool:
        return len(point) == 32 and self.lib.crypto_core_ed25519_is_valid_point(point) == 1

    def add(self, p: bytes, q: bytes) -> bytes | None:
        """P + Q, or None when either does not decode to a curve point."""
        out = ctypes.create_string_buffer(32)
        return out.raw if self.lib.crypto_core_ed25519_add(out, p, q) == 0 else None

    def base_times(self, scalar: int) -> bytes:
        out = ctypes.create_string_buffer(32)
        status = self.lib.crypto_scalarmult_ed25519_base_noclamp(out, scalar.to_bytes(32, "little"))
        require(status == 0, "crypto_scalarmult_ed25519_base_noclamp failed")
        return out.raw


SODIUM = Sodium()


def cryptography_verifies(signature: bytes, message: bytes, public_key: bytes) -> bool:
    """The second opinion: OpenSSL's Ed25519, through `cryptography`."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- Keys ------------------------------------------------------------------


class SigningKey:
    """An Ed25519 key from a fixed seed, with its JWK."""

    def __init__(self, seed: bytes, kid: str | None) -> None:
        self.seed = seed
        self.kid = kid
        self.private = Ed25519PrivateKey.from_private_bytes(seed)
        self.public = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.x = b64u(self.public)

    @classmethod
    def labelled(cls, label: str) -> "SigningKey":
        return cls(hashlib.sha256(b"EdgeJWT vector key " + label.encode()).digest(), label)

    @property
    def scalar(self) -> int:
        """The clamped secret scalar a (RFC 8032 §5.1.5)."""
        digest = bytearray(hashlib.sha512(self.seed).digest()[:32])
        digest[0] &= 248
        digest[31] &= 127
        digest[31] |= 64
        return little_endian_int(digest)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def jwk(self, **members) -> dict:
        """The public JWK with members (kid included) changed, added or ABSENT."""
        key = {"kty": "OKP", "crv": "Ed25519", "kid": self.kid, "x": self.x}
        return with_members(key, members)


K1 = SigningKey.labelled("k1")
K2 = SigningKey.labelled("k2")
K3 = SigningKey.labelled("k3")
ATTACKER = SigningKey.labelled("attacker")


def key_set(*keys) -> dict:
    """A JWK Set of SigningKeys (their default JWK) and/or raw JWK dicts."""
    return {"keys": [key.jwk() if isinstance(key, SigningKey) else key for key in keys]}


def expand(label: bytes, length: int) -> bytes:
    """Deterministic filler bytes: SHA-512 in counter mode."""
    blocks = (hashlib.sha512(label + i.to_bytes(4, "big")).digest() for i in itertools.count())
    return b"".join(itertools.islice(blocks, -(-length // 64)))[:length]


SMALL_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71)


def is_probable_prime(n: int) -> bool:
    """Miller-Rabin with the first 20 primes as bases."""
    if any(n % p == 0 for p in SMALL_PRIMES):
        return n in SMALL_PRIMES
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for base in SMALL_PRIMES:
        x = pow(base, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def seeded_prime(label: str, bits: int = 1024) -> int:
    """The first probable prime from a seeded stream, usable with e = 65537."""
    for counter in itertools.count():
        candidate = int.from_bytes(expand(f"{label}/{counter}".encode(), bits // 8), "big")
        candidate |= (0b11 << (bits - 2)) | 1
        if candidate % 65537 != 1 and is_probable_prime(candidate):
            return candidate


def rsa_key() -> rsa.RSAPrivateKey:
    """A 2048-bit RSA key built from seeded primes (so it is the same every run)."""
    p, q = seeded_prime("EdgeJWT rsa p"), seeded_prime("EdgeJWT rsa q")
    e = 65537
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
        rsa.RSAPublicNumbers(e, p * q),
    )
    return numbers.private_key()


def ec_key() -> ec.EllipticCurvePrivateKey:
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    seed = int.from_bytes(hashlib.sha256(b"EdgeJWT vector key e1").digest(), "big")
    return ec.derive_private_key(seed % (order - 1) + 1, ec.SECP256R1())


RSA_KEY = rsa_key()
EC_KEY = ec_key()


def int_b64u(value: int) -> str:
    return b64u(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def rsa_jwk(private: bool = False) -> dict:
    numbers = RSA_KEY.private_numbers()
    key = {"kty": "RSA", "kid": "r1", "n": int_b64u(numbers.public_numbers.n), "e": "AQAB"}
    if private:
        key["d"] = int_b64u(numbers.d)
    return key


def ec_jwk(private: bool = False) -> dict:
    numbers = EC_KEY.private_numbers()
    point = numbers.public_numbers
    key = {
        "kty": "EC", "crv": "P-256", "kid": "e1",
        "x": b64u(point.x.to_bytes(32, "big")), "y": b64u(point.y.to_bytes(32, "big")),
    }
    if private:
        key["d"] = b64u(numbers.private_value.to_bytes(32, "big"))
    return key


def x25519_jwk(kid: str = "x1") -> dict:
    """An OKP X25519 public key (a key-agreement key, never a signature key), from a fixed seed."""
    seed = hashlib.sha256(b"EdgeJWT vector key x25519").digest()
    public = X25519PrivateKey.from_private_bytes(seed).public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "X25519", "kid": kid, "x": b64u(raw)}


# --- Ed25519 arithmetic for hand-made signatures ----------------------------


def challenge(r: bytes, public_key: bytes, message: bytes) -> int:
    """h = SHA-512(R || A || M) mod L (RFC 8032 §5.1.7)."""
    return little_endian_int(hashlib.sha512(r + public_key + message).digest()) % GROUP_L


def with_s_plus_l(signature: bytes) -> bytes:
    """The same signature with S replaced by S + L (non-canonical, S >= L)."""
    s = little_endian_int(signature[32:]) + GROUP_L
    return signature[:32] + s.to_bytes(32, "little")


def small_order_r_signature(key: SigningKey, message: bytes) -> bytes:
    """R = identity, S = h·a: passes [S]B = R + [h]A, but R has small order."""
    h = challenge(IDENTITY, key.public, message)
    return IDENTITY + (h * key.scalar % GROUP_L).to_bytes(32, "little")


def nonce_signature(key: SigningKey, public_key: bytes, message: bytes, h_even: bool) -> bytes:
    """Signs with a seeded nonce against `public_key`, retrying until h has the wanted parity."""
    for counter in itertools.count():
        r = little_endian_int(hashlib.sha512(b"EdgeJWT nonce %d" % counter).digest()) % GROUP_L
        big_r = SODIUM.base_times(r)
        h = challenge(big_r, public_key, message)
        if (h % 2 == 0) == h_even:
            return big_r + ((r + h * key.scalar) % GROUP_L).to_bytes(32, "little")


def times_eight(point: bytes) -> bytes | None:
    for _ in range(3):
        point = SODIUM.add(point, point)
        if point is None:
            return None
    return point


def first_decodable_non_canonical_y() -> bytes:
    """The first encoding y = p + k (k >= 2) that still decodes to a point."""
    for k in range(2, 19):
        encoding = (FIELD_P + k).to_bytes(32, "little")
        if SODIUM.add(encoding, IDENTITY) is not None:
            return encoding
    fail("no decodable non-canonical y found")


def first_off_curve_y() -> bytes:
    """The first canonical y >= 2 for which no x exists."""
    for y in itertools.count(2):
        encoding = y.to_bytes(32, "little")
        if SODIUM.add(encoding, IDENTITY) is None:
            return encoding


# --- Tokens ----------------------------------------------------------------

DEFAULT_HEADER = {"alg": "EdDSA", "typ": "JWT", "kid": "k1"}
DEFAULT_CLAIMS = {
    "iss": "https://issuer.example",
    "sub": "device-42",
    "aud": "gateway",
    "iat": 1_699_999_900,
    "exp": 1_700_003_600,
    "jti": "5f0c7d2e-8b1a-4e6f-9c3d-2a7b4e1f0d95",
}


def with_members(base: dict, members: dict) -> dict:
    merged = dict(base)
    for name, value in members.items():
        if value is ABSENT:
            merged.pop(name)
        else:
            merged[name] = value
    return merged


def header(**members) -> dict:
    """{"alg":"EdDSA","typ":"JWT","kid":"k1"} with members changed, added or ABSENT."""
    return with_members(DEFAULT_HEADER, members)


def claims(**members) -> dict:
    """The typical valid claims with members changed, added or ABSENT."""
    return with_members(DEFAULT_CLAIMS, members)


def signing_input(head, payload) -> str:
    return b64u(as_bytes(head)) + "." + b64u(as_bytes(payload))


def jws(head=None, payload=None, key: SigningKey = K1) -> str:
    """A compact JWS over the exact bytes (dicts are compact-encoded)."""
    head = header() if head is None else head
    payload = claims() if payload is None else payload
    return signed_segments(b64u(as_bytes(head)), b64u(as_bytes(payload)), key)


def signed_segments(head_segment: str, payload_segment: str, key: SigningKey = K1) -> str:
    """Signs whatever the two segments are, so only the rule under test fails."""
    message = f"{head_segment}.{payload_segment}"
    return f"{message}.{b64u(key.sign(message.encode('utf-8')))}"


def with_signature(token: str, signature: bytes) -> str:
    return token.rsplit(".", 1)[0] + "." + b64u(signature)


def signature_of(token: str) -> bytes:
    return b64u_lenient(token.rsplit(".", 1)[1])


def signing_input_of(token: str) -> bytes:
    return token.rsplit(".", 1)[0].encode("ascii")


def token_of_length(length: int) -> str:
    """A valid k1 token, padded with a "pad" claim to exactly `length` bytes."""
    for spaces in range(3):
        head = json_bytes(header()) + b" " * spaces
        budget = length - encoded_length(len(head)) - 2 - SIGNATURE_CHARS
        base = len(json_bytes(claims(pad="")))
        for extra in range(budget):
            if encoded_length(base + extra) == budget:
                return jws(head, claims(pad="x" * extra))
    fail(f"cannot build a token of {length} bytes")


# --- Vector files -----------------------------------------------------------


def valid(kid: str | None = "k1") -> dict:
    return {"valid": True, "kid": kid}


def rejected(code: str) -> dict:
    require(code in TOKEN_CODES, f"unknown token code {code}")
    return {"valid": False, "error": code}


def key_set_error(code: str) -> dict:
    require(code in KEY_SET_CODES, f"unknown key-set code {code}")
    return {"key_set_error": code}


@dataclass
class Check:
    """What the reference check may assume about a vector (not written out)."""

    after_signature: bool = False  # a malformed_token found only after the signature verified
    libsodium_only: bool = False  # libsodium rejects the signature, OpenSSL accepts it


@dataclass
class VectorFile:
    group: str
    name: str
    description: str
    keys: dict
    vectors: list = field(default_factory=list)
    checks: list = field(default_factory=list)

    @property
    def path(self) -> Path:
        return ROOT / "Vectors" / self.group / f"{self.name}.json"

    def add(self, description, reference, token, expected, *, options=None, keys=None,
            keys_text=None, after_signature=False, libsodium_only=False) -> None:
        vector = {
            "id": f"{self.group}-{self.name}-{len(self.vectors) + 1:03d}",
            "description": description,
            "reference": reference,
        }
        if keys is not None:
            vector["keys"] = keys
        if keys_text is not None:
            vector["keys_text"] = keys_text
        vector["token"] = token
        vector["options"] = {"now": NOW, **(options or {})}
        vector["expected"] = expected
        self.vectors.append(vector)
        self.checks.append(Check(after_signature, libsodium_only))

    def document(self) -> dict:
        return {
            "description": self.description,
            "generator": GENERATOR,
            "keys": self.keys,
            "vectors": self.vectors,
        }


@dataclass
class RawFile:
    """Raw Ed25519 vectors: public key, message, signature, libsodium's verdict."""

    name: str
    description: str
    vectors: list = field(default_factory=list)
    checks: list = field(default_factory=list)

    @property
    def path(self) -> Path:
        return ROOT / "Vectors" / "raw-ed25519" / f"{self.name}.json"

    def add(self, description, reference, public_key, message, signature, is_valid,
            *, libsodium_only=False) -> None:
        self.vectors.append({
            "id": f"raw-{self.name}-{len(self.vectors) + 1:03d}",
            "description": description,
            "reference": reference,
            "public_key_hex": public_key.hex(),
            "message_hex": message.hex(),
            "signature_hex": signature.hex(),
            "valid": is_valid,
        })
        self.checks.append(Check(libsodium_only=libsodium_only))

    def document(self) -> dict:
        return {"description": self.description, "generator": GENERATOR, "vectors": self.vectors}


# --- core/rfc8037-a4.json and raw-ed25519/rfc8032.json -----------------------

RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8037_TOKEN = (
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
)
RFC8037_KEYS = {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X}]}
RFC8032_TEST_1 = {
    "secret": "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "public": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    "message": "",
    "signature": "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
                 "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
}
RFC8032_TEST_2 = {
    "secret": "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "public": "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    "message": "72",
    "signature": "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da08"
                 "5ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
}


def rfc8032_key(test: dict) -> SigningKey:
    """The RFC 8032 §7.1 key, after checking our signer reproduces the RFC's bytes."""
    key = SigningKey(bytes.fromhex(test["secret"]), None)
    require(key.public.hex() == test["public"], "RFC 8032 public key mismatch")
    signature = key.sign(bytes.fromhex(test["message"]))
    require(signature.hex() == test["signature"], "RFC 8032 signature mismatch")
    return key


def core_rfc8037() -> VectorFile:
    head, payload, signature = RFC8037_TOKEN.split(".")
    message = f"{head}.{payload}".encode("ascii")
    public_key = b64u_lenient(RFC8037_X)
    require(cryptography_verifies(b64u_lenient(signature), message, public_key),
            "the RFC 8037 A.4 signature does not verify")
    require(b64u_lenient(payload) == b"Example of Ed25519 signing", "RFC 8037 payload mismatch")
    f = VectorFile(
        "core", "rfc8037-a4",
        "RFC 8037 Appendix A.4, verbatim: a valid Ed25519 signature over a payload that is not a "
        "JSON object, so a JWT verifier must check the signature and only then refuse the claims.",
        RFC8037_KEYS,
    )
    f.add("The RFC 8037 A.4 token verbatim: its signature verifies, but its payload \"Example of "
          "Ed25519 signing\" is not a JSON object, so the claims step rejects it.",
          "RFC 8037 Appendix A.4; RFC 7519 §7.2 step 10", RFC8037_TOKEN,
          rejected("malformed_token"), after_signature=True)
    return f


def raw_rfc8032() -> RawFile:
    test_1, test_2 = rfc8032_key(RFC8032_TEST_1), rfc8032_key(RFC8032_TEST_2)
    require(b64u(test_1.public) == RFC8037_X, "RFC 8037 A.4 should use RFC 8032 TEST 1's key")
    f = RawFile(
        "rfc8032",
        "Raw Ed25519 signatures (public key, message, signature) with the verdict of libsodium "
        "1.0.18 (Debian 12) crypto_sign_verify_detached, which EdgeJWT uses; where OpenSSL "
        "(a cofactorless verifier without small-order checks) differs, the description says so.",
    )
    empty, message_2 = b"", bytes.fromhex(RFC8032_TEST_2["message"])
    signature_1 = bytes.fromhex(RFC8032_TEST_1["signature"])
    signature_2 = bytes.fromhex(RFC8032_TEST_2["signature"])
    f.add("RFC 8032 §7.1 TEST 1: empty message.", "RFC 8032 §7.1", test_1.public, empty,
          signature_1, True)
    f.add("RFC 8032 §7.1 TEST 2: one-byte message 0x72.", "RFC 8032 §7.1", test_2.public,
          message_2, signature_2, True)
    rfc8037_input = RFC8037_TOKEN.rsplit(".", 1)[0].encode("ascii")
    f.add("RFC 8037 A.4: the JWS signing input as the message (ASCII base64url header '.' "
          "payload).", "RFC 8037 Appendix A.4", test_1.public, rfc8037_input,
          signature_of(RFC8037_TOKEN), True)
    f.add("TEST 1 with S replaced by S + L (non-canonical scalar, S >= L): rejected.",
          "RFC 8032 §5.1.7", test_1.public, empty, with_s_plus_l(signature_1), False)
    message = b"EdgeJWT small-order R"
    f.add("R is the identity (small order) and S = h·a, so [S]B = R + [h]A holds: libsodium "
          "rejects the small-order R; OpenSSL accepts.", REF_SMALL_R, test_1.public, message,
          small_order_r_signature(test_1, message), False, libsodium_only=True)
    message = b"EdgeJWT small-order public key"
    f.add("Public key is the identity point (small order), R = identity, S = 0: the equation "
          "holds for every message; libsodium rejects the key; OpenSSL accepts.",
          "libsodium 1.0.18 crypto_sign_verify_detached (small-order A)", IDENTITY, message,
          IDENTITY + bytes(32), False, libsodium_only=True)
    non_canonical_identity = (FIELD_P + 1).to_bytes(32, "little")
    f.add("Public key is the non-canonical encoding y = p + 1 of the identity, R = identity, "
          "S = 0: libsodium rejects the encoding; OpenSSL reduces y and accepts.",
          "RFC 8032 §5.1.3; libsodium 1.0.18 crypto_sign_verify_detached",
          non_canonical_identity, message, IDENTITY + bytes(32), False, libsodium_only=True)
    flipped = bytes([signature_2[0] ^ 0x01]) + signature_2[1:]
    f.add("TEST 2 with the lowest bit of the signature's first byte flipped.", "RFC 8032 §5.1.7",
          test_2.public, message_2, flipped, False)
    f.add("TEST 2's signature over the message 0x73 (one bit flipped).", "RFC 8032 §5.1.7",
          test_2.public, b"\x73", signature_2, False)
    f.add("TEST 1's signature checked against TEST 2's public key.", "RFC 8032 §5.1.7",
          test_2.public, empty, signature_1, False)
    f.add("An all-zero signature (R = 0 encodes a small-order point, S = 0).", REF_SMALL_R,
          test_1.public, empty, bytes(64), False)
    mixed = SODIUM.add(K1.public, ORDER_2_POINT)
    message = b"EdgeJWT mixed-order key"
    f.add("Public key is k1 + the order-2 point (mixed order, refused in key sets) and the "
          "challenge h is even, so the torsion part cancels: libsodium 1.0.18 accepts, showing "
          "that key-set loading, not verification, must refuse such keys.",
          "libsodium 1.0.18 crypto_sign_verify_detached; " + REF_POINT, mixed, message,
          nonce_signature(K1, mixed, message, h_even=True), True)
    f.add("The same mixed-order public key with an odd challenge h: the torsion part does not "
          "cancel, so the signature fails.", "libsodium 1.0.18 crypto_sign_verify_detached",
          mixed, message, nonce_signature(K1, mixed, message, h_even=False), False)
    return f


# --- core/structure.json ------------------------------------------------------


def core_structure() -> VectorFile:
    f = VectorFile("core", "structure",
                   "Compact serialization shape (three dot-separated base64url segments) and "
                   "the token size limit, which is checked before anything else.", key_set(K1))
    good = jws()
    head, payload, signature = good.split(".")
    reject = rejected("malformed_token")
    f.add("The empty string is not a compact JWS.", REF_COMPACT, "", reject)
    f.add("Two segments (no signature part).", REF_COMPACT, f"{head}.{payload}", reject)
    f.add("Four segments (an extra '.e30' after the signature).", REF_COMPACT, f"{good}.e30",
          reject)
    jwe_header = b64u(json_bytes({"alg": "dir", "enc": "A256GCM", "kid": "k1"}))
    iv, ciphertext, tag = (b64u(expand(label, n)) for label, n in
                           ((b"iv", 12), (b"ciphertext", 40), (b"tag", 16)))
    f.add("A compact JWE (five segments, empty encrypted key) is not a JWS.",
          "RFC 7516 §7.1; " + REF_COMPACT, f"{jwe_header}..{iv}.{ciphertext}.{tag}", reject)
    flattened = json_bytes({"protected": head, "payload": payload, "signature": signature})
    f.add("The flattened JSON serialization of the same JWS is not accepted.",
          "RFC 7515 §7.2.2; " + REF_COMPACT, flattened.decode("ascii"), reject)
    f.add("Three empty segments ('..'): the empty header is not JSON.", REF_COMPACT, "..", reject)
    f.add("A leading space before the token.", REF_COMPACT, f" {good}", reject)
    f.add("A trailing newline after the token.", REF_COMPACT, f"{good}\n", reject)
    f.add("A space inside the token, after the first '.'.", REF_COMPACT,
          f"{head}. {payload}.{signature}", reject)
    f.add("A UTF-8 byte order mark (U+FEFF) before the token.", REF_COMPACT, f"\ufeff{good}",
          reject)
    require("-" in signature and "_" in signature, "pick another jti: need '-' and '_'")
    f.add("The signature segment in the standard base64 alphabet ('-' written as '+').",
          REF_B64, f"{head}.{payload}.{signature.replace('-', '+')}", reject)
    f.add("The signature segment in the standard base64 alphabet ('_' written as '/').",
          REF_B64, f"{head}.{payload}.{signature.replace('_', '/')}", reject)
    f.add("A non-ASCII character ('é') in place of the signature's last character.", REF_B64,
          f"{head}.{payload}.{signature[:-1]}é", reject)
    limit = {"max_token_bytes": 512}
    f.add("A valid token of exactly max_token_bytes (512) bytes is accepted.", REF_SIZE,
          token_of_length(512), valid(), options=limit)
    f.add("A validly signed token of max_token_bytes + 1 (513) bytes.", REF_SIZE,
          token_of_length(513), rejected("token_too_large"), options=limit)
    return f


# --- core/base64url.json ------------------------------------------------------


def core_base64url() -> VectorFile:
    f = VectorFile("core", "base64url",
                   "Strict base64url (RFC 4648 §5) in each segment: no padding, no impossible "
                   "lengths, no non-zero unused bits. Header and payload changes are re-signed, "
                   "so a lax decoder would accept these tokens.", key_set(K1))
    reject = rejected("malformed_token")
    head = misaligned(json_bytes(header()))
    payload = misaligned(json_bytes(claims()))
    head_segment, payload_segment = b64u(head), b64u(payload)
    signature = jws(head, payload).rsplit(".", 1)[1]
    f.add("Header segment truncated to a length of 1 mod 4, which no byte string encodes to.",
          REF_B64, signed_segments(one_mod_four(head_segment), payload_segment), reject)
    f.add("Payload segment truncated to a length of 1 mod 4.", REF_B64,
          signed_segments(head_segment, one_mod_four(payload_segment)), reject)
    f.add("Signature segment of 85 characters (1 mod 4).", REF_B64,
          f"{head_segment}.{payload_segment}.{signature[:-1]}", reject)
    f.add("Header segment whose last character has a non-zero unused bit (decodes to the same "
          "bytes when the bits are ignored).", REF_B64_BITS,
          signed_segments(with_trailing_bits(head_segment, 1), payload_segment), reject)
    f.add("Payload segment whose last character has a non-zero unused bit.", REF_B64_BITS,
          signed_segments(head_segment, with_trailing_bits(payload_segment, 1)), reject)
    f.add("Signature segment whose last character has a non-zero unused bit (the same 64 "
          "bytes to a lax decoder).", REF_B64_BITS,
          f"{head_segment}.{payload_segment}.{with_trailing_bits(signature, 1)}", reject)
    f.add("Header segment with '=' padding.", REF_B64,
          signed_segments(head_segment + "=" * (-len(head_segment) % 4), payload_segment),
          reject)
    f.add("Payload segment with '=' padding.", REF_B64,
          signed_segments(head_segment, payload_segment + "=" * (-len(payload_segment) % 4)),
          reject)
    f.add("Signature segment with '==' padding.", REF_B64,
          f"{head_segment}.{payload_segment}.{signature}==", reject)
    f.add("Header and payload with trailing JSON whitespace, strictly encoded: accepted.",
          REF_B64, jws(head, payload), valid())
    return f


# --- core/header.json -----------------------------------------------------------


def core_header() -> VectorFile:
    f = VectorFile("core", "header",
                   "JOSE header rules: alg allow-list (exact case), kid/typ types, crit, b64, "
                   "and parameters that are ignored. All tokens are signed by k1.", key_set(K1))
    unsupported = rejected("unsupported_algorithm")
    for alg, what in [
        (ABSENT, "alg missing"), (1, "alg is a number"), (None, "alg is null"),
        (["EdDSA"], "alg is an array"), ("none", "alg \"none\""), ("HS256", "alg \"HS256\""),
        ("RS256", "alg \"RS256\""), ("ES256", "alg \"ES256\""), ("eddsa", "alg \"eddsa\" (case)"),
        ("EDDSA", "alg \"EDDSA\" (case)"), ("ed25519", "alg \"ed25519\" (case)"),
        ("Ed448", "alg \"Ed448\""), ("EdDSA ", "alg \"EdDSA \" (trailing space)"),
        ("", "alg is the empty string"),
    ]:
        f.add(f"{what}, otherwise a valid token signed by k1.", REF_ALG, jws(header(alg=alg)),
              unsupported)
    f.add("alg \"EdDSA\" is accepted.", REF_ALG, jws(), valid())
    f.add("alg \"Ed25519\" (RFC 9864) is accepted.", REF_ALG, jws(header(alg="Ed25519")), valid())
    malformed = rejected("malformed_token")
    for name, value, what, reference in [
        ("kid", 1, "kid is a number", REF_KID),
        ("kid", None, "kid is null", REF_KID),
        ("kid", ["k1"], "kid is an array", REF_KID),
        ("typ", 1, "typ is a number", REF_TYP_HEADER),
        ("typ", None, "typ is null", REF_TYP_HEADER),
        ("crit", [], "crit is an empty array", REF_CRIT),
        ("crit", "b64", "crit is a string", REF_CRIT),
        ("crit", [1], "crit holds a number", REF_CRIT),
        ("crit", None, "crit is null", REF_CRIT),
    ]:
        f.add(f"{what}.", reference, jws(header(**{name: value})), malformed)
    critical = rejected("unsupported_critical_header")
    f.add("crit names \"exp\", which this verifier does not understand.", REF_CRIT,
          jws(header(exp=NOW + 3600, crit=["exp"])), critical)
    f.add("crit names a private parameter that is present in the header.", REF_CRIT,
          jws(header(**{"urn:example:policy": "strict", "crit": ["urn:example:policy"]})),
          critical)
    f.add("crit names \"b64\" (understood) and \"exp\" (not understood).", REF_CRIT,
          jws(header(b64=True, exp=NOW + 3600, crit=["b64", "exp"])), critical)
    f.add("crit names \"b64\" but the header has no b64 parameter.", REF_CRIT,
          jws(header(crit=["b64"])), critical)
    f.add("b64 true listed in crit is understood: accepted.", REF_B64_HEADER,
          jws(header(b64=True, crit=["b64"])), valid())
    f.add("b64 true without crit: accepted.", REF_B64_HEADER, jws(header(b64=True)), valid())
    for value, what in [(False, "false"), ("true", "the string \"true\""), (1, "the number 1"),
                        (None, "null")]:
        f.add(f"b64 is {what} (without crit): only b64 true is supported.", REF_B64_HEADER,
              jws(header(b64=value)), critical)
    f.add("b64 false listed in crit (RFC 7797 unencoded payload): not supported.",
          REF_B64_HEADER, jws(header(b64=False, crit=["b64"])), critical)
    f.add("A jwk header parameter holding another key is ignored; the pinned k1 signed: "
          "accepted.", REF_IGNORED_HEADER, jws(header(jwk=ATTACKER.jwk())), valid())
    f.add("jku, x5u and x5c header parameters are ignored: accepted.", REF_IGNORED_HEADER,
          jws(header(jku="https://keys.example/jwks.json", x5u="https://keys.example/cert.pem",
                     x5c=["TUlJQkNn"])), valid())
    f.add("Unregistered header parameters and cty are ignored: accepted.", "RFC 7515 §4",
          jws(header(cty="JWT", **{"x-trace": "abc", "ext": {"n": [1, 2]}})), valid())
    for document, what in [(b"[]", "an array"), (b'"EdDSA"', "a string"), (b"null", "null"),
                           (b"1", "a number")]:
        f.add(f"The header is {what}, not a JSON object.", "RFC 7515 §5.2 step 4",
              jws(document), malformed)
    return f


# --- core/keys.json ----------------------------------------------------------------


def core_keys() -> VectorFile:
    f = VectorFile("core", "keys",
                   "Key selection from the pinned set (kid, no kid, use, key_ops, alg; never a "
                   "fall-back) and key sets that must be refused when loaded.", key_set(K1, K2))
    add_key_selection(f)
    add_malformed_key_sets(f)
    add_refused_keys(f)
    return f


def add_key_selection(f: VectorFile) -> None:
    unknown = rejected("unknown_key")
    no_kid = header(kid=ABSENT)
    f.add("kid k1, signed by k1.", REF_SELECTION, jws(), valid("k1"))
    f.add("kid k2, signed by k2.", REF_SELECTION, jws(header(kid="k2"), key=K2), valid("k2"))
    f.add("kid k2 but signed by k1: the k2 key is used and the signature fails (no trying "
          "other keys).", REF_SELECTION, jws(header(kid="k2")), rejected("invalid_signature"))
    f.add("kid k9 is not in the set: no fall-back to another key.", REF_SELECTION,
          jws(header(kid="k9")), unknown)
    f.add("kid \"K1\": kids compare exactly, case included.", REF_SELECTION,
          jws(header(kid="K1")), unknown)
    f.add("kid is the empty string.", REF_SELECTION, jws(header(kid="")), unknown)
    f.add("kid written with a JSON escape (\\u006b1) is \"k1\" after unescaping.",
          REF_SELECTION, jws(b'{"alg":"EdDSA","typ":"JWT","kid":"\\u006b1"}'), valid("k1"))
    f.add("No kid while two usable keys are pinned: ambiguous, rejected.", REF_SELECTION,
          jws(no_kid), unknown)
    f.add("No kid, exactly one usable key pinned: that key is used.", REF_SELECTION,
          jws(no_kid), valid("k1"), keys=key_set(K1))
    f.add("No kid, the only pinned key has no kid: used, reported kid null.", REF_SELECTION,
          jws(no_kid), valid(None), keys=key_set(K1.jwk(kid=ABSENT)))
    f.add("kid k1 but the only pinned key has no kid.", REF_SELECTION, jws(), unknown,
          keys=key_set(K1.jwk(kid=ABSENT)))
    rsa_and_ec = key_set(K1, rsa_jwk(), ec_jwk())
    f.add("No kid; RSA and EC public keys in the set are ignored, k1 is the one usable key.",
          REF_SELECTION, jws(no_kid), valid("k1"), keys=rsa_and_ec)
    f.add("kid r1 names a pinned RSA public key, which cannot verify an EdDSA signature.",
          REF_SELECTION, jws(header(kid="r1")), rejected("unsupported_algorithm"),
          keys=rsa_and_ec)
    f.add("kid e1 names a pinned EC P-256 public key, which cannot verify an EdDSA signature.",
          REF_SELECTION, jws(header(kid="e1")), rejected("unsupported_algorithm"),
          keys=rsa_and_ec)
    f.add("kid x1 names a pinned OKP X25519 public key, which cannot verify an EdDSA signature.",
          REF_SELECTION, jws(header(kid="x1")), rejected("unsupported_algorithm"),
          keys=key_set(K1, x25519_jwk()))
    f.add("An RSA key shares kid k1 with the Ed25519 key (RFC 7517 §4.5): k1 selects the Ed25519 key.",
          REF_SELECTION, jws(), valid("k1"), keys=key_set({**rsa_jwk(), "kid": "k1"}, K1))
    for members, outcome, what in [
        ({"use": "sig"}, valid(), "use \"sig\": usable"),
        ({"use": "enc"}, unknown, "use \"enc\": not usable"),
        ({"key_ops": ["verify"]}, valid(), "key_ops [\"verify\"]: usable"),
        ({"key_ops": ["sign", "verify"]}, valid(), "key_ops [\"sign\",\"verify\"]: usable"),
        ({"key_ops": ["sign"]}, unknown, "key_ops [\"sign\"]: not usable"),
        ({"key_ops": []}, unknown, "key_ops []: not usable"),
        ({"alg": "EdDSA"}, valid(), "key alg \"EdDSA\" with token alg \"EdDSA\": usable"),
        ({"alg": "Ed25519"}, unknown, "key alg \"Ed25519\" with token alg \"EdDSA\": not usable"),
        ({"alg": "RS256"}, unknown, "key alg \"RS256\": not usable"),
    ]:
        reference = REF_USE if "use" in members else REF_KEY_OPS if "key_ops" in members \
            else REF_KEY_ALG
        f.add(f"kid k1, pinned k1 has {what}.", reference, jws(), outcome,
              keys=key_set(K1.jwk(**members), K2))
    f.add("Token alg \"Ed25519\", k1 restricted to alg \"EdDSA\": not usable.", REF_KEY_ALG,
          jws(header(alg="Ed25519")), unknown, keys=key_set(K1.jwk(alg="EdDSA"), K2))
    f.add("Token alg \"Ed25519\", k1 restricted to alg \"Ed25519\": usable.", REF_KEY_ALG,
          jws(header(alg="Ed25519")), valid(), keys=key_set(K1.jwk(alg="Ed25519"), K2))
    f.add("No kid; k2 has use \"enc\", so k1 is the one usable key.", REF_USE, jws(no_kid),
          valid("k1"), keys=key_set(K1, K2.jwk(use="enc")))
    f.add("No kid, token alg \"Ed25519\"; only k2 (alg \"Ed25519\") is usable, k1 is "
          "restricted to \"EdDSA\".", REF_KEY_ALG, jws(header(alg="Ed25519", kid=ABSENT), key=K2),
          valid("k2"), keys=key_set(K1.jwk(alg="EdDSA"), K2.jwk(alg="Ed25519")))
    f.add("No kid; k2 has key_ops [\"sign\"], so k1 is the one usable key.", REF_KEY_OPS,
          jws(no_kid), valid("k1"), keys=key_set(K1, K2.jwk(key_ops=["sign"])))


def add_malformed_key_sets(f: VectorFile) -> None:
    token = jws()
    k1_text = json.dumps(K1.jwk(), separators=(",", ":"))
    k2_text = json.dumps(K2.jwk(), separators=(",", ":"))
    for text, what in [
        ("[" + k1_text + "]", "a JSON array instead of an object"),
        ('{"keys":' + k1_text + "}", "\"keys\" is an object, not an array"),
        ('{"keys":null}', "\"keys\" is null"),
        ('{"key":[' + k1_text + "]}", "no \"keys\" member"),
        ('{"keys":[' + k1_text + "]", "invalid JSON (missing closing brace)"),
        ('{"keys":[' + k1_text + ",]}", "invalid JSON (trailing comma)"),
        ("", "empty text"),
        ('\ufeff{"keys":[' + k1_text + "]}", "valid JSON preceded by a byte order mark"),
        ('{"keys":[' + k1_text + '],"keys":[' + k2_text + "]}", "a duplicate \"keys\" member"),
        ('{"keys":[' + k1_text[:-1] + ',"x":"' + K2.x + '"}]}',
         "a key with a duplicate \"x\" member"),
    ]:
        f.add(f"Key set text: {what}.", REF_KEY_SET, token, key_set_error("malformed_key_set"),
              keys_text=text)
    malformed = key_set_error("malformed_key")
    k2_standard_alphabet = K2.x.replace("-", "+").replace("_", "/")
    require(k2_standard_alphabet != K2.x, "k2's x needs a '-' or '_'")
    for key, what in [("k2", "a string"), (None, "null"), ([K2.jwk()], "an array")]:
        f.add(f"The set holds k1 and a key that is {what}, not an object.", REF_KEY_SET, token,
              malformed, keys={"keys": [K1.jwk(), key]})
    for key, what in [
        (K2.jwk(kty=ABSENT), "no kty"), (K2.jwk(kty=1), "kty a number"),
        (K2.jwk(crv=ABSENT), "no crv"), (K2.jwk(crv=25519), "crv a number"),
        (K2.jwk(x=ABSENT), "no x"), (K2.jwk(x=1), "x a number"), (K2.jwk(x=""), "x empty"),
        (K2.jwk(x=K2.x + "="), "x with '=' padding"),
        (K2.jwk(x=k2_standard_alphabet), "x in the standard base64 alphabet"),
        (K2.jwk(x=with_trailing_bits(K2.x, 1)), "x having a non-zero unused bit"),
        (K2.jwk(x=b64u(K2.public[:31])), "x of 31 bytes"),
        (K2.jwk(x=b64u(K2.public + b"\x00")), "x of 33 bytes"),
    ]:
        f.add(f"The set holds k1 and a kid k2 key with {what}.", REF_OKP, token, malformed,
              keys=key_set(K1, key))


def add_refused_keys(f: VectorFile) -> None:
    token = jws()
    private = key_set_error("private_key_material")
    k1_private = K1.jwk(d=b64u(K1.seed))
    f.add("k1 with its private part \"d\".", REF_PRIVATE, token, private,
          keys=key_set(k1_private))
    f.add("k1 and a symmetric (kty \"oct\") key.", REF_PRIVATE, token, private,
          keys=key_set(K1, {"kty": "oct", "kid": "h1", "k": b64u(expand(b"oct", 32))}))
    f.add("k1 and an RSA private key (has \"d\").", REF_PRIVATE, token, private,
          keys=key_set(K1, rsa_jwk(private=True)))
    f.add("k1 and an EC private key (has \"d\").", REF_PRIVATE, token, private,
          keys=key_set(K1, ec_jwk(private=True)))
    f.add("k1 and an Ed25519 key with \"d\" and use \"enc\" (unusable, still refused).",
          REF_PRIVATE, token, private, keys=key_set(K1, K2.jwk(use="enc", d=b64u(K2.seed))))
    small = key_set_error("small_order_key")
    require(times_eight(ORDER_8_POINT) == IDENTITY and SODIUM.add(
        SODIUM.add(ORDER_8_POINT, ORDER_8_POINT), SODIUM.add(ORDER_8_POINT, ORDER_8_POINT)
    ) != IDENTITY, "ORDER_8_POINT does not have order 8")
    require(SODIUM.add(ORDER_2_POINT, ORDER_2_POINT) == IDENTITY, "ORDER_2_POINT is not order 2")
    for point, what in [
        (IDENTITY, "the identity point 0100…00 (order 1)"),
        (bytes(32), "all zero bytes (y = 0, a point of order 4)"),
        (ORDER_2_POINT, "the point of order 2 (y = p − 1)"),
        (ORDER_8_POINT, "a point of order 8"),
        (SODIUM.add(K2.public, ORDER_2_POINT), "k2 + the order-2 point (mixed order)"),
        (first_decodable_non_canonical_y(), "a non-canonical encoding (y ≥ p)"),
        (first_off_curve_y(), "not on the curve (no x exists for its y)"),
    ]:
        f.add(f"k1 and a kid k2 key whose x is {what}.", REF_POINT, token, small,
              keys=key_set(K1, K2.jwk(x=b64u(point))))
    duplicate = key_set_error("duplicate_key_id")
    f.add("k1 and k2's key, both with kid k1.", REF_DUP_KID, token, duplicate,
          keys=key_set(K1, K2.jwk(kid="k1")))
    f.add("The same k1 entry twice.", REF_DUP_KID, token, duplicate, keys=key_set(K1, K1))
    none = key_set_error("no_usable_key")
    f.add("An empty key set.", REF_KEY_SET, token, none, keys={"keys": []})
    f.add("Only an RSA public key.", REF_KEY_SET, token, none, keys=key_set(rsa_jwk()))
    f.add("Only RSA and EC public keys.", REF_KEY_SET, token, none,
          keys=key_set(rsa_jwk(), ec_jwk()))
    f.add("Only an Ed25519 key with use \"enc\" (not a verification key).", REF_USE, token, none,
          keys=key_set(K1.jwk(use="enc")))


# --- core/signature.json ---------------------------------------------------------


def core_signature() -> VectorFile:
    f = VectorFile("core", "signature",
                   "Ed25519 signature checks with libsodium 1.0.18 crypto_sign_verify_detached "
                   "over the ASCII signing input.", key_set(K1))
    bad = rejected("invalid_signature")
    good = jws()
    signature = signature_of(good)
    f.add("kid k1 but signed by k2.", REF_SIGNATURE, jws(key=K2), bad)
    f.add("One bit of the signature flipped (in S).", REF_SIGNATURE,
          with_signature(good, signature[:40] + bytes([signature[40] ^ 0x04]) + signature[41:]),
          bad)
    f.add("The signature of a token with a different payload (a spliced signature).",
          REF_SIGNATURE, with_signature(good, signature_of(jws(payload=claims(sub="device-43")))),
          bad)
    f.add("A 63-byte signature.", REF_SIGNATURE, with_signature(good, signature[:63]), bad)
    f.add("A 65-byte signature.", REF_SIGNATURE, with_signature(good, signature + b"\x00"), bad)
    f.add("An empty signature segment (well-formed, decodes to 0 bytes).", REF_SIGNATURE,
          with_signature(good, b""), bad)
    f.add("A 64-byte all-zero signature.", REF_SIGNATURE, with_signature(good, bytes(64)), bad)
    f.add("S replaced by S + L (non-canonical S >= L, same point to a lax verifier).",
          REF_SIGNATURE, with_signature(good, with_s_plus_l(signature)), bad)
    f.add("R is the identity (small order) with S = h·a: libsodium rejects it, OpenSSL would "
          "accept it.", REF_SMALL_R,
          with_signature(good, small_order_r_signature(K1, signing_input_of(good))), bad,
          libsodium_only=True)
    f.add("R and S halves swapped.", REF_SIGNATURE,
          with_signature(good, signature[32:] + signature[:32]), bad)
    head, payload = json_bytes(header()), json_bytes(claims())
    f.add("Signed over the raw JSON (header '.' payload bytes) instead of the base64url "
          "signing input.", REF_SIGNATURE, with_signature(good, K1.sign(head + b"." + payload)),
          bad)
    f.add("Signed over the signing input followed by '.'.", REF_SIGNATURE,
          with_signature(good, K1.sign(signing_input_of(good) + b".")), bad)
    return f


# --- core/json.json ----------------------------------------------------------------


def member(text: bytes):
    return lambda document: with_member(document, text)


def prefix(text: bytes):
    return lambda document: text + document


def suffix(text: bytes):
    return lambda document: document + text


def replaced(text: bytes):
    return lambda _document: text


NESTED_31 = b"[" * 31 + b"]" * 31
NESTED_32 = b"[" * 32 + b"]" * 32

# (what, transform of a compact JSON object, reference): all must be rejected.
JSON_DEFECTS = [
    ("the byte 0xFF in a string", member(b'"note":"\xff"'), REF_UTF8),
    ("an overlong UTF-8 encoding of '/' (C0 AF)", member(b'"note":"\xc0\xaf"'), REF_UTF8),
    ("a UTF-8-encoded surrogate U+D800 (ED A0 80)", member(b'"note":"\xed\xa0\x80"'), REF_UTF8),
    ("the byte F5 (a code point above U+10FFFF)", member(b'"note":"\xf5\x80\x80\x80"'), REF_UTF8),
    ("F4 90 80 80 (U+110000)", member(b'"note":"\xf4\x90\x80\x80"'), REF_UTF8),
    ("a truncated UTF-8 sequence (E2 82)", member(b'"note":"\xe2\x82"'), REF_UTF8),
    ("a UTF-8 byte order mark before the object", prefix(b"\xef\xbb\xbf"), REF_BOM),
    ("a duplicate member name", member(b'"dup":1,"dup":1'), REF_DUPLICATE),
    ("a duplicate member name once unescaped (\"dup\", \"\\u0064up\")",
     member(b'"dup":1,"\\u0064up":2'), REF_DUPLICATE),
    ("the invalid escape \\q", member(b'"note":"\\q"'), REF_STRING),
    ("the escape \\x41", member(b'"note":"\\x41"'), REF_STRING),
    ("a \\u escape with three hex digits", member(b'"note":"\\u004"'), REF_STRING),
    ("a lone high surrogate escape \\ud800", member(b'"note":"\\ud800"'), REF_STRING),
    ("a lone low surrogate escape \\udc00", member(b'"note":"\\udc00"'), REF_STRING),
    ("a high surrogate escape followed by \\u0041", member(b'"note":"\\ud800\\u0041"'),
     REF_STRING),
    ("a raw tab (U+0009) inside a string", member(b'"note":"a\tb"'), REF_STRING),
    ("a raw line feed inside a string", member(b'"note":"a\nb"'), REF_STRING),
    ("a raw NUL inside a string", member(b'"note":"a\x00b"'), REF_STRING),
    ("an unterminated string", member(b'"note":"abc'), REF_STRING),
    ("a number with a leading zero (01)", member(b'"n":01'), REF_NUMBER),
    ("a number with a leading '+'", member(b'"n":+1'), REF_NUMBER),
    ("the literal NaN", member(b'"n":NaN'), REF_NUMBER),
    ("the literal Infinity", member(b'"n":Infinity'), REF_NUMBER),
    ("the literal -Infinity", member(b'"n":-Infinity'), REF_NUMBER),
    ("a number with a trailing '.' (1.)", member(b'"n":1.'), REF_NUMBER),
    ("a number with a leading '.' (.5)", member(b'"n":.5'), REF_NUMBER),
    ("an exponent without digits (1e)", member(b'"n":1e'), REF_NUMBER),
    ("a hexadecimal number (0x10)", member(b'"n":0x10'), REF_NUMBER),
    ("a lone minus sign", member(b'"n":-'), REF_NUMBER),
    ("a single-quoted member name", member(b"'n':1"), REF_GRAMMAR),
    ("an unquoted member name", member(b"n:1"), REF_GRAMMAR),
    ("the literal True (wrong case)", member(b'"n":True'), REF_GRAMMAR),
    ("a comment", member(b'/* c */"n":1'), REF_GRAMMAR),
    ("a trailing comma in the object", lambda document: document[:-1] + b",}", REF_GRAMMAR),
    ("a trailing comma in an array", member(b'"n":[1,]'), REF_GRAMMAR),
    ("a missing closing brace", lambda document: document[:-1], REF_GRAMMAR),
    ("a character after the object", suffix(b"x"), REF_GRAMMAR),
    ("a second JSON value after the object", suffix(b"{}"), REF_GRAMMAR),
    ("a form feed as whitespace", prefix(b"\x0c"), REF_GRAMMAR),
    ("a vertical tab as whitespace", prefix(b"\x0b"), REF_GRAMMAR),
    ("a no-break space (C2 A0) as whitespace", prefix(b"\xc2\xa0"), REF_GRAMMAR),
    ("33 levels of nesting (the object plus 32 nested arrays)", member(b'"n":' + NESTED_32),
     REF_DEPTH),
    ("33 levels of nesting (the object plus 32 nested objects)",
     member(b'"n":' + b'{"a":' * 31 + b"{}" + b"}" * 31), REF_DEPTH),
    ("no content at all (empty text)", replaced(b""), REF_GRAMMAR),
    ("only whitespace", replaced(b" \n"), REF_GRAMMAR),
]

# (what, transform): strict JSON that must still be accepted.
JSON_ACCEPTED = [
    ("space, tab, CR and LF around and between tokens",
     lambda document: b" \t\r\n" + document[:-1] + b' ,\t"ws" :\r\n[ 1 , 2 ]\n}' + b"\r\n \t"),
    ("32 levels of nesting (the object plus 31 nested arrays)", member(b'"n":' + NESTED_31)),
    ("a surrogate pair escape \\ud83d\\ude00", member(b'"note":"\\ud83d\\ude00"')),
    ("2-, 3- and 4-byte UTF-8 and U+10FFFF", member('"note":"ü€😀\U0010ffff"'.encode())),
    ("every RFC 8259 escape, including \\u0000",
     member(b'"note":"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000 \\u00e9"')),
    ("numbers in all RFC 8259 forms", member(b'"n":[0,-0,1.5,-1.5e-3,1E+2,2e10,0.0,-12]')),
    ("an empty member name and every literal", member(b'"":[true,false,null,{},[]]')),
]


def core_json() -> VectorFile:
    f = VectorFile("core", "json",
                   "Strict RFC 8259 JSON for the header and the payload. Every token is signed "
                   "by k1, so payload defects are reached after the signature check.", key_set(K1))
    head, payload = json_bytes(header()), json_bytes(claims())
    malformed = rejected("malformed_token")
    for what, transform, reference in JSON_DEFECTS:
        f.add(f"Header JSON with {what}.", reference, jws(transform(head)), malformed)
        f.add(f"Payload JSON with {what}.", reference, jws(payload=transform(payload)),
              malformed, after_signature=True)
    for what, transform in JSON_ACCEPTED:
        f.add(f"Header JSON with {what}: accepted.", "RFC 8259", jws(transform(head)), valid())
        f.add(f"Payload JSON with {what}: accepted.", "RFC 8259",
              jws(payload=transform(payload)), valid())
    for document, what in [(b"[]", "an array"), (b'"device-42"', "a string"),
                           (b"1700000000", "a number"), (b"null", "null"), (b"true", "true")]:
        f.add(f"The payload is {what}, not a JSON object.", REF_CLAIMS_OBJECT,
              jws(payload=document), malformed, after_signature=True)
    return f


# --- core/claims.json ---------------------------------------------------------


def core_claims() -> VectorFile:
    f = VectorFile("core", "claims",
                   "Types and ranges of registered claims, checked right after the signature "
                   "whether or not a policy option uses the claim.", key_set(K1))
    malformed = rejected("malformed_token")
    base = json_bytes(claims())
    cases = [
        ("exp", "1700003600", "a string", REF_NUMERIC_DATE),
        ("exp", None, "null", REF_NUMERIC_DATE),
        ("exp", True, "true", REF_NUMERIC_DATE),
        ("exp", [1_700_003_600], "an array", REF_NUMERIC_DATE),
        ("exp", {"v": 1_700_003_600}, "an object", REF_NUMERIC_DATE),
        ("exp", MIN_NUMERIC_DATE - 1, "-62135596801 (before 0001-01-01T00:00:00Z)",
         REF_NUMERIC_DATE),
        ("exp", MIN_NUMERIC_DATE - 0.5, "-62135596800.5 (just below the minimum)",
         REF_NUMERIC_DATE),
        ("exp", MAX_NUMERIC_DATE + 1, "253402300800 (after 9999-12-31T23:59:59Z)",
         REF_NUMERIC_DATE),
        ("exp", MAX_NUMERIC_DATE + 0.5, "253402300799.5 (just above the maximum)",
         REF_NUMERIC_DATE),
        ("nbf", "1699999900", "a string", REF_NUMERIC_DATE),
        ("nbf", MIN_NUMERIC_DATE - 1, "-62135596801", REF_NUMERIC_DATE),
        ("iat", "1699999900", "a string", REF_NUMERIC_DATE),
        ("iat", MAX_NUMERIC_DATE + 1, "253402300800", REF_NUMERIC_DATE),
        ("iss", 1, "a number", REF_STRING_CLAIM),
        ("iss", None, "null", REF_STRING_CLAIM),
        ("iss", ["https://issuer.example"], "an array", REF_STRING_CLAIM),
        ("sub", 42, "a number", REF_STRING_CLAIM),
        ("sub", {"id": 42}, "an object", REF_STRING_CLAIM),
        ("jti", 7, "a number", REF_STRING_CLAIM),
        ("jti", None, "null", REF_STRING_CLAIM),
        ("aud", 1, "a number", REF_AUD_TYPE),
        ("aud", None, "null", REF_AUD_TYPE),
        ("aud", [1], "an array holding a number", REF_AUD_TYPE),
        ("aud", ["gateway", None], "an array holding null", REF_AUD_TYPE),
        ("aud", [["gateway"]], "an array holding an array", REF_AUD_TYPE),
        ("aud", {"aud": "gateway"}, "an object", REF_AUD_TYPE),
    ]
    for name, value, what, reference in cases:
        f.add(f"Claim {name} is {what}.", reference, jws(payload=claims(**{name: value})),
              malformed, after_signature=True)
    without_exp = json_bytes(claims(exp=ABSENT))
    for text, what in [(b"1e400", "1e400 (overflows to infinity)"),
                       (b"1e308", "1e308 (finite, far above the maximum)")]:
        f.add(f"Claim exp is {what}.", REF_NUMERIC_DATE,
              jws(payload=with_member(without_exp, b'"exp":' + text)), malformed,
              after_signature=True)
    for text, what in [(b"1.7000036E+9", "1.7000036E+9"), (b"17000036e2", "17000036e2"),
                       (b"1700003600.000", "1700003600.000")]:
        f.add(f"Claim exp written as {what} (the same number): accepted.", REF_NUMERIC_DATE,
              jws(payload=with_member(without_exp, b'"exp":' + text)), valid())
    f.add(f"Claim exp is {MAX_NUMERIC_DATE} (the maximum): accepted.", REF_NUMERIC_DATE,
          jws(payload=claims(exp=MAX_NUMERIC_DATE)), valid())
    # A negative NumericDate is a time before 1970 (RFC 7519 §2): well formed, long past.
    f.add("Claim nbf is -1 (1969-12-31T23:59:59Z, long past): accepted.", REF_NUMERIC_DATE,
          jws(payload=claims(nbf=-1)), valid())
    f.add("Claim nbf is -100 (before 1970, long past): accepted.", REF_NUMERIC_DATE,
          jws(payload=claims(nbf=-100)), valid())
    f.add("Claim iat is -0.5 (before 1970): accepted.", REF_NUMERIC_DATE,
          jws(payload=claims(iat=-0.5)), valid())
    f.add(f"Claim nbf is {MIN_NUMERIC_DATE} (the minimum, 0001-01-01T00:00:00Z): accepted.",
          REF_NUMERIC_DATE, jws(payload=claims(nbf=MIN_NUMERIC_DATE)), valid())
    f.add("Claim exp is -1 (before 1970): well formed, and expired.", REF_NUMERIC_DATE,
          jws(payload=claims(exp=-1)), rejected("expired"))
    f.add(f"Claim exp is {MIN_NUMERIC_DATE} (the minimum): well formed, and expired.",
          REF_NUMERIC_DATE, jws(payload=claims(exp=MIN_NUMERIC_DATE)), rejected("expired"))
    f.add("Claim aud is an empty array (no audience policy): accepted.", REF_AUD_TYPE,
          jws(payload=claims(aud=[])), valid())
    f.add("Unregistered claims of every JSON type are not checked: accepted.", "RFC 7519 §4.3",
          jws(payload=with_member(base, b'"scope":["read",1,null,{"a":true}],"ver":1.5')),
          valid())
    return f


# --- core/time.json ----------------------------------------------------------------


def core_time() -> VectorFile:
    f = VectorFile("core", "time",
                   f"exp, nbf, iat and max_age against now = {NOW} with the default leeway of "
                   f"{LEEWAY} s unless options say otherwise; boundaries from both sides.",
                   key_set(K1))
    no_leeway = {"leeway": 0}
    max_age = {"max_age": 300}
    expired = rejected("expired")
    for exp, outcome, what, options in [
        (NOW - LEEWAY, expired, "exp = now - leeway (now >= exp + leeway)", None),
        (NOW - LEEWAY + 1, valid(), "exp = now - leeway + 1", None),
        (NOW - LEEWAY - 0.5, expired, "fractional exp = now - leeway - 0.5", None),
        (NOW - LEEWAY + 0.5, valid(), "fractional exp = now - leeway + 0.5", None),
        (NOW, expired, "exp = now with leeway 0", no_leeway),
        (NOW + 1, valid(), "exp = now + 1 with leeway 0", no_leeway),
        (NOW - 3599, valid(), "exp = now - 3599 with leeway 3600", {"leeway": 3600}),
        (0, expired, "exp = 0 (in range, long past)", None),
    ]:
        f.add(f"{what}.", REF_EXP, jws(payload=claims(exp=exp)), outcome, options=options)
    f.add("No exp claim and no requirement for it: accepted.", REF_EXP,
          jws(payload=claims(exp=ABSENT)), valid())
    f.add("No time claims at all: accepted.", REF_EXP,
          jws(payload=claims(exp=ABSENT, iat=ABSENT)), valid())
    not_yet = rejected("not_yet_valid")
    for nbf, outcome, what, options in [
        (NOW + LEEWAY, valid(), "nbf = now + leeway", None),
        (NOW + LEEWAY + 1, not_yet, "nbf = now + leeway + 1", None),
        (NOW + LEEWAY + 0.5, not_yet, "fractional nbf = now + leeway + 0.5", None),
        (NOW, valid(), "nbf = now with leeway 0", no_leeway),
        (NOW + 1, not_yet, "nbf = now + 1 with leeway 0", no_leeway),
        (0, valid(), "nbf = 0", None),
    ]:
        f.add(f"{what}.", REF_NBF, jws(payload=claims(nbf=nbf)), outcome, options=options)
    future = rejected("issued_in_future")
    for iat, outcome, what, options in [
        (NOW + LEEWAY, valid(), "iat = now + leeway", None),
        (NOW + LEEWAY + 1, future, "iat = now + leeway + 1", None),
        (NOW + LEEWAY + 0.5, future, "fractional iat = now + leeway + 0.5", None),
        (NOW + 1, future, "iat = now + 1 with leeway 0", no_leeway),
        (NOW, valid(), "iat = now with leeway 0", no_leeway),
    ]:
        f.add(f"{what}.", REF_IAT, jws(payload=claims(iat=iat)), outcome, options=options)
    too_old = rejected("token_too_old")
    for iat, outcome, what, options in [
        (NOW - 360, valid(), "max_age 300: iat = now - max_age - leeway", max_age),
        (NOW - 361, too_old, "max_age 300: iat = now - max_age - leeway - 1", max_age),
        (NOW - 360.5, too_old, "max_age 300: fractional iat = now - max_age - leeway - 0.5",
         max_age),
        (NOW - 300, valid(), "max_age 300, leeway 0: iat = now - 300", {**max_age, **no_leeway}),
        (NOW - 301, too_old, "max_age 300, leeway 0: iat = now - 301", {**max_age, **no_leeway}),
    ]:
        f.add(f"{what}.", REF_MAX_AGE, jws(payload=claims(iat=iat)), outcome, options=options)
    f.add("max_age 300 and no iat claim.", REF_MAX_AGE, jws(payload=claims(iat=ABSENT)),
          rejected("missing_claim"), options=max_age)
    return f


# --- core/policy.json ----------------------------------------------------------------


def core_policy() -> VectorFile:
    f = VectorFile("core", "policy",
                   "Issuer, audience, typ and required-claim policies, each checked only when "
                   "its option is set.", key_set(K1))
    issuer = {"issuers": ["https://issuer.example"]}
    mismatch = rejected("issuer_mismatch")
    missing = rejected("missing_claim")
    f.add("iss equals the accepted issuer.", REF_ISS, jws(), valid(), options=issuer)
    f.add("iss equals the second of two accepted issuers.", REF_ISS, jws(), valid(),
          options={"issuers": ["https://other.example", "https://issuer.example"]})
    for iss, what in [("https://issuer.example/", "a trailing slash"),
                      ("https://ISSUER.example", "different case"),
                      ("https://issuer.example.evil", "a longer host"),
                      ("https://issuer.exampl", "a prefix of the accepted issuer")]:
        f.add(f"iss with {what}: compared exactly.", REF_ISS, jws(payload=claims(iss=iss)),
              mismatch, options=issuer)
    f.add("Issuer policy set and no iss claim.", REF_ISS, jws(payload=claims(iss=ABSENT)),
          missing, options=issuer)
    f.add("No issuer policy: any iss is accepted.", REF_ISS,
          jws(payload=claims(iss="https://anyone.example")), valid())
    audience = {"audiences": ["gateway"]}
    aud_mismatch = rejected("audience_mismatch")
    f.add("aud string equals the accepted audience.", REF_AUD, jws(), valid(), options=audience)
    f.add("aud array whose second member is accepted.", REF_AUD,
          jws(payload=claims(aud=["other", "gateway"])), valid(), options=audience)
    f.add("aud matches the second of two accepted audiences.", REF_AUD, jws(), valid(),
          options={"audiences": ["billing", "gateway"]})
    for aud, what in [("Gateway", "a string in different case"), (["other"], "an array without "
                      "an accepted member"), ([], "an empty array"), ("gateway ", "\"gateway \" "
                      "(trailing space)")]:
        f.add(f"aud is {what}.", REF_AUD, jws(payload=claims(aud=aud)), aud_mismatch,
              options=audience)
    f.add("Audience policy set and no aud claim.", REF_AUD, jws(payload=claims(aud=ABSENT)),
          missing, options=audience)
    type_mismatch = rejected("type_mismatch")
    for typ, required, outcome in [
        ("JWT", "JWT", valid()), ("jwt", "JWT", valid()), ("application/jwt", "JWT", valid()),
        ("APPLICATION/JWT", "jwt", valid()), ("JWT", "application/JWT", valid()),
        ("at+jwt", "AT+JWT", valid()), ("at+jwt", "application/at+jwt", valid()),
        ("at+jwt", "JWT", type_mismatch), ("JWT", "at+jwt", type_mismatch),
        ("JOSE", "JWT", type_mismatch), ("application/application/jwt", "JWT", type_mismatch),
        ("JWT ", "JWT", type_mismatch),
    ]:
        f.add(f"Header typ {json.dumps(typ)}, required typ {json.dumps(required)}.", REF_TYP,
              jws(header(typ=typ)), outcome, options={"typ": required})
    f.add("typ required and the header has no typ.", REF_TYP, jws(header(typ=ABSENT)),
          type_mismatch, options={"typ": "JWT"})
    f.add("No typ policy and no typ header: accepted.", REF_TYP, jws(header(typ=ABSENT)), valid())
    for require_, payload, outcome, what in [
        (["jti"], claims(), valid(), "jti required and present"),
        (["jti"], claims(jti=ABSENT), missing, "jti required and absent"),
        (["sub", "jti"], claims(sub=ABSENT), missing, "sub and jti required, sub absent"),
        (["exp"], claims(exp=ABSENT), missing, "exp required and absent"),
        (["nbf"], claims(), missing, "nbf required and absent"),
        (["scope"], claims(scope="read"), valid(), "an unregistered claim required and present"),
        (["scope"], claims(), missing, "an unregistered claim required and absent"),
    ]:
        f.add(f"{what}.", REF_REQUIRED, jws(payload=payload), outcome,
              options={"require": require_})
    return f


# --- core/valid.json ---------------------------------------------------------------


def core_valid() -> VectorFile:
    f = VectorFile("core", "valid",
                   "Tokens that must verify, with the kid of the key that verified them.",
                   key_set(K1))
    all_options = {"issuers": ["https://issuer.example"], "audiences": ["gateway"],
                   "typ": "JWT", "require": ["sub", "jti", "exp"], "max_age": 300,
                   "leeway": 30, "max_token_bytes": 4096}
    for description, token, options, keys, kid in [
        ("alg EdDSA, kid k1, the typical claims.", jws(), None, None, "k1"),
        ("alg Ed25519 (RFC 9864), kid k1.", jws(header(alg="Ed25519")), None, None, "k1"),
        ("No kid; the set's one key (kid k1) is used.", jws(header(kid=ABSENT)), None, None, "k1"),
        ("No kid and a pinned key without kid: kid null.", jws(header(kid=ABSENT)), None,
         key_set(K1.jwk(kid=ABSENT)), None),
        ("aud as an array holding the accepted audience.",
         jws(payload=claims(aud=["gateway", "billing"])), {"audiences": ["gateway"]}, None, "k1"),
        ("Fractional exp, nbf and iat.",
         jws(payload=claims(exp=1_700_000_000.25, nbf=1_699_999_999.5, iat=1_699_999_999.75)),
         None, None, "k1"),
        ("typ \"JWT\" required as \"JWT\".", jws(), {"typ": "JWT"}, None, "k1"),
        ("typ \"application/jwt\" required as \"JWT\".", jws(header(typ="application/jwt")),
         {"typ": "JWT"}, None, "k1"),
        ("typ \"at+jwt\" required as \"AT+JWT\".", jws(header(typ="at+jwt")),
         {"typ": "AT+JWT"}, None, "k1"),
        ("Every option set at once, all satisfied.", jws(), all_options, None, "k1"),
        ("An empty claims object and no options.", jws(payload={}), None, None, "k1"),
        ("Header members in another order, with cty.",
         jws({"kid": "k1", "cty": "JWT", "typ": "JWT", "alg": "EdDSA"}), None, None, "k1"),
        ("kid k3 chosen among three pinned keys.", jws(header(kid="k3"), key=K3), None,
         key_set(K1, K2, K3), "k3"),
        ("Non-ASCII claim values (UTF-8).",
         jws(payload=claims(sub="Jürgen 😀", name="日本語")), None, None, "k1"),
        ("nbf, iat and exp all set and all satisfied.",
         jws(payload=claims(nbf=NOW - 100, iat=NOW - 100, exp=NOW + 100)), None, None, "k1"),
    ]:
        f.add(description, "RFC 7519 §7.2; " + REF_SIGNATURE, token, valid(kid),
              options=options, keys=keys)
    return f


# --- adversarial ----------------------------------------------------------------------


def hs256(head: dict, secret: bytes) -> str:
    message = signing_input(head, claims())
    return f"{message}.{b64u(hmac.new(secret, message.encode(), hashlib.sha256).digest())}"


def rs256(head: dict) -> str:
    message = signing_input(head, claims())
    signature = RSA_KEY.sign(message.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{message}.{b64u(signature)}"


def es256(head: dict) -> str:
    message = signing_input(head, claims())
    der = EC_KEY.sign(message.encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    r, s = decode_dss_signature(der)
    return f"{message}.{b64u(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def adversarial_algorithms() -> VectorFile:
    f = VectorFile("adversarial", "algorithms",
                   "Algorithm confusion: alg none, HMAC keyed with the public key, and real "
                   "RS256/ES256 signatures from keys whose public halves are pinned (and "
                   "ignored) next to k1.", key_set(K1, rsa_jwk(), ec_jwk()))
    unsupported = rejected("unsupported_algorithm")
    unsigned = signing_input({"alg": "none"}, claims()) + "."
    f.add("alg none, no kid, empty signature (an unsecured JWT).", REF_ALG, unsigned, unsupported)
    f.add("alg none with kid k1 and an empty signature.", REF_ALG,
          signing_input(header(alg="none"), claims()) + ".", unsupported)
    for alg in ("None", "NONE", "nOnE"):
        f.add(f"alg {json.dumps(alg)}, empty signature.", REF_ALG,
              signing_input(header(alg=alg), claims()) + ".", unsupported)
    f.add("alg HS256, kid k1, HMAC keyed with k1's raw 32 public key bytes.", REF_ALG,
          hs256(header(alg="HS256"), K1.public), unsupported)
    f.add("alg HS256, kid k1, HMAC keyed with k1's x string (ASCII).", REF_ALG,
          hs256(header(alg="HS256"), K1.x.encode()), unsupported)
    f.add("alg HS256, kid k1, HMAC keyed with k1's JWK JSON text.", REF_ALG,
          hs256(header(alg="HS256"), json_bytes(K1.jwk())), unsupported)
    f.add("alg RS256 with a real RSA signature; kid r1 names the pinned RSA public key.",
          REF_ALG, rs256(header(alg="RS256", kid="r1")), unsupported)
    f.add("alg ES256 with a real 64-byte P-256 signature; kid e1 names the pinned EC key.",
          REF_ALG, es256(header(alg="ES256", kid="e1")), unsupported)
    f.add("alg ES256 with a real 64-byte P-256 signature and kid k1 (an Ed25519 key).", REF_ALG,
          es256(header(alg="ES256")), unsupported)
    return f


def adversarial_header() -> VectorFile:
    f = VectorFile("adversarial", "header",
                   "Header tricks: crit and b64, keys or key URLs carried in the token, hostile "
                   "kid strings and duplicate members. The pinned set is k1 alone.", key_set(K1))
    critical = rejected("unsupported_critical_header")
    f.add("crit names an extension the verifier does not know.", REF_CRIT,
          jws(header(**{"http://example.invalid/must-check": True,
                        "crit": ["http://example.invalid/must-check"]})), critical)
    f.add("crit names \"exp\" with a header exp in the past (claims in the header).", REF_CRIT,
          jws(header(exp=NOW - 3600, crit=["exp"])), critical)
    unencoded = b64u(json_bytes(header(b64=False, crit=["b64"])))
    f.add("RFC 7797 unencoded payload (b64 false, crit [\"b64\"]) with the raw payload "
          "\"abcd\", signed as RFC 7797 says.", REF_B64_HEADER,
          signed_segments(unencoded, "abcd"), critical)
    no_kid = header(kid=ABSENT)
    f.add("The attacker's key embedded as jwk, no kid, signed by the attacker: the pinned k1 "
          "is used and the signature fails.", REF_IGNORED_HEADER,
          jws(header(kid=ABSENT, jwk=ATTACKER.jwk(kid=ABSENT)), key=ATTACKER),
          rejected("invalid_signature"))
    f.add("The attacker's key embedded as jwk with kid attacker (not pinned).",
          REF_IGNORED_HEADER, jws(header(kid="attacker", jwk=ATTACKER.jwk()), key=ATTACKER),
          rejected("unknown_key"))
    f.add("The attacker's key embedded as jwk claiming kid k1, signed by the attacker.",
          REF_IGNORED_HEADER, jws(header(jwk=ATTACKER.jwk(kid="k1")), key=ATTACKER),
          rejected("invalid_signature"))
    f.add("jku points at an attacker's JWK Set and kid names a key in it.", REF_IGNORED_HEADER,
          jws(header(kid="attacker", jku="https://attacker.example/jwks.json"), key=ATTACKER),
          rejected("unknown_key"))
    f.add("x5u points at an attacker's certificate, no kid, signed by the attacker.",
          REF_IGNORED_HEADER,
          jws(with_members(no_kid, {"x5u": "https://attacker.example/cert.pem"}), key=ATTACKER),
          rejected("invalid_signature"))
    f.add("x5c carries a certificate chain, kid k1, signed by the attacker.", REF_IGNORED_HEADER,
          jws(header(x5c=[base64.b64encode(expand(b"cert", 48)).decode()]), key=ATTACKER),
          rejected("invalid_signature"))
    for kid, what in [("../../etc/passwd", "a path traversal"), ("' OR 1=1 --", "SQL injection"),
                      ("k1\u0000", "k1 followed by NUL (C-string truncation)"),
                      ("k1 ", "k1 with a trailing space"), ("k１", "k1 with a fullwidth digit"),
                      ("*", "a wildcard")]:
        f.add(f"kid is {what}: {json.dumps(kid)}.", "RFC 8725 §3.10; " + REF_SELECTION,
              jws(header(kid=kid)), rejected("unknown_key"))
    malformed = rejected("malformed_token")
    for text, what in [
        (b'{"alg":"none","alg":"EdDSA","typ":"JWT","kid":"k1"}',
         "alg twice, none then EdDSA (a last-wins parser accepts)"),
        (b'{"alg":"HS256","alg":"EdDSA","typ":"JWT","kid":"k1"}', "alg twice, HS256 then EdDSA"),
        (b'{"alg":"EdDSA","alg":"none","typ":"JWT","kid":"k1"}',
         "alg twice, EdDSA then none (a first-wins parser accepts)"),
        (b'{"alg":"none","\\u0061lg":"EdDSA","typ":"JWT","kid":"k1"}',
         "alg twice, the second spelled \\u0061lg"),
        (b'{"alg":"EdDSA","typ":"JWT","kid":"k9","kid":"k1"}', "kid twice, k9 then k1"),
        (b'{"alg":"EdDSA","typ":"JWT","kid":"k1","crit":["exp"],"crit":["b64"],"b64":true}',
         "crit twice"),
    ]:
        f.add(f"Header with {what}, signed by k1.", REF_DUPLICATE, jws(text), malformed)
    f.add("Header nested 5000 levels deep (a stack exhaustion probe).", REF_DEPTH,
          jws(with_member(json_bytes(header()), b'"n":' + b"[" * 5000 + b"]" * 5000)), malformed)
    return f


def adversarial_claims() -> VectorFile:
    f = VectorFile("adversarial", "claims",
                   "Payload tricks, all validly signed by k1: duplicate claims, numbers that "
                   "are not NumericDates, encodings, deep nesting.", key_set(K1))
    malformed = rejected("malformed_token")
    without_exp = json_bytes(claims(exp=ABSENT))
    for text, what, reference in [
        (b'"exp":1600000000,"exp":1700003600', "exp twice, first expired, second valid",
         REF_DUPLICATE),
        (b'"exp":1700003600,"exp":1600000000', "exp twice, first valid, second expired",
         REF_DUPLICATE),
        (b'"exp":1600000000,"\\u0065xp":1700003600', "exp twice, the second spelled \\u0065xp",
         REF_DUPLICATE),
        (b'"exp":"9999999999"', "exp as the string \"9999999999\"", REF_NUMERIC_DATE),
        (b'"exp":1e400', "exp 1e400 (infinite as a double)", REF_NUMERIC_DATE),
        (b'"exp":-1e400', "exp -1e400 (minus infinity as a double)", REF_NUMERIC_DATE),
        (b'"exp":NaN', "exp NaN", REF_NUMBER),
        (b'"exp":Infinity', "exp Infinity", REF_NUMBER),
        (b'"exp":1700003600,"n":' + NESTED_32, "33 levels of nesting", REF_DEPTH),
        (b'"exp":1700003600,"n":' + b"[" * 5000 + b"]" * 5000,
         "5000 levels of nesting (a stack exhaustion probe)", REF_DEPTH),
        (b'"exp":1700003600,"note":"\\ud800"', "a lone surrogate escape \\ud800", REF_STRING),
        (b'"exp":1700003600,"note":"\xff\xfe"', "invalid UTF-8 (FF FE)", REF_UTF8),
        (b'"exp":1700003600,"note":"\xc0\xaf"', "an overlong encoding of '/'", REF_UTF8),
    ]:
        f.add(f"Payload with {what}.", reference, jws(payload=with_member(without_exp, text)),
              malformed, after_signature=True)
    f.add("Payload with 32 levels of nesting: accepted.", REF_DEPTH,
          jws(payload=with_member(json_bytes(claims()), b'"n":' + NESTED_31)), valid())
    f.add("Payload preceded by a UTF-8 byte order mark.", REF_BOM,
          jws(payload=b"\xef\xbb\xbf" + json_bytes(claims())), malformed, after_signature=True)
    f.add("iss followed by NUL (\"https://issuer.example\\u0000\").", REF_ISS,
          jws(payload=claims(iss="https://issuer.example\u0000")), rejected("issuer_mismatch"),
          options={"issuers": ["https://issuer.example"]})
    f.add("aud array hiding the accepted audience behind a number.", REF_AUD_TYPE,
          jws(payload=claims(aud=[1, "gateway"])), malformed, options={"audiences": ["gateway"]},
          after_signature=True)
    return f


def adversarial_encoding() -> VectorFile:
    f = VectorFile("adversarial", "encoding",
                   "Size and encoding tricks: the default 16384-byte limit, byte order marks, "
                   "invalid UTF-8 inside the header, non-canonical base64url, wrapped lines.",
                   key_set(K1))
    malformed = rejected("malformed_token")
    f.add("A valid token of exactly 16384 bytes (the default limit), padded with a long claim.",
          REF_SIZE, token_of_length(MAX_TOKEN_BYTES), valid())
    f.add("A validly signed token of 16385 bytes.", REF_SIZE,
          token_of_length(MAX_TOKEN_BYTES + 1), rejected("token_too_large"))
    f.add("16385 bytes of 'A' (no dots): the size check comes before any parsing.", REF_SIZE,
          "A" * (MAX_TOKEN_BYTES + 1), rejected("token_too_large"))
    good = jws()
    head, payload, signature = good.split(".")
    f.add("A UTF-8 byte order mark before the whole token.", REF_COMPACT, f"\ufeff{good}",
          malformed)
    f.add("A NUL character after the token (C-string truncation).", REF_COMPACT, f"{good}\u0000",
          malformed)
    f.add("The payload segment wrapped with CR LF (as in PEM).", REF_COMPACT,
          f"{head}.{payload[:40]}\r\n{payload[40:]}.{signature}", malformed)
    f.add("A UTF-8 byte order mark before the header JSON (inside the base64url).", REF_BOM,
          jws(b"\xef\xbb\xbf" + json_bytes(header())), malformed)
    f.add("Invalid UTF-8 (FF) in a header string.", REF_UTF8,
          jws(with_member(json_bytes(header()), b'"note":"\xff"')), malformed)
    f.add("Header JSON encoded as UTF-16LE.", REF_UTF8,
          jws(json.dumps(header(), separators=(",", ":")).encode("utf-16-le")), malformed)
    head_bytes, payload_bytes = misaligned(json_bytes(header())), misaligned(json_bytes(claims()))
    head_segment, payload_segment = b64u(head_bytes), b64u(payload_bytes)
    f.add("Header segment with all unused bits of its last character set (re-signed).",
          REF_B64_BITS, signed_segments(with_trailing_bits(head_segment, 0xF), payload_segment),
          malformed)
    f.add("Payload segment with all unused bits of its last character set (re-signed).",
          REF_B64_BITS, signed_segments(head_segment, with_trailing_bits(payload_segment, 0xF)),
          malformed)
    signature_segment = jws(head_bytes, payload_bytes).rsplit(".", 1)[1]
    f.add("Signature segment with all four unused bits of its last character set.",
          REF_B64_BITS,
          f"{head_segment}.{payload_segment}.{with_trailing_bits(signature_segment, 0xF)}",
          malformed)
    return f


def adversarial_signature() -> VectorFile:
    f = VectorFile("adversarial", "signature",
                   "Signature malleability and byte-exactness: what is verified is the exact "
                   "signing input, and only canonical signatures pass libsodium 1.0.18.",
                   key_set(K1))
    bad = rejected("invalid_signature")
    good = jws()
    signature = signature_of(good)
    f.add("S + L: the same signature in a malleated, non-canonical form.", REF_SIGNATURE,
          with_signature(good, with_s_plus_l(signature)), bad)
    f.add("Small-order R (the identity) with S = h·a: passes a cofactorless check without "
          "small-order rejection (OpenSSL), not libsodium.", REF_SMALL_R,
          with_signature(good, small_order_r_signature(K1, signing_input_of(good))), bad,
          libsodium_only=True)
    spaced = json.dumps(claims(), separators=(", ", ": ")).encode()
    f.add("The payload re-encoded with spaces (same JSON value) under the original signature: "
          "the bytes verified are the bytes parsed.", REF_SIGNATURE,
          with_signature(jws(payload=spaced), signature), bad)
    reordered = json_bytes({"kid": "k1", "typ": "JWT", "alg": "EdDSA"})
    f.add("The header re-encoded with its members reordered under the original signature.",
          REF_SIGNATURE, with_signature(jws(reordered), signature), bad)
    f.add("alg switched from Ed25519 to EdDSA after signing.", REF_SIGNATURE,
          with_signature(good, signature_of(jws(header(alg="Ed25519")))), bad)
    f.add("Signed by the attacker's key, kid k1.", REF_SIGNATURE, jws(key=ATTACKER), bad)
    f.add("exp extended by an hour after signing (claims tampering).", REF_SIGNATURE,
          with_signature(jws(payload=claims(exp=1_700_007_200)), signature), bad)
    rfc8037_input, rfc8037_signature = RFC8037_TOKEN.rsplit(".", 1)
    require(rfc8037_signature.startswith("h"), "RFC 8037 signature changed")
    f.add("The RFC 8037 A.4 token with its first signature character changed ('h' to 'i'): "
          "invalid_signature, not malformed_token, because the payload (not JSON) is parsed "
          "only after the signature verifies.", "RFC 8037 Appendix A.4; " + REF_SIGNATURE,
          f"{rfc8037_input}.i{rfc8037_signature[1:]}", bad, keys=RFC8037_KEYS)
    return f


# --- Reference check ---------------------------------------------------------------------


def usable_for(jwk, alg: str) -> bool:
    return (isinstance(jwk, dict) and jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519"
            and jwk.get("use", "sig") == "sig" and "verify" in jwk.get("key_ops", ["verify"])
            and jwk.get("alg", alg) == alg)


def selected_jwk(vector: dict, pinned: dict) -> dict:
    head = json.loads(b64u_lenient(vector["token"].split(".")[0]))
    candidates = [jwk for jwk in pinned["keys"] if usable_for(jwk, head["alg"])]
    if "kid" in head:
        candidates = [jwk for jwk in candidates if jwk.get("kid") == head["kid"]]
    require(len(candidates) == 1, f"{vector['id']}: no single key selected")
    return candidates[0]


def check_signature(vector: dict, pinned: dict, check: Check) -> None:
    """Signature expectations, with libsodium and with `cryptography`."""
    expected = vector["expected"]
    code = expected.get("error")
    reaches_claims = expected["valid"] or code in AFTER_SIGNATURE_CODES or check.after_signature
    if not reaches_claims and code != "invalid_signature":
        return
    jwk = selected_jwk(vector, pinned)
    public_key = b64u_lenient(jwk["x"])
    message, signature = signing_input_of(vector["token"]), signature_of(vector["token"])
    by_sodium = SODIUM.verify(signature, message, public_key)
    by_openssl = cryptography_verifies(signature, message, public_key)
    require(by_sodium == reaches_claims, f"{vector['id']}: libsodium says {by_sodium}")
    require(by_openssl == (reaches_claims or check.libsodium_only),
            f"{vector['id']}: cryptography says {by_openssl}")
    if expected["valid"]:
        require(jwk.get("kid") == expected["kid"], f"{vector['id']}: wrong kid expected")


def check_key_set(vector: dict, pinned: dict) -> None:
    """Ed25519 keys are valid points unless the vector expects small_order_key."""
    points = [SODIUM.is_valid_point(b64u_lenient(jwk["x"])) for jwk in pinned["keys"]
              if isinstance(jwk, dict) and jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519"
              and isinstance(jwk.get("x"), str) and len(b64u_lenient(jwk["x"])) == 32]
    small_order = vector["expected"].get("key_set_error") == "small_order_key"
    require(all(points) != small_order, f"{vector['id']}: point validity disagrees")


def check_size(vector: dict) -> None:
    size = len(vector["token"].encode("utf-8"))
    limit = vector["options"].get("max_token_bytes", MAX_TOKEN_BYTES)
    too_large = vector["expected"].get("error") == "token_too_large"
    require((size > limit) == too_large, f"{vector['id']}: {size} bytes vs limit {limit}")


def check_token_file(vector_file: VectorFile) -> None:
    for vector, check in zip(vector_file.vectors, vector_file.checks):
        if "keys_text" in vector:
            require("key_set_error" in vector["expected"], f"{vector['id']}: keys_text is "
                    "only used for key sets that are refused")
            continue
        pinned = vector.get("keys", vector_file.keys)
        check_key_set(vector, pinned)
        if "key_set_error" not in vector["expected"]:
            check_size(vector)
            check_signature(vector, pinned, check)


def check_raw_file(raw_file: RawFile) -> None:
    for vector, check in zip(raw_file.vectors, raw_file.checks):
        arguments = [bytes.fromhex(vector[name])
                     for name in ("signature_hex", "message_hex", "public_key_hex")]
        by_sodium = SODIUM.verify(*arguments)
        by_openssl = cryptography_verifies(*arguments)
        require(by_sodium == vector["valid"], f"{vector['id']}: libsodium says {by_sodium}")
        require(by_openssl == (vector["valid"] or check.libsodium_only),
                f"{vector['id']}: cryptography says {by_openssl}")


def ids_of_other_groups() -> list:
    """Vector ids in Vectors/ groups this script does not write (ids are unique across all)."""
    paths = (path for path in sorted((ROOT / "Vectors").glob("*/*.json"))
             if path.parent.name not in GROUPS)
    return [vector["id"] for path in paths
            for vector in json.loads(path.read_text(encoding="utf-8")).get("vectors", [])]


def check_all(token_files: list, raw_files: list) -> None:
    ids = [v["id"] for f in token_files + raw_files for v in f.vectors] + ids_of_other_groups()
    require(len(ids) == len(set(ids)), "vector ids are not unique across Vectors/")
    for vector_file in token_files:
        check_token_file(vector_file)
    for raw_file in raw_files:
        check_raw_file(raw_file)
    core = [v["expected"] for f in token_files if f.group == "core" for v in f.vectors]
    covered = {e.get("error") for e in core} | {e.get("key_set_error") for e in core}
    require(TOKEN_CODES | KEY_SET_CODES <= covered,
            f"codes without a core vector: {sorted(TOKEN_CODES | KEY_SET_CODES - covered)}")
    require(len(core) >= 60, "fewer than 60 core vectors")
    adversarial = [v for f in token_files if f.group == "adversarial" for v in f.vectors]
    require(len(adversarial) >= 25, "fewer than 25 adversarial vectors")


# --- Output ----------------------------------------------------------------------------------


def render(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def is_generated(path: Path) -> bool:
    try:
        generator = json.loads(path.read_text(encoding="utf-8")).get("generator", "")
    except (ValueError, UnicodeDecodeError):
        return False
    return generator.startswith("Scripts/make_vectors.py")


def write_all(files: list) -> None:
    """Writes every file, then removes files this script wrote earlier that are gone now."""
    rendered = {vector_file.path: render(vector_file.document()) for vector_file in files}
    for path, text in rendered.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")
    for group in GROUPS:
        for path in sorted((ROOT / "Vectors" / group).glob("*.json")):
            if path not in rendered and is_generated(path):
                path.unlink()


def main() -> None:
    token_files = [
        core_rfc8037(), core_structure(), core_base64url(), core_header(), core_keys(),
        core_signature(), core_json(), core_claims(), core_time(), core_policy(), core_valid(),
        adversarial_algorithms(), adversarial_header(), adversarial_claims(),
        adversarial_encoding(), adversarial_signature(),
    ]
    raw_files = [raw_rfc8032()]
    check_all(token_files, raw_files)
    write_all(token_files + raw_files)
    for vector_file in token_files + raw_files:
        print(f"{len(vector_file.vectors):4d}  {vector_file.path.relative_to(ROOT)}")
    print(f"{sum(len(f.vectors) for f in token_files + raw_files):4d}  total")


if __name__ == "__main__":
    main()
