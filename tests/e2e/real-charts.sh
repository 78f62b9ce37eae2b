#!/usr/bin/env bash
# End-to-end on the real Liqo charts (v1.2.0 and v0.10.3, from
# ../shared/liqo-chart-src, unpacked into a temporary folder): the real Helm 3
# drives the binary and the real Helm 4 its plugin, and check_real.py compares
# Helm's output with the same chart rendered without the filter.
# Usage: real-charts.sh BINARY BUILD_DIR CHART_SRC_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build_dir=$(cd "$2" && pwd)
src=$3
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 and CI=true"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; end-to-end tests on the real charts not run"; exit 77
}
[ -f "$src/liqo-v1.2.0.tgz" ] && [ -f "$src/liqo-v0.10.3.tgz" ] || skip "$src has no chart sources"
helm_dir=$("$here/get-helm.sh") || skip "no Helm binaries and no npm to fetch them"
. "$here/common.sh"

cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
helm_env 4 plugin install "$work/prefix/lib/liqo-scenario/helm-plugin" > /dev/null
note $? "helm 4 accepts the installed plugin folder"
for v in v1.2.0 v0.10.3; do
  mkdir -p "$work/$v" && tar -xzf "$src/liqo-$v.tgz" -C "$work/$v"
  note $? "unpack liqo-$v.tgz"
done
chart() { echo "$work/$1/deployments/liqo"; }
# The values every render needs (the chart has no appVersion; v0.10 needs a cluster name).
values() { if [ "$1" = v1.2.0 ]; then echo "--set tag=v1.2.0 --set discovery.config.clusterID=cluster-a";
           else echo "--set tag=v0.10.3 --set discovery.config.clusterName=cluster-a"; fi; }

NAT="--profile=on-prem-nat-to-cloud --cluster=a --public-address=203.0.113.10 --auth-node-port=32443"
NAT+=" --auth-public-port=8443 --gateway-node-port=31871 --gateway-public-port=51820"
declare -A CASES=(
  [v1-nat]="v1.2.0 $NAT"
  [v1-api-ingress]="v1.2.0 --profile=on-prem-to-cloud --cluster=a --api-server=ingress --api-server-host=api.example.com --ingress-class=nginx"
  [v0-nat]="v0.10.3 $NAT"
)
post_renderer() { # helm-major args... -> the flags for that Helm
  local major=$1; shift
  if [ "$major" = 3 ]; then printf '%s\n' --post-renderer "$binary"; else printf '%s\n' --post-renderer liqo-scenario; fi
  for a in "$@"; do printf '%s\n' --post-renderer-args "$a"; done
}

# Each Helm renders the chart without the filter too: they report different
# Kubernetes versions to the templates.
for major in 3 4; do
  for v in v1.2.0 v0.10.3; do
    read -r -a set_values <<< "$(values "$v")"
    helm_env "$major" template liqo "$(chart "$v")" --namespace liqo "${set_values[@]}" > "$work/$major-$v-plain.yaml" 2> "$work/err"
    note $? "helm$major template $v without the filter: $(cat "$work/err")"
  done
done
for major in 3 4; do
  for case in v1-nat v1-api-ingress v0-nat; do
    read -r v args <<< "${CASES[$case]}"
    read -r -a args <<< "$args"
    read -r -a set_values <<< "$(values "$v")"
    mapfile -t flags < <(post_renderer "$major" "${args[@]}")
    out=$work/$major-$case.yaml
    helm_env "$major" template liqo "$(chart "$v")" --namespace liqo "${set_values[@]}" "${flags[@]}" > "$out" 2> "$work/err"
    note $? "helm$major template $case: $(cat "$work/err")"
    "$python" "$here/check_real.py" "$case" "$out" "$work/$major-$v-plain.yaml"
    note $? "helm$major template $case output"
  done
done

# What a Helm user reads after the install: --explain-file (Helm discards the
# post-renderer's standard error) and the ConfigMap of --record.
node_prefix=${LIQO_SCENARIO_NPM_PREFIX:-$HOME/.cache/liqo-scenario/npm}
for major in 3 4; do
  read -r v args <<< "${CASES[v1-nat]}"
  read -r -a args <<< "$args"
  read -r -a set_values <<< "$(values "$v")"
  plan=$work/$major-plan.txt
  mapfile -t flags < <(post_renderer "$major" "${args[@]}" "--explain-file=$plan" --record)
  out=$work/$major-record.yaml
  helm_env "$major" template liqo "$(chart "$v")" --namespace liqo "${set_values[@]}" "${flags[@]}" > "$out" 2> "$work/err"
  note $? "helm$major template v1-nat --explain-file --record: $(cat "$work/err")"
  recorded="--profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 --auth-node-port 32443"
  recorded+=" --auth-public-port 8443 --gateway-node-port 31871 --gateway-public-port 51820"
  "$python" "$here/check_record.py" "$out" "$plan" "$recorded" "$node_prefix"
  note $? "helm$major --explain-file and --record"
done

# install --dry-run on the v1 chart, answered by the loopback stand-in for a cluster.
start_fake_apiserver "$work/3-v1.2.0-plain.yaml"
for major in 3 4; do
  read -r v args <<< "${CASES[v1-nat]}"
  read -r -a args <<< "$args"
  read -r -a set_values <<< "$(values "$v")"
  mapfile -t flags < <(post_renderer "$major" "${args[@]}")
  extra=(); [ "$major" = 3 ] && extra=(--disable-openapi-validation)
  out=$work/$major-install.txt
  helm_env "$major" install liqo "$(chart "$v")" --namespace liqo --dry-run=client --kubeconfig "$work/kubeconfig" \
    "${set_values[@]}" "${extra[@]}" "${flags[@]}" > "$out" 2> "$work/err"
  note $? "helm$major install --dry-run v1.2.0: $(cat "$work/err")"
  "$python" "$here/check_real.py" v1-nat "$out" "$work/$major-v1.2.0-plain.yaml"
  note $? "helm$major install --dry-run v1.2.0 output"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
