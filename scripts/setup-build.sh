#!/usr/bin/env bash
# Installs what building liqo-scenario needs on Debian (bookworm), and
# nothing more: the compiler, CMake, pkg-config, libfyaml and PCRE2.
# scripts/example.sh runs it; scripts/setup.sh runs it before adding the
# test tools. Only what is missing is installed (apt-get, as root).
set -eu
packages="build-essential cmake pkg-config libfyaml-dev libpcre2-dev"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
missing=$(echo $missing)
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or with sudo) to install: $missing" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
echo "setup: build dependencies present"
