#!/usr/bin/env bash
# Runs the concurrency tests under ThreadSanitizer: every suite whose name contains
# "Concurrency" (VerifierConcurrencyTests, SignatureCacheConcurrencyTests,
# StatusListConcurrencyTests, ...), which verify, install lists and share a signature cache from
# many tasks at once, the revocation list and signature cache suites, and every sync test (the
# agent on its own thread, verifiers on others). The same set as CI's tsan part (.ci/run). Its
# own scratch path, .build-tsan; any report fails the run.
#
#   Scripts/tsan.sh                 # the concurrency and sync suites
#   Scripts/tsan.sh --filter X      # other suites (arguments go to swift test)
#
# Scripts/sanitizers.sh runs ThreadSanitizer together with AddressSanitizer and UBSan.
set -uo pipefail
cd "$(dirname "$0")/.."
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
arguments=("$@")
[ ${#arguments[@]} -gt 0 ] || arguments=(--filter "Concurrency|RevocationListCheckTests|SignatureCacheTests|EdgeJWTSyncTests")
mkdir -p .build-tsan
log=.build-tsan/tsan.log
swift test --sanitize=thread --scratch-path .build-tsan "${arguments[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
reports=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
echo "tsan.sh: swift test exited $status; ThreadSanitizer reports: $reports (log: $log)"
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
