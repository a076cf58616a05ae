#!/usr/bin/env bash
# The same comparison as Benchmarks/c-api/run.sh, counted in instructions under callgrind instead
# of timed, so machine load does not move it: instructions of the batches of edgejwt_verify
# (capi_bench.c's time_capi) against those of raw crypto_sign_verify_detached (time_raw), same
# token, same number of calls. Needs valgrind. Run Benchmarks/c-api/run.sh once first (it builds
# the release library and the benchmark).
#
#   Benchmarks/c-api/instructions.sh [ROUNDS]     # default 10 (callgrind is ~50x slower)
set -euo pipefail
cd "$(dirname "$0")/../.."
program=.build/c-api-prefix/capi_bench
[ -x "$program" ] || { echo "instructions.sh: run Benchmarks/c-api/run.sh first" >&2; exit 2; }
keys=Examples/verify-token/keys.json
x=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["keys"][0]["x"])' "$keys")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" "$program" "$keys" Examples/verify-token/token.jwt "$x" "${1:-10}" >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | python3 -c '
import re, sys
costs = {}
for line in sys.stdin:
    match = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*:(time_raw|time_capi) ", line)
    if match:
        costs[match.group(2)] = int(match.group(1).replace(",", ""))
raw, capi = costs["time_raw"], costs["time_capi"]
print(f"instructions: raw libsodium {raw:,}, edgejwt_verify {capi:,} (same calls)")
print(f"rate ratio by instructions, edgejwt_verify / raw libsodium: {raw / capi:.3f}")
'
