#!/usr/bin/env bash
# Builds libedgejwt (the C API, docs/c-api.md) and installs it into a prefix:
#
#   PREFIX/include/edgejwt.h
#   PREFIX/lib/libedgejwt.so          the shared library (SwiftPM product edgejwt-c)
#   PREFIX/lib/libedgejwt.a           the static archive (product edgejwt-static)
#   PREFIX/lib/pkgconfig/edgejwt.pc   pkg-config --cflags --libs edgejwt
#   PREFIX/lib/pkgconfig/edgejwt-static.pc   pkg-config --cflags --libs edgejwt-static: links
#                                     libedgejwt.a, the Swift runtime's swiftrt.o and its libraries
#
# Usage:
#   Scripts/build-c-library.sh --prefix DIR [--configuration release|debug]
#                              [--scratch-path DIR] [--skip-build]
#
# SWIFT_BUILD_FLAGS (environment) adds flags to swift build, e.g. "-Xswiftc -sanitize=thread"
# (Scripts/capi-tsan.sh). --skip-build installs what an earlier `swift build` left in the scratch path (the test suite
# does this with the debug build `swift build --build-tests` already made). Default: release,
# scratch path .build. The shared library finds the Swift runtime through its RUNPATH (the
# toolchain's lib/swift/linux); edgejwt.pc adds -Wl,-rpath for PREFIX/lib.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=""
configuration=release
scratch=.build
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --configuration) configuration="$2"; shift 2 ;;
        --scratch-path) scratch="$2"; shift 2 ;;
        --skip-build) build=0; shift ;;
        *) echo "build-c-library.sh: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
    esac
done
if [ -z "$prefix" ]; then
    echo "build-c-library.sh: --prefix DIR is required" >&2
    exit 2
fi
case "$configuration" in release|debug) ;; *) echo "build-c-library.sh: --configuration release|debug" >&2; exit 2 ;; esac

if [ "$build" -eq 1 ]; then
    # SwiftPM adds to an existing archive, so objects of deleted files would linger in it.
    rm -f "$scratch/$configuration/libedgejwt-static.a"
    for product in edgejwt-c edgejwt-static; do
        # shellcheck disable=SC2086  # SWIFT_BUILD_FLAGS is a list of flags
        swift build -c "$configuration" --scratch-path "$scratch" --product "$product" ${SWIFT_BUILD_FLAGS:-}
    done
fi
products="$scratch/$configuration"
for file in libedgejwt-c.so libedgejwt-static.a; do
    if [ ! -f "$products/$file" ]; then
        echo "build-c-library.sh: $products/$file is missing (build it, or drop --skip-build)" >&2
        exit 2
    fi
done

mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
mkdir -p "$prefix/include" "$prefix/lib/pkgconfig"
install -m 0644 include/edgejwt.h "$prefix/include/edgejwt.h"
# Copy to a temporary name, then rename: a program running from the prefix never sees half a file.
install -m 0755 "$products/libedgejwt-c.so" "$prefix/lib/.libedgejwt.so.tmp"
mv -f "$prefix/lib/.libedgejwt.so.tmp" "$prefix/lib/libedgejwt.so"
install -m 0644 "$products/libedgejwt-static.a" "$prefix/lib/.libedgejwt.a.tmp"
mv -f "$prefix/lib/.libedgejwt.a.tmp" "$prefix/lib/libedgejwt.a"

version=$(sed -n 's/^#define EDGEJWT_API_VERSION \([0-9]*\)$/\1/p' include/edgejwt.h)
swift_runtime="$(dirname "$(dirname "$(command -v swift)")")/lib/swift/linux"
cat > "$prefix/lib/pkgconfig/edgejwt.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: edgejwt
Description: Offline verification of Ed25519-signed JWTs and OIDC ID tokens against a pinned key set
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -ledgejwt -Wl,-rpath,\${libdir}
PC
# The static archive holds EdgeJWT's objects only: the program also links the Swift runtime
# (swiftrt.o registers the Swift metadata sections; without it the library crashes at start).
onone=""
[ "$configuration" = debug ] && onone=" -lswiftSwiftOnoneSupport"
cat > "$prefix/lib/pkgconfig/edgejwt-static.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include
swift_runtime=$swift_runtime

Name: edgejwt-static
Description: libedgejwt as a static archive, with the Swift runtime libraries it needs
Version: $version
Requires: libsodium zlib
Cflags: -I\${includedir}
Libs: \${swift_runtime}/$(uname -m)/swiftrt.o \${libdir}/libedgejwt.a -L\${swift_runtime} -Wl,-rpath,\${swift_runtime} -lswiftCore -lswift_Concurrency -lswiftSynchronization -lswiftGlibc -lswift_StringProcessing -lswift_RegexParser$onone -lm
PC
echo "build-c-library.sh: installed libedgejwt ($configuration, API $version) into $prefix"
