#!/usr/bin/env bash
# Makes a release from one build: into OUTDIR it writes
#   liqo-scenario_VERSION_ARCH.deb          the Debian package (cpack -G DEB)
#   liqo-scenario-VERSION.tgz               the Helm 4 plugin (scripts/package-helm-plugin.sh)
#   liqo-scenario-VERSION-linux-ARCH.tar.gz the static executable, at the tarball's top level
#   oci/                                    the Argo CD sidecar image, tag VERSION (scripts/build-image.sh)
#   SHA256SUMS                              sha256sum of every file above, oci/'s files one by one
# The build is a release build in LIQO_SCENARIO_BUILD_DIR (default
# build-release), configured and built here unless LIQO_SCENARIO_BUILD_DIR
# names a finished build. Every file's time is SOURCE_DATE_EPOCH (the last
# commit's), so the same build gives the same tarball and image.
# Usage: release.sh OUTDIR
set -euo pipefail
[ $# = 1 ] || { echo "usage: release.sh OUTDIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2> /dev/null || echo 0)}

if [ -n "${LIQO_SCENARIO_BUILD_DIR:-}" ]; then
  build=$(cd "$LIQO_SCENARIO_BUILD_DIR" && pwd)
else
  build=$root/build-release
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIQO_SCENARIO_STATIC=ON -DBUILD_TESTING=OFF > /dev/null
  cmake --build "$build" -j"$(nproc)" > /dev/null
fi
static=$build/static/liqo-scenario
file -b "$static" | grep -q 'statically linked' || { echo "release: $static is not a static executable" >&2; exit 2; }
version=$("$build/liqo-scenario" --version | awk '{print $2}')
case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac

rm -rf "$out/oci" "$out"/liqo-scenario[-_]"$version"* "$out/SHA256SUMS"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

(cd "$build" && cpack -G DEB -B "$stage/deb" > "$stage/cpack.log" 2>&1) ||
  { cat "$stage/cpack.log" >&2; exit 1; }
deb=liqo-scenario_${version}_$(dpkg --print-architecture).deb
mv "$stage/deb/$deb" "$out/$deb"

"$root/scripts/package-helm-plugin.sh" "$build" "$stage/plugin" > /dev/null
mv "$stage/plugin/liqo-scenario-$version.tgz" "$out/"

tarball=liqo-scenario-$version-linux-$arch.tar.gz
install -d "$stage/tar" && install -m 0755 "$static" "$stage/tar/liqo-scenario"
tar -C "$stage/tar" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -cf - liqo-scenario | gzip -9n > "$out/$tarball"

"$root/scripts/build-image.sh" "$build" "$out/oci" "$version" > /dev/null

(cd "$out" && find "$deb" "liqo-scenario-$version.tgz" "$tarball" oci -type f | LC_ALL=C sort |
  xargs sha256sum > SHA256SUMS)
ls "$out"
