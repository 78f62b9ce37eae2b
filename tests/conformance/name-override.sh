#!/usr/bin/env bash
# Conformance under nameOverride=foo, which renames the chart's objects and
# their part-of label: liqo-scenario's NAT cluster A must give what the chart
# itself renders for the same scenario and the same nameOverride. v1.2.0 is
# held to ../shared/liqo-charts-v1/v1.2.0/values-nameoverride-nat.yaml,
# v0.10.3 to the chart's own render of values-nat's values (real Helm 3 on
# ../shared/liqo-chart-src). Each is fed both ways a user gets there: the
# stored Helm 3 post-renderer input, and real Helm 3 and Helm 4 running the
# filter (the binary, and the installed plugin) on the chart sources.
# Usage: name-override.sh BINARY BUILD_DIR SHARED_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build_dir=$(cd "$2" && pwd)
shared=$3
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 and CI=true"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; nameOverride conformance not checked"; exit 77
}
[ -f "$shared/liqo-chart-src/liqo-v1.2.0.tgz" ] && [ -f "$shared/liqo-charts-v1/v1.2.0/values-nameoverride-nat.yaml" ] ||
  skip "$shared has no chart sources or nameOverride renders"
e2e=$here/../e2e
helm_dir=$("$e2e/get-helm.sh") || skip "no Helm binaries and no npm to fetch them"
. "$e2e/common.sh"
compare="$python $here/name_override.py"

NAT=(--profile=on-prem-nat-to-cloud --cluster=a --public-address=203.0.113.10 --auth-node-port=32443
     --auth-public-port=8443 --gateway-node-port=31871 --gateway-public-port=51820)
# The base values of each stored render (../shared/liqo-charts*/README.md).
base_v1=(--set tag=v1.2.0 --set discovery.config.clusterID=cluster-a --set nameOverride=foo)
base_v0=(--set tag=v0.10.3 --set discovery.config.clusterName=cluster-a --set networkManager.config.podCIDR=10.200.0.0/16
         --set networkManager.config.serviceCIDR=10.96.0.0/12 --set nameOverride=foo)
# values-nat.yaml of ../shared/liqo-charts/v0.10.3, as its README lists them.
nat_v0=(--set auth.service.type=NodePort --set gateway.service.type=NodePort --set apiServer.address=https://203.0.113.10:6443
        --set auth.config.addressOverride=203.0.113.10 --set auth.config.portOverride=8443
        --set gateway.config.addressOverride=203.0.113.10 --set gateway.config.portOverride=51820
        --set auth.service.nodePort.port=32443 --set gateway.service.nodePort.port=31871)

cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
helm_env 4 plugin install "$work/prefix/lib/liqo-scenario/helm-plugin" > /dev/null
note $? "helm 4 accepts the installed plugin folder"
for v in v1.2.0 v0.10.3; do
  mkdir -p "$work/$v" && tar -xzf "$shared/liqo-chart-src/liqo-$v.tgz" -C "$work/$v"
  note $? "unpack liqo-$v.tgz"
done
chart() { echo "$work/$1/deployments/liqo"; }

cp "$shared/liqo-charts-v1/v1.2.0/values-nameoverride-nat.yaml" "$work/oracle-v1.2.0.yaml"
helm_env 3 template liqo "$(chart v0.10.3)" --namespace liqo "${base_v0[@]}" "${nat_v0[@]}" > "$work/oracle-v0.10.3.yaml"
note $? "helm3 renders v0.10.3 with nameOverride and the NAT values"

check() { # label output oracle
  local diffs
  diffs=$($compare "$2" "$3")
  note $? "$1: $(echo "$diffs" | head -3 | cut -c1-400)"
  [ -z "$diffs" ] && echo "ok $1"
}

for v in v1.2.0 v0.10.3; do
  if [ "$v" = v1.2.0 ]; then input=$shared/liqo-charts-v1/v1.2.0/helm3-input-nameoverride.yaml; values=("${base_v1[@]}")
  else input=$shared/liqo-charts/v0.10.3/helm3-input-nameoverride.yaml; values=("${base_v0[@]}"); fi
  "$binary" "${NAT[@]}" "$input" > "$work/$v-stored.yaml" 2> "$work/err"
  note $? "$v stored Helm 3 input: $(cat "$work/err")"
  check "$v stored Helm 3 input" "$work/$v-stored.yaml" "$work/oracle-$v.yaml"
  for major in 3 4; do
    if [ "$major" = 3 ]; then flags=(--post-renderer "$binary"); else flags=(--post-renderer liqo-scenario); fi
    for a in "${NAT[@]}"; do flags+=(--post-renderer-args "$a"); done
    out=$work/$v-helm$major.yaml
    helm_env "$major" template liqo "$(chart "$v")" --namespace liqo "${values[@]}" "${flags[@]}" > "$out" 2> "$work/err"
    note $? "helm$major template $v --set nameOverride=foo: $(cat "$work/err")"
    check "helm$major template $v --set nameOverride=foo" "$out" "$work/oracle-$v.yaml"
  done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
