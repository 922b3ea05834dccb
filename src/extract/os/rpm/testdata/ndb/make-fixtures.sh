#!/usr/bin/env bash
# Remakes the ndb fixtures of this folder with an rpm built with --enable-ndb (see README.md).
#   RPM_BIN  folder holding that rpm's rpm, rpmdb and rpmbuild (default /tmp/rpm-ndb/usr/bin)
#   WORK     scratch folder, emptied first (default /tmp/bulwark-ndb-work)
# Writes tiny/, many/ and centos7/ beside this script.
set -euo pipefail
RPM_BIN=${RPM_BIN:-/tmp/rpm-ndb/usr/bin}
WORK=${WORK:-/tmp/bulwark-ndb-work}
OUT=$(cd "$(dirname "$0")" && pwd)
CENTOS7=/usr/share/gocode/src/github.com/knqyf263/go-rpmdb/pkg/testdata/centos7-plain/Packages
export PATH="$RPM_BIN:$PATH"
export LC_ALL=C
QF='%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\t%{LICENSE}\n'

rm -rf "$WORK"
mkdir -p "$WORK/rpmbuild/SPECS"
cd "$WORK"
ndb() { local db=$1; shift; rpm --dbpath "$WORK/$db" --define '_db_backend ndb' "$@"; }
build() { rpmbuild --define "_topdir $WORK/rpmbuild" --define '_buildhost bulwark-fixture' --quiet -bb "$1"; }
RPMS=$WORK/rpmbuild/RPMS

# --- tiny: three packages (epoch + arch x86_64; noarch; several files and a licence) ----------
cat > rpmbuild/SPECS/bulwark-epoch.spec <<'EOF'
Name: bulwark-epoch
Epoch: 3
Version: 1.2.3
Release: 4.bw
Summary: Bulwark ndb fixture package with an epoch
License: MIT
%description
A tiny package built for Bulwark's ndb fixture; it has an epoch and is arch-specific.
%install
mkdir -p %{buildroot}/usr/share/bulwark-epoch
echo epoch > %{buildroot}/usr/share/bulwark-epoch/EPOCH
%files
/usr/share/bulwark-epoch/EPOCH
EOF
cat > rpmbuild/SPECS/bulwark-noarch.spec <<'EOF'
Name: bulwark-noarch
Version: 0.9
Release: 1
Summary: Bulwark ndb fixture noarch package
License: Apache-2.0
BuildArch: noarch
%description
A tiny noarch package built for Bulwark's ndb fixture.
%install
mkdir -p %{buildroot}/usr/share/doc/bulwark-noarch
echo hello > %{buildroot}/usr/share/doc/bulwark-noarch/README
%files
/usr/share/doc/bulwark-noarch/README
EOF
cat > rpmbuild/SPECS/bulwark-files.spec <<'EOF'
Name: bulwark-files
Version: 2.0.1
Release: 7.bw
Summary: Bulwark ndb fixture package with several files
License: GPL-2.0-or-later AND BSD-3-Clause
BuildArch: noarch
%description
A tiny package with a few files, a directory and a symlink, built for Bulwark's ndb fixture.
%install
mkdir -p %{buildroot}/etc/bulwark %{buildroot}/usr/bin %{buildroot}/usr/share/bulwark-files/data
echo 'key=value' > %{buildroot}/etc/bulwark/files.conf
printf '#!/bin/sh\necho bulwark\n' > %{buildroot}/usr/bin/bulwark-files
chmod 755 %{buildroot}/usr/bin/bulwark-files
echo one > %{buildroot}/usr/share/bulwark-files/data/one.txt
echo two > %{buildroot}/usr/share/bulwark-files/data/two.txt
ln -s data/one.txt %{buildroot}/usr/share/bulwark-files/current
%files
%config(noreplace) /etc/bulwark/files.conf
/usr/bin/bulwark-files
%dir /usr/share/bulwark-files
/usr/share/bulwark-files/data
/usr/share/bulwark-files/current
EOF
cat > rpmbuild/SPECS/bulwark-erased.spec <<'EOF'
Name: bulwark-erased
Version: 1.0
Release: 1
Summary: Bulwark ndb fixture package that is installed and then erased
License: MIT
BuildArch: noarch
%description
Installed into the fixture database and erased again, leaving a free slot.
%install
mkdir -p %{buildroot}/usr/share/bulwark-erased
echo gone > %{buildroot}/usr/share/bulwark-erased/GONE
%files
/usr/share/bulwark-erased/GONE
EOF
for spec in epoch noarch files erased; do build "rpmbuild/SPECS/bulwark-$spec.spec"; done

mkdir tiny
ndb tiny --initdb
ndb tiny -i --justdb --nodeps --noscripts \
  "$RPMS"/x86_64/bulwark-epoch-1.2.3-4.bw.x86_64.rpm "$RPMS"/noarch/bulwark-erased-1.0-1.noarch.rpm
ndb tiny -i --justdb --nodeps --noscripts \
  "$RPMS"/noarch/bulwark-noarch-0.9-1.noarch.rpm "$RPMS"/noarch/bulwark-files-2.0.1-7.bw.noarch.rpm
ndb tiny -e --justdb --nodeps --noscripts bulwark-erased

# --- many: 300 empty subpackages, 3 erased: more than the 254 slots of the first slot page ----
{
  printf 'Name: bulwark-many\nVersion: 1\nRelease: 1\nSummary: Bulwark ndb fixture: many packages\n'
  printf 'License: MIT\nBuildArch: noarch\n%%description\n'
  printf 'Parent of 300 empty subpackages for a multi-slot-page ndb fixture.\n'
  for i in $(seq -w 1 300); do
    printf '%%package -n bulwark-many-%s\nVersion: 1.%s\nSummary: Empty package %s\n' "$i" "$i" "$i"
    printf '%%description -n bulwark-many-%s\nEmpty package %s.\n%%files -n bulwark-many-%s\n' "$i" "$i" "$i"
  done
} > rpmbuild/SPECS/bulwark-many.spec
build rpmbuild/SPECS/bulwark-many.spec
ls "$RPMS"/noarch/bulwark-many-*.rpm | sort > many.list
mkdir many
ndb many --initdb
# shellcheck disable=SC2046 # one argument per file name (no spaces in them)
ndb many -i --justdb --nodeps --noscripts $(sed -n 1,100p many.list)
# shellcheck disable=SC2046
ndb many -i --justdb --nodeps --noscripts $(sed -n 101,300p many.list)
ndb many -e --justdb --nodeps --noscripts bulwark-many-010 bulwark-many-150 bulwark-many-299

# --- centos7: go-rpmdb's CentOS 7 BerkeleyDB database converted by rpm --rebuilddb ----------
# rpm sees the BerkeleyDB Packages, reads it with its bdb_ro backend and writes ndb.
mkdir centos7
cp "$CENTOS7" centos7/Packages
rpmdb --dbpath "$WORK/centos7" --define '_db_backend ndb' --rebuilddb 2>rebuild.log
grep -q 'Converting database from bdb_ro to ndb backend' rebuild.log

# --- copy the databases and what the real rpm says about them -------------------------------
for db in tiny many centos7; do
  mkdir -p "$OUT/$db"
  cp "$db/Packages.db" "$OUT/$db/Packages.db"
  ndb "$db" -qa --qf "$QF" | sort > "$OUT/$db/expected.tsv"
done
ndb tiny -ql bulwark-files > "$OUT/tiny/bulwark-files.files"
ndb centos7 -ql bash > "$OUT/centos7/bash.files"
rpm --version
