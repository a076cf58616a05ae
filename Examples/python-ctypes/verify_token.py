#!/usr/bin/env python3
"""verify_token.py KEYS_FILE TOKEN_FILE [LIBRARY]

Verifies one JWT offline with libedgejwt through ctypes (no compiler, no extension module) and
prints its verdict. Exit status: 0 valid, 1 rejected, 2 usage error or unusable input.
LIBRARY defaults to $EDGEJWT_LIBRARY, else libedgejwt.so on the loader's path.
Copy this file and change ISSUER and AUDIENCE.
"""
import ctypes
import json
import os
import sys

ISSUER = "https://issuer.example"
AUDIENCE = "gateway"

EDGEJWT_OK = 0
EDGEJWT_NULL_ARGUMENT = 1000  # codes from here on are usage errors, not rejections
EDGEJWT_NOW_FROM_CLOCK = -1.0


class EdgeJWT:
    """The few libedgejwt functions this program calls, with their C signatures."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        handle = ctypes.c_void_p
        text_out = ctypes.POINTER(ctypes.c_char_p)
        size_out = ctypes.POINTER(ctypes.c_size_t)
        signatures = {
            "edgejwt_api_version": (ctypes.c_uint32, []),
            "edgejwt_code_name": (ctypes.c_char_p, [ctypes.c_int32]),
            "edgejwt_verifier_new_from_file": (ctypes.c_int32, [
                ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t,
                ctypes.POINTER(handle), ctypes.c_char_p, ctypes.c_size_t]),
            "edgejwt_verifier_free": (None, [handle]),
            "edgejwt_verify": (ctypes.c_int32, [
                handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_double, ctypes.POINTER(handle)]),
            "edgejwt_result_free": (None, [handle]),
            "edgejwt_result_detail": (ctypes.c_int32, [handle, text_out, size_out]),
            "edgejwt_result_kid": (ctypes.c_int32, [handle, text_out, size_out]),
            "edgejwt_result_subject": (ctypes.c_int32, [handle, text_out, size_out]),
            "edgejwt_result_claims_json": (ctypes.c_int32, [handle, text_out, size_out]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        self.lib = lib

    def text(self, accessor, result):
        """A borrowed text of the result, copied into a Python str (None when absent)."""
        pointer, length = ctypes.c_char_p(), ctypes.c_size_t()
        if accessor(result, ctypes.byref(pointer), ctypes.byref(length)) != EDGEJWT_OK:
            return None
        return ctypes.string_at(pointer, length.value).decode("utf-8")


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    library = argv[3] if len(argv) == 4 else os.environ.get("EDGEJWT_LIBRARY", "libedgejwt.so")
    edgejwt = EdgeJWT(library)
    lib = edgejwt.lib
    config = json.dumps({"issuers": [ISSUER], "audiences": [AUDIENCE]}).encode()
    keys_path = argv[1].encode()
    verifier = ctypes.c_void_p()
    message = ctypes.create_string_buffer(512)
    code = lib.edgejwt_verifier_new_from_file(
        keys_path, len(keys_path), config, len(config), ctypes.byref(verifier), message, len(message))
    if code != EDGEJWT_OK:
        print(f"cannot use the key set: {message.value.decode()}", file=sys.stderr)
        return 2
    result = ctypes.c_void_p()  # NULL: edgejwt_verify allocates it
    try:
        with open(argv[2], "rb") as file:
            token = file.read().rstrip(b"\r\n")
        code = lib.edgejwt_verify(verifier, token, len(token), EDGEJWT_NOW_FROM_CLOCK, ctypes.byref(result))
        name = lib.edgejwt_code_name(code).decode()
        if code == EDGEJWT_OK:
            kid = edgejwt.text(lib.edgejwt_result_kid, result)
            sub = edgejwt.text(lib.edgejwt_result_subject, result)
            claims = json.loads(edgejwt.text(lib.edgejwt_result_claims_json, result))
            print(f"VALID kid={kid} sub={sub} scope={claims.get('scope')}")
            return 0
        print(f"REJECTED {name}: {edgejwt.text(lib.edgejwt_result_detail, result)}")
        return 1 if code < EDGEJWT_NULL_ARGUMENT else 2
    except OSError as error:
        print(f"cannot read the token file: {error}", file=sys.stderr)
        return 2
    finally:
        lib.edgejwt_result_free(result)
        lib.edgejwt_verifier_free(verifier)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
