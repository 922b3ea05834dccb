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

# PostgreSQL at 127.0.0.1:5432 with trust auth and a `test` database: the store's conformance
# suite runs on it. Machines of this kind have it running; a bare Debian gets it installed here.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  $SUDO sed -i -E 's/^(local|host)(\s+all\s+all\s+\S*\s*)(peer|scram-sha-256|md5)$/\1\2trust/' "/etc/postgresql/$ver/main/pg_hba.conf"
  $SUDO pg_ctlcluster "$ver" main restart || $SUDO pg_ctlcluster "$ver" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='test'" 2>/dev/null | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c 'create database test' >/dev/null

npm ci --no-audit --no-fund
npm run build

# The advisory database, from the real feeds under ../shared/data/vuln (offline; `bulwark db
# update` fetches the same feeds from their publishers).
shared=${BULWARK_SHARED:-../shared}
[ -d "$shared/data/vuln" ] || { echo "setup: $shared/data/vuln is missing (the shared data folder beside the project)" >&2; exit 1; }
node bin/bulwark.js db import --quiet --split "$shared/data/vuln"

# Falco's k8s_audit rules for `bulwark audit`, from the same shared folder (offline; `bulwark rules
# update` fetches the same file from falcosecurity/plugins).
node bin/bulwark.js rules import --quiet "$shared/data/k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml"

scripts/make-demo-image.sh .cache/demo
node bin/bulwark.js image .cache/demo/oci:bookworm
