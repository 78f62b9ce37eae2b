#!/usr/bin/env bash
# Helm 4: --post-renderer names a postrenderer/v1 plugin that Helm finds in
# its plugin folders. Helm 3 cannot read such a plugin, so where both Helms
# live on one machine, Helm 4 reads the plugin folder the package (or
# `cmake --install`) installed through HELM_PLUGINS, beside its own plugins,
# and nothing goes into the folder Helm 3 reads. The arguments are passed the
# same way as with Helm 3.
set -euo pipefail
helm=${HELM:-helm}
chart=${CHART:-liqo/liqo}
# The folder that holds helm-plugin/: the package's, else cmake --install's.
plugins=${PLUGINS_DIR:-/usr/lib/liqo-scenario}
[ -d "$plugins/helm-plugin" ] || plugins=/usr/local/lib/liqo-scenario
export HELM_PLUGINS="$plugins:$("$helm" env HELM_PLUGINS)"
"$helm" template liqo "$chart" --namespace liqo \
  --post-renderer liqo-scenario \
  --post-renderer-args --profile=cloud-to-cloud \
  --post-renderer-args --auth=ingress \
  --post-renderer-args --auth-host=liqo-auth.cluster-b.example.com \
  --post-renderer-args --ingress-class=nginx \
  --post-renderer-args --api-server-address=https://api.cluster-b.example.com:6443
