#!/usr/bin/env bash
# Builds the DocC documentation of the EdgeJWT module (Sources/EdgeJWT/EdgeJWT.docc plus the
# doc comments) with swift-docc-plugin, and fails when
#   - docc reports a warning (a broken symbol link ``Like/this`` or <doc:Article>, a malformed
#     topic group, a doc comment naming a parameter that does not exist): --warnings-as-errors;
#   - a public symbol declared in the module has no documentation comment: the symbol graph the
#     plugin extracts (public and open symbols) is read, and each one with a source location but
#     no doc comment is named with its file and line.
# Symbols inherited from other modules (Sequence's map, Equatable's !=) have no location in the
# module and are not counted. (docc's --experimental-documentation-coverage was tried: it counts
# those inherited symbols as undocumented, 76 of them, so it cannot be the check.)
#
#   Scripts/build-docs.sh                 # → .build-docs/EdgeJWT.doccarchive
#   Scripts/build-docs.sh --static-site   # also transform for static hosting
#
# Own scratch path (.build-docs), so the default .build is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-docs
archive="$scratch/EdgeJWT.doccarchive"
hosting=()
[ "${1:-}" = "--static-site" ] && hosting=(--transform-for-static-hosting)
rm -rf "$archive" "$scratch"/*/extracted-symbols
mkdir -p "$scratch"

swift package --scratch-path "$scratch" --allow-writing-to-directory "$archive" \
    generate-documentation --target EdgeJWT --output-path "$archive" \
    --warnings-as-errors \
    ${hosting[@]+"${hosting[@]}"} >"$scratch/docc.log" 2>&1 || {
    grep -E "warning|error" "$scratch/docc.log" | head -50 >&2
    echo "build-docs: docc failed; full log in $scratch/docc.log" >&2
    exit 1
}

graphs=("$scratch"/*/extracted-symbols/*/EdgeJWT/*.symbols.json)
[ -f "${graphs[0]}" ] || { echo "build-docs: no symbol graph for EdgeJWT under $scratch" >&2; exit 1; }
python3 - "${graphs[@]}" <<'PYTHON'
import json
import sys

missing = []
count = 0
for path in sys.argv[1:]:
    for symbol in json.load(open(path))["symbols"]:
        # Only what this module declares: a symbol inherited from another module (Sequence's
        # map, Equatable's !=) has no location, and one it documents elsewhere needs none here.
        location = symbol.get("location")
        if symbol.get("accessLevel") not in ("public", "open") or location is None:
            continue
        count += 1
        if not symbol.get("docComment", {}).get("lines"):
            line = location.get("position", {}).get("line", -1) + 1
            where = location["uri"].split("/Sources/", 1)[-1]
            missing.append(f"Sources/{where}:{line}: {'.'.join(symbol['pathComponents'])} ({symbol['kind']['displayName']})")
if missing:
    print(f"build-docs: {len(missing)} of {count} public symbols have no documentation comment:", file=sys.stderr)
    for line in sorted(missing):
        print(f"  {line}", file=sys.stderr)
    sys.exit(1)
print(f"build-docs: all {count} public symbols declared in EdgeJWT are documented", file=sys.stderr)
PYTHON
echo "$archive"
