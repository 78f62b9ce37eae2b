#!/usr/bin/env bash
# Helm 3 beside Helm 4 on one machine, one user, one Helm data folder: the
# real binaries of both. Helm 3 cannot read the postrenderer/v1 plugin.yaml
# of Helm 4, so a plugin installed in the folder both read breaks every
# Helm 3 command. The two ways doc/helm.md gives to keep them apart are
# checked here: Helm 4 reads the installed plugin folder through
# HELM_PLUGINS (no `helm plugin install`), or installs the archive into a
# data folder of its own (HELM_DATA_HOME). Either way Helm 4 post-renders and Helm 3 runs
# without a word about plugins.
# Usage: plugin-folders.sh BINARY BUILD_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build_dir=$(cd "$2" && pwd)
if ! helm_dir=$("$here/get-helm.sh"); then
  if [ "${CI:-}" = true ]; then echo "FAIL: the Helm binaries could not be had"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: no Helm binaries and no npm to fetch them; plugin folders not checked"
  exit 77
fi
. "$here/common.sh"
# One HOME for both Helms, as on a user's machine: the default folders are shared.
export HOME=$work/home XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_CACHE_HOME= HELM_PLUGINS=
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME HELM_PLUGINS HELM_CONFIG_HOME HELM_DATA_HOME HELM_CACHE_HOME
mkdir -p "$HOME"
helm3=$helm_dir/helm3 helm4=$helm_dir/helm4
shared=$("$helm3" env HELM_PLUGINS)
[ "$shared" = "$("$helm4" env HELM_PLUGINS)" ]
note $? "both Helms default to one plugin folder ($shared)"

prefix=$work/usr
cmake --install "$build_dir" --prefix "$prefix" > /dev/null
archive=$(HELM4="$helm4" "$here/../../scripts/package-helm-plugin.sh" "$build_dir" "$work/dist")
note $? "helm plugin package makes an archive"
lan=(--post-renderer-args --profile=on-prem-to-on-prem)

helm3_is_clean() { # what
  "$helm3" plugin list > "$work/h3-list" 2> "$work/h3-err" && [ ! -s "$work/h3-err" ] &&
    "$helm3" template liqo "$here/chart" --namespace liqo --post-renderer "$binary" "${lan[@]}" > "$work/h3.yaml" 2> "$work/h3-err" &&
    [ ! -s "$work/h3-err" ] && "$python" "$here/check.py" lan 3 "$work/h3.yaml"
  note $? "$1: Helm 3 lists its plugins and post-renders without a word about plugins: $(head -2 "$work/h3-err")"
}
helm4_renders() { # what
  "$helm4" template liqo "$here/chart" --namespace liqo --post-renderer liqo-scenario "${lan[@]}" > "$work/h4.yaml" 2> "$work/h4-err" &&
    "$python" "$here/check.py" lan 4 "$work/h4.yaml"
  note $? "$1: Helm 4 post-renders with the plugin: $(head -2 "$work/h4-err")"
}

# What goes wrong without a folder of Helm 4's own (what the docs warn of).
"$helm4" plugin install "$archive" --verify=false > /dev/null 2>&1
note $? "helm4 installs the archive into the shared folder"
"$helm3" plugin list > /dev/null 2> "$work/h3-err"
code=$?
[ "$code" != 0 ] && grep -q 'unknown field "apiVersion"' "$work/h3-err"
note $? "a Helm 4 plugin in the shared folder breaks helm3 plugin list (exit $code): $(head -1 "$work/h3-err")"
"$helm4" plugin uninstall liqo-scenario > /dev/null 2>&1
note $? "helm4 plugin uninstall"
helm3_is_clean "after uninstalling"

# 1. The installed folder (the package's /usr/lib/liqo-scenario), read through HELM_PLUGINS.
export HELM_PLUGINS_FOR_HELM4="$prefix/lib/liqo-scenario:$shared"
HELM_PLUGINS=$HELM_PLUGINS_FOR_HELM4 helm4_renders "HELM_PLUGINS=PREFIX/lib/liqo-scenario:DEFAULT"
HELM_PLUGINS=$HELM_PLUGINS_FOR_HELM4 "$helm4" plugin list 2>&1 | grep -q '^liqo-scenario'
note $? "helm4 plugin list names liqo-scenario through HELM_PLUGINS"
helm3_is_clean "Helm 4 reading the installed folder"
[ -z "$(ls -A "$shared" 2> /dev/null)" ]
note $? "nothing was written into the shared plugin folder"

# 2. The archive, installed into a data folder of Helm 4's own (helm 4.1
# installs an archive under HELM_DATA_HOME/plugins whatever HELM_PLUGINS says).
own=$HOME/.local/share/helm4
HELM_DATA_HOME=$own "$helm4" plugin install "$archive" --verify=false > /dev/null 2>&1
note $? "helm4 installs the archive into its own data folder"
[ -f "$own/plugins/liqo-scenario/plugin.yaml" ]
note $? "the archive went to HELM_DATA_HOME/plugins"
HELM_DATA_HOME=$own helm4_renders "HELM_DATA_HOME=~/.local/share/helm4"
helm3_is_clean "Helm 4 with the archive in its own data folder"
[ -z "$(ls -A "$shared" 2> /dev/null)" ]
note $? "the shared plugin folder is still empty"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
