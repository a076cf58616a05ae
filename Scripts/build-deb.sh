#!/usr/bin/env bash
# Builds the edgejwt Debian package with dpkg-deb: the edgejwt binary, the edgejwt-sync systemd
# service and its system user, a default configuration under /etc/edgejwt (a conffile, kept on
# upgrade), and, when a prefix with the C library is given, libedgejwt.so, edgejwt.h and
# edgejwt.pc. Prints the .deb's path on stdout.
#
#   Scripts/build-deb.sh                                 # builds edgejwt with Scripts/build-static.sh first
#   Scripts/build-deb.sh --binary PATH                   # packages this edgejwt instead
#   Scripts/build-deb.sh --c-prefix PREFIX               # adds PREFIX/lib/libedgejwt.so*, PREFIX/include/edgejwt.h,
#                                                        # PREFIX/lib/pkgconfig/edgejwt.pc (Scripts/build-c-library.sh PREFIX);
#                                                        # skipped, with a note, when they are absent
#   Scripts/build-deb.sh --version 0.2.0 --output DIR    # default version 0.1.0, output .build-deb
#   Scripts/build-deb.sh --compression none              # dpkg-deb -Z: xz (default), gzip, zstd or none
#
# Depends: is read off the binary: each shared library it needs is looked up with dpkg -S. A
# library no Debian package owns (a debug build's libswiftCore.so, say) is an error, since the
# package would not run elsewhere; --allow-foreign-libraries makes it a warning (the tests use
# it to package the debug build they already have).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

binary="" c_prefix="" version="0.1.0" output="$root/.build-deb" allow_foreign=0 compression=xz
while [ $# -gt 0 ]; do
    case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --c-prefix) c_prefix="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --allow-foreign-libraries) allow_foreign=1; shift ;;
    --compression) compression="$2"; shift 2 ;;
    *) echo "build-deb: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$compression" in xz | gzip | zstd | none) ;; *) echo "build-deb: --compression $compression is not xz, gzip, zstd or none" >&2; exit 2 ;; esac
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "build-deb: --version $version is not a Debian version" >&2; exit 2; }
if [ -z "$binary" ]; then
    binary="$root/$("$root/Scripts/build-static.sh")"
fi
[ -x "$binary" ] || { echo "build-deb: $binary is not an executable" >&2; exit 2; }

architecture="$(dpkg --print-architecture)"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
package="$staging/edgejwt"

install -D -m 0755 "$binary" "$package/usr/bin/edgejwt"
install -D -m 0644 "$root/Packaging/systemd/edgejwt-sync.service" "$package/usr/lib/systemd/system/edgejwt-sync.service"
install -D -m 0644 "$root/Packaging/sysusers.d/edgejwt.conf" "$package/usr/lib/sysusers.d/edgejwt.conf"
install -D -m 0644 "$root/Packaging/etc/edgejwt/sync.json" "$package/etc/edgejwt/sync.json"
install -D -m 0644 "$root/Packaging/README.md" "$package/usr/share/doc/edgejwt/README.md"
install -D -m 0644 "$root/docs/sync.md" "$package/usr/share/doc/edgejwt/sync.md"

if [ -n "$c_prefix" ]; then
    libraries=("$c_prefix"/lib/libedgejwt.so*)
    if [ -e "${libraries[0]}" ] && [ -f "$c_prefix/include/edgejwt.h" ]; then
        install -d "$package/usr/lib" "$package/usr/include"
        cp -P "${libraries[@]}" "$package/usr/lib/"
        install -m 0644 "$c_prefix/include/edgejwt.h" "$package/usr/include/edgejwt.h"
        if [ -f "$c_prefix/lib/pkgconfig/edgejwt.pc" ]; then
            install -d "$package/usr/lib/pkgconfig"
            # The .pc names the prefix it was built for; installed, it is /usr.
            sed "s#$c_prefix#/usr#g" "$c_prefix/lib/pkgconfig/edgejwt.pc" > "$package/usr/lib/pkgconfig/edgejwt.pc"
        fi
        echo "build-deb: C library from $c_prefix included" >&2
    else
        echo "build-deb: no libedgejwt.so and edgejwt.h under $c_prefix; the C library is left out" >&2
    fi
fi

# Depends, from the shared libraries the binary (and the C library) need.
depends=()
for file in "$package/usr/bin/edgejwt" "$package"/usr/lib/libedgejwt.so*; do
    [ -f "$file" ] && [ ! -L "$file" ] || continue
    while read -r library; do
        # Every command reads its whole input: an early exit would SIGPIPE the writer (pipefail).
        path="$(ldconfig -p | awk -v name="$library" '!found && $1 == name { print $NF; found = 1 }')"
        owner=""
        if [ -n "$path" ]; then
            owner="$( (dpkg -S "$(readlink -f "$path")" || dpkg -S "$path") 2>/dev/null | sed -n '1s/:.*//p')" || true
        fi
        if [ -z "$owner" ]; then
            if [ "$allow_foreign" = 1 ]; then
                echo "build-deb: warning: $library (needed by $(basename "$file")) is in no Debian package" >&2
                continue
            fi
            echo "build-deb: $library (needed by $(basename "$file")) is in no Debian package; build with Scripts/build-static.sh" >&2
            exit 1
        fi
        depends+=("$owner")
    done < <(readelf -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done
depends_line="$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, - | sed 's/,/, /g')"

install -d "$package/DEBIAN"
cat > "$package/DEBIAN/control" <<CONTROL
Package: edgejwt
Version: $version
Architecture: $architecture
Maintainer: EdgeJWT maintainers <maintainers@edgejwt.invalid>
Depends: $depends_line
Section: net
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$package" | cut -f1)
Description: offline verification of Ed25519-signed JWTs and OIDC ID tokens
 edgejwt verifies tokens against a pinned key set, with clock-skew handling,
 IETF status lists, a signed revocation list and a time floor. The
 edgejwt-sync service keeps the lists fresh in /var/lib/edgejwt.
CONTROL
echo "/etc/edgejwt/sync.json" > "$package/DEBIAN/conffiles"
cat > "$package/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    if command -v systemd-sysusers >/dev/null 2>&1; then
        systemd-sysusers edgejwt.conf
    elif ! getent passwd edgejwt >/dev/null; then
        adduser --system --group --home /var/lib/edgejwt --no-create-home edgejwt
    fi
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
    fi
fi
POSTINST
cat > "$package/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
    systemctl stop edgejwt-sync.service || true
fi
PRERM
chmod 0755 "$package/DEBIAN/postinst" "$package/DEBIAN/prerm"

mkdir -p "$output"
deb="$output/edgejwt_${version}_${architecture}.deb"
dpkg-deb --root-owner-group -Z"$compression" --build "$package" "$deb" >&2
echo "$deb"
