#!/usr/bin/env bash
# Runs the plugin's generate command the way the Argo CD repo server does: in
# the application's folder, with ARGOCD_APP_* and ARGOCD_ENV_* set. Here the
# folder is a copy of examples/gitops/clusters/a with CHART pointing at a chart.
# Usage: generate.sh  (HELM, CHART, LIQO_SCENARIO as in the other examples)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$(mktemp -d)
bin=$(mktemp -d)
trap 'rm -rf "$app" "$bin"' EXIT
cp "$here/../gitops/clusters/a/liqo-scenario.yaml" "$app/"
ln -s "$(command -v "${HELM:-helm}")" "$bin/helm"
ln -s "$(command -v "${LIQO_SCENARIO:-liqo-scenario}")" "$bin/liqo-scenario"
command=$(/usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["spec"]["generate"]["args"][0])' \
  "$here/liqo-scenario-cmp.yaml")
cd "$app"
PATH=$bin:$PATH ARGOCD_APP_NAME=liqo ARGOCD_APP_NAMESPACE=liqo ARGOCD_ENV_CHART=${CHART:-liqo/liqo} sh -c "$command"
