#!/usr/bin/env bash
# Instructions per operation under callgrind, which does not depend on the machine's load (the
# timed table of run.sh does): each row is run N and 2N times in fresh processes and the counts
# subtracted, which removes process start and setup.
#
#   Benchmarks/instructions.sh                    # raw, edgejwt, parse-only, cache (N = 200)
#   N=400 Benchmarks/instructions.sh raw edgejwt  # chosen rows
#   LIST=list.ejrl LIST_KEYS=publisher.jwks.json Benchmarks/instructions.sh edgejwt-status revocation-lookup revocation-hit
#
# Every run uses the same tokens (EDGEJWT_BENCH_NOW fixes the time they are made for), since
# Ed25519 verification time depends slightly on the signature's bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${N:-200}"
rows=("$@")
[ ${#rows[@]} -gt 0 ] || rows=(raw edgejwt parse-only "EdgeJWT + signature cache")
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
(cd "$root/Benchmarks" && swift build -c release --product edgejwt-instructions >&2)
work="$(mktemp -d "${TMPDIR:-/tmp}/edgejwt-instructions.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read Swift 6.3's DWARF: profile a copy without debug information.
cp "$root/Benchmarks/.build/release/edgejwt-instructions" "$work/instr"
strip --strip-debug "$work/instr"
export EDGEJWT_BENCH_NOW="${EDGEJWT_BENCH_NOW:-$(date +%s)}"
extra=()
[ -n "${LIST:-}" ] && extra=(--revocation-list "$LIST" --revocation-keys "$LIST_KEYS")

total() {  # total() ROW COUNT: instructions of one run
    valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/instr" "$1" "$2" "${extra[@]}" >/dev/null 2>"$work/err" \
        || { cat "$work/err" >&2; exit 1; }
    sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$work/err"
}

echo "| Row | instructions per operation | ÷ raw |"
echo "|---|---:|---:|"
raw=""
for row in "${rows[@]}"; do
    one="$(total "$row" "$n")"
    two="$(total "$row" $((2 * n)))"
    per=$(( (two - one) / n ))
    [ "$row" = raw ] && raw="$per"
    ratio="-"
    [ -n "$raw" ] && ratio="$(awk -v a="$per" -v b="$raw" 'BEGIN {printf "%.3f", a / b}')"
    echo "| $row | $per | $ratio |"
done
