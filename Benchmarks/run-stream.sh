#!/usr/bin/env bash
# The CLI throughput target of docs/performance.md: `edgejwt verify --stream` over 100,000
# distinct typical ID tokens against a plain C loop of crypto_sign_verify_detached over the same
# signing inputs (Benchmarks/c-loop/verify_loop.c, gcc -O2). Rounds are interleaved (C loop,
# stream with 1 thread, stream with 2 threads, ...) and medians reported, by wall clock and by
# CPU time (user + system: on a shared machine other processes inflate wall time, not CPU time).
#
#   Benchmarks/run-stream.sh               # 100,000 tokens, 3 rounds
#   COUNT=20000 ROUNDS=5 Benchmarks/run-stream.sh
#
# The key pair is made by `edgejwt keygen`; the tokens are signed with its private JWK by
# `edgejwt-bench make-tokens` (libsodium; 100,000 `edgejwt sign` processes would take minutes),
# and one of them is checked against `edgejwt verify` before timing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${COUNT:-100000}"
rounds="${ROUNDS:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/edgejwt-stream.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== building edgejwt (release, .build-perf), edgejwt-bench (Benchmarks/.build) and the C loop" >&2
(cd "$root" && swift build -c release --product edgejwt --scratch-path .build-perf >&2)
(cd "$root/Benchmarks" && swift build -c release --product edgejwt-bench >&2)
edgejwt="$root/.build-perf/release/edgejwt"
gcc -O2 -o "$work/verify_loop" "$root/Benchmarks/c-loop/verify_loop.c" -lsodium

now="$(date +%s)"
"$edgejwt" keygen --kid stream-bench --private "$work/issuer.private.jwk" --public "$work/issuer.jwks.json" >/dev/null
"$root/Benchmarks/.build/release/edgejwt-bench" make-tokens --private "$work/issuer.private.jwk" --count "$count" --now "$now" >"$work/tokens.txt"
x="$(sed -n 's/.*"x":"\([A-Za-z0-9_-]*\)".*/\1/p' "$work/issuer.jwks.json")"
policy=(--now "$now" --issuer https://id.example.com --audience gateway-7.edge.example.com --typ JWT
    --require sub --require jti --require email --max-age 3600)
head -1 "$work/tokens.txt" | "$edgejwt" verify --keys "$work/issuer.jwks.json" "${policy[@]}" --json - >/dev/null
echo "== $count tokens, $(head -1 "$work/tokens.txt" | tr -d '\n' | wc -c) bytes each; $rounds interleaved rounds" >&2

seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b - a}'; }
c_rates=(); one_rates=(); two_rates=(); c_cpu=(); one_cpu=(); two_cpu=()
for round in $(seq "$rounds"); do
    c_line="$("$work/verify_loop" "$x" <"$work/tokens.txt")"
    c_rates+=("$(echo "$c_line" | sed -n 's/.*: \([0-9]*\) per second;.*/\1/p')")
    c_cpu+=("$(echo "$c_line" | sed -n 's/.*: \([0-9]*\) per CPU second/\1/p')")
    for threads in 1 2; do
        start="$(date +%s.%N)"
        /usr/bin/time -f "%U %S" -o "$work/cpu" \
            "$edgejwt" verify --keys "$work/issuer.jwks.json" "${policy[@]}" --stream --threads "$threads" <"$work/tokens.txt" >"$work/verdicts.jsonl"
        end="$(date +%s.%N)"
        cpu_rate="$(awk -v n="$count" '{printf "%.0f", n / ($1 + $2)}' "$work/cpu")"
        valid="$(grep -c '^{"valid":true' "$work/verdicts.jsonl" || true)"
        [ "$valid" -eq "$count" ] || { echo "only $valid of $count verdicts are valid" >&2; head -3 "$work/verdicts.jsonl" >&2; exit 1; }
        rate="$(awk -v n="$count" -v s="$(seconds "$start" "$end")" 'BEGIN {printf "%.0f", n / s}')"
        if [ "$threads" = 1 ]; then one_rates+=("$rate"); one_cpu+=("$cpu_rate"); else two_rates+=("$rate"); two_cpu+=("$cpu_rate"); fi
    done
    echo "round $round: C loop ${c_rates[-1]}/s (${c_cpu[-1]}/CPU s), --stream ${one_rates[-1]}/s (${one_cpu[-1]}/CPU s)," \
        "--stream --threads 2 ${two_rates[-1]}/s (${two_cpu[-1]}/CPU s)" >&2
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
c="$(median "${c_rates[@]}")"; one="$(median "${one_rates[@]}")"; two="$(median "${two_rates[@]}")"
cc="$(median "${c_cpu[@]}")"; onec="$(median "${one_cpu[@]}")"; twoc="$(median "${two_cpu[@]}")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
echo "| $count tokens ($rounds rounds, medians) | tokens/s (wall) | ÷ C loop | tokens per CPU second | ÷ C loop |"
echo "|---|---:|---:|---:|---:|"
echo "| C loop, crypto_sign_verify_detached only (gcc -O2; reading and decoding not timed) | $c | 1.000 | $cc | 1.000 |"
echo "| edgejwt verify --stream (whole process: start, keys, read, verify, JSON out) | $one | $(ratio "$one" "$c") | $onec | $(ratio "$onec" "$cc") |"
echo "| edgejwt verify --stream --threads 2 | $two | $(ratio "$two" "$c") | $twoc | $(ratio "$twoc" "$cc") |"
echo
met() { awk -v a="$1" -v b="$2" 'BEGIN {print (a >= b) ? "met" : "**missed**"}'; }
stream_ratio="$(ratio "$one" "$c")"; stream_cpu_ratio="$(ratio "$onec" "$cc")"; scaling="$(ratio "$two" "$one")"
echo "| Issue 13 target (--stream) | target | measured | |"
echo "|---|---:|---:|---|"
echo "| edgejwt verify --stream ÷ C loop (wall) | ≥ 0.95× | ${stream_ratio}× | $(met "$stream_ratio" 0.95) |"
echo "| edgejwt verify --stream ÷ C loop (CPU time) | ≥ 0.95× | ${stream_cpu_ratio}× | $(met "$stream_cpu_ratio" 0.95) |"
echo "| --stream --threads 2 ÷ --threads 1 (wall; see the load) | ≥ 1.8× | ${scaling}× | $(met "$scaling" 1.8) |"
echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)."
