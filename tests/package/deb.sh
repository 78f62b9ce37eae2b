#!/usr/bin/env bash
# The Debian package, as a user meets it: `cpack -G DEB` makes
# liqo-scenario_VERSION_ARCH.deb holding every installed piece, with a Depends
# line computed from the binaries; lintian finds no error in it; `dpkg -i`
# installs it, the installed program renders the bundled example as the built
# one does, man finds its page; `dpkg -r` removes it all.
# Installing needs root: elsewhere the test is skipped with a message, and
# under CI=true it fails instead. Runs of it on one machine take turns.
# Usage: deb.sh BUILD_DIR SOURCE_DIR
set -u
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
cannot_run() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; Debian package not tested"
  exit 77
}

[ "$(id -u)" = 0 ] || cannot_run "not root (dpkg -i needs it)"
for tool in cpack dpkg-deb dpkg-shlibdeps lintian man; do
  command -v "$tool" > /dev/null || cannot_run "$tool is not installed (scripts/setup.sh installs it)"
done
exec 9> /var/lock/liqo-scenario-package-test.lock
flock -w 600 9 || cannot_run "another run of this test holds its lock"
if dpkg-query -W -f='${Status}' liqo-scenario 2> /dev/null | grep -q "install ok installed"; then
  cannot_run "a liqo-scenario package is already installed here, and this test would remove it"
fi

work=$(mktemp -d)
installed=false
cleanup() { if $installed; then dpkg -r liqo-scenario > /dev/null 2>&1; fi; rm -rf "$work"; }
trap cleanup EXIT

version=$("$build_dir/liqo-scenario" --version | awk '{print $2}')
deb=$work/liqo-scenario_${version}_$(dpkg --print-architecture).deb
(cd "$build_dir" && cpack -G DEB -B "$work" > "$work/cpack.log" 2>&1)
[ -f "$deb" ]
note $? "cpack -G DEB makes $(basename "$deb"): $(tail -3 "$work/cpack.log")"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' > "$work/contents"
missing=
for path in /usr/bin/liqo-scenario /usr/share/man/man1/liqo-scenario.1.gz \
    /usr/share/bash-completion/completions/liqo-scenario /usr/share/zsh/vendor-completions/_liqo-scenario \
    /usr/share/fish/vendor_completions.d/liqo-scenario.fish \
    /usr/lib/liqo-scenario/helm-plugin/plugin.yaml /usr/lib/liqo-scenario/helm-plugin/run-liqo-scenario \
    /usr/lib/liqo-scenario/helm-plugin/liqo-scenario \
    /usr/share/doc/liqo-scenario/copyright /usr/share/doc/liqo-scenario/changelog.gz; do
  grep -qxF "$path" "$work/contents" || missing="$missing $path"
done
for profile in "$source_dir"/scenario-profiles/*.yaml; do
  grep -qxF "/usr/share/liqo-scenario/profiles/$(basename "$profile")" "$work/contents" || missing="$missing $profile"
done
for preset in "$source_dir"/provider-presets/*.yaml; do
  grep -qxF "/usr/share/liqo-scenario/providers/$(basename "$preset")" "$work/contents" || missing="$missing $preset"
done
[ -z "$missing" ]
note $? "the package lacks:$missing"

depends=$(dpkg-deb -f "$deb" Depends)
[[ $depends == *"libc6 (>= "* && $depends == *"libfyaml0"* ]]
note $? "Depends is computed from the binary: '$depends'"

recommends=$(dpkg-deb -f "$deb" Recommends)
[[ $recommends == *bash-completion* ]]
note $? "Recommends names bash-completion, which bash needs to read the completion: '$recommends'"
dpkg-deb -f "$deb" Description | grep -q 'v0.3 to v1.x'
note $? "the Description names the Liqo versions v0.3 to v1.x"

lintian --fail-on error "$deb" > "$work/lintian" 2>&1
note $? "lintian reports errors: $(cat "$work/lintian")"
sed 's/^/lintian: /' "$work/lintian" | grep -v "root privileges"

# Some images leave man pages and docs out of every install; this one keeps them.
dpkg --path-include='/usr/share/man/*' --path-include='/usr/share/doc/liqo-scenario/*' -i "$deb" > "$work/dpkg.log" 2>&1
code=$?
[ "$code" = 0 ] && installed=true
note $code "dpkg -i: $(tail -3 "$work/dpkg.log")"

nat=(--profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 --auth-node-port 32443
     --auth-public-port 8443 --gateway-node-port 31871 --gateway-public-port 51820)
/usr/bin/liqo-scenario "${nat[@]}" "$source_dir/examples/liqo-render.yaml" > "$work/installed.yaml" &&
  "$build_dir/liqo-scenario" "${nat[@]}" "$source_dir/examples/liqo-render.yaml" > "$work/built.yaml" &&
  ! cmp -s "$work/installed.yaml" "$source_dir/examples/liqo-render.yaml" && cmp -s "$work/installed.yaml" "$work/built.yaml"
note $? "the installed liqo-scenario renders the bundled example as the built one does"
v1=(--profile on-prem-nat-to-cloud --cluster a --public-address 203.0.113.10 --gateway-node-port 31871 --gateway-public-port 51820)
/usr/bin/liqo-scenario "${v1[@]}" "$source_dir/examples/liqo-v1.2-render.yaml" > "$work/installed-v1.yaml" &&
  "$build_dir/liqo-scenario" "${v1[@]}" "$source_dir/examples/liqo-v1.2-render.yaml" > "$work/built-v1.yaml" &&
  grep -q -- '--api-server-address-override=https://203.0.113.10:6443' "$work/installed-v1.yaml" &&
  cmp -s "$work/installed-v1.yaml" "$work/built-v1.yaml"
note $? "the installed liqo-scenario renders the bundled Liqo v1.2 example as the built one does"

/usr/lib/liqo-scenario/helm-plugin/liqo-scenario --version > /dev/null
note $? "the installed plugin's binary runs"

# The Helm 4 example finds the plugin where the package put it, with no
# `helm plugin install` and nothing written where Helm 3 reads plugins.
if helm_dir=$("$source_dir/tests/e2e/get-helm.sh" 2> /dev/null); then
  helm4() { env HELM_CONFIG_HOME="$work/h/config" HELM_DATA_HOME="$work/h/data" HELM_CACHE_HOME="$work/h/cache" "$@"; }
  helm4 env HELM="$helm_dir/helm4" CHART="$source_dir/tests/e2e/chart" bash "$source_dir/examples/helm/helm4.sh" \
    > "$work/helm4.yaml" 2> "$work/helm4.err" && grep -q 'host: liqo-auth.cluster-b.example.com' "$work/helm4.yaml" &&
    [ -z "$(ls -A "$work/h/data/plugins" 2> /dev/null)" ]
  note $? "examples/helm/helm4.sh post-renders with the packaged plugin folder: $(head -2 "$work/helm4.err")"
elif [ "${CI:-}" = true ]; then
  note 1 "no Helm binaries for the packaged plugin's check"
else
  echo "SKIP the packaged plugin under Helm 4: no Helm binaries"
fi

page=$(man -w liqo-scenario 2>&1)
[ "$page" = /usr/share/man/man1/liqo-scenario.1.gz ]
note $? "man -w liqo-scenario: '$page'"

dpkg -r liqo-scenario > "$work/dpkg.log" 2>&1
code=$?
[ "$code" = 0 ] && installed=false
[ "$code" = 0 ] && [ ! -e /usr/bin/liqo-scenario ] && [ ! -e /usr/lib/liqo-scenario ] && [ ! -e /usr/share/liqo-scenario ]
note $? "dpkg -r removes it (exit $code): $(tail -2 "$work/dpkg.log")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
