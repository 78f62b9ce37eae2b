# Shared by the end-to-end scripts (sourced, not run): a scratch folder that
# goes away with the fake API server, one set of Helm folders per Helm major
# (Helm 3 complains about Helm 4's plugin.yaml), and the pass/fail count.
# Needs $here; sets $work, $python, $passed, $failed.
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
helm_env() { env HELM_CONFIG_HOME="$work/helm$1/config" HELM_DATA_HOME="$work/helm$1/data" HELM_CACHE_HOME="$work/helm$1/cache" "$helm_dir/helm$1" "${@:2}"; }
python=/usr/bin/python3
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
# install --dry-run asks a server for versions and API groups: a loopback
# stand-in answers (with the objects of RENDER, if given), and
# $work/kubeconfig points at it.
start_fake_apiserver() {
  "$python" "$here/fake-apiserver.py" "$work/port" "$@" & server_pid=$!
  for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
  cat > "$work/kubeconfig" <<KUBE
apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:$(cat "$work/port")"}}]
contexts: [{name: fake, context: {cluster: fake, user: fake, namespace: liqo}}]
current-context: fake
users: [{name: fake, user: {}}]
KUBE
}
