#!/usr/bin/env python3
"""Writes Vectors/status-list/*.json: Token Status List conformance vectors.

draft-ietf-oauth-status-list-20 (the IETF Token Status List), JWT form. Every Status List Token
and every referenced token here is signed by this script with Python's `cryptography` (Ed25519);
every `lst` is either taken verbatim from the draft (section 4.2 and Appendix C) or compressed by
Python's own `zlib`, so the vectors double as an interoperability check of EdgeJWT's inflate.

Deterministic: fixed seeds, fixed times, Ed25519 signatures (deterministic by design) and zlib at
fixed levels, so two runs give byte-identical files. Before writing, the script decodes every
draft `lst` and checks it against the statuses the draft lists, and checks every list it builds
by decompressing it again; it stops without writing anything if one disagrees.

Usage, from the repository root:  python3 Scripts/make_status_vectors.py
Needs Python 3.11+ and the `cryptography` package.
"""

import base64
import gzip
import hashlib
import json
import os
import random
import sys
import zlib

import cryptography
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors", "status-list")
GENERATOR = f"Scripts/make_status_vectors.py (cryptography {cryptography.__version__}, zlib {zlib.ZLIB_VERSION})"
DRAFT = "draft-ietf-oauth-status-list-20"
NOW = 1_700_000_000


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Key:
    """A deterministic Ed25519 key: the seed is SHA-256 of a label."""

    def __init__(self, kid: str, label: str):
        self.kid = kid
        self.private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())

    def jwk(self) -> dict:
        x = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "kid": self.kid, "x": b64url(x)}

    def sign(self, header: dict, payload: dict) -> str:
        signing_input = b64url(compact(header)) + "." + b64url(compact(payload))
        return signing_input + "." + b64url(self.private.sign(signing_input.encode("ascii")))


ISSUER = Key("status-k1", "EdgeJWT status-list vectors: status-k1")
SECOND = Key("status-k2", "EdgeJWT status-list vectors: status-k2")
ATTACKER = Key("status-k1", "EdgeJWT status-list vectors: not pinned")
KEYS = {"keys": [ISSUER.jwk(), SECOND.jwk()]}

LIST_HEADER = {"alg": "EdDSA", "kid": ISSUER.kid, "typ": "statuslist+jwt"}
TOKEN_HEADER = {"alg": "EdDSA", "kid": ISSUER.kid, "typ": "JWT"}


def list_token(uri, lst, bits=1, iat=NOW - 600, exp=NOW + 3600, ttl=43200, key=ISSUER, header=None, extra=None, drop=()):
    payload = {"sub": uri, "iat": iat}
    if exp is not None:
        payload["exp"] = exp
    if ttl is not None:
        payload["ttl"] = ttl
    payload["status_list"] = {"bits": bits, "lst": lst}
    payload.update(extra or {})
    for name in drop:
        payload.pop(name)
    return key.sign(header or dict(LIST_HEADER, kid=key.kid), payload)


def referenced_token(uri, idx, exp=NOW + 3600, status=None, key=ISSUER):
    payload = {"iss": "https://issuer.example", "sub": "device-42", "iat": NOW - 60, "exp": exp}
    payload["status"] = status if status is not None else {"status_list": {"idx": idx, "uri": uri}}
    return key.sign(TOKEN_HEADER, payload)


def expect(code=None):
    return {"valid": True, "kid": ISSUER.kid} if code is None else {"valid": False, "error": code}


VERDICT_FOR = {0: None, 1: "revoked", 2: "suspended"}


def verdict_for(value):
    return VERDICT_FOR.get(value, "revoked")


# ---------------------------------------------------------------------------------------------
# The draft's own examples, verbatim.

# §4.1 / §4.2, bits 1: byte array [0xb9, 0xa3].
DRAFT_BITS1 = ("eNrbuRgAAhcBXQ", 1, bytes([0xB9, 0xA3]),
               [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1])
# §4.1 / §4.2, bits 2: byte array [0xc9, 0x44, 0xf9].
DRAFT_BITS2 = ("eNo76fITAAPfAgc", 2, bytes([0xC9, 0x44, 0xF9]),
               [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3])

# Appendix C: 2^20 entries each; every value not listed is 0.
APPENDIX_C = {
    1: ("eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogE"
        "AAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAA"
        "A7KpLAAAAAAAAAAAAAAAAAAAAAJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAA"
        "ACAZC8L2AEb",
        {0: 1, 1993: 1, 25460: 1, 159495: 1, 495669: 1, 554353: 1, 645645: 1, 723232: 1,
         854545: 1, 934534: 1, 1000345: 1}, None),
    2: ("eNrt2zENACEQAEEuoaBABP5VIO01fCjIHTMStt9ovGV"
        "IAAAAAABAbiEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEB5WwIAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAID0ugQAAAAAAAAAAAAAAAAAQG12SgAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAOCSIQEAAAAAAAAAAAAAAAAAAAAAAAD8ExIAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwJEuAQAAAAAAAAAAAAAAAAAAAAAAAMB9S"
        "wIAAAAAAAAAAAAAAAAAAACoYUoAAAAAAAAAAAAAAEBqH81gAQw",
        {0: 1, 1993: 2, 25460: 1, 159495: 3, 495669: 1, 554353: 1, 645645: 2, 723232: 1,
         854545: 1, 934534: 2, 1000345: 3}, None),
    4: ("eNrt0EENgDAQADAIHwImkIIEJEwCUpCEBBQRHOy35Li"
        "1EjoOQGabAgAAAAAAAAAAAAAAAAAAACC1SQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABADrsCAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAADoxaEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIIoCgAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACArpwKAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAGhqVkAzlwIAAAAAiGVRAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAABx3AoAgLpVAQAAAAAAAAAAAAAAwM89rwMAAAAAAAAAA"
        "AjsA9xMBMA",
        {0: 1, 1993: 2, 35460: 3, 459495: 4, 595669: 5, 754353: 6, 845645: 7, 923232: 8,
         924445: 9, 934534: 10, 1004534: 11, 1000345: 12, 1030203: 13, 1030204: 14, 1030205: 15},
        None),
    # 8 bits: 256 listed entries, one per value 0..255 (status[233478] is the 0); a sample is
    # checked by index and the rest by "exactly 255 non-zero entries holding 1..255 once each".
    8: ("eNrt0WOQM2kYhtGsbdu2bdu2bdu2bdu2bdu2jVnU1my"
        "-SWYm6U5enFPVf7ue97orFYAo7CQBAACQuuckAABStqUEAAAAAAAAtN6wEgAE71QJA"
        "AAAAIrwhwQAAAAAAdtAAgAAAAAAACLwkAQAAAAAAAAAAACUaFcJAACAeJwkAQAAAAA"
        "AAABQvL4kAAAAWmJwCQAAAAAAAAjAwBIAAAB06ywJoDKQBARpfgkAAAAAAAAAAAAAA"
        "AAAAACo50sJAAAAAAAAAOiRcSQAAAAAgAJNKgEAAG23mgQAAAAAAECw3pUAQvegBAA"
        "AAAAAAADduE4CAAAAyjSvBAAQiw8koHjvSABAb-wlARCONyVoxtMSZOd0CQAAAOjWD"
        "RKQmLckAAAAAACysLYEQGcnSAAAAAAQooUlAABI15kSAIH5RAIgLB9LABC4_SUgGZN"
        "IAABAmM6RoLbTJIASzCIBAEAhfpcAAAAAAABquk8CAAAAAAAAaJl9SvvzBOICAFWmk"
        "IBgfSgBAAAANOgrCQAAAAAAAADStK8EAAC03gASAAAAAAAAAADFWFUCAAAAMjOaBEA"
        "DHpYAQjCIBADduFwCAAAAAGitMSSI3BUSAECOHpAA6IHrJQAAAAAAsjeVBAAAKRpVA"
        "orWvwQAAAAAAAAAkKRtJAAAAAAAgCbcLAF0bXUJAAAAoF02kYDg7CYBAAAAAEB6NpQ"
        "AAAAAAAAAAAAAAEr1uQQAAF06VgIAAAAAAAAAqDaeBAAQqgMkAAAAAABogQMlAAAAA"
        "AAa87MEAAAQiwslAAAAAAAAAAAAAAAAMrOyBAAAiekv-hcsY0Sgne6QAAAAAAAgaUt"
        "JAAAAAAAAAAAAAAAAAAAAAAAAAADwt-07vjVkAAAAgDy8KgFAUEaSAAAAAJL3vgQAW"
        "dhcAgAAoBHDSUDo1pQAAACI2o4SAABZm14CALoyuwQAAPznGQkgZwdLAAAQukclAAA"
        "AAAAAAAAAgKbMKgEAAAAAAAAAAAAAAAAAAECftpYAAAAAAAAAAAAACnaXBAAAAADk7"
        "iMJAAAAAAAAAABqe00CAnGbBBG4TAIAgFDdKgFAXCaWAAAAAAAAAAAAAAAAAKAJQwR"
        "72XbGAQAAAKAhh0sAAAAAAABQgO8kAAAAAAAAAAAAACAaM0kAAAC5W0QCAIJ3mAQAx"
        "GwxCQAA6nhSAsjZBRIAANEbWQIAAAAAaJE3JACAwA0qAUBIVpKAlphbAiAPp0iQnKE"
        "kAAAAAAAgBP1KAAAAdOl4CQAAAAAAAPjLZBIAAG10RtrPm8_CAEBMTpYAAAAAAIjQY"
        "BL8z5QSAAAAAEDYPpUAACAsj0gAAADQkHMlAAjHDxIA0Lg9JQAAgHDsLQEAAABAQS6"
        "WAAAAgLjNFs2l_RgLAIAEfCEBlGZZCQAAaIHjJACgtlskAAAozb0SAAAAVFtfAgAAA"
        "AAAAAAAAAAAAAAAAAAAAKDDtxIAAAAAVZaTAKB5W0kAANCAsSUgJ0tL0GqHSNBbL0g"
        "AZflRAgCARG0kQXNmlgCABiwkAQAAAEB25pIAAAAAAAAAAAAAoFh9SwAAAAAAADWNm"
        "OSrpjFsEoaRgDKcF9Q1dxsEAAAAAAAAAAAAAAAAgPZ6SQIAAAAAAAAAgChMLgEAAAA"
        "AAAAAqZlQAsK2qQQAAAAAAAD06XUJAAAAqG9bCQAAgLD9IgEAAAAAAAAAAAAAAAAAA"
        "EBNe0gAAAAAAAAAAEBPHSEBAAAAlOZtCYA4fS8B0GFRCQAo0gISAOTgNwmC840EAAA"
        "AAAAAAAAAAAAAAAAAUJydJfjXPBIAAAAAAAAAAAAAAABk6WwJAAAAAAAAAAAAAAAAq"
        "G8UCQAAgPpOlAAAIA83SQAANWwc9HUjGAgAAAAAAACAusaSAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAqHKVBACQjxklAAAAAAAAAKBHxpQAAAAAACBME0lAdlaUAACyt7sEAAAA0"
        "Nl0EgAAAAAAAAAAAABA-8wgAQAAAAAAAKU4SgKgUtlBAgAAAAAAAAAAgMCMLwEE51k"
        "JICdzSgCJGl2CsE0tAQAA0L11JQAAAAAAAAjUOhIAAAAAAAAAAAAAAGTqeQkAAAAAA"
        "AAAAAAAKM8SEjTrJwkAAAAAAACocqQEULgVJAAAACjDUxJUKgtKAAAAqbpRAgCA0n0"
        "mAQAAAABAGzwmAUCTLpUAAAAAAAAAAEjZNRIAAAAAAAAAAAAAAAAAAAAA8I-vJaAlh"
        "pQAAAAAAHrvzjJ-OqCuuVlLAojP8BJAr70sQZVDJYAgXS0BAAAAAAAAAAAAtMnyEgA"
        "AAAAAFONKCQAAAAAAAADorc0kAAAAAAAAgDqOlgAAAAAAAAAAAADIwv0SAAAAAAAAA"
        "AAAAADBuV0CIFVDSwAAAABAAI6RAAAAAGIwrQSEZAsJAABouRclAAAAAKDDrxIAAAA"
        "0bkkJgFiMKwEAAAAAAHQyhwRk7h4JAAAAAAAAAAAgatdKAACUYj0JAAAAAAAAAAAAQ"
        "nORBLTFJRIAAAAAkIaDJAAAAJryngQAAAAAAAAAAAA98oQEAAAAAAAAAEC2zpcgWY9"
        "LQKL2kwAgGK9IAAAAAPHaRQIAAAAAAAAAAADIxyoSAAAAAAAAAAAAAADQFotLAECz_"
        "gQ1PX-B",
        {233478: 0, 52451: 1, 576778: 2, 513575: 3, 468106: 4, 292632: 5, 55649: 14,
         416992: 15, 644903: 127, 502167: 128, 152133: 254, 19535: 255}, 255),
}
APPENDIX_ENTRIES = 1 << 20


def entry(data: bytes, bits: int, index: int) -> int:
    per_byte = 8 // bits
    return (data[index // per_byte] >> ((index % per_byte) * bits)) & ((1 << bits) - 1)


def check_draft_examples():
    for lst, bits, array, statuses in (DRAFT_BITS1, DRAFT_BITS2):
        data = zlib.decompress(b64url_decode(lst))
        assert data == array, f"§4.2 bits {bits}: {data.hex()} != {array.hex()}"
        assert [entry(data, bits, i) for i in range(len(statuses))] == statuses, f"§4.1 bits {bits}"
    for bits, (lst, listed, nonzero) in APPENDIX_C.items():
        data = zlib.decompress(b64url_decode(lst))
        assert len(data) == APPENDIX_ENTRIES * bits // 8, f"Appendix C bits {bits}: {len(data)} bytes"
        for index, value in listed.items():
            assert entry(data, bits, index) == value, f"Appendix C bits {bits}: status[{index}]"
        values = [entry(data, bits, i) for i in range(APPENDIX_ENTRIES)]
        found = {i: v for i, v in enumerate(values) if v}
        if nonzero is None:
            assert found == {i: v for i, v in listed.items() if v}, f"Appendix C bits {bits}: extra entries"
        else:
            assert len(found) == nonzero and sorted(found.values()) == list(range(1, 256)), "Appendix C bits 8"


# ---------------------------------------------------------------------------------------------
# Vector files.

def vector(vectors, prefix, description, reference, token, expected, lists=(), policy=None, now=NOW):
    options = {"now": now, "status_lists": list(lists)}
    if policy:
        options["status_list_policy"] = policy
    vectors.append({
        "id": f"{prefix}-{len(vectors) + 1:03d}",
        "description": description,
        "reference": reference,
        "token": token,
        "options": options,
        "expected": expected,
    })


def draft_examples():
    vectors = []
    prefix = "status-list-draft"
    uri = "https://example.com/statuslists/1"
    lst, bits, _, statuses = DRAFT_BITS1
    listed = list_token(uri, lst, bits)
    for index in (0, 1, 3, 6, 7, 8, 10, 14, 15):
        vector(vectors, prefix,
               f"§4.1 bits-1 example (lst verbatim): entry {index} is {statuses[index]}.",
               f"{DRAFT} §4.1, §4.2, §7.1", referenced_token(uri, index),
               expect(verdict_for(statuses[index])), [listed])
    vector(vectors, prefix, "§4.1 bits-1 example: index 16 is past the 16 entries: MUST reject.",
           f"{DRAFT} §8.3 step 6", referenced_token(uri, 16), expect("malformed_token"), [listed])

    uri2 = "https://example.com/statuslists/2"
    lst, bits, _, statuses = DRAFT_BITS2
    listed = list_token(uri2, lst, bits)
    for index in (0, 1, 2, 3, 4, 7, 8, 9, 11):
        vector(vectors, prefix,
               f"§4.1 bits-2 example (lst verbatim): entry {index} is {statuses[index]}.",
               f"{DRAFT} §4.1, §4.2, §7.1", referenced_token(uri2, index),
               expect(verdict_for(statuses[index])), [listed])
    vector(vectors, prefix, "§4.1 bits-2 example: index 12 is past the 12 entries: MUST reject.",
           f"{DRAFT} §8.3 step 6", referenced_token(uri2, 12), expect("malformed_token"), [listed])
    vector(vectors, prefix, "§4.1 bits-2 example: entry 3 is 0x03 (application-specific), accepted when the policy says so.",
           f"{DRAFT} §7.1", referenced_token(uri2, 3), expect(), [listed], {"accepted_statuses": [0, 3]})

    for bits, (lst, listed_statuses, _) in APPENDIX_C.items():
        uri_c = f"https://example.com/statuslists/appendix-c-{bits}"
        listed = list_token(uri_c, lst, bits)
        indices = sorted(listed_statuses)[:6] + [1, APPENDIX_ENTRIES - 1]
        for index in indices:
            value = listed_statuses.get(index, 0)
            vector(vectors, prefix,
                   f"Appendix C {bits}-bit test vector (lst verbatim): status[{index}] is {value}.",
                   f"{DRAFT} Appendix C, §7.1", referenced_token(uri_c, index),
                   expect(verdict_for(value)), [listed])
        vector(vectors, prefix, f"Appendix C {bits}-bit test vector: index 2^20 is out of range.",
               f"{DRAFT} §8.3 step 6", referenced_token(uri_c, APPENDIX_ENTRIES), expect("malformed_token"), [listed])
    vector(vectors, prefix, "Appendix C 4-bit test vector: status[1030204] is 14 (application-specific), accepted by policy.",
           f"{DRAFT} §7.1", referenced_token("https://example.com/statuslists/appendix-c-4", 1030204), expect(),
           [list_token("https://example.com/statuslists/appendix-c-4", APPENDIX_C[4][0], 4)],
           {"accepted_statuses": [0, 14]})
    return {"description": "The draft's own Status List examples (§4.1/§4.2 and Appendix C), lst verbatim, "
                           "each signed into a Status List Token and read through a referenced token.",
            "generator": GENERATOR, "keys": KEYS, "vectors": vectors}


def interop():
    """Lists compressed by Python's zlib at levels 0 (stored blocks), 1 and 9."""
    vectors = []
    prefix = "status-list-interop"
    rng = random.Random(20)
    for bits in (1, 2, 4, 8):
        entries = 8_192 if bits < 8 else 2_048
        values = [0] * entries
        for index in rng.sample(range(entries), entries // 20):
            values[index] = rng.randrange(1, 1 << bits)
        per_byte = 8 // bits
        data = bytearray((entries + per_byte - 1) // per_byte)
        for index, value in enumerate(values):
            data[index // per_byte] |= value << ((index % per_byte) * bits)
        for level in (0, 1, 9):
            compressed = zlib.compress(bytes(data), level)
            assert zlib.decompress(compressed) == data
            uri = f"https://issuer.example/statuslists/interop-{bits}-{level}"
            listed = list_token(uri, b64url(compressed), bits)
            picks = [per_byte - 1, per_byte, entries - 1] + sorted(i for i, v in enumerate(values) if v)[:2]
            for index in picks:
                vector(vectors, prefix,
                       f"{entries} {bits}-bit entries compressed by Python zlib level {level}: entry {index} is {values[index]}.",
                       f"{DRAFT} §4.1 step 4 (ZLIB, RFC 1950)", referenced_token(uri, index),
                       expect(verdict_for(values[index])), [listed])
    return {"description": "Interoperability: Status Lists compressed by Python's zlib (stored, fast and best "
                           "compression) are decompressed and read by EdgeJWT.",
            "generator": GENERATOR, "keys": KEYS, "vectors": vectors}


def validation():
    """Relying-party rules of §8.3 and EdgeJWT's fail-closed policy."""
    vectors = []
    prefix = "status-list-rules"
    uri = "https://issuer.example/statuslists/7"
    array = bytes([0b00_10_01_00, 0, 0, 0])  # 2 bits: entry 0 = 0, entry 1 = 1, entry 2 = 2
    lst = b64url(zlib.compress(array, 9))
    fresh = list_token(uri, lst, 2)
    add = lambda *args, **kwargs: vector(vectors, prefix, *args, **kwargs)

    add("A VALID entry: the token is accepted.", f"{DRAFT} §7.1", referenced_token(uri, 0), expect(), [fresh])
    add("An INVALID entry: revoked.", f"{DRAFT} §7.1", referenced_token(uri, 1), expect("revoked"), [fresh])
    add("A SUSPENDED entry: suspended.", f"{DRAFT} §7.1", referenced_token(uri, 2), expect("suspended"), [fresh])
    add("A token without a status claim is not this check's business by default.",
        f"{DRAFT} §6.1", ISSUER.sign(TOKEN_HEADER, {"sub": "device-42", "exp": NOW + 3600}), expect(), [fresh])
    add("A token without a status claim, when the policy requires one.",
        "EdgeJWT StatusListPolicy.requiresStatusClaim", ISSUER.sign(TOKEN_HEADER, {"sub": "device-42", "exp": NOW + 3600}),
        expect("missing_claim"), [fresh], {"requires_status_claim": True})
    add("A status claim with another mechanism only (no status_list) passes by default.",
        f"{DRAFT} §6.1", referenced_token(uri, 0, status={"other_mechanism": {"id": 1}}), expect(), [fresh])
    add("No list installed for the token's uri: fail closed.", f"{DRAFT} §8.3 (Issue 4: fail closed)",
        referenced_token(uri, 0), expect("status_unavailable"), [])
    add("No list installed, explicit opt-out: accepted.", "EdgeJWT StatusListPolicy.acceptsUnavailableList",
        referenced_token(uri, 1), expect(), [], {"accepts_unavailable_list": True})
    add("A list whose sub differs from the token's uri is never used.", f"{DRAFT} §5.1 sub, §8.3 step 4a",
        referenced_token(uri + "-other", 0), expect("status_unavailable"), [fresh])
    composed = "https://issuer.example/statuslists/caf\u00e9"
    add("List URIs are compared code unit by code unit: a canonically equivalent uri (e + U+0301) finds no list.",
        "RFC 3986 §6.2.1; RFC 7519 §7.3", referenced_token("https://issuer.example/statuslists/cafe\u0301", 1),
        expect("status_unavailable"), [list_token(composed, lst, 2)])
    add("A list signed by the second pinned key (chosen by kid) is used.", f"{DRAFT} §11.3",
        referenced_token(uri, 1), expect("revoked"), [list_token(uri, lst, 2, key=SECOND)])
    add("Index past the end: MUST reject.", f"{DRAFT} §8.3 step 6", referenced_token(uri, 16), expect("malformed_token"), [fresh])
    add("Index far past the end, larger than 64 bits.", f"{DRAFT} §8.3 step 6",
        referenced_token(uri, 0, status={"status_list": {"idx": 10**30, "uri": uri}}), expect("malformed_token"), [fresh])
    for bad, what in ((-1, "negative"), (1.5, "fractional"), ("1", "a string"), (None, "null")):
        add(f"idx {what}: not a non-negative integer.", f"{DRAFT} §6.2",
            referenced_token(uri, 0, status={"status_list": {"idx": bad, "uri": uri}}), expect("malformed_token"), [fresh])
    add("idx missing.", f"{DRAFT} §6.2", referenced_token(uri, 0, status={"status_list": {"uri": uri}}),
        expect("malformed_token"), [fresh])
    add("uri not a string.", f"{DRAFT} §6.2", referenced_token(uri, 0, status={"status_list": {"idx": 0, "uri": 7}}),
        expect("malformed_token"), [fresh])
    add("status not an object.", f"{DRAFT} §6.2", referenced_token(uri, 0, status="revoked"), expect("malformed_token"), [fresh])
    add("status.status_list not an object.", f"{DRAFT} §6.2", referenced_token(uri, 0, status={"status_list": [0, uri]}),
        expect("malformed_token"), [fresh])

    expired = list_token(uri, lst, 2, iat=NOW - 7200, exp=NOW - 1, ttl=None)
    add("The list's exp has passed: stale.", f"{DRAFT} §8.3 step 4c, §13.7", referenced_token(uri, 0),
        expect("revocation_list_stale"), [expired])
    add("exp exactly now: stale (exp is the first instant the list is expired).", "RFC 7519 §4.1.4",
        referenced_token(uri, 0), expect("revocation_list_stale"), [list_token(uri, lst, 2, iat=NOW - 7200, exp=NOW, ttl=None)])
    add("exp passed, within the policy's leeway: usable.", "EdgeJWT StatusListPolicy.leeway",
        referenced_token(uri, 0), expect(), [expired], {"leeway": 5})
    add("An expired list stays stale even with the missing-list opt-out.", "EdgeJWT StatusListPolicy.acceptsUnavailableList",
        referenced_token(uri, 0), expect("revocation_list_stale"), [expired], {"accepts_unavailable_list": True})
    ttl_passed = list_token(uri, lst, 2, iat=NOW - 7200, exp=NOW + 3600, ttl=3600)
    add("iat + ttl has passed: stale by default (no fresh copy on this device).", f"{DRAFT} §8.3 step 4d, §13.7",
        referenced_token(uri, 0), expect("revocation_list_stale"), [ttl_passed])
    add("iat + ttl has passed, ttl read as a refresh hint only: usable until exp.", f"{DRAFT} §13.7",
        referenced_token(uri, 0), expect(), [ttl_passed], {"time_to_live": "refresh_hint"})
    add("iat + ttl not yet reached: usable.", f"{DRAFT} §13.7",
        referenced_token(uri, 1), expect("revoked"), [list_token(uri, lst, 2, iat=NOW - 7200, exp=None, ttl=7201)])
    no_bounds = list_token(uri, lst, 2, iat=NOW - 7200, exp=None, ttl=None)
    add("A list with neither exp nor ttl is usable by default.", f"{DRAFT} §5.1", referenced_token(uri, 0), expect(), [no_bounds])
    add("A list with neither exp nor ttl, older than the policy's maximum age: stale.", "EdgeJWT StatusListPolicy.maxListAge",
        referenced_token(uri, 0), expect("revocation_list_stale"), [no_bounds], {"max_list_age": 3600})
    add("A list not valid before a future nbf: stale.", "RFC 7519 §4.1.5",
        referenced_token(uri, 0), expect("revocation_list_stale"), [list_token(uri, lst, 2, extra={"nbf": NOW + 600})])
    add("Token rules come first: an expired token with a VALID entry is expired.", f"{DRAFT} §7.1, §8.3",
        referenced_token(uri, 0, exp=NOW - 3600), expect("expired"), [fresh])
    add("Token rules come first: a bad signature is refused before any status lookup.", f"{DRAFT} §8.3",
        referenced_token(uri, 0, key=ATTACKER), expect("invalid_signature"), [fresh])

    older = list_token(uri, lst, 2, iat=NOW - 900)
    newer_lst = b64url(zlib.compress(bytes([0b00_00_00_01, 0, 0, 0]), 9))  # entry 0 revoked, entry 1 valid
    newer = list_token(uri, newer_lst, 2, iat=NOW - 300)
    add("A newer list replaces the older one: entry 1 is now VALID.", "EdgeJWT anti-rollback (docs/status-list.md)",
        referenced_token(uri, 1), expect(), [older, newer])
    add("A newer list replaces the older one: entry 0 is now INVALID.", "EdgeJWT anti-rollback (docs/status-list.md)",
        referenced_token(uri, 0), expect("revoked"), [older, newer])
    add("An older list after a newer one is refused (rollback).", "EdgeJWT anti-rollback (docs/status-list.md)",
        referenced_token(uri, 1), {"status_list_error": "rollback"}, [newer, older])
    add("The same list installed twice is not a rollback.", "EdgeJWT anti-rollback (docs/status-list.md)",
        referenced_token(uri, 1), expect("revoked"), [fresh, fresh])
    return {"description": "Relying-party rules of draft §8.3 and EdgeJWT's fail-closed status policy.",
            "generator": GENERATOR, "keys": KEYS, "vectors": vectors}


def install_errors():
    """Status List Tokens that must never be installed."""
    vectors = []
    prefix = "status-list-install"
    uri = "https://issuer.example/statuslists/9"
    data = bytes([0xFF, 0x00])
    good = zlib.compress(data, 9)
    lst = b64url(good)
    token = referenced_token(uri, 0)
    add = lambda description, reference, listed, code: vector(
        vectors, prefix, description, reference, token, {"status_list_error": code}, [listed])

    valid = list_token(uri, lst)
    head, body, signature = valid.split(".")
    flipped = bytearray(b64url_decode(signature))
    flipped[5] ^= 0x01
    add("Signature bit flipped.", f"{DRAFT} §5.1 rule 2", f"{head}.{body}.{b64url(bytes(flipped))}", "invalid_signature")
    add("Signed by a key outside the pinned set, under a pinned kid.", f"{DRAFT} §5.1 rule 2",
        list_token(uri, lst, key=ATTACKER), "invalid_signature")
    add("Signed under a kid that is not pinned.", "EdgeJWT key selection (Vectors/README.md)",
        list_token(uri, lst, header=dict(LIST_HEADER, kid="status-k9")), "unknown_key")
    add("alg HS256 (a MAC) is not accepted.", "RFC 8725 §3.1",
        list_token(uri, lst, header=dict(LIST_HEADER, alg="HS256")), "unsupported_algorithm")
    add("typ JWT instead of statuslist+jwt.", f"{DRAFT} §5.1", list_token(uri, lst, header=dict(LIST_HEADER, typ="JWT")), "type_mismatch")
    add("typ missing.", f"{DRAFT} §5.1",
        list_token(uri, lst, header={"alg": "EdDSA", "kid": ISSUER.kid}), "type_mismatch")
    add("A referenced token passed as a list (typ JWT, no status_list).", f"{DRAFT} §5.1", token, "type_mismatch")
    for claim in ("sub", "iat", "status_list"):
        add(f"{claim} missing.", f"{DRAFT} §5.1", list_token(uri, lst, drop=(claim,)), "missing_claim")
    for bits, what in ((3, "3"), (16, "16"), (0, "0"), ("1", "the string \"1\""), (1.0, "1.0")):
        add(f"bits {what} is not the integer 1, 2, 4 or 8.", f"{DRAFT} §4.2", list_token(uri, lst, bits=bits), "malformed_list")
    padded = base64.urlsafe_b64encode(good).decode("ascii")
    assert padded.endswith("=")
    add("lst with base64 padding.", f"{DRAFT} §4.2, §3 (base64url)", list_token(uri, padded), "malformed_list")
    add("lst not a string.", f"{DRAFT} §4.2", list_token(uri, [0xFF, 0x00]), "malformed_list")
    add("status_list not an object.", f"{DRAFT} §5.1",
        ISSUER.sign(LIST_HEADER, {"sub": uri, "iat": NOW - 600, "status_list": lst}), "malformed_list")
    for ttl, what in ((0, "zero"), (-60, "negative"), ("3600", "a string")):
        add(f"ttl {what} is not a positive number.", f"{DRAFT} §5.1", list_token(uri, lst, ttl=ttl), "malformed_list")
    add("iat not a NumericDate.", "RFC 7519 §4.1.6", list_token(uri, lst, iat="yesterday"), "malformed_list")
    add("lst is gzip (RFC 1952), not ZLIB.", f"{DRAFT} §4.1 step 4",
        list_token(uri, b64url(gzip.compress(data, mtime=0))), "invalid_compression")
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    add("lst is raw DEFLATE without the ZLIB wrapper.", f"{DRAFT} §4.1 step 4",
        list_token(uri, b64url(raw.compress(data) + raw.flush())), "invalid_compression")
    add("lst truncated (Adler-32 trailer cut).", "RFC 1950 §2.2", list_token(uri, b64url(good[:-2])), "invalid_compression")
    bad_check = bytearray(good)
    bad_check[-1] ^= 0x01
    add("lst with a wrong Adler-32 checksum.", "RFC 1950 §2.2", list_token(uri, b64url(bytes(bad_check))), "invalid_compression")
    add("lst with bytes after the end of the ZLIB stream.", "RFC 1950 §2.2", list_token(uri, b64url(good + b"\x00")), "invalid_compression")
    add("lst empty.", f"{DRAFT} §4.1", list_token(uri, ""), "invalid_compression")
    bomb = zlib.compress(bytes(100 << 20), 9)
    add(f"A zip bomb: {len(bomb)} compressed bytes that inflate to 100 MiB, past the 16 MiB cap.",
        "EdgeJWT StatusList.Limits.maxListBytes", list_token(uri, b64url(bomb)), "list_too_large")
    return {"description": "Status List Tokens that are never installed: signature, key, type, claims, "
                           "encoding and compression defects, and a zip bomb.",
            "generator": GENERATOR, "keys": KEYS, "vectors": vectors}


def main():
    check_draft_examples()
    files = {
        "draft-examples.json": draft_examples(),
        "rules.json": validation(),
        "install.json": install_errors(),
        "interop.json": interop(),
    }
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, document in files.items():
        with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
        print(f"{name}: {len(document['vectors'])} vectors")


if __name__ == "__main__":
    sys.exit(main())
