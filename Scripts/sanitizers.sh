#!/usr/bin/env bash
# Runs EdgeJWT's test suite under the sanitizers: AddressSanitizer, UndefinedBehaviorSanitizer,
# ThreadSanitizer. Each gets its own scratch path, so the default .build is never touched.
#
#   Scripts/sanitizers.sh                 # address, undefined, thread (thread: Concurrency suites)
#   Scripts/sanitizers.sh address         # one or more of: address undefined thread
#   TSAN_FILTER= Scripts/sanitizers.sh thread   # ThreadSanitizer over the whole suite (slow)
#
# Environment:
#   TSAN_FILTER   swift test --filter for the ThreadSanitizer run. Default: "Concurrency", the
#                 suites that verify and install lists from many threads at once
#                 (VerifierConcurrencyTests, StatusListConcurrencyTests). Empty: every test.
#   FILTER        --filter for the address and undefined runs. Default: empty (every test).
#   JOBS          build jobs. Default: 2.
#
# Exits non-zero if any build fails, any test fails, or a sanitizer reports (every sanitizer is
# made fatal: halt_on_error=1). Prints one summary line per sanitizer at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address undefined thread)
jobs="${JOBS:-2}"
tsan_filter="${TSAN_FILTER-Concurrency}"
filter="${FILTER:-}"

# A finding is fatal and names its stack. LeakSanitizer stays on (ASan's default on Linux), with
# one suppression: XCTest's own runner objects, alive at exit even when no XCTest case runs.
lsan_suppressions="$(mktemp)"
trap 'rm -f "$lsan_suppressions"' EXIT
printf 'leak:libXCTest.so\n' >"$lsan_suppressions"
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$lsan_suppressions:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# The sanitizer runtimes report and stop; Swift's backtracer would only get in their way.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

scratch_for() {
    case "$1" in
        address) echo .build-asan ;;
        undefined) echo .build-ubsan ;;
        thread) echo .build-tsan ;;
        *) echo "sanitizers.sh: unknown sanitizer $1 (address, undefined, thread)" >&2; return 1 ;;
    esac
}

summary=()
status=0
for sanitizer in "${sanitizers[@]}"; do
    scratch="$(scratch_for "$sanitizer")" || exit 2
    arguments=(--sanitize="$sanitizer" --scratch-path "$scratch" -j "$jobs")
    test_filter="$filter"
    [ "$sanitizer" = thread ] && test_filter="$tsan_filter"
    log="$scratch/sanitizers-$sanitizer.log"
    mkdir -p "$scratch"
    echo "== $sanitizer: building tests in $scratch" >&2
    start=$(date +%s)
    if ! swift build --build-tests "${arguments[@]}" >"$log.build" 2>&1; then
        tail -40 "$log.build" >&2
        summary+=("$sanitizer: BUILD FAILED (log: $log.build)")
        status=1
        continue
    fi
    built=$(date +%s)
    echo "== $sanitizer: testing${test_filter:+ (filter: $test_filter)}" >&2
    test_arguments=(--skip-build "${arguments[@]}")
    [ -n "$test_filter" ] && test_arguments+=(--filter "$test_filter")
    swift test "${test_arguments[@]}" >"$log" 2>&1
    rc=$?
    end=$(date +%s)
    # A sanitizer report is a failure even if the runner's exit code hid it.
    reports=$(grep -c -E "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer" "$log")
    closing=$(grep -E "Test run with [0-9]+ tests?.*(passed|failed)|Executed [0-9]+ tests?" "$log" | tail -2 | tr '\n' ' ')
    if [ "$rc" -ne 0 ] || [ "$reports" -ne 0 ]; then
        grep -n -E -A30 "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer" "$log" | head -80 >&2
        grep -E "✘|error:" "$log" | head -40 >&2
        summary+=("$sanitizer: FAILED (exit $rc, $reports sanitizer reports; build $((built - start)) s, test $((end - built)) s; log: $log) $closing")
        status=1
    else
        summary+=("$sanitizer: clean (build $((built - start)) s, test $((end - built)) s${test_filter:+, filter $test_filter}) $closing")
    fi
done

echo
for line in "${summary[@]}"; do echo "sanitizers: $line"; done
exit $status
