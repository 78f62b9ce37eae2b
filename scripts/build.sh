#!/usr/bin/env bash
# Builds liqo-scenario into build/ (or $1) as a release binary.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$dir" -j"$(nproc)" >/dev/null
echo "built $dir/liqo-scenario"
