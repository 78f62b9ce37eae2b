#!/usr/bin/env bash
# Sets up, builds, and runs liqo-scenario on the bundled example render with
# the cluster-behind-NAT scenario, printing the report and the changed lines.
set -eu
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
build/liqo-scenario --profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 \
  --auth-node-port 32443 --auth-public-port 8443 --gateway-node-port 31871 --gateway-public-port 51820 \
  --explain examples/liqo-render.yaml > build/example-output.yaml
echo "--- what changed (diff of examples/liqo-render.yaml and build/example-output.yaml):"
diff examples/liqo-render.yaml build/example-output.yaml || true
