#!/usr/bin/env bash
# Reproduces the tables of docs/performance.md: one run of interleaved rounds (raw libsodium,
# EdgeJWT, EdgeJWT + 1M revocation list + status list, parse only, jwt-kit, signature cache,
# rotating key set, revocation lookups listed and not listed), each row's rate against raw
# libsodium and against jwt-kit, heap allocations per operation, 1 and 2 threads, the issue 13
# target table (met / missed), peak memory per row (one process each), then
# Benchmarks/run-stream.sh (--stream against the C loop, 1 and 2 threads) and its targets.
#
#   Benchmarks/run.sh                   # full run (about 1.5 minutes once built, quiet machine)
#   ROUNDS=9 Benchmarks/run.sh          # fewer rounds
#   NO_REVOCATION=1 Benchmarks/run.sh   # skip building the 1,000,000-entry revocation list
#   NO_STREAM=1 Benchmarks/run.sh       # skip run-stream.sh
#
# Builds with its own scratch paths only: Benchmarks/.build (the benchmark package, release) and
# .build-perf (edgejwt, release, which makes the revocation list). The first build of jwt-kit
# takes several minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/Benchmarks"
rounds="${ROUNDS:-60}"
work="$(mktemp -d "${TMPDIR:-/tmp}/edgejwt-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== building the benchmark (release)" >&2
(cd "$bench" && swift build -c release --product edgejwt-bench >&2)
binary="$bench/.build/release/edgejwt-bench"

store_args=()
if [ -z "${NO_REVOCATION:-}" ]; then
    echo "== building a 1,000,000-entry revocation list with edgejwt revocation build" >&2
    (cd "$root" && swift build -c release --product edgejwt --scratch-path .build-perf >&2)
    edgejwt="$root/.build-perf/release/edgejwt"
    "$edgejwt" keygen --kid revocation-bench --private "$work/publisher.private.jwk" --public "$work/publisher.jwks.json" >/dev/null
    awk 'BEGIN {
        printf "{\"tokens\":["
        for (i = 0; i < 1000000; i++) printf "%s{\"iss\":\"https://id.example\",\"jti\":\"jti-%d\"}", (i ? "," : ""), i
        printf "]}"
    }' >"$work/entries.json"
    "$edgejwt" revocation build --name bench.example/revocations --key "$work/publisher.private.jwk" \
        --entries "$work/entries.json" --iat $(( $(date +%s) - 60 )) --valid-for 86400 --out "$work/list.ejrl" >&2
    store_args=(--revocation-list "$work/list.ejrl" --revocation-keys "$work/publisher.jwks.json")
fi

echo "== machine" >&2
{
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) CPUs visible, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM; $(uname -sr); $(swift --version 2>/dev/null | head -1)."
    echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
} 

"$binary" --rounds "$rounds" "${store_args[@]}"

echo
echo "| Peak memory (one process per row: setup + 20,000 operations) | peak RSS | after setup |"
echo "|---|---:|---:|"
rows=(setup-only raw edgejwt jwt-kit)
[ ${#store_args[@]} -gt 0 ] && rows+=(edgejwt-status)
for row in "${rows[@]}"; do
    line="$("$binary" rss "$row" "${store_args[@]}")"
    peak="$(echo "$line" | sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p')"
    setup="$(echo "$line" | sed -n 's/.*after_setup_kib=\([0-9]*\).*/\1/p')"
    echo "| $row | $(awk -v k="$peak" 'BEGIN {printf "%.1f MiB", k/1024}') | $(awk -v k="$setup" 'BEGIN {printf "%.1f MiB", k/1024}') |"
done
echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
if [ -z "${NO_STREAM:-}" ]; then
    echo
    "$bench/run-stream.sh"
fi
