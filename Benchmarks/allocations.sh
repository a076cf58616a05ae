#!/usr/bin/env bash
# Heap allocations per operation, counted by valgrind's memcheck (every malloc-family call),
# which does not depend on the machine's load and needs no jwt-kit build: each row is run N and
# 2N times in fresh processes of edgejwt-instructions and the counts subtracted, which removes
# process start and setup. edgejwt-bench's CMallocCounter column measures the same thing in the
# timed run (Benchmarks/run.sh).
#
#   Benchmarks/allocations.sh                    # edgejwt, parse-only, cache (N = 200)
#   N=400 Benchmarks/allocations.sh edgejwt      # chosen rows
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${N:-200}"
rows=("$@")
[ ${#rows[@]} -gt 0 ] || rows=(edgejwt parse-only "EdgeJWT + signature cache")
command -v valgrind >/dev/null || { echo "allocations.sh: valgrind is not installed" >&2; exit 2; }
(cd "$root/Benchmarks" && swift build -c release --product edgejwt-instructions >&2)
work="$(mktemp -d "${TMPDIR:-/tmp}/edgejwt-allocations.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$root/Benchmarks/.build/release/edgejwt-instructions" "$work/instr"
strip --strip-debug "$work/instr"
export EDGEJWT_BENCH_NOW="${EDGEJWT_BENCH_NOW:-$(date +%s)}"

heap() {  # heap() ROW COUNT: "allocations bytes" of one run
    valgrind --tool=memcheck --leak-check=no "$work/instr" "$1" "$2" >/dev/null 2>"$work/err" \
        || { cat "$work/err" >&2; exit 1; }
    sed -n 's/^==[0-9]*== *total heap usage: \([0-9,]*\) allocs, [0-9,]* frees, \([0-9,]*\) bytes allocated$/\1 \2/p' "$work/err" | tr -d ,
}

echo "| Row | heap allocations per operation | heap bytes per operation |"
echo "|---|---:|---:|"
for row in "${rows[@]}"; do
    read -r allocs1 bytes1 <<<"$(heap "$row" "$n")"
    read -r allocs2 bytes2 <<<"$(heap "$row" $((2 * n)))"
    awk -v a1="$allocs1" -v a2="$allocs2" -v b1="$bytes1" -v b2="$bytes2" -v n="$n" -v row="$row" \
        'BEGIN {printf "| %s | %.2f | %.0f |\n", row, (a2 - a1) / n, (b2 - b1) / n}'
done
