#!/usr/bin/env bash
# Builds the Helm 4 plugin archive liqo-scenario-VERSION.tgz into OUTDIR
# (default: dist/) with `helm plugin package`, from a fresh install of the
# build. Unsigned: install it with `helm plugin install FILE --verify=false`,
# or sign it (helm plugin package --sign --key ...) for distribution.
# Usage: package-helm-plugin.sh [BUILD_DIR] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build} out=${2:-dist}
helm=${HELM4:-$(tests/e2e/get-helm.sh)/helm4}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage" > /dev/null
mkdir -p "$out"
HELM_CONFIG_HOME=$stage/config HELM_DATA_HOME=$stage/data HELM_CACHE_HOME=$stage/cache \
  "$helm" plugin package "$stage/lib/liqo-scenario/helm-plugin" --sign=false -d "$out" > /dev/null 2>&1
ls "$out"/liqo-scenario-*.tgz
