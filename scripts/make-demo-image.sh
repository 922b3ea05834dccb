#!/usr/bin/env bash
# Builds a real Debian 12 (bookworm) minbase image as an OCI layout in DIR/oci, tag "bookworm",
# from Debian's own packages: debootstrap makes the root filesystem, umoci turns it into a layer.
# A second, "application" layer adds what a real service image carries beside its distro: the
# runc and containerd binaries (Go, from Debian's packages, copied as a vendor would ship them)
# and Java libraries (Debian's log4j and guava jars), so the scan has real findings to show.
set -euo pipefail
dir=${1:-.cache/demo}
[ -f "$dir/oci/index.json" ] && grep -q '"bookworm"' "$dir/oci/index.json" && [ -f "$dir/.app-layer" ] && exit 0
rm -rf "$dir" && mkdir -p "$dir"
echo "Building a Debian bookworm image in $dir (debootstrap, about a minute)…" >&2
debootstrap --variant=minbase bookworm "$dir/rootfs" http://deb.debian.org/debian >"$dir/debootstrap.log" 2>&1 \
  || { tail -20 "$dir/debootstrap.log" >&2; exit 1; }
umoci init --layout "$dir/oci"
umoci new --image "$dir/oci:bookworm"
umoci unpack --image "$dir/oci:bookworm" "$dir/bundle" >/dev/null
rm -rf "$dir/bundle/rootfs" && mv "$dir/rootfs" "$dir/bundle/rootfs"
umoci repack --image "$dir/oci:bookworm" "$dir/bundle"
umoci config --image "$dir/oci:bookworm" --config.cmd /bin/bash >/dev/null
rm -rf "$dir/bundle"
app="$dir/app"
mkdir -p "$app/usr/local/bin" "$app/opt/app/lib"
for b in /usr/sbin/runc /usr/bin/containerd; do
  if [ -x "$b" ]; then cp "$b" "$app/usr/local/bin/"; fi
done
for j in /usr/share/java/log4j-core.jar /usr/share/java/log4j-api.jar /usr/share/java/guava.jar; do
  if [ -f "$j" ]; then cp -L "$j" "$app/opt/app/lib/"; fi
done
umoci insert --image "$dir/oci:bookworm" "$app/usr/local/bin" /usr/local/bin
umoci insert --image "$dir/oci:bookworm" "$app/opt/app" /opt/app
rm -rf "$app"
touch "$dir/.app-layer"
