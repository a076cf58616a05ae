#!/usr/bin/env bash
# Runs the C API's thread test (Tests/CAPITests/C/threads.c: one verifier handle, four verifying
# threads, reloads in between) under ThreadSanitizer, with the library itself instrumented:
# libedgejwt is built with `swiftc -sanitize=thread` into its own scratch path, .build-capi-tsan
# (a cold build takes several minutes on a 2-core machine, so the test suite does not do this),
# and the C program with the toolchain's clang -fsanitize=thread, so both halves use the same
# ThreadSanitizer runtime (clang's, linked into the executable; the library's __tsan_* calls
# resolve to it). Any report fails the run.
#
#   Scripts/capi-tsan.sh [ROUNDS]      # reloads; default 200
#
# CAPITests.CThreadTests runs the same program without sanitizers in every `swift test`.
set -uo pipefail
cd "$(dirname "$0")/.."
scratch=.build-capi-tsan
prefix="$scratch/prefix"
SWIFT_BUILD_FLAGS="-Xswiftc -sanitize=thread" Scripts/build-c-library.sh \
    --prefix "$prefix" --configuration debug --scratch-path "$scratch" || exit 2
clang="$(dirname "$(command -v swift)")/clang"
# The toolchain's TSan runtime carries libdispatch interceptors: link libdispatch and the blocks runtime.
runtime="$(dirname "$(dirname "$(command -v swift)")")/lib/swift/linux"
program="$scratch/threads-tsan"
# shellcheck disable=SC2046
"$clang" -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -pthread Tests/CAPITests/C/threads.c -o "$program" \
    $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs edgejwt) \
    -L"$runtime" -Wl,-rpath,"$runtime" -ldispatch -lBlocksRuntime || exit 2
other="$scratch/other.jwks.json"
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["keys"]))' Vectors/core/valid.json > "$other"
log="$scratch/capi-tsan.log"
TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0:second_deadlock_stack=1}" \
    "$program" Examples/verify-token/keys.json "$other" Examples/verify-token/token.jwt "${1:-200}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
reports=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
echo "capi-tsan: threads exited $status, $reports ThreadSanitizer reports (log: $log)"
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
