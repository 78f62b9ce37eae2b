#!/usr/bin/env bash
# Review flow: a cluster's render is committed as a golden file; when its
# scenario changes (here the auth server moves from a LoadBalancer to an
# Ingress), the pull request shows exactly the lines that change.
# Usage: scenario-change.sh [CHART_RENDER]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
filter=${LIQO_SCENARIO:-liqo-scenario}
chart=${1:-$here/../liqo-render.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
api=(--api-server-address https://api.cluster-b.example.com:6443)
"$filter" --profile cloud-to-cloud "${api[@]}" "$chart" > "$work/before.yaml"
"$filter" --profile cloud-to-cloud "${api[@]}" --auth ingress --auth-host auth.example.com --ingress-class nginx \
  "$chart" > "$work/after.yaml"
# diff exits 1 when the files differ, which is the point here.
diff -u --label committed/liqo.yaml --label proposed/liqo.yaml "$work/before.yaml" "$work/after.yaml" || true
