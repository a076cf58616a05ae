#!/usr/bin/env python3
"""Writes Vectors/keyset/statements.json: key-rotation conformance vectors.

Signed key-set statements and root statements (docs/key-rotation.md), in the JWS JSON General
Serialization, signed by this script with Python's `cryptography` (Ed25519), independently of
EdgeJWT's Swift code; tokens are compact JWTs signed the same way. Each case names a provisioned
trust root, statements to install in order with the expected outcome ("installed" or an error
code), and tokens to verify afterwards with the expected verdict.

Deterministic: fixed seeds, fixed times, Ed25519 signatures (deterministic by design), so two runs
give byte-identical files. Before writing, the script checks every signature it made with
`cryptography` again and stops without writing anything if one fails.

Usage, from the repository root:  python3 Scripts/make_keyset_vectors.py
Needs Python 3.11+ and the `cryptography` package.
"""

import base64
import json
import os
import sys

import cryptography
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors", "keyset", "statements.json")
GENERATOR = f"Scripts/make_keyset_vectors.py (cryptography {cryptography.__version__})"
NOW = 1_700_000_000
ISS = "https://id.example"
KEYSET_TYPE = "edgejwt-keyset+jws"
ROOT_TYPE = "edgejwt-root+jws"
CHECKS = []


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("ascii")


class Key:
    def __init__(self, kid: str, seed_byte: int):
        self.kid = kid
        self.private = Ed25519PrivateKey.from_private_bytes(bytes([seed_byte]) * 32)
        self.public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def jwk(self, **extra):
        jwk = {"kty": "OKP", "crv": "Ed25519", "kid": self.kid, "x": b64url(self.public)}
        jwk.update(extra)
        return jwk

    def sign(self, message: bytes) -> bytes:
        signature = self.private.sign(message)
        CHECKS.append((self.private.public_key(), signature, message))
        return signature


ROOT = [Key(f"root-{i}", 0x60 + i) for i in range(1, 4)]
NEXT = [Key(f"next-{i}", 0x70 + i) for i in range(1, 4)]
OTHER = Key("root-1", 0x7F)  # not a root key, but claims a root kid
A = Key("A", 0x81)
B = Key("B", 0x82)


def statement(payload: dict, signers, typ: str) -> str:
    payload_segment = b64url(compact(payload))
    signatures = []
    for key in signers:
        protected = b64url(compact({"alg": "EdDSA", "kid": key.kid, "typ": typ}))
        signature = key.sign(f"{protected}.{payload_segment}".encode("ascii"))
        signatures.append({"protected": protected, "signature": b64url(signature)})
    return json.dumps({"payload": payload_segment, "signatures": signatures}, separators=(",", ":"))


def root(seq: int, keys, threshold: int, signers, iat: int = NOW - 86_400) -> str:
    return statement({"seq": seq, "iat": iat, "threshold": threshold, "jwks": {"keys": [k.jwk() for k in keys]}}, signers, ROOT_TYPE)


def keyset(seq: int, jwks, signers, iss: str = ISS, iat: int = NOW - 60, exp: int = NOW + 30 * 86_400, typ: str = KEYSET_TYPE) -> str:
    return statement({"iss": iss, "seq": seq, "iat": iat, "exp": exp, "jwks": {"keys": jwks}}, signers, typ)


def token(key: Key) -> str:
    header = b64url(compact({"alg": "EdDSA", "kid": key.kid}))
    payload = b64url(compact({"iss": ISS}))
    return f"{header}.{payload}.{b64url(key.sign(f'{header}.{payload}'.encode('ascii')))}"


def tampered(text: str) -> str:
    document = json.loads(text)
    payload = json.loads(base64.urlsafe_b64decode(document["payload"] + "=="))
    payload["seq"] = payload["seq"] + 100
    document["payload"] = b64url(compact(payload))
    return json.dumps(document, separators=(",", ":"))


def main():
    roots = {
        "root-1": root(1, ROOT[:1], 1, ROOT[:1]),
        "root-2of3": root(1, ROOT, 2, ROOT[:2]),
        "root-1-next": root(2, NEXT[:1], 1, [ROOT[0], NEXT[0]]),
        "root-1-next-old-only": root(2, NEXT[:1], 1, [ROOT[0]]),
        "root-1-next-new-only": root(2, NEXT[:1], 1, [NEXT[0]]),
        "root-2of3-next": root(2, NEXT, 2, [ROOT[0], ROOT[2], NEXT[1], NEXT[2]]),
        "root-2of3-next-one-old": root(2, NEXT, 2, [ROOT[0], NEXT[1], NEXT[2]]),
    }
    s1 = keyset(1, [A.jwk()], ROOT[:1])
    statements = {
        "s1-A": s1,
        "s2-AB": keyset(2, [A.jwk(retire_at=NOW + 3_600), B.jwk(not_before=NOW - 60)], ROOT[:1]),
        "s1-A-typ-jwt": keyset(1, [A.jwk()], ROOT[:1], typ="JWT"),
        "s1-A-other-signer": keyset(1, [A.jwk()], [NEXT[0]]),
        "s1-A-impostor": keyset(1, [A.jwk()], [OTHER]),
        "s1-A-expired": keyset(1, [A.jwk()], ROOT[:1], iat=NOW - 7_200, exp=NOW),
        "s1-A-future": keyset(1, [A.jwk()], ROOT[:1], iat=NOW + 3_600),
        "s1-A-other-issuer": keyset(1, [A.jwk()], ROOT[:1], iss="https://other.example"),
        "s1-A-private": keyset(1, [A.jwk(d=b64url(bytes([0x81]) * 32))], ROOT[:1]),
        "s1-A-tampered": tampered(s1),
        "s1-A-one-of-3": keyset(1, [A.jwk()], ROOT[1:2]),
        "s1-A-two-of-3": keyset(1, [A.jwk()], [ROOT[2], ROOT[0]]),
        "s1-A-short": keyset(1, [A.jwk()], ROOT[:1], exp=NOW + 10),
        "s3-B-next": keyset(3, [B.jwk()], NEXT[:1]),
        "s3-B-old-root": keyset(3, [B.jwk()], ROOT[:1]),
        "s3-B-next-2of3": keyset(3, [B.jwk()], NEXT[1:3]),
    }
    tokens = {"by-A": token(A), "by-B": token(B)}

    def ok(kid):
        return {"valid": True, "kid": kid}

    def no(code):
        return {"valid": False, "error": code}

    def step(name, expected, kind="keyset"):
        return {"kind": kind, "file": name, "expected": expected}

    def check(name, expected, now=None):
        entry = {"token": name, "expected": expected}
        if now is not None:
            entry["now"] = now
        return entry

    cases = [
        ("A statement signed by the root is installed; its key verifies tokens.", "root-1",
         [step("s1-A", "installed")], [check("by-A", ok("A")), check("by-B", no("unknown_key"))]),
        ("With no statement installed every token is refused.", "root-1", [], [check("by-A", no("unknown_key"))]),
        ("An older sequence after a newer one is refused (anti-rollback); the newer stays in force.", "root-1",
         [step("s2-AB", "installed"), step("s1-A", "rollback")], [check("by-B", ok("B"))]),
        ("A statement whose typ is a token's is refused (explicit typing).", "root-1", [step("s1-A-typ-jwt", "wrong_type")], []),
        ("A root statement is not a key-set statement.", "root-1", [step("root-1-next", "wrong_type")], []),
        ("A statement signed by a key that is not a root key is refused.", "root-1", [step("s1-A-other-signer", "untrusted_signer")], []),
        ("A signature under a root kid by another key does not verify.", "root-1", [step("s1-A-impostor", "invalid_signature")], []),
        ("A payload changed after signing does not verify.", "root-1", [step("s1-A-tampered", "invalid_signature")], []),
        ("An expired statement is never installed.", "root-1", [step("s1-A-expired", "expired")], []),
        ("A statement issued beyond the leeway in the future is refused.", "root-1", [step("s1-A-future", "issued_in_future")], []),
        ("A statement for another issuer is refused.", "root-1", [step("s1-A-other-issuer", "issuer_mismatch")], []),
        ("Private key material in the statement's set is refused.", "root-1", [step("s1-A-private", "invalid_key_set")], []),
        ("A 2-of-3 root: one root signature is below the threshold.", "root-2of3", [step("s1-A-one-of-3", "below_threshold")], []),
        ("A 2-of-3 root: two root signatures meet the threshold.", "root-2of3", [step("s1-A-two-of-3", "installed")], [check("by-A", ok("A"))]),
        ("During the overlap both A and B verify; A fails from its retire_at; B is not active before its not_before.", "root-1",
         [step("s2-AB", "installed")],
         [check("by-A", ok("A")), check("by-B", ok("B")), check("by-A", ok("A"), NOW + 3_599),
          check("by-A", no("key_not_active"), NOW + 3_600), check("by-B", ok("B"), NOW + 3_600),
          check("by-B", no("key_not_active"), NOW - 61)]),
        ("An expired statement is used during the one-day grace period, then fails closed.", "root-1",
         [step("s1-A-short", "installed")],
         [check("by-A", ok("A"), NOW + 10 + 86_399), check("by-A", no("key_set_expired"), NOW + 10 + 86_400)]),
        ("Root rotation signed by the old and the new root: later statements must be signed by the new root.", "root-1",
         [step("s1-A", "installed"), step("root-1-next", "installed", "root"), step("s3-B-old-root", "untrusted_signer"),
          step("s3-B-next", "installed")],
         [check("by-B", ok("B")), check("by-A", no("unknown_key"))]),
        ("Root rotation without the new root's own signature is refused.", "root-1", [step("root-1-next-old-only", "untrusted_signer", "root")], []),
        ("Root rotation without the current root's signature is refused.", "root-1", [step("root-1-next-new-only", "untrusted_signer", "root")], []),
        ("A 2-of-3 root rotates to a 2-of-3 root: two old and two new signatures.", "root-2of3",
         [step("root-2of3-next", "installed", "root"), step("s3-B-next-2of3", "installed")], [check("by-B", ok("B"))]),
        ("A 2-of-3 root rotation with one old signature is below the current threshold.", "root-2of3",
         [step("root-2of3-next-one-old", "below_threshold", "root")], []),
        ("The current root's own statement again changes nothing.", "root-1", [step("root-1", "installed", "root")], []),
    ]
    vectors = []
    for number, (description, trust_root, install, verify) in enumerate(cases, start=1):
        vectors.append({
            "id": f"keyset-{number:03d}", "description": description, "reference": "docs/key-rotation.md",
            "trust_root": trust_root, "issuer": ISS, "now": NOW, "install": install, "verify": verify,
        })
    for public, signature, message in CHECKS:
        public.verify(signature, message)
    document = {
        "description": "Signed key-set statements and trust roots (docs/key-rotation.md): install outcomes and token verdicts. Format: Vectors/README.md, Key-rotation files.",
        "generator": GENERATOR,
        "roots": roots,
        "statements": statements,
        "tokens": tokens,
        "cases": vectors,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii") as output:
        output.write(json.dumps(document, indent=1) + "\n")
    print(f"{os.path.relpath(OUT)}: {len(vectors)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
