#!/usr/bin/env bash
# The Argo CD plugin's generate command, run as Argo CD's CMP server runs it:
# the command plugin.yaml names, in the application's folder (a chart), with
# only the environment Argo CD gives it (ARGOCD_APP_*, KUBE_VERSION,
# ARGOCD_ENV_* from the Application's plugin env, PARAM_* from its plugin
# parameters) and busybox's sh, the image's shell. Real Helm 3 renders the
# real Liqo v1.2.0 and v0.10.3 charts (from ../shared/liqo-chart-src); each
# output must be what the same Helm command piped through liqo-scenario
# --config gives, carry the scenario's edits and be the same on a second run.
# A Helm failure must exit non-zero with Helm's own message and nothing on
# stdout, and a chart left to make a random cluster ID must be refused.
# Usage: cmp.sh BINARY CHART_SRC_DIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 and CI=true"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; the Argo CD plugin is not tested"; exit 77
}
[ -f "$src/liqo-v1.2.0.tgz" ] && [ -f "$src/liqo-v0.10.3.tgz" ] || skip "$src has no chart sources"
helm_dir=$("$root/tests/e2e/get-helm.sh") || skip "no Helm binaries and no npm to fetch them"
command -v busybox > /dev/null || skip "no busybox (scripts/setup.sh installs busybox-static)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for v in v1.2.0 v0.10.3; do
  mkdir -p "$work/src-$v" && tar -xzf "$src/liqo-$v.tgz" -C "$work/src-$v"
done

# What the sidecar has on PATH: helm and liqo-scenario, and the generate
# command plugin.yaml names, found here in packaging/argocd.
mkdir -p "$work/bin"
ln -s "$helm_dir/helm3" "$work/bin/helm"
ln -s "$binary" "$work/bin/liqo-scenario"
command=$(/usr/bin/python3 -c 'import sys, yaml; print(" ".join(yaml.safe_load(open(sys.argv[1]))["spec"]["generate"]["command"]))' \
  "$root/packaging/argocd/plugin.yaml")
[ "$command" = /usr/bin/liqo-scenario-cmp ]
note $? "plugin.yaml's generate command is '$command', the image's /usr/bin/liqo-scenario-cmp"
# The Application and the sidecar of examples/argocd name this plugin and
# run its image as Argo CD asks of a CMP sidecar.
/usr/bin/python3 - "$root/packaging/argocd/plugin.yaml" "$root/examples/argocd/application.yaml" \
  "$root/examples/argocd/repo-server-sidecar.yaml" > "$work/manifests.txt" 2>&1 <<'PY'
import sys, yaml
plugin, app, patch = (yaml.safe_load(open(p)) for p in sys.argv[1:])
name = plugin["metadata"]["name"] + ("-" + plugin["spec"]["version"] if plugin["spec"].get("version") else "")
assert app["spec"]["source"]["plugin"]["name"] == name, "the Application names another plugin"
announced = {p["name"]: p.get("collectionType", "string") for p in plugin["spec"]["parameters"]["static"]}
for p in app["spec"]["source"]["plugin"]["parameters"]:
    kind = "array" if "array" in p else "map" if "map" in p else "string"
    assert announced.get(p["name"]) == kind, "parameter %s is not announced as %s" % (p["name"], kind)
[sidecar] = patch["spec"]["template"]["spec"]["containers"]
assert sidecar["command"] == ["/var/run/argocd/argocd-cmp-server"], sidecar["command"]
assert sidecar["securityContext"]["runAsUser"] == 999
mounts = {m["mountPath"] for m in sidecar["volumeMounts"]}
assert {"/var/run/argocd", "/home/argocd/cmp-server/plugins", "/tmp"} <= mounts, mounts
assert "/home/argocd/cmp-server/config/plugin.yaml" not in mounts, "the image carries plugin.yaml"
PY
note $? "examples/argocd's Application and sidecar fit plugin.yaml: $(cat "$work/manifests.txt")"
generate() { # app-dir out err [NAME=VALUE...]: runs the plugin as the CMP server does
  local app=$1 out=$2 err=$3
  shift 3
  (cd "$app" && env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" TMPDIR="$work/tmp" \
     HELM_CACHE_HOME="$work/helm/cache" HELM_CONFIG_HOME="$work/helm/config" HELM_DATA_HOME="$work/helm/data" \
     ARGOCD_APP_NAME=liqo ARGOCD_APP_NAMESPACE=liqo ARGOCD_APP_REVISION=0123456789abcdef \
     ARGOCD_APP_SOURCE_PATH=clusters/a ARGOCD_APP_SOURCE_REPO_URL=https://git.example.com/clusters.git \
     ARGOCD_APP_SOURCE_TARGET_REVISION=main "$@" \
     busybox sh "$root/packaging/argocd/liqo-scenario-cmp" > "$out" 2> "$err")
}
mkdir -p "$work/tmp" "$work/home"
# The same render done by hand: Helm, then liqo-scenario --config.
by_hand() { # app-dir out helm-flags...
  local app=$1 out=$2
  shift 2
  (cd "$app" && "$helm_dir/helm3" template liqo . --namespace liqo "$@" > "$out.plain" &&
     "$binary" --config liqo-scenario.yaml "$out.plain" > "$out" 2> /dev/null)
}

# Cluster A on v1.2.0 as examples/argocd shows it: an umbrella chart whose
# charts/ holds the Liqo chart, values under the dependency's key.
umbrella=$work/umbrella
mkdir -p "$umbrella/charts"
cp "$root"/examples/argocd/cluster-a/* "$umbrella/"
cp -r "$work/src-v1.2.0/deployments/liqo" "$umbrella/charts/liqo"
generate "$umbrella" "$work/v1.yaml" "$work/v1.err"
note $? "v1.2.0 umbrella: the plugin renders: $(cat "$work/v1.err")"
by_hand "$umbrella" "$work/v1-by-hand.yaml"
cmp -s "$work/v1.yaml" "$work/v1-by-hand.yaml"
note $? "v1.2.0 umbrella: the output is helm template | liqo-scenario --config"
grep -q -- '- --api-server-address-override=https://203.0.113.10:6443' "$work/v1.yaml" &&
  ! grep -q -- '--api-server-address-override' "$work/v1-by-hand.yaml.plain"
note $? "v1.2.0 umbrella: the output carries the scenario's API server address"
grep -q '^  CLUSTER_ID: cluster-a$' "$work/v1.yaml" && ! grep -q 'CLUSTER_ID: cluster-a' "$work/v1-by-hand.yaml.plain"
note $? "v1.2.0 umbrella: the cluster ID is the one liqo-scenario.yaml pins"
generate "$umbrella" "$work/v1-again.yaml" "$work/v1-again.err"
cmp -s "$work/v1.yaml" "$work/v1-again.yaml"
note $? "v1.2.0 umbrella: two runs are byte-identical"

# The filter's warnings reach Argo CD once, not once per render.
cp "$umbrella/liqo-scenario.yaml" "$work/settings.yaml"
echo "auth-node-port: 32443" >> "$umbrella/liqo-scenario.yaml"
generate "$umbrella" "$work/warned.yaml" "$work/warned.err"
code=$?
[ "$code" = 0 ] && cmp -s "$work/warned.yaml" "$work/v1.yaml" &&
  [ "$(grep -c '^liqo-scenario: warning: --auth-node-port has no effect' "$work/warned.err")" = 1 ]
note $? "a warning is shown once (exit $code): $(cat "$work/warned.err")"
cp "$work/settings.yaml" "$umbrella/liqo-scenario.yaml"

# Left to the chart, the telemetry schedule is the time of the render: the
# plugin says so and still renders.
cp "$umbrella/values.yaml" "$work/values.yaml"
printf 'liqo:\n  tag: v1.2.0\n' > "$umbrella/values.yaml"
generate "$umbrella" "$work/timed.yaml" "$work/timed.err"
code=$?
[ "$code" = 0 ] && grep -q "warning: the telemetry CronJob's schedule is the time of the render" "$work/timed.err" &&
  grep -q -- '- --api-server-address-override=https://203.0.113.10:6443' "$work/timed.yaml" &&
  ! grep -q "telemetry CronJob" "$work/v1.err"
note $? "a schedule taken from the time is a warning, only then (exit $code): $(cat "$work/timed.err")"
cp "$work/values.yaml" "$umbrella/values.yaml"

# Left to the chart, the v1 cluster ID is random: the plugin refuses it.
sed -i '/^cluster-id: /d' "$umbrella/liqo-scenario.yaml"
generate "$umbrella" "$work/random.yaml" "$work/random.err"
code=$?
[ "$code" = 3 ] && [ ! -s "$work/random.yaml" ] && grep -q 'random cluster ID.*cluster-id in liqo-scenario.yaml' "$work/random.err" &&
  grep -q '^-  CLUSTER_ID: ' "$work/random.err" && grep -q '^+  CLUSTER_ID: ' "$work/random.err"
note $? "v1.2.0 without a cluster ID is refused (exit $code): $(cat "$work/random.err")"

# A Helm error: the plugin exits with Helm's status and message, nothing else.
sed -i 's/^  tag: v1.2.0$/  tag: ""/' "$umbrella/values.yaml"
generate "$umbrella" "$work/helm-error.yaml" "$work/helm-error.err"
code=$?
[ "$code" != 0 ] && [ ! -s "$work/helm-error.yaml" ] &&
  grep -q '^Error: .*At least one between .Values.tag and .Chart.AppVersion should be set' "$work/helm-error.err" &&
  ! grep -q 'liqo-scenario' "$work/helm-error.err"
note $? "a Helm error exits non-zero (exit $code) with Helm's message only: $(cat "$work/helm-error.err")"

# v0.10.3, the application's folder the Liqo chart itself: the values come
# from a values file and a --set given as plugin parameters.
chart=$work/src-v0.10.3/deployments/liqo
cp "$root/examples/gitops/clusters/a/liqo-scenario.yaml" "$chart/"
echo "cluster-id: 0b5e2b9c-3f0a-4d8e-9a41-6c1d2e7f8a90" >> "$chart/liqo-scenario.yaml"
cat > "$chart/cluster-a.yaml" <<'VALUES'
discovery:
  config:
    clusterName: cluster-a
telemetry:
  config:
    schedule: "15 4 * * *"
VALUES
generate "$chart" "$work/v0.yaml" "$work/v0.err" PARAM_VALUES_FILES_0=cluster-a.yaml PARAM_HELM_PARAMETERS_0=tag=v0.10.3 \
  ARGOCD_APP_PARAMETERS='[{"name":"values-files","array":["cluster-a.yaml"]},{"name":"helm-parameters","array":["tag=v0.10.3"]}]'
note $? "v0.10.3 with parameters: the plugin renders: $(cat "$work/v0.err")"
by_hand "$chart" "$work/v0-by-hand.yaml" --values cluster-a.yaml --set tag=v0.10.3
cmp -s "$work/v0.yaml" "$work/v0-by-hand.yaml"
note $? "v0.10.3 with parameters: the output is helm template -f cluster-a.yaml --set tag=v0.10.3 | liqo-scenario --config"
grep -q 'liqo.io/override-port: "8443"' "$work/v0.yaml" && grep -q 'nodePort: 31871' "$work/v0.yaml" &&
  grep -q 'liqo.io/override-address: "203.0.113.10"' "$work/v0.yaml" &&
  grep -q '^  CLUSTER_ID: 0b5e2b9c-3f0a-4d8e-9a41-6c1d2e7f8a90$' "$work/v0.yaml"
note $? "v0.10.3 with parameters: the output carries the NAT scenario's annotations and node ports, and the pinned ID"
generate "$chart" "$work/v0-again.yaml" "$work/v0-again.err" PARAM_VALUES_FILES_0=cluster-a.yaml PARAM_HELM_PARAMETERS_0=tag=v0.10.3
cmp -s "$work/v0.yaml" "$work/v0-again.yaml"
note $? "v0.10.3 with parameters: two runs are byte-identical"
generate "$chart" "$work/v0-env.yaml" "$work/v0-env.err" ARGOCD_ENV_VALUES_FILES=cluster-a.yaml ARGOCD_ENV_HELM_PARAMETERS=tag=v0.10.3
cmp -s "$work/v0.yaml" "$work/v0-env.yaml"
note $? "v0.10.3 with ARGOCD_ENV_VALUES_FILES and ARGOCD_ENV_HELM_PARAMETERS renders the same: $(cat "$work/v0-env.err")"

# KUBE_VERSION reaches Helm: a version Helm cannot read is Helm's error.
generate "$chart" "$work/kube.yaml" "$work/kube.err" PARAM_VALUES_FILES_0=cluster-a.yaml PARAM_HELM_PARAMETERS_0=tag=v0.10.3 \
  KUBE_VERSION=not-a-version
code=$?
[ "$code" != 0 ] && [ ! -s "$work/kube.yaml" ] && grep -qi 'kube-version\|kubernetes version\|invalid' "$work/kube.err"
note $? "KUBE_VERSION is passed to Helm (exit $code): $(cat "$work/kube.err")"
generate "$chart" "$work/kube.yaml" "$work/kube.err" PARAM_VALUES_FILES_0=cluster-a.yaml PARAM_HELM_PARAMETERS_0=tag=v0.10.3 \
  KUBE_VERSION=1.29.0 KUBE_API_VERSIONS=v1,apps/v1,monitoring.coreos.com/v1
note $? "KUBE_VERSION and KUBE_API_VERSIONS as Argo CD sets them: $(cat "$work/kube.err")"

# The values files must be part of the commit.
generate "$chart" "$work/outside.yaml" "$work/outside.err" PARAM_VALUES_FILES_0=../../../outside.yaml
code=$?
[ "$code" = 2 ] && [ ! -s "$work/outside.yaml" ] && grep -q "outside the application's folder" "$work/outside.err"
note $? "a values file outside the application's folder is refused (exit $code): $(cat "$work/outside.err")"
# A broken settings file is liqo-scenario's error, with nothing on stdout.
printf 'profile: [\n' > "$chart/liqo-scenario.yaml"
generate "$chart" "$work/bad.yaml" "$work/bad.err" PARAM_VALUES_FILES_0=cluster-a.yaml PARAM_HELM_PARAMETERS_0=tag=v0.10.3
code=$?
[ "$code" = 2 ] && [ ! -s "$work/bad.yaml" ] && grep -q '^liqo-scenario: liqo-scenario.yaml' "$work/bad.err"
note $? "a broken liqo-scenario.yaml is the filter's usage error (exit $code): $(cat "$work/bad.err")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
