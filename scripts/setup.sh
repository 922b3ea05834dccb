#!/usr/bin/env bash
# The README's first command: installs what Bulwark and its tests need on a fresh Debian 12
# machine, builds Bulwark, builds a real Debian bookworm image (no Docker: debootstrap + umoci)
# and scans it. Safe to run again: finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian tools the tests use as real components: umoci/skopeo build images, docker-registry
# serves them, rpm builds real rpm databases, go-rpmdb ships real CentOS BerkeleyDB rpmdbs,
# apache2-utils gives htpasswd for registry basic auth.
DEB_PACKAGES=(umoci skopeo docker-registry rpm db5.3-util debootstrap golang-github-knqyf263-go-rpmdb-dev zstd apache2-utils openssl time zip openjdk-17-jdk-headless liblog4j2-java libguava-java libcommons-io-java libcommons-cli-java runc containerd redis-server python3.11 nodejs)
missing=()
for p in "${DEB_PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run build

scripts/make-demo-image.sh .cache/demo
node bin/bulwark.js image .cache/demo/oci:bookworm
