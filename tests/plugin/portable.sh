#!/usr/bin/env bash
# The static executable (the Helm plugin's binary, the release tarball's and
# the Argo CD image's) runs on any Linux of its architecture: it has no
# program interpreter and needs no shared library (`ldd` calls it not
# dynamic); it runs in an empty chroot that holds only it and its input and
# writes there what the shared build writes; the oldest kernel it runs on
# (what `file` reads from its ELF note) is the one doc/release.md states; and
# the plugin's plugin.yaml names this machine's platform in Go's words, as
# Helm compares it. The chroot needs root or a user namespace: elsewhere that
# check is skipped with a message, and under CI=true it fails instead.
# Usage: portable.sh STATIC_BINARY SHARED_BINARY PLUGIN_YAML RELEASE_DOC
set -u
binary=$1 shared=$2 plugin_yaml=$3 doc=$4
root=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ldd_says=$(ldd "$binary" 2>&1)
[[ $ldd_says == *"not a dynamic executable"* ]]
note $? "ldd says '$ldd_says', wanted 'not a dynamic executable'"
! readelf -lW "$binary" | grep -q 'INTERP' && ! readelf -dW "$binary" | grep -q 'NEEDED'
note $? "the binary names a program interpreter or a shared library: $(readelf -dW "$binary" | grep NEEDED)"

# Every file the run opens must be in the chroot: there is nothing else.
mkdir -p "$work/jail"
cp "$binary" "$work/jail/liqo-scenario"
cp "$root/examples/liqo-render.yaml" "$work/jail/input.yaml"
nat=(--profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 --auth-node-port 32443
     --auth-public-port 8443 --gateway-node-port 31871 --gateway-public-port 51820)
if [ "$(id -u)" = 0 ]; then jail=("$(command -v chroot)" "$work/jail")
elif unshare -r true 2> /dev/null; then jail=("$(command -v unshare)" -r "$(command -v chroot)" "$work/jail")
else jail=(); fi
if [ ${#jail[@]} -gt 0 ]; then
  [ -z "$(find "$work/jail" -mindepth 1 -not -name liqo-scenario -not -name input.yaml)" ]
  note $? "the chroot holds more than the binary and its input"
  env -i "${jail[@]}" /liqo-scenario "${nat[@]}" -o /output.yaml /input.yaml 2> "$work/err"
  note $? "the binary runs in an empty chroot: $(cat "$work/err")"
  "$shared" "${nat[@]}" "$root/examples/liqo-render.yaml" > "$work/shared.yaml"
  cmp -s "$work/jail/output.yaml" "$work/shared.yaml" && ! cmp -s "$work/shared.yaml" "$work/jail/input.yaml"
  note $? "in the chroot it writes what the shared build writes"
  env -i "${jail[@]}" /liqo-scenario --profile no-such-profile /input.yaml > "$work/out" 2> "$work/err"
  [ $? = 2 ] && [ ! -s "$work/out" ] && grep -q "no-such-profile" "$work/err"
  note $? "in the chroot a bad flag is still a usage error on stderr: $(cat "$work/err")"
elif [ "${CI:-}" = true ]; then
  note 1 "no root and no user namespace for the chroot"
else
  echo "SKIP: no root and no user namespace: the chroot run is not tested"
  skipped=1
fi

kernel=$(file -b "$binary" | grep -oE 'for GNU/Linux [0-9]+(\.[0-9]+)+' | grep -oE '[0-9]+(\.[0-9]+)+')
stated=$(grep -oE 'runs on Linux [0-9]+(\.[0-9]+)+ or later' "$doc" | grep -oE '[0-9]+(\.[0-9]+)+' | head -1)
[ -n "$kernel" ] && [ "$kernel" = "$stated" ]
note $? "the binary needs Linux $kernel; $(basename "$doc") says '$stated'"

case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
grep -qE "^    - os: $os\$" "$plugin_yaml" && grep -qE "^      arch: $arch\$" "$plugin_yaml"
note $? "plugin.yaml names $(grep -E 'os:|arch:' "$plugin_yaml" | tr -s ' ' | paste -sd' '), wanted $os/$arch"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1
# A part left out makes the test a skip (77 for ctest), not a pass.
[ -z "${skipped:-}" ] || exit 77
