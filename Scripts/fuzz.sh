#!/usr/bin/env bash
# Builds EdgeJWT's libFuzzer targets (Fuzz/) and runs each for a bounded time.
#
#   Scripts/fuzz.sh                      # every target, 60 s each
#   Scripts/fuzz.sh -t 300 fuzz-json     # one target, 5 minutes
#   Scripts/fuzz.sh --merge              # also fold new coverage into the committed seed corpus
#   Scripts/fuzz.sh --list               # the targets
#
# Options:
#   -t, --time SECONDS  run time per target (default: $FUZZ_TIME or 60)
#   --merge             after the runs, minimize Fuzz/corpus/<target> together with the inputs the
#                       run found (libFuzzer -merge=1), keeping only inputs that add coverage
#   --no-build          use the binaries already built
#   -j, --parallel N    targets run at once, one core each (default: $FUZZ_PARALLEL or nproc)
#   --list              print the targets and exit
#
# Each target reads its committed seeds from Fuzz/corpus/<target>/ (written only by --merge) and
# writes what it finds to Fuzz/.build-fuzz/work/<target>/corpus/. A crash, a sanitizer report, a
# timeout (10 s for one input), running out of memory (2 GB) or a property check failing stops
# the target; its input is saved as Fuzz/.build-fuzz/work/<target>/crash-* (or leak-, timeout-,
# oom-), and the script prints the path and the command that reproduces it. The last line is the
# summary (`fuzz: 7 targets x 30 s, 12.3M runs, 0 failing`). Exits 1 if any target found
# something, 2 if the build failed. Builds only in Fuzz/.build-fuzz. FUZZ_ARGS adds libFuzzer
# flags (e.g. FUZZ_ARGS=-jobs=2); JOBS sets the build's parallelism (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."

all_targets=(fuzz-verify fuzz-verify-signed fuzz-json fuzz-base64url fuzz-jwks fuzz-status-list fuzz-revocation-list)
seconds="${FUZZ_TIME:-60}"
merge=0
build=1
parallel="${FUZZ_PARALLEL:-$(nproc)}"
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        -t|--time) seconds="$2"; shift 2 ;;
        --merge) merge=1; shift ;;
        --no-build) build=0; shift ;;
        -j|--parallel) parallel="$2"; shift 2 ;;
        --list) printf '%s\n' "${all_targets[@]}"; exit 0 ;;
        -h|--help) sed -n "2,24p" "$0"; exit 0 ;;
        fuzz-*) targets+=("$1"); shift ;;
        *) echo "fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

scratch=Fuzz/.build-fuzz
if [ "$build" -eq 1 ]; then
    mkdir -p "$scratch"
    echo "fuzz: building ${#all_targets[@]} targets with -sanitize=fuzzer,address in $scratch" >&2
    if ! swift build -c debug --package-path Fuzz --scratch-path "$scratch" -j "${JOBS:-2}" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$scratch/build.log" 2>&1; then
        grep -E "error:" "$scratch/build.log" | head -20 >&2
        echo "fuzz: build failed (log: $scratch/build.log)" >&2
        exit 2
    fi
fi
bin="$(swift build -c debug --package-path Fuzz --scratch-path "$scratch" --show-bin-path)"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
# libFuzzer, not Swift's runtime backtracer, handles a crash: it saves the input and exits.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

# One target: runs it, then writes its one-line result to $work/result ("clean ..." or
# "FAILED ...") and its executed-unit count to $work/execs.
run_target() {
    local target="$1"
    local seeds="Fuzz/corpus/$target"
    local work="$scratch/work/$target"
    mkdir -p "$work/corpus" "$seeds"
    rm -f "$work/result" "$work/execs"
    local log="$work/run.log"
    echo "fuzz: $target for $seconds s" >&2
    "$bin/$target" "$work/corpus" "$seeds" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -artifact_prefix="$work/" -print_final_stats=1 -close_fd_mask=1 ${FUZZ_ARGS:-} >"$log" 2>&1
    local rc=$?
    local execs speed coverage units artifact
    execs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$")
    speed=$(grep -o "stat::average_exec_per_sec: *[0-9]*" "$log" | grep -o "[0-9]*$")
    coverage=$(grep -o "cov: [0-9]* ft: [0-9]*" "$log" | tail -1)
    units=$(find "$work/corpus" -type f | wc -l)
    artifact=$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | sed 's/Test unit written to //')
    echo "${execs:-0}" >"$work/execs"
    if [ "$rc" -ne 0 ] || [ -n "$artifact" ]; then
        {
            grep -E "property violated|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|SUMMARY" "$log" | head -5
            echo "fuzz: $target FOUND A FAILURE (exit $rc): input saved as ${artifact:-?}"
            echo "fuzz:   reproduce: $bin/$target ${artifact:-<input>}    (log: $log)"
        } >&2
        echo "$target: FAILED, input ${artifact:-?}; ${execs:-?} runs, ${speed:-?} exec/s, ${coverage:-?}" >"$work/result"
        return 1
    fi
    echo "$target: clean; ${execs:-?} runs in ${seconds} s, ${speed:-?} exec/s, ${coverage:-?}, corpus +$units" >"$work/result"
    if [ "$merge" -eq 1 ]; then
        local merged="$work/merged"
        rm -rf "$merged" && mkdir -p "$merged"
        if "$bin/$target" -merge=1 "$merged" "$seeds" "$work/corpus" >"$work/merge.log" 2>&1; then
            rm -rf "$seeds" && mv "$merged" "$seeds"
            echo "fuzz: $target corpus minimized: $(find "$seeds" -type f | wc -l) seeds" >&2
        else
            echo "fuzz: $target merge failed (log: $work/merge.log)" >&2
        fi
    fi
}

# Each libFuzzer process uses one core: run $parallel of them at a time.
running=0
for target in "${targets[@]}"; do
    if [ "$running" -ge "$parallel" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    run_target "$target" &
    running=$((running + 1))
done
wait

summary=()
found=0
total=0
for target in "${targets[@]}"; do
    work="$scratch/work/$target"
    result=$(cat "$work/result" 2>/dev/null || echo "$target: FAILED, no result (the run did not finish)")
    summary+=("$result")
    case "$result" in *FAILED*) found=$((found + 1)) ;; esac
    total=$((total + $(cat "$work/execs" 2>/dev/null || echo 0)))
done

echo
for line in "${summary[@]}"; do echo "fuzz: $line"; done
runs=$(awk -v n="$total" 'BEGIN { if (n >= 1e6) printf "%.1fM", n / 1e6; else if (n >= 1e3) printf "%.1fk", n / 1e3; else printf "%d", n }')
echo "fuzz: ${#targets[@]} targets x $seconds s, $runs runs, $found failing$( [ "$found" -gt 0 ] && echo " (crash, leak, timeout, OOM or property violation; inputs under $scratch/work)")"
[ "$found" -eq 0 ]
