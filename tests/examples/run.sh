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
# The bundled v1.2 render is an excerpt of Helm 3's real post-renderer input:
# each of its documents, byte for byte, is one of the chart's.
real=$root/../shared/liqo-charts-v1/v1.2.0/helm3-input.yaml
if [ -f "$real" ]; then
  /usr/bin/python3 - "$root/examples/liqo-v1.2-render.yaml" "$real" <<'PY' && ok "liqo-v1.2-render.yaml is an excerpt of the v1.2.0 render" || bad "liqo-v1.2-render.yaml is not an excerpt of the v1.2.0 render"
import re, sys
split = lambda path: [d for d in re.split(r"(?m)^(?=---$)", open(path, encoding="utf-8").read()) if d]
mine, real = split(sys.argv[1]), set(split(sys.argv[2]))
sys.exit(0 if mine and all(d in real for d in mine) else 1)
PY
elif [ "${CI:-}" = true ]; then
  bad "no ../shared v1.2.0 render to hold the bundled example to"
else
  echo "SKIP the bundled v1.2 render's origin: no ../shared"
  skipped=1
fi
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
no_warning() { # name stderr-file: an example prints only the warnings it means to show
  if grep -q 'warning:' "$2"; then grep 'warning:' "$2" | head -3; bad "$1 prints a warning"; else ok "$1 prints no warning"; fi
}
no_warning gitops/render.sh "$work/explain.txt"
"$gitops/check.sh" > "$work/check-ok.txt" 2>&1 && ok "gitops/check.sh passes on the committed renders" ||
  bad "gitops/check.sh fails on the committed renders"
no_warning gitops/check.sh "$work/check-ok.txt"
sed -i 's/nodePort: 32443/nodePort: 32444/' "$gitops/clusters/a/liqo.yaml"
"$gitops/check.sh" > "$work/check.txt" 2>&1
code=$?
[ $code -eq 1 ] && grep -q "found 32444, wanted 32443" "$work/check.txt" &&
  ok "gitops/check.sh catches a hand edit" || bad "gitops/check.sh missed a hand edit (exit $code)"
"$work/examples/review/scenario-change.sh" > "$work/review.txt" 2>&1
no_warning review/scenario-change.sh "$work/review.txt"
grep -q '^-  type: LoadBalancer' "$work/review.txt" && grep -q '^+  type: ClusterIP' "$work/review.txt" &&
  grep -q '^+kind: Ingress' "$work/review.txt" && ok "review/scenario-change.sh shows the change" ||
  bad "review/scenario-change.sh"
"$work/examples/review/pr-comment.sh" > "$work/pr-comment.md" 2> "$work/pr-comment.err" &&
  cmp -s "$work/pr-comment.md" "$root/examples/review/pr-comment.md" &&
  grep -q '^```mermaid$' "$work/pr-comment.md" && grep -q '^+    liqo.io/override-port: "51830"$' "$work/pr-comment.md" &&
  grep -q '| UDP | 203.0.113.10:51830 | any node.s IP:31871 | network gateway |' "$work/pr-comment.md" &&
  ok "review/pr-comment.sh reproduces the committed pull-request comment" ||
  { diff "$root/examples/review/pr-comment.md" "$work/pr-comment.md" | head -20; cat "$work/pr-comment.err"; bad "review/pr-comment.sh"; }

# The Helm examples run against the end-to-end chart with the Helm binaries
# of tests/e2e (skipped only where those cannot be had); the Argo CD example
# runs on the real chart in tests/argocd/cmp.sh.
if helm_dir=$("$root/tests/e2e/get-helm.sh" 2>/dev/null); then
  export CHART=$root/tests/e2e/chart
  build_dir=$(dirname "$binary")
  cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
  run_example() { # name helm-major script check-pattern
    local out=$work/$(echo "$1" | tr / -).out
    if env HELM="$helm_dir/helm$2" HELM_CONFIG_HOME="$out.h/c" HELM_DATA_HOME="$out.h/d" \
         HELM_CACHE_HOME="$out.h/k" PLUGINS_DIR="$work/prefix/lib/liqo-scenario" \
         bash "$3" > "$out" 2>&1 && grep -q "$4" "$out" && ! grep -q "warning:" "$out"; then ok "$1 (and no warning)"
    else tail -5 "$out"; bad "$1"; fi
  }
  run_example helm/helm3.sh 3 "$root/examples/helm/helm3.sh" 'liqo.io/override-port: "8443"'
  run_example helm/helm4.sh 4 "$root/examples/helm/helm4.sh" 'host: liqo-auth.cluster-b.example.com'
elif [ "${CI:-}" = true ]; then
  bad "Helm examples: no Helm binaries"
else
  echo "SKIP Helm examples: no Helm binaries and no npm"
  skipped=1
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] || exit 1
# Examples left out make the test a skip (77 for ctest), not a pass.
[ -z "${skipped:-}" ] || exit 77
