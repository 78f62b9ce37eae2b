#!/usr/bin/env bash
# scripts/example.sh on a machine with only the build dependencies: run on a
# copy of the sources with a PATH that has no npm, node or Python (none of
# which building needs), it must build the program and print both examples
# (the v1.2 peering plan and changed line, the v0.10 router rules and
# changed lines) with no warning.
# Usage: example-sh.sh SOURCE_DIR
set -u
source_dir=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "ok $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi; }

mkdir -p "$work/src" &&
  tar -C "$source_dir" --exclude='./build*' --exclude=./.git --exclude=./dist -cf - . | tar -C "$work/src" -xf - &&
  [ -f "$work/src/scripts/example.sh" ] && [ ! -e "$work/src/build" ]
note $? "copy of the sources"
# Every program of the system's PATH but the test tools.
mkdir -p "$work/bin"
IFS=: read -r -a dirs <<< "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
for dir in "${dirs[@]}"; do
  for tool in "$dir"/*; do
    name=$(basename "$tool")
    case $name in npm | npx | node | nodejs | corepack | python* | pip* | pydoc* | helm*) continue ;; esac
    [ -x "$tool" ] && [ ! -e "$work/bin/$name" ] && ln -s "$tool" "$work/bin/$name"
  done
done
env PATH="$work/bin" sh -c 'command -v npm || command -v node || command -v python3' > /dev/null
[ $? != 0 ]
note $? "npm, node and python3 are hidden from PATH"

(cd "$work/src" && env PATH="$work/bin" HOME="$work/home" bash scripts/example.sh) > "$work/out" 2>&1
code=$?
note $code "scripts/example.sh exits 0 (exit $code): $(tail -3 "$work/out")"
grep -q 'Liqo v1.2.0' "$work/out" && grep -q '^  Peering plan:' "$work/out" &&
  grep -q 'liqoctl peer --kubeconfig PEER_KUBECONFIG --remote-kubeconfig THIS_KUBECONFIG --gw-server-service-type NodePort' "$work/out"
note $? "the v1.2 example prints the peering plan"
grep -qx '>           - --api-server-address-override=https://203.0.113.10:6443' "$work/out"
note $? "the v1.2 example shows the changed line"
grep -q "UDP 203.0.113.10:51820 -> any node's IP:31871 (network gateway)" "$work/out" && grep -qx '>   type: NodePort' "$work/out"
note $? "the v0.10 example prints its router rules and changed lines"
! grep -q 'warning:' "$work/out"
note $? "no warning: $(grep 'warning:' "$work/out" | head -2)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
