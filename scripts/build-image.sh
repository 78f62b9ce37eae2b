#!/usr/bin/env bash
# Builds the Argo CD sidecar image as an OCI image layout, without a
# container daemon: umoci (a Debian package) writes the layout from a folder
# laid out as the image's root. The image is FROM scratch and holds
#   /usr/bin/liqo-scenario        the static executable (cmake/static.cmake)
#   /usr/bin/liqo-scenario-cmp    the plugin's generate command (packaging/argocd)
#   /usr/bin/helm                 Helm 3, as Argo CD renders Helm charts with it
#   /bin/sh and a few tools       busybox (busybox-static), for that script
#   /usr/share/liqo-scenario/     the scenario profiles and provider presets
#   /home/argocd/cmp-server/config/plugin.yaml   where Argo CD's CMP server reads it
# and runs as user 999, as Argo CD expects of a CMP sidecar. File times are
# SOURCE_DATE_EPOCH (the last commit's time by default), so the same build and
# Helm binary give the same layer.
# Usage: build-image.sh BUILD_DIR OCI_DIR [TAG]   (TAG defaults to the build's version)
# HELM: the Helm binary to put in (default: Helm 3 from tests/e2e/get-helm.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
oci=$2
static=$build/static/liqo-scenario
[ -x "$static" ] || { echo "build-image: no $static (build the liqo-scenario-static target)" >&2; exit 2; }
if ! file -b "$static" | grep -q 'statically linked'; then
  echo "build-image: $static is not statically linked (LIQO_SCENARIO_STATIC=OFF?)" >&2; exit 2
fi
tag=${3:-$("$static" --version | awk '{print $2}')}
helm=${HELM:-$("$root/tests/e2e/get-helm.sh")/helm3}
busybox=${BUSYBOX:-/bin/busybox}
for tool in umoci file; do
  command -v "$tool" > /dev/null || { echo "build-image: $tool is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
done
file -b "$busybox" | grep -q 'statically linked' ||
  { echo "build-image: $busybox is not a static busybox (Debian's busybox-static)" >&2; exit 2; }
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2> /dev/null || echo 0)}
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
fs=$stage/rootfs
install -d -m 0755 "$fs/bin" "$fs/usr/bin" "$fs/etc" "$fs/usr/share/liqo-scenario/profiles" \
  "$fs/usr/share/liqo-scenario/providers" "$fs/home/argocd/cmp-server/config" "$fs/home/argocd/cmp-server/plugins"
install -d -m 1777 "$fs/tmp"
install -m 0755 "$static" "$fs/usr/bin/liqo-scenario"
install -m 0755 "$root/packaging/argocd/liqo-scenario-cmp" "$fs/usr/bin/liqo-scenario-cmp"
install -m 0755 "$helm" "$fs/usr/bin/helm"
install -m 0755 "$busybox" "$fs/bin/busybox"
# The tools the generate command and a person debugging the sidecar use.
for applet in sh cat cmp cp date diff env grep head ls mkdir mktemp printf rm sed tr; do
  ln -s busybox "$fs/bin/$applet"
done
install -m 0644 "$root"/scenario-profiles/*.yaml "$fs/usr/share/liqo-scenario/profiles/"
install -m 0644 "$root"/provider-presets/*.yaml "$fs/usr/share/liqo-scenario/providers/"
install -m 0644 "$root/packaging/argocd/plugin.yaml" "$fs/home/argocd/cmp-server/config/plugin.yaml"
printf 'root:x:0:0:root:/root:/bin/sh\nargocd:x:999:999:argocd:/home/argocd:/bin/sh\n' > "$fs/etc/passwd"
printf 'root:x:0:\nargocd:x:999:\n' > "$fs/etc/group"
chmod 0644 "$fs/etc/passwd" "$fs/etc/group"
if [ "$(id -u)" = 0 ]; then
  chown -R 0:0 "$fs"
  chown -R 999:999 "$fs/home/argocd"
fi
find "$fs" -exec touch -h -d "@$epoch" {} +

rm -rf "$oci"
umoci init --layout "$oci"
umoci new --image "$oci:$tag"
rootless=(); [ "$(id -u)" = 0 ] || rootless=(--rootless)
umoci insert "${rootless[@]}" --image "$oci:$tag" --history.created "$created" --history.created_by "scripts/build-image.sh" \
  "$fs" /
case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
umoci config --image "$oci:$tag" --created "$created" --os linux --architecture "$arch" \
  --config.user 999:999 --config.entrypoint /usr/bin/liqo-scenario-cmp --config.workingdir /home/argocd \
  --config.env PATH=/usr/bin:/bin --config.env HOME=/home/argocd \
  --config.env HELM_CACHE_HOME=/tmp/helm/cache --config.env HELM_CONFIG_HOME=/tmp/helm/config \
  --config.env HELM_DATA_HOME=/tmp/helm/data \
  --config.label org.opencontainers.image.title=liqo-scenario-cmp \
  --config.label "org.opencontainers.image.version=$tag" \
  --history.created "$created" --history.created_by "scripts/build-image.sh"
umoci gc --layout "$oci"
# umoci writes blobs for its user only; a layout to publish is readable by all.
chmod -R a+rX "$oci"
echo "$oci:$tag"
