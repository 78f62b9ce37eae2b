#!/usr/bin/env bash
# Helm 4: --post-renderer names an installed postrenderer/v1 plugin. Install
# the plugin folder that `cmake --install` puts in lib/liqo-scenario/ once;
# the arguments are passed the same way as with Helm 3.
set -euo pipefail
helm=${HELM:-helm}
chart=${CHART:-liqo/liqo}
plugin=${PLUGIN_DIR:-/usr/local/lib/liqo-scenario/helm-plugin}
"$helm" plugin list | grep -q '^liqo-scenario' || "$helm" plugin install "$plugin" > /dev/null
"$helm" template liqo "$chart" --namespace liqo \
  --post-renderer liqo-scenario \
  --post-renderer-args --profile=cloud-to-cloud \
  --post-renderer-args --auth=ingress \
  --post-renderer-args --auth-host=liqo-auth.cluster-b.example.com \
  --post-renderer-args --ingress-class=nginx
