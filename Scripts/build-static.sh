#!/usr/bin/env bash
# Builds the edgejwt command as a device ships it: release, Swift standard library linked
# statically, symbols stripped. Its own scratch path (.build-static), so the default .build is
# never touched. Prints the stripped binary's path and size; docs/performance.md ("Footprint")
# records the measurement. Fails (exit 1) when the binary breaks issue 11's promises:
#   - stripped size above MAX_BYTES (default 12,000,000);
#   - a Foundation module linked in (nm: a `$s…Foundation…` symbol of the module's own) or loaded
#     as a shared library (ldd: libFoundation*.so).
#
#   Scripts/build-static.sh                    # → .build-static/edgejwt (stripped)
#   JOBS=1 Scripts/build-static.sh             # build jobs (default: 2)
#   MAX_BYTES=11000000 Scripts/build-static.sh # a tighter size limit
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-static
swift build -c release --product edgejwt --static-swift-stdlib --scratch-path "$scratch" -j "${JOBS:-2}" >&2
built="$(swift build -c release --product edgejwt --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/edgejwt"
strip --strip-all -o "$scratch/edgejwt" "$built"
size=$(stat -c %s "$scratch/edgejwt")
mb="$(awk "BEGIN { printf \"%.1f\", $size / 1000000 }")"
foundation_symbols=$(nm "$built" | awk '{ print $NF }' \
    | grep -c -E '^\$s(10Foundation|20FoundationEssentials|30FoundationInternationalization|20FoundationNetworking|13FoundationXML|14CoreFoundation)' || true)
foundation_libraries=$(ldd "$scratch/edgejwt" | grep -c -E 'lib(Core)?Foundation' || true)
problems=()
[ "$size" -le "${MAX_BYTES:-12000000}" ] || problems+=("larger than ${MAX_BYTES:-12000000} bytes")
[ "$foundation_symbols" -eq 0 ] || problems+=("$foundation_symbols Foundation symbols (nm)")
[ "$foundation_libraries" -eq 0 ] || problems+=("$foundation_libraries Foundation libraries (ldd)")
if [ ${#problems[@]} -gt 0 ]; then
    echo "build-static: FAILED: $scratch/edgejwt $size bytes ($mb MB): ${problems[*]}" >&2
    exit 1
fi
echo "build-static: $scratch/edgejwt $size bytes ($mb MB), stripped; no Foundation (nm, ldd)" >&2
echo "$scratch/edgejwt"
