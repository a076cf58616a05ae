#ifndef EDGEJWT_FUZZ_LIBS_SHIM_H
#define EDGEJWT_FUZZ_LIBS_SHIM_H
// The fuzz harnesses' own view of libsodium (to sign what they feed the verifier) and zlib (a
// reference inflater to compare the status list's decompression with). EdgeJWT is reached only
// through its public API.
#include <sodium.h>
#include <zlib.h>
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM links an executable target
// with main defined as `<module>_main`, so each target defines that symbol and hands control to
// libFuzzer here, with its own test function, instead of relying on libFuzzer's main.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
#endif
