#!/usr/bin/env bash
# Installs what EdgeJWT needs on Debian or Ubuntu, then returns: libsodium, zlib, libcurl and pkg-config
# for the build; gcc and make for the C API tests; nginx for the sync tests; Python peers (joserfc, cryptography) for the interop tests,
# prometheus_client for the metrics tests. Safe to run again:
# it installs only what is missing.
set -euo pipefail

apt_packages=(libsodium-dev zlib1g-dev libcurl4-openssl-dev pkg-config nginx gcc make)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 -c 'import joserfc, cryptography' 2>/dev/null || {
    echo "setup: installing joserfc and cryptography from PyPI" >&2
    python3 -m pip install --quiet --disable-pip-version-check 'joserfc==1.6.5' 'cryptography>=42'
}

# The metrics tests read the Prometheus text file back with the reference client's parser.
python3 -c 'import prometheus_client' 2>/dev/null || {
    echo "setup: installing prometheus_client from PyPI" >&2
    python3 -m pip install --quiet --disable-pip-version-check 'prometheus_client==0.26.0'
}
