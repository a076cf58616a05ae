#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus, Fuzz/corpus/<target>/, from the conformance vectors.

    python3 Fuzz/make_corpus.py

Each seed is the input format of its target (see the target's source): tokens, JSON texts,
base64url segments and JWK Sets taken from Vectors/; Status List `lst` streams (from the
vectors, plus zlib streams made here: every level, a bomb, raw DEFLATE, gzip, a preset
dictionary, truncated, trailing bytes); revocation lists from Vectors/revocation/ with their
`kid` set to k1 and their signature removed (the harness signs), and as they are (raw mode).

Deterministic: the same Vectors/ give the same files. Seeds are named <source>-<nnn>; the
directory is replaced on each run. The committed corpus is this output after fuzzing and
minimizing (`Scripts/fuzz.sh --merge`: only inputs that add coverage are kept, under libFuzzer's
content-hash names). Needs only the Python standard library.
"""

import base64
import hashlib
import json
import shutil
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "corpus"
MAX_SEED_BYTES = 20_000


def b64u_lenient(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_vectors():
    """(file stem, token) for every token in Vectors/, in file order."""
    for path in sorted((ROOT / "Vectors").glob("*/*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for vector in document.get("vectors", []):
            if isinstance(vector.get("token"), str):
                yield f"{path.parent.name}-{path.stem}", vector["token"]
            for token in vector.get("options", {}).get("status_lists", []):
                yield f"{path.parent.name}-{path.stem}-list", token


def key_sets():
    """Every JWK Set text in Vectors/ (documents, vectors and raw keys_text)."""
    for path in sorted((ROOT / "Vectors").glob("*/*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for name in ("keys", "revocation_publisher_keys"):
            if name in document:
                yield f"{path.parent.name}-{path.stem}", json.dumps(document[name]).encode()
        for vector in document.get("vectors", []):
            if "keys" in vector:
                yield f"{path.parent.name}-{path.stem}", json.dumps(vector["keys"]).encode()
            if "keys_text" in vector:
                yield f"{path.parent.name}-{path.stem}-text", vector["keys_text"].encode("utf-8")


def segments(token: str):
    """The decoded header and payload of a token, when both decode (leniently)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        return b64u_lenient(parts[0]), b64u_lenient(parts[1])
    except ValueError:
        return None


class Seeds:
    def __init__(self, target: str) -> None:
        self.target = target
        self.seen = set()
        self.count = {}
        self.directory = CORPUS / target

    def add(self, source: str, data: bytes) -> None:
        if len(data) > MAX_SEED_BYTES or data in self.seen:
            return
        self.seen.add(data)
        number = self.count[source] = self.count.get(source, 0) + 1
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / f"{source}-{number:03d}").write_bytes(data)


def verify_seeds() -> None:
    seeds = Seeds("fuzz-verify")
    for source, token in token_vectors():
        seeds.add(source, token.encode("utf-8"))
    seeds.add("edge", b"")
    seeds.add("edge", b"..")
    seeds.add("edge", b"a.b.c.d.e")


def verify_signed_seeds() -> None:
    seeds = Seeds("fuzz-verify-signed")
    for source, token in token_vectors():
        decoded = segments(token)
        if decoded and len(decoded[0]) <= 255:
            seeds.add(source, bytes([len(decoded[0])]) + decoded[0] + decoded[1])


def json_seeds() -> None:
    seeds = Seeds("fuzz-json")
    for source, token in token_vectors():
        for part in segments(token) or ():
            seeds.add(source, part)
    for source, text in key_sets():
        seeds.add(f"jwks-{source}", text)
    for text in [b"{}", b"[]", b"0", b"-0.0e+0", b"1E400", b'"\\u0000\\ud83d\\ude00\\/"', b" \t\r\n null ",
                 b'{"a":{"b":[true,false,null,1.5,"x"]}}', b"[" * 40 + b"]" * 40, b'{"a":1,"\\u0061":2}',
                 '"\u00e9\u2028\U0001f600"'.encode(), b"\xef\xbb\xbf{}", b'"\xed\xa0\x80"']:
        seeds.add("edge", text)


def base64url_seeds() -> None:
    seeds = Seeds("fuzz-base64url")
    for source, token in token_vectors():
        for part in token.split(".")[:3]:
            seeds.add(source, part.encode("utf-8"))
    for text in [b"", b"A", b"AA", b"AB", b"AAA", b"AAB", b"AAAA", b"-_", b"+/", b"AA==", b"A A"]:
        seeds.add("edge", text)


def jwks_seeds() -> None:
    seeds = Seeds("fuzz-jwks")
    for source, text in key_sets():
        seeds.add(source, text)


def status_list_seeds() -> None:
    """Byte 0: 0x80 | anything = a whole list token; else bits selector (0-3) + compressed lst."""
    seeds = Seeds("fuzz-status-list")
    bits_selector = {1: 0, 2: 1, 4: 2, 8: 3}
    for source, token in token_vectors():
        if not source.startswith("status-list"):
            continue
        decoded = segments(token)
        if not decoded:
            continue
        try:
            claims = json.loads(decoded[1])
        except ValueError:
            continue
        status_list = claims.get("status_list") if isinstance(claims, dict) else None
        if not isinstance(status_list, dict):
            continue
        seeds.add(source + "-token", b"\x80" + token.encode())
        bits, lst = status_list.get("bits"), status_list.get("lst")
        if bits in bits_selector and isinstance(lst, str):
            try:
                seeds.add(source + "-lst", bytes([bits_selector[bits]]) + b64u_lenient(lst))
            except ValueError:
                pass
    pattern = bytes(range(256)) * 4
    for level in range(10):
        seeds.add("zlib", bytes([level % 4]) + zlib.compress(pattern, level))
    seeds.add("zlib-bomb", b"\x00" + zlib.compress(bytes(1 << 20), 9))
    seeds.add("zlib-empty", b"\x03" + zlib.compress(b""))
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    seeds.add("raw-deflate", b"\x00" + raw.compress(pattern) + raw.flush())
    gzip = zlib.compressobj(9, zlib.DEFLATED, 31)
    seeds.add("gzip", b"\x00" + gzip.compress(pattern) + gzip.flush())
    preset = zlib.compressobj(9, zlib.DEFLATED, 15, zdict=b"EdgeJWT status list dictionary")
    seeds.add("preset-dictionary", b"\x00" + preset.compress(pattern) + preset.flush())
    whole = zlib.compress(pattern, 6)
    seeds.add("truncated", b"\x01" + whole[:-5])
    seeds.add("trailing", b"\x02" + whole + b"\x00")
    seeds.add("bad-adler", b"\x03" + whole[:-1] + bytes([whole[-1] ^ 1]))


def revocation_header(kind, sequence, base, kid=b"k1", name=b"fuzz"):
    now = 1_700_000_000
    return (b"EJRL" + bytes([1, kind]) + b"\0\0\0\0"
            + struct.pack(">QQQQQ", sequence, base, now - 100, now + 30 * 86_400, now - 86_400)
            + b"\x11" * 32 + bytes([len(kid)]) + kid + bytes([len(name)]) + name)


def revocation_seeds() -> None:
    """Byte 0: 0 = a whole signed file; else an unsigned list (the harness signs it with k1)."""
    seeds = Seeds("fuzz-revocation-list")
    empty_body = struct.pack(">III", 0, 0, 0)
    seeds.add("empty", b"\x01" + revocation_header(1, 2, 0) + empty_body)
    kids = struct.pack(">I", 0) + struct.pack(">I", 0) + struct.pack(">I", 2)
    kids += bytes([2]) + b"k2" + struct.pack(">Q", 2**64 - 1) + bytes([2]) + b"k3" + struct.pack(">Q", 1_800_000_000)
    seeds.add("kids", b"\x01" + revocation_header(1, 2, 0) + kids)
    subjects = sorted(hashlib.sha256(b"subject %d" % i).digest()[:16] for i in range(3))
    body = struct.pack(">I", 0) + struct.pack(">I", len(subjects))
    body += b"".join(s + struct.pack(">QQ", 1_699_000_000, 2**64 - 1) for s in subjects) + struct.pack(">I", 0)
    seeds.add("subjects", b"\x01" + revocation_header(1, 2, 0) + body)
    day = (1_700_000_000 + 86_400) // 86_400
    group = struct.pack(">IIBB", day, 1, 49, 0) + struct.pack(">I", 1) + bytes(7)
    seeds.add("group", b"\x01" + revocation_header(1, 2, 0) + struct.pack(">I", 1) + group + struct.pack(">II", 0, 0))
    seeds.add("delta-empty", b"\x01" + revocation_header(2, 2, 1) + bytes(64) + struct.pack(">IIIII", 0, 0, 0, 0, 0))
    for path in sorted((ROOT / "Vectors" / "revocation").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for name, text in sorted(document.get("revocation_lists", {}).items()):
            data = b64u_lenient(text)
            seeds.add(f"revocation-{path.stem}-raw", b"\x00" + data)
            if len(data) > 83 + 64 and data[:4] == b"EJRL":
                kid_length = data[82]
                rest = data[83 + kid_length:-64]
                seeds.add(f"revocation-{path.stem}-k1", b"\x01" + data[:82] + bytes([2]) + b"k1" + rest)


def main() -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for make in (verify_seeds, verify_signed_seeds, json_seeds, base64url_seeds, jwks_seeds,
                 status_list_seeds, revocation_seeds):
        make()
    total = 0
    for directory in sorted(CORPUS.iterdir()):
        files = list(directory.iterdir())
        size = sum(f.stat().st_size for f in files)
        total += size
        print(f"{len(files):5d} seeds {size:9d} bytes  {directory.relative_to(ROOT)}")
    print(f"{'':17s}{total:9d} bytes  total")


if __name__ == "__main__":
    main()
