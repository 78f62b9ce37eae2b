#!/usr/bin/env bash
# Runs every shell example under examples/ so the documentation cannot rot.
# Usage: run.sh BINARY
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LIQO_SCENARIO=$binary
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

cp -r "$root/examples" "$work/examples"
gitops=$work/examples/gitops
if "$gitops/render.sh" 2> "$work/explain.txt" &&
   cmp -s "$gitops/clusters/a/liqo.yaml" "$root/examples/gitops/clusters/a/liqo.yaml" &&
   cmp -s "$gitops/clusters/b/liqo.yaml" "$root/examples/gitops/clusters/b/liqo.yaml"; then
  ok "gitops/render.sh reproduces the committed renders"
else
  bad "gitops/render.sh output differs from the committed renders"
fi
grep -q "UDP 203.0.113.10:51820 -> any node's IP:31871" "$work/explain.txt" &&
  ok "gitops/render.sh explains the NAT rules" || bad "gitops/render.sh: no NAT rules in --explain"
"$gitops/check.sh" > /dev/null 2>&1 && ok "gitops/check.sh passes on the committed renders" ||
  bad "gitops/check.sh fails on the committed renders"
sed -i 's/nodePort: 32443/nodePort: 32444/' "$gitops/clusters/a/liqo.yaml"
"$gitops/check.sh" > "$work/check.txt" 2>&1
code=$?
[ $code -eq 1 ] && grep -q "found 32444, wanted 32443" "$work/check.txt" &&
  ok "gitops/check.sh catches a hand edit" || bad "gitops/check.sh missed a hand edit (exit $code)"
"$work/examples/review/scenario-change.sh" > "$work/review.txt" 2>&1
grep -q '^-  type: LoadBalancer' "$work/review.txt" && grep -q '^+  type: ClusterIP' "$work/review.txt" &&
  grep -q '^+kind: Ingress' "$work/review.txt" && ok "review/scenario-change.sh shows the change" ||
  bad "review/scenario-change.sh"

for script in "$root"/examples/helm/*.sh "$root"/examples/argocd/*.sh; do
  [ -f "$script" ] || continue
  name=${script#"$root"/examples/}
  if out=$(bash "$script" 2>&1); then ok "$name"
  elif [ $? -eq 77 ] && [ "${CI:-}" != true ]; then echo "SKIP $name: $(echo "$out" | tail -1)"
  else echo "$out" | tail -20; bad "$name"; fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
