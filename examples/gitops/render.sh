#!/usr/bin/env bash
# GitOps pipeline step: render both peered clusters from their config files,
# write each render atomically next to its config, and print what the network
# admin must do for the cluster behind the NAT.
# Usage: render.sh [CHART_RENDER]   (default: the bundled example render;
# in a real pipeline: helm template liqo liqo/liqo ... > chart.yaml first)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
filter=${LIQO_SCENARIO:-liqo-scenario}
chart=${1:-$here/../liqo-render.yaml}
for cluster in a b; do
  "$filter" --config "$here/clusters/$cluster/liqo-scenario.yaml" --explain \
    -o "$here/clusters/$cluster/liqo.yaml" "$chart"
done
