#!/usr/bin/env bash
# Builds the DocC documentation of the EdgeJWT module (Sources/EdgeJWT/EdgeJWT.docc plus the
# doc comments) with swift-docc-plugin, and fails when
#   - docc reports a warning (a broken symbol link ``Like/this`` or <doc:Article>, a malformed
#     topic group, a doc comment naming a parameter that does not exist): --warnings-as-errors;
#   - a public symbol of the module has no documentation comment: docc's documentation coverage
#     (--experimental-documentation-coverage) lists every symbol with whether it has an abstract,
#     and this script fails on each one without, naming it.
# Symbols the compiler synthesizes or inherits (Equatable's ==, a protocol's default
# implementation from the standard library) have no source to document and are not counted.
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
rm -rf "$archive"
mkdir -p "$scratch"

swift package --scratch-path "$scratch" --allow-writing-to-directory "$archive" \
    generate-documentation --target EdgeJWT --output-path "$archive" \
    --warnings-as-errors --experimental-documentation-coverage --coverage-summary-level brief \
    ${hosting[@]+"${hosting[@]}"} >"$scratch/docc.log" 2>&1 || {
    grep -E "warning|error" "$scratch/docc.log" | head -50 >&2
    echo "build-docs: docc failed; full log in $scratch/docc.log" >&2
    exit 1
}

python3 - "$archive/documentation-coverage.json" <<'PYTHON'
import json
import sys

entries = json.load(open(sys.argv[1]))
missing = []
for entry in entries:
    path = entry.get("referencePath", "")
    title = entry.get("title", path)
    kind = entry.get("kind", "")
    if kind in ("Article", "Framework", "module"):
        continue
    # docc gives each symbol "hasAbstract"; parameters/return values are not counted here
    # (swift format lint's ValidateDocumentationComments checks their shape).
    if not entry.get("hasAbstract", False):
        missing.append(f"{path or title} ({kind})")
if missing:
    print(f"build-docs: {len(missing)} public symbols without documentation:", file=sys.stderr)
    for line in sorted(missing):
        print(f"  {line}", file=sys.stderr)
    sys.exit(1)
print(f"build-docs: {len(entries)} entries, every public symbol documented", file=sys.stderr)
PYTHON
echo "$archive"
