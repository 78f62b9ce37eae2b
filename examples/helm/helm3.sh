#!/usr/bin/env bash
# Helm 3: the post-renderer is an executable (a path, or a name on PATH), and
# each --post-renderer-args value reaches it as one argument. `template`
# shows the result; use `install` or `upgrade` the same way.
set -euo pipefail
helm=${HELM:-helm}
chart=${CHART:-liqo/liqo}
filter=${LIQO_SCENARIO:-liqo-scenario}
"$helm" template liqo "$chart" --namespace liqo \
  --post-renderer "$filter" \
  --post-renderer-args --profile=on-prem-nat-to-cloud \
  --post-renderer-args --cluster=a \
  --post-renderer-args --public-address=203.0.113.10 \
  --post-renderer-args --auth-node-port=32443 \
  --post-renderer-args --auth-public-port=8443 \
  --post-renderer-args --gateway-node-port=31871 \
  --post-renderer-args --gateway-public-port=51820
