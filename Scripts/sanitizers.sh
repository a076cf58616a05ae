#!/usr/bin/env bash
# Runs EdgeJWT's test suite under the sanitizers: AddressSanitizer, UndefinedBehaviorSanitizer,
# ThreadSanitizer. Each gets its own scratch path (.build-asan, .build-ubsan, .build-tsan-fuzz;
# Scripts/tsan.sh keeps .build-tsan), so the default .build is never touched.
#
# "undefined": swiftc on Linux refuses -sanitize=undefined (SwiftPM passes --sanitize to every
# compiler, and this package has no C code of its own to instrument: libsodium and zlib are the
# system's). The undefined-behaviour checks Swift has are its own runtime traps (integer
# overflow, bounds, nil unwrap, exclusivity); debug builds (the address and thread runs) keep them
# all, so this run builds the suite optimized instead (-c release, testable imports, exclusivity
# checked), where unsafe-pointer misuse that the optimizer exploits would show.
#
#   Scripts/sanitizers.sh                 # address, undefined, thread, each over the whole suite
#   Scripts/sanitizers.sh address         # one or more of: address undefined thread
#   TSAN_FILTER=Concurrency Scripts/sanitizers.sh thread   # ThreadSanitizer on the threaded suites only
#
# Environment:
#   TSAN_FILTER   swift test --filter for the ThreadSanitizer run. Default: empty, every test
#                 (about 60 s of tests after a 3-minute build on 2 cores). To save time, the suites
#                 that share state between threads are
#                 "Concurrency|RevocationListCheckTests|SignatureCacheTests".
#   FILTER        --filter for the address and undefined runs. Default: empty (every test).
#   SKIP          swift test --skip for the address and thread runs. Default:
#                 "killedWriterLeavesTheLastGoodListLoadable" (RevocationStoreCrashTests), a
#                 statistical test that SIGKILLs a writer process at random moments and expects
#                 some kills to land mid-write; instrumented, the writer spends its time building
#                 lists, not writing, so the count is 0 and the test fails for timing, not memory.
#                 Its store-integrity checks pass under ASan. Empty: skip nothing.
#   JOBS          build jobs. Default: 2.
#
# Exits non-zero if any build fails, any test fails, or a sanitizer reports (every sanitizer is
# made fatal: halt_on_error=1). Prints one summary line per sanitizer at the end, e.g.
# `asan: 623 tests passed, 0 sanitizer reports (build 301 s, test 95 s)`.
set -uo pipefail
cd "$(dirname "$0")/.."

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address undefined thread)
jobs="${JOBS:-2}"
tsan_filter="${TSAN_FILTER:-}"
filter="${FILTER:-}"
skip="${SKIP-killedWriterLeavesTheLastGoodListLoadable}"

# A finding is fatal and names its stack. LeakSanitizer stays on (ASan's default on Linux), with
# suppressions for leaks outside EdgeJWT, in libraries the tests use: XCTest's runner objects
# (alive at exit even when no XCTest case runs); Foundation's Process.run and its pipe reads
# (readBytesFromFile), which the tests use to run the built edgejwt (edgejwt itself no longer
# links Foundation, and drives libcurl itself: its handles are cleaned up, so no libcurl
# suppression is needed).
lsan_suppressions="$(mktemp)"
trap 'rm -f "$lsan_suppressions"' EXIT
printf '%s\n' 'leak:libXCTest.so' 'leak:readBytesFromFile' 'leak:Foundation7ProcessC3run' \
    >"$lsan_suppressions"
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$lsan_suppressions:print_suppressions=0}"
# The sanitizer runtimes report and stop; Swift's backtracer would only get in their way.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
# The core's locks are pthread mutexes (Sources/EdgeJWT/Platform/Locked.swift), which TSan sees,
# so ThreadSanitizer runs with no suppression.
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

scratch_for() {
    case "$1" in
        address) echo .build-asan ;;
        undefined) echo .build-ubsan ;;
        thread) echo .build-tsan-fuzz ;;
        *) echo "sanitizers.sh: unknown sanitizer $1 (address, undefined, thread)" >&2; return 1 ;;
    esac
}

short_name() {
    case "$1" in
        address) echo asan ;;
        undefined) echo ubsan ;;
        thread) echo tsan ;;
    esac
}

summary=()
status=0
for sanitizer in "${sanitizers[@]}"; do
    scratch="$(scratch_for "$sanitizer")" || exit 2
    arguments=(--sanitize="$sanitizer" --scratch-path "$scratch" -j "$jobs")
    if [ "$sanitizer" = undefined ]; then
        arguments=(-c release -Xswiftc -enable-testing -Xswiftc -enforce-exclusivity=checked --scratch-path "$scratch" -j "$jobs")
    fi
    test_filter="$filter"
    [ "$sanitizer" = thread ] && test_filter="$tsan_filter"
    log="$scratch/sanitizers-$sanitizer.log"
    mkdir -p "$scratch"
    echo "== $sanitizer: building tests in $scratch" >&2
    start=$(date +%s)
    if ! swift build --build-tests "${arguments[@]}" >"$log.build" 2>&1; then
        tail -40 "$log.build" >&2
        summary+=("$(short_name "$sanitizer"): BUILD FAILED (log: $log.build)")
        status=1
        continue
    fi
    built=$(date +%s)
    echo "== $sanitizer: testing${test_filter:+ (filter: $test_filter)}" >&2
    test_arguments=(--skip-build "${arguments[@]}")
    [ -n "$test_filter" ] && test_arguments+=(--filter "$test_filter")
    [ -n "$skip" ] && [ "$sanitizer" != undefined ] && test_arguments+=(--skip "$skip")
    swift test "${test_arguments[@]}" >"$log" 2>&1
    rc=$?
    end=$(date +%s)
    # A sanitizer report is a failure even if the runner's exit code hid it.
    reports=$(grep -c -E "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer" "$log")
    tests=$(grep -o -E "Test run with [0-9]+ tests?" "$log" | tail -1 | grep -o -E "[0-9]+")
    failed=$(grep -o -E "Test run with [0-9]+ tests? in [0-9]+ suites? failed after [0-9.]+ seconds with [0-9]+ issues?" "$log" | tail -1)
    name="$(short_name "$sanitizer")"
    if [ "$rc" -ne 0 ] || [ "$reports" -ne 0 ]; then
        grep -n -E -A30 "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer" "$log" | head -80 >&2
        grep -E "✘|error:" "$log" | head -40 >&2
        kind=$(grep -o -E "ERROR: AddressSanitizer: [a-z-]+|ERROR: LeakSanitizer: [a-z ]+|WARNING: ThreadSanitizer: [a-z -]+|runtime error: [^(]*" "$log" | head -1)
        first=""
        [ -n "$kind" ] && first=" (first: $kind)"
        [ -n "$failed" ] && failed=", $failed"
        summary+=("$name: FAILED, $reports sanitizer reports$first, swift test exit $rc$failed; build $((built - start)) s, test $((end - built)) s; log: $log")
        status=1
    else
        summary+=("$name: ${tests:-?} tests passed, 0 sanitizer reports; build $((built - start)) s, test $((end - built)) s")
    fi
done

echo
for line in "${summary[@]}"; do echo "$line"; done
exit $status
