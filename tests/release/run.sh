#!/usr/bin/env bash
# scripts/release.sh OUTDIR from this build: exactly the files the release
# promises, under their names; SHA256SUMS lists every one of them (each file
# of oci/ too) and `sha256sum -c` accepts it, and refuses a file changed
# after it was written; the tarball holds the static executable alone, at its
# top level; the plugin archive and the image carry that same file; the
# package is this version's.
# Usage: run.sh BUILD_DIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 and CI=true"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; the release script is not tested"; exit 77
}
for tool in umoci cpack dpkg-deb; do
  command -v "$tool" > /dev/null || skip "no $tool (scripts/setup.sh installs it)"
done
"$root/tests/e2e/get-helm.sh" > /dev/null || skip "no Helm binaries and no npm to fetch them"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
version=$("$build/liqo-scenario" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)

LIQO_SCENARIO_BUILD_DIR=$build "$root/scripts/release.sh" "$out" > "$work/log" 2>&1
note $? "release.sh: $(tail -3 "$work/log")"
listing=$(cd "$out" && ls | paste -sd' ')
wanted="SHA256SUMS liqo-scenario-$version-linux-$arch.tar.gz liqo-scenario-$version.tgz liqo-scenario_${version}_$arch.deb oci"
[ "$listing" = "$wanted" ]
note $? "OUTDIR holds '$listing', wanted '$wanted'"

(cd "$out" && sha256sum --strict -c SHA256SUMS > "$work/check" 2>&1)
note $? "sha256sum -c SHA256SUMS: $(grep -v ': OK$' "$work/check")"
listed=$(awk '{print $2}' "$out/SHA256SUMS" | LC_ALL=C sort | paste -sd' ')
present=$(cd "$out" && find . -type f ! -name SHA256SUMS | sed 's#^\./##' | LC_ALL=C sort | paste -sd' ')
[ "$listed" = "$present" ]
note $? "SHA256SUMS lists every file: listed '$listed', present '$present'"
cp -r "$out" "$work/tampered"
printf 'x' >> "$work/tampered/liqo-scenario-$version-linux-$arch.tar.gz"
! (cd "$work/tampered" && sha256sum -c --quiet SHA256SUMS > /dev/null 2>&1)
note $? "sha256sum -c refuses a changed file"

members=$(tar -tzf "$out/liqo-scenario-$version-linux-$arch.tar.gz" | paste -sd' ')
[ "$members" = liqo-scenario ]
note $? "the tarball holds '$members', wanted the executable at its top level"
mkdir -p "$work/tar" && tar -xzf "$out/liqo-scenario-$version-linux-$arch.tar.gz" -C "$work/tar" &&
  cmp -s "$work/tar/liqo-scenario" "$build/static/liqo-scenario" && [ -x "$work/tar/liqo-scenario" ] &&
  file -b "$work/tar/liqo-scenario" | grep -q 'statically linked'
note $? "the tarball's executable is this build's static one"
mkdir -p "$work/plugin" && tar -xzf "$out/liqo-scenario-$version.tgz" -C "$work/plugin" &&
  cmp -s "$(find "$work/plugin" -name liqo-scenario -type f)" "$build/static/liqo-scenario" &&
  [ -n "$(find "$work/plugin" -name plugin.yaml)" ]
note $? "the plugin archive holds plugin.yaml and the static executable"
[ "$(dpkg-deb -f "$out/liqo-scenario_${version}_$arch.deb" Package Version | paste -sd' ')" = "Package: liqo-scenario Version: $version" ]
note $? "the package is liqo-scenario $version: $(dpkg-deb -f "$out/liqo-scenario_${version}_$arch.deb" Package Version)"
grep -q "\"org.opencontainers.image.ref.name\":\"$version\"" "$out/oci/index.json" && [ -f "$out/oci/oci-layout" ]
note $? "oci/ is an OCI layout tagged $version: $(cat "$out/oci/index.json")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
