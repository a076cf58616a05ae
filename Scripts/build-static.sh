#!/usr/bin/env bash
# Builds the edgejwt command as a device ships it: release, Swift standard library (and, while the
# sync agent still uses it, Foundation) linked statically, symbols stripped. Its own scratch path
# (.build-static), so the default .build is never touched. Prints the stripped binary's path and
# size; docs/performance.md ("Footprint") records the measurement.
#
#   Scripts/build-static.sh            # → .build-static/edgejwt (stripped)
#   JOBS=1 Scripts/build-static.sh     # build jobs (default: 2)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-static
swift build -c release --product edgejwt --static-swift-stdlib --scratch-path "$scratch" -j "${JOBS:-2}" >&2
built="$(swift build -c release --product edgejwt --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/edgejwt"
strip --strip-all -o "$scratch/edgejwt" "$built"
size=$(stat -c %s "$scratch/edgejwt")
echo "build-static: $scratch/edgejwt $size bytes ($(awk "BEGIN { printf \"%.1f\", $size / 1000000 }") MB), stripped" >&2
echo "$scratch/edgejwt"
