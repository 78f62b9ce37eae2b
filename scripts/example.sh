#!/usr/bin/env bash
# Installs what building needs (scripts/setup-build.sh: no test tools), builds
# liqo-scenario into build-example/ and runs it on the two bundled renders for
# cluster A of the NAT scenario (on-prem-nat-to-cloud): the Liqo v1.2.0 one,
# printing the peering plan and the one changed line, then the v0.10.3 one,
# with its port-forwarding rules and changed lines.
set -eu
cd "$(dirname "$0")/.."
bash scripts/setup-build.sh
cmake -S . -B build-example -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF > /dev/null
cmake --build build-example -j"$(nproc)" > /dev/null
filter=build-example/liqo-scenario
echo "built $filter"

show() { # title render output flags...
  local title=$1 render=$2 output=$3
  shift 3
  echo
  echo "== $title"
  echo "\$ liqo-scenario $* --explain $render"
  "$filter" "$@" --explain "$render" 2>&1 > "$output"
  echo "--- what changed (diff $render $output):"
  diff "$render" "$output" || true
}

show "Liqo v1.2.0, cluster A behind a NAT: the API server address and the peering plan" \
  examples/liqo-v1.2-render.yaml build-example/liqo-v1.2-output.yaml \
  --profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 \
  --gateway-node-port 31871 --gateway-public-port 51820
show "Liqo v0.10.3, the same cluster: the auth and gateway Services behind the router" \
  examples/liqo-render.yaml build-example/liqo-v0.10-output.yaml \
  --profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 \
  --auth-node-port 32443 --auth-public-port 8443 --gateway-node-port 31871 --gateway-public-port 51820
