#!/usr/bin/env python3
"""flatten_vectors.py VECTORS_DIR > vectors.flat

Flattens the token vectors of Vectors/ (format: Vectors/README.md) into the line format
conformance_harness.c reads, so that the C harness needs no JSON reader: each vector's options
become the C API's configuration text (docs/c-api.md), and every byte string is hex.

    vector ID
    keys HEX                      the JWK Set text
    config HEX                    configuration text for edgejwt_verifier_new
    status_list HEX               a Status List Token to install (0 or more, in order)
    revocation NAME HEX EXPECTED  a revocation list file to install and the code its install
                                  must give, or "-" for success (0 or more, in order)
    now SECONDS
    token HEX
    end

The raw-ed25519/ vectors test libsodium's primitive alone, with no token: they have no C API
input and are left out (the Swift runner covers them).
"""
import base64
import json
import os
import sys

COMPACT = {"separators": (",", ":"), "ensure_ascii": False}
PASSED_THROUGH = ("issuers", "audiences", "typ", "leeway", "max_age", "max_token_bytes", "oidc")


def hex_of(data):
    return (data if isinstance(data, bytes) else data.encode("utf-8")).hex()


def base64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def records(path):
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    for vector in document["vectors"]:
        if "public_key_hex" in vector:
            continue
        options = vector["options"]
        config = {key: options[key] for key in PASSED_THROUGH if key in options}
        if "require" in options:
            config["require"] = options["require"]
        lines = [f"vector {vector['id']}"]
        if "keys_text" in vector:
            keys = vector["keys_text"]
        else:
            keys = json.dumps(vector.get("keys", document.get("keys")), **COMPACT)
        lines.append(f"keys {hex_of(keys)}")
        status_tokens = []
        if "status_lists" in options or "status_list_policy" in options:
            config["status_lists"] = {"policy": options.get("status_list_policy", {})}
            status_tokens = options.get("status_lists", [])
        else:
            # The Swift runner adds no status check to vectors without status lists.
            config["status_check"] = False
        installs = []
        if "revocation_list" in options:
            setup = options["revocation_list"]
            revocation = {"policy": setup.get("policy", {})}
            publisher = setup.get("publisher_keys", document.get("revocation_publisher_keys"))
            if publisher is not None:
                revocation["keys"] = publisher
            config["revocation"] = revocation
            for install in setup["install"]:
                data = base64url_decode(document["revocation_lists"][install["file"]])
                installs.append((install["file"], data, install.get("error", "-")))
        lines.append(f"config {hex_of(json.dumps(config, **COMPACT))}")
        lines += [f"status_list {hex_of(token)}" for token in status_tokens]
        lines += [f"revocation {name} {data.hex()} {expected}" for name, data, expected in installs]
        lines.append(f"now {json.dumps(options['now'])}")
        lines.append(f"token {hex_of(vector['token'])}")
        lines.append("end")
        yield "\n".join(lines)


def main(directory):
    paths = []
    for root, _, files in os.walk(directory):
        paths += [os.path.join(root, f) for f in files if f.endswith(".json")]
    # keyset/ holds key-rotation statements, not token vectors (Vectors/README.md), as the Swift runner skips them.
    paths = [p for p in paths if not os.path.relpath(p, directory).startswith("keyset" + os.sep)]
    for path in sorted(paths, key=lambda p: os.path.relpath(p, directory)):
        for record in records(path):
            print(record)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.splitlines()[0])
    main(sys.argv[1])
