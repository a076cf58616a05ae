#!/usr/bin/env python3
"""Independent check of the compact revocation list vectors (docs/revocation-format.md).

Reads every Vectors/revocation/compact-list*.json, and for each published snapshot:
verifies the Ed25519 signature with the publisher's JWK Set (pyca/cryptography), parses the
header and body by the format's rules (version, widths, capacity, canonical bucket exponent,
order, zero padding), then re-derives every entry of the document it was built from with this
file's own keyed hashes -- BLAKE2b (hashlib) for version 1, SipHash-2-4 and SipHash-128
written here from the SipHash paper (Aumasson and Bernstein, 2012) for version 2 -- and checks
that each is found and that unlisted ones are not. The Swift side hashes with libsodium, so the
two implementations must agree bit for bit.

    python3 Scripts/check_revocation_vectors.py [VECTOR_DIR]

Exit status 0 when everything holds, 1 with a message otherwise.
"""

import base64
import glob
import hashlib
import json
import os
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MASK = (1 << 64) - 1
NO_EXPIRY_DAY = 0xFFFFFFFF


def rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & MASK


def sip_round(v0, v1, v2, v3):
    v0 = (v0 + v1) & MASK
    v1 = rotl(v1, 13) ^ v0
    v0 = rotl(v0, 32)
    v2 = (v2 + v3) & MASK
    v3 = rotl(v3, 16) ^ v2
    v0 = (v0 + v3) & MASK
    v3 = rotl(v3, 21) ^ v0
    v2 = (v2 + v1) & MASK
    v1 = rotl(v1, 17) ^ v2
    v2 = rotl(v2, 32)
    return v0, v1, v2, v3


def siphash(key, message, wide=False, c=2, d=4):
    """SipHash-c-d of `message` under a 16-byte key: an int (64-bit) or, wide, 16 bytes."""
    k0, k1 = struct.unpack("<QQ", key)
    v0 = k0 ^ 0x736F6D6570736575
    v1 = k1 ^ 0x646F72616E646F6D
    v2 = k0 ^ 0x6C7967656E657261
    v3 = k1 ^ 0x7465646279746573
    if wide:
        v1 ^= 0xEE
    tail = len(message) % 8
    blocks = message[: len(message) - tail]
    for offset in range(0, len(blocks), 8):
        (m,) = struct.unpack("<Q", blocks[offset : offset + 8])
        v3 ^= m
        for _ in range(c):
            v0, v1, v2, v3 = sip_round(v0, v1, v2, v3)
        v0 ^= m
    last = (len(message) & 0xFF) << 56
    for index, byte in enumerate(message[len(message) - tail :]):
        last |= byte << (8 * index)
    v3 ^= last
    for _ in range(c):
        v0, v1, v2, v3 = sip_round(v0, v1, v2, v3)
    v0 ^= last
    v2 ^= 0xEE if wide else 0xFF
    for _ in range(d):
        v0, v1, v2, v3 = sip_round(v0, v1, v2, v3)
    first = v0 ^ v1 ^ v2 ^ v3
    if not wide:
        return first
    v1 ^= 0xDD
    for _ in range(d):
        v0, v1, v2, v3 = sip_round(v0, v1, v2, v3)
    second = v0 ^ v1 ^ v2 ^ v3
    return struct.pack("<QQ", first, second)


def check_siphash_reference():
    """The paper's Appendix A: key 00..0f, message 00..0e, SipHash-2-4 = a129ca6149be45e5."""
    value = siphash(bytes(range(16)), bytes(range(15)))
    if value != 0xA129CA6149BE45E5:
        fail(f"SipHash-2-4 gives {value:016x} on the paper's vector, not a129ca6149be45e5")


def framed(tag, first, second):
    return bytes([tag]) + struct.pack(">I", len(first)) + first + struct.pack(">I", len(second)) + second


def token_hash(version, salt, iss, jti):
    """H of a token entry: a 64-bit int (docs/revocation-format.md §3)."""
    message = framed(0x01, iss.encode(), jti.encode())
    if version == 1:
        return int.from_bytes(hashlib.blake2b(message, key=salt, digest_size=16).digest()[:8], "big")
    return siphash(salt[:16], message)


def subject_fingerprint(version, salt, iss, sub):
    """The 16 bytes of a subject entry."""
    message = framed(0x02, iss.encode(), sub.encode())
    if version == 1:
        return hashlib.blake2b(message, key=salt, digest_size=16).digest()
    return siphash(salt[16:], message, wide=True)


def margin(version):
    return 33 if version == 1 else 32


def canonical_bucket_bits(version, n, q):
    best, best_size = 0, None
    for b in range(0, min(24, q - margin(version)) + 1):
        size = (4 << b) + (n * (q - b) + 7) // 8
        if best_size is None or size < best_size:
            best, best_size = b, size
    return best


class Reader:
    def __init__(self, data, offset, end):
        self.data, self.offset, self.end = data, offset, end

    def take(self, count):
        if count < 0 or self.offset + count > self.end:
            fail(f"a field at byte {self.offset} runs past the body")
        chunk = self.data[self.offset : self.offset + count]
        self.offset += count
        return chunk

    def u8(self):
        return self.take(1)[0]

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def u64(self):
        return struct.unpack(">Q", self.take(8))[0]


def read_packed(data, count, width):
    bits = int.from_bytes(data, "big")
    total = len(data) * 8
    values = [(bits >> (total - (index + 1) * width)) & ((1 << width) - 1) for index in range(count)]
    if bits & ((1 << (total - count * width)) - 1):
        fail("pad bits are not zero")
    return values


def parse_snapshot(data, publisher_keys):
    """A verified snapshot: (version, salt, groups {day: (q, set of F)}, subjects {fp: T}, kids)."""
    if data[:4] != b"EJRL":
        fail("no EJRL magic")
    version = data[4]
    if version not in (1, 2):
        fail(f"version {version}")
    if data[5] != 1:
        fail("not a snapshot")
    (length,) = struct.unpack(">I", data[6:10])
    if length != len(data):
        fail("length field is not the file's size")
    header = Reader(data, 10, length - 64)
    sequence, base, iat, valid_until, horizon = (header.u64() for _ in range(5))
    salt = header.take(32)
    kid = header.take(header.u8()).decode()
    name = header.take(header.u8()).decode()
    key = publisher_keys.get(kid) if kid else (list(publisher_keys.values())[0] if len(publisher_keys) == 1 else None)
    if key is None:
        fail(f"no publisher key for kid {kid!r}")
    try:
        key.verify(data[length - 64 :], data[: length - 64])
    except InvalidSignature:
        return None
    if not (name and sequence >= 1 and base == 0 and horizon <= iat <= valid_until <= 253402300799):
        fail("header rules")
    groups = {}
    previous_day = None
    for _ in range(header.u32()):
        day, n, q, b = header.u32(), header.u32(), header.u8(), header.u8()
        if previous_day is not None and day <= previous_day:
            fail("groups out of order")
        previous_day = day
        if not (margin(version) + 1 <= q <= 64) or not (1 <= n <= (1 << (q - margin(version))) - 1):
            fail(f"day {day}: q {q} or n {n} out of bounds for version {version}")
        if b != canonical_bucket_bits(version, n, q):
            fail(f"day {day}: b {b} is not canonical")
        ends = [header.u32() for _ in range(1 << b)]
        r = q - b
        remainders = read_packed(header.take((n * r + 7) // 8), n, r)
        fingerprints = set()
        start = 0
        for bucket, end in enumerate(ends):
            if end < start or end > n:
                fail("bucket ends")
            chunk = remainders[start:end]
            if chunk != sorted(set(chunk)):
                fail("remainders not strictly increasing in a bucket")
            fingerprints.update((bucket << r) | value for value in chunk)
            start = end
        if start != n:
            fail("last bucket end is not n")
        groups[day] = (q, fingerprints)
    subjects = {}
    for _ in range(header.u32()):
        fingerprint, before, _expires = header.take(16), header.u64(), header.u64()
        subjects[fingerprint] = before
    if list(subjects) != sorted(subjects):
        fail("subjects not sorted")
    kids = []
    for _ in range(header.u32()):
        kids.append(header.take(header.u8()).decode())
        header.u64()
    if header.offset != header.end:
        fail("bytes after the key entries")
    return version, salt, groups, subjects, kids


def contains(version, salt, groups, iss, jti, exp):
    h = token_hash(version, salt, iss, jti)
    days = ([exp // 86400] if exp is not None else []) + [NO_EXPIRY_DAY]
    for day in days:
        if day in groups:
            q, fingerprints = groups[day]
            if (h >> (64 - q)) in fingerprints:
                return True
    return False


def fail(message):
    raise SystemExit(f"check_revocation_vectors: {message}")


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def check_file(path):
    document = json.load(open(path, encoding="utf-8"))
    publisher_keys = {
        key.get("kid", ""): Ed25519PublicKey.from_public_bytes(b64url(key["x"]))
        for key in document["revocation_publisher_keys"]["keys"]
    }
    contents = document["revocation_list_contents"]
    entries_so_far = {"tokens": [], "subjects": [], "keys": []}
    checked = 0
    for name in ("snapshot-1", "snapshot-2"):
        for kind, items in contents[name].get("entries", {}).items():
            entries_so_far[kind] = entries_so_far[kind] + items
        parsed = parse_snapshot(b64url(document["revocation_lists"][name]), publisher_keys)
        if parsed is None:
            fail(f"{path}: {name}: the signature does not verify")
        version, salt, groups, subjects, kids = parsed
        expected_version = contents[name].get("format_version", 1)
        if version != expected_version or salt.hex() != contents[name]["salt_hex"]:
            fail(f"{path}: {name}: version {version} or salt differs from the contents")
        for token in entries_so_far["tokens"]:
            iss, jti, exp = token.get("iss", ""), token["jti"], token.get("exp")
            if not contains(version, salt, groups, iss, jti, exp):
                fail(f"{path}: {name}: listed token {jti!r} not found: the keyed hash differs")
            if contains(version, salt, groups, iss, jti + "-unlisted", exp):
                fail(f"{path}: {name}: an unlisted token is found")
            checked += 1
        for subject in entries_so_far["subjects"]:
            fingerprint = subject_fingerprint(version, salt, subject.get("iss", ""), subject["sub"])
            if subjects.get(fingerprint) != subject["issued_before"]:
                fail(f"{path}: {name}: subject {subject['sub']!r} not found with its time: the keyed hash differs")
            checked += 1
        if sorted(kids) != sorted(key["kid"] for key in entries_so_far["keys"]):
            fail(f"{path}: {name}: revoked kids differ")
    for name in ("snapshot-1-tampered", "snapshot-1-impostor"):
        if parse_snapshot(b64url(document["revocation_lists"][name]), publisher_keys) is not None:
            fail(f"{path}: {name} verifies")
    return checked


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Vectors", "revocation")
    check_siphash_reference()
    paths = sorted(glob.glob(os.path.join(directory, "compact-list*.json")))
    if not paths:
        fail(f"no compact-list*.json in {directory}")
    for path in paths:
        checked = check_file(path)
        print(f"{os.path.basename(path)}: signatures, structure and {checked} entry hashes agree")


if __name__ == "__main__":
    main()
