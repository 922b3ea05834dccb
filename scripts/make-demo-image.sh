#!/usr/bin/env bash
# Builds a real Debian 12 (bookworm) minbase image as an OCI layout in DIR/oci, tag "bookworm",
# from Debian's own packages: debootstrap makes the root filesystem, umoci turns it into a layer.
set -euo pipefail
dir=${1:-.cache/demo}
[ -f "$dir/oci/index.json" ] && grep -q '"bookworm"' "$dir/oci/index.json" && exit 0
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
