#!/usr/bin/env bash
# GitOps review gate: fails when a committed render no longer matches its
# cluster's scenario (someone edited the YAML by hand, or the config changed
# without a re-render). Exit 1 lists each difference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
filter=${LIQO_SCENARIO:-liqo-scenario}
status=0
for cluster in a b; do
  if "$filter" --config "$here/clusters/$cluster/liqo-scenario.yaml" --check "$here/clusters/$cluster/liqo.yaml"; then
    echo "cluster $cluster: render matches its scenario"
  else
    status=1
  fi
done
exit $status
