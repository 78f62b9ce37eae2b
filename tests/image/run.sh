#!/usr/bin/env bash
# The Argo CD sidecar image (scripts/build-image.sh), as Argo CD meets it:
# the OCI layout unpacked with umoci, the tool that wrote it; its config runs
# the plugin's generate command as user 999; Argo CD's CMP server finds the
# plugin configuration at /home/argocd/cmp-server/config/plugin.yaml and the
# command it names is in the image; nothing in it needs a shared library
# (the image is FROM scratch); and its entrypoint, run in a chroot of the
# unpacked root as user 999 with the image's environment, renders the real
# Liqo v1.2.0 chart the same way twice. Two builds give the same image.
# Running as user 999 in a chroot needs root: elsewhere that part is skipped
# with a message, and under CI=true it fails instead.
# Usage: run.sh BUILD_DIR CHART_SRC_DIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
src=$2
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 and CI=true"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; the image is not tested"; exit 77
}
command -v umoci > /dev/null || skip "no umoci (scripts/setup.sh installs it)"
[ -f "$src/liqo-v1.2.0.tgz" ] || skip "$src has no chart sources"
"$root/tests/e2e/get-helm.sh" > /dev/null || skip "no Helm binaries and no npm to fetch them"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
tag=$("$build/liqo-scenario" --version | awk '{print $2}')

"$root/scripts/build-image.sh" "$build" "$work/oci" > "$work/build.log" 2>&1
note $? "build-image.sh: $(tail -3 "$work/build.log")"
"$root/scripts/build-image.sh" "$build" "$work/oci-again" > /dev/null 2>&1 &&
  cmp -s "$work/oci/index.json" "$work/oci-again/index.json"
note $? "two builds of the image give the same manifest digest"

# The image config, read from the layout as a registry or a runtime reads it.
"$python" - "$work/oci" "$tag" > "$work/config.txt" 2>&1 <<'PY'
import json, os, sys
layout, tag = sys.argv[1], sys.argv[2]
def blob(digest):
    return json.load(open(os.path.join(layout, "blobs", *digest.split(":"))))
index = json.load(open(os.path.join(layout, "index.json")))
[entry] = [m for m in index["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag]
manifest = blob(entry["digest"])
config = blob(manifest["config"]["digest"])
c = config["config"]
print("user", c.get("User"))
print("entrypoint", json.dumps(c.get("Entrypoint")))
print("os", config.get("os"))
print("layers", len(manifest["layers"]))
for e in c.get("Env", []):
    print("env", e)
PY
note $? "the layout has an image tagged $tag: $(cat "$work/config.txt")"
grep -qx 'user 999:999' "$work/config.txt"
note $? "the image config's user is 999:999"
grep -qx 'entrypoint \["/usr/bin/liqo-scenario-cmp"\]' "$work/config.txt"
note $? "the image config's entrypoint is the plugin's generate command"
grep -qx 'os linux' "$work/config.txt" && grep -qx 'layers 1' "$work/config.txt"
note $? "the image is one layer for linux, FROM scratch"

rootless=(); [ "$(id -u)" = 0 ] || rootless=(--rootless)
umoci unpack "${rootless[@]}" --image "$work/oci:$tag" "$work/bundle" > "$work/unpack.log" 2>&1
note $? "umoci unpacks the image: $(tail -2 "$work/unpack.log")"
fs=$work/bundle/rootfs
"$python" -c 'import json, sys; p = json.load(open(sys.argv[1]))["process"]; print(p["user"]["uid"], p["args"])' \
  "$work/bundle/config.json" > "$work/process.txt"
grep -qx "999 \['/usr/bin/liqo-scenario-cmp'\]" "$work/process.txt"
note $? "the runtime bundle runs /usr/bin/liqo-scenario-cmp as uid 999: $(cat "$work/process.txt")"

cmp -s "$fs/home/argocd/cmp-server/config/plugin.yaml" "$root/packaging/argocd/plugin.yaml"
note $? "the CMP configuration is at /home/argocd/cmp-server/config/plugin.yaml"
command=$("$python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["spec"]["generate"]["command"][0])' \
  "$fs/home/argocd/cmp-server/config/plugin.yaml")
interpreter=$(head -1 "$fs$command" | sed 's/^#! *//; s/ .*//')
[ -x "$fs$command" ] && [ -x "$fs$interpreter" ]
note $? "the image holds the generate command $command and its interpreter $interpreter"
cmp -s "$fs/usr/bin/liqo-scenario" "$build/static/liqo-scenario" && cmp -s "$fs$command" "$root/packaging/argocd/liqo-scenario-cmp"
note $? "the image holds this build's static executable and the plugin's script"
missing=
for f in "$root"/scenario-profiles/*.yaml; do cmp -s "$f" "$fs/usr/share/liqo-scenario/profiles/$(basename "$f")" || missing="$missing $f"; done
for f in "$root"/provider-presets/*.yaml; do cmp -s "$f" "$fs/usr/share/liqo-scenario/providers/$(basename "$f")" || missing="$missing $f"; done
[ -z "$missing" ]
note $? "the image lacks profiles or presets:$missing"
dynamic=
while IFS= read -r f; do
  if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = 177ELF ] && ! file -b "$f" | grep -q 'statically linked'; then
    dynamic="$dynamic ${f#"$fs"}"
  fi
done < <(find "$fs" -type f)
[ -z "$dynamic" ] && [ ! -e "$fs/lib" ] && [ ! -e "$fs/usr/lib" ] && [ ! -e "$fs/lib64" ]
note $? "every program in the image is static and it has no library folder:$dynamic"
"$fs/usr/bin/helm" version --short > "$work/helm-version" 2>&1 && grep -q '^v3\.' "$work/helm-version"
note $? "the image's helm is Helm 3: $(cat "$work/helm-version")"

if [ "$(id -u)" != 0 ]; then
  if [ "${CI:-}" = true ]; then note 1 "not root: cannot run the image as user 999 in a chroot"
  else echo "SKIP: not root: the image's entrypoint is not run"; skipped=1; fi
else
  tar -xzf "$src/liqo-v1.2.0.tgz" -C "$work"
  app=$fs/tmp/app
  mkdir -p "$app/charts"
  cp "$root"/examples/argocd/cluster-a/* "$app/"
  cp -r "$work/deployments/liqo" "$app/charts/liqo"
  chown -R 999:999 "$app"
  # A container runtime gives every container /dev/null; the chroot gets
  # only that device, nothing of the host's /dev, /proc or /sys.
  mkdir -p "$fs/dev" && mknod -m 0666 "$fs/dev/null" c 1 3
  mapfile -t image_env < <(sed -n 's/^env //p' "$work/config.txt")
  run_entrypoint() { # out err
    chroot --userspec=999:999 "$fs" /bin/env -i "${image_env[@]}" ARGOCD_APP_NAME=liqo ARGOCD_APP_NAMESPACE=liqo \
      ARGOCD_APP_REVISION=0123456789abcdef /bin/sh -c 'cd /tmp/app && /bin/busybox id -u >&2 && exec /usr/bin/liqo-scenario-cmp' \
      > "$1" 2> "$2"
  }
  run_entrypoint "$work/out.yaml" "$work/err"
  note $? "the entrypoint renders the chart in the chroot: $(cat "$work/err")"
  [ "$(head -1 "$work/err")" = 999 ]
  note $? "it runs as user 999"
  grep -q -- '- --api-server-address-override=https://203.0.113.10:6443' "$work/out.yaml" &&
    grep -q '^  CLUSTER_ID: cluster-a$' "$work/out.yaml" && grep -q '^kind: Deployment' "$work/out.yaml"
  note $? "the output is the chart with the scenario's edits"
  run_entrypoint "$work/again.yaml" "$work/err"
  cmp -s "$work/out.yaml" "$work/again.yaml"
  note $? "a second run in the image is byte-identical"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1
# A part left out makes the test a skip (77 for ctest), not a pass.
[ -z "${skipped:-}" ] || exit 77
