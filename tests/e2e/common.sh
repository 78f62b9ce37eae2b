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
