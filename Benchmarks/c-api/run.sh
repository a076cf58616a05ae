#!/usr/bin/env bash
# The C API's verify rate as a ratio against raw libsodium, measured in the same run
# (capi_bench.c explains the method). Builds the release libedgejwt with
# Scripts/build-c-library.sh into .build/c-api-prefix first (minutes when cold).
#
#   Benchmarks/c-api/run.sh [ROUNDS]      # default 60 rounds
#
# Prints the machine load (uptime) with the result: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=.build/c-api-prefix
Scripts/build-c-library.sh --prefix "$prefix" >&2
program=.build/c-api-prefix/capi_bench
gcc -O2 -D_GNU_SOURCE -Wall -Wextra -Werror Benchmarks/c-api/capi_bench.c -o "$program" \
    $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs edgejwt libsodium)
keys=Examples/verify-token/keys.json
x=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["keys"][0]["x"])' "$keys")
echo "load before: $(uptime)"
"$program" "$keys" Examples/verify-token/token.jwt "$x" "${1:-60}"
echo "load after:  $(uptime)"
