#!/usr/bin/env bash
# The benchmark, in one command: builds a release liqo-scenario and the
# parse-only baseline, generates 1, 16 and 128 MiB streams from the v0.10.3
# chart render, runs liqo-scenario (the NAT case), the baseline, `kubectl
# kustomize` with the equivalent patches (where kubectl is installed) and cat
# alternately, and prints medians, peak memory, ratios and the goals.
# Results: bench/results/. Usage: bench/run.sh   (ROUNDS_SCALE=2 for more rounds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
chart=${CHART:-$root/../shared/liqo-charts/v0.10.3/helm3-input.yaml}
build=${BUILD_DIR:-$root/build-bench}
scale=${ROUNDS_SCALE:-1}
[ -f "$chart" ] || { echo "bench: no chart render at $chart"; exit 1; }
# The plot needs gnuplot (Debian's gnuplot-nox); installed here when running as root.
if ! command -v gnuplot > /dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox > /dev/null
  else
    echo "bench: gnuplot is needed for the plot (apt-get install gnuplot-nox)"; exit 1
  fi
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" -j"$(nproc)" --target liqo-scenario > /dev/null
cc -O2 -o "$build/parse-only" "$root/bench/parse_only.c" $(pkg-config --cflags --libs libfyaml)
cc -O2 -o "$build/runone" "$root/bench/runone.c"
export RUNONE=$build/runone
streams=$build/streams
mkdir -p "$streams"
cp "$chart" "$streams/chart.yaml"
for mib in 1 16 128; do
  [ -s "$streams/$mib.yaml" ] || /usr/bin/python3 "$root/bench/gen-stream.py" "$chart" "$mib" "$streams/$mib.yaml"
done

# kubectl kustomize needs its input inside a kustomization folder.
kustomize=()
if command -v kubectl > /dev/null; then
  k=$build/kustomize
  mkdir -p "$k"
  cat > "$k/kustomization.yaml" <<'KUST'
resources: [input.yaml]
patches:
  - target: {kind: Service, name: liqo-auth}
    patch: |
      apiVersion: v1
      kind: Service
      metadata:
        name: liqo-auth
        annotations: {liqo.io/override-address: "203.0.113.10", liqo.io/override-port: "8443"}
      spec:
        type: NodePort
        ports: [{name: https, port: 443, nodePort: 32443}]
  - target: {kind: Service, name: liqo-gateway}
    patch: |
      apiVersion: v1
      kind: Service
      metadata:
        name: liqo-gateway
        annotations: {liqo.io/override-address: "203.0.113.10", liqo.io/override-port: "51820"}
      spec:
        type: NodePort
        ports: [{name: wireguard, port: 5871, nodePort: 31871}]
  - target: {kind: Deployment, name: liqo-auth}
    patch: |
      - op: add
        path: /spec/template/spec/containers/0/args/-
        value: --advertise-api-server-address=https://203.0.113.10:6443
KUST
  cat > "$k/run" <<RUN
#!/bin/sh
cat > "$k/input.yaml" && exec kubectl kustomize "$k"
RUN
  chmod +x "$k/run"
  kustomize=("$k/run")
fi

cat > "$build/tools.json" <<JSON
{
  "liqo-scenario": {"argv": ["$build/liqo-scenario", "--profile", "on-prem-nat-to-cloud", "--cluster", "a",
     "--public-address", "203.0.113.10", "--auth-node-port", "32443", "--auth-public-port", "8443",
     "--gateway-node-port", "31871", "--gateway-public-port", "51820", "--max-documents", "10000000"]},
  "parse-only": {"argv": ["$build/parse-only"]},
  $( [ ${#kustomize[@]} -gt 0 ] && echo "\"kustomize\": {\"argv\": [\"${kustomize[0]}\"], \"inputs\": [\"chart\", \"1MiB\"]},")
  "cat": {"argv": ["/bin/cat"]}
}
JSON
cat > "$build/inputs.json" <<JSON
[
  {"name": "chart", "path": "$streams/chart.yaml", "mib": $(stat -c %s "$streams/chart.yaml" | awk '{print $1/1048576}'), "rounds": $((40 * scale))},
  {"name": "1MiB", "path": "$streams/1.yaml", "mib": 1, "rounds": $((20 * scale))},
  {"name": "16MiB", "path": "$streams/16.yaml", "mib": 16, "rounds": $((9 * scale))},
  {"name": "128MiB", "path": "$streams/128.yaml", "mib": 128, "rounds": $((3 * scale))}
]
JSON
mkdir -p "$root/bench/results"
{
  echo "date: $(date -u +%Y-%m-%d)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "kernel: $(uname -r)"
  echo "compiler: $(cc --version | head -1)"
  echo "libfyaml: $(pkg-config --modversion libfyaml)"
  echo "kubectl: $(command -v kubectl > /dev/null && kubectl version --client 2>/dev/null | head -2 | tr '\n' ' ' || echo absent)"
} > "$root/bench/results/environment.txt"
/usr/bin/python3 "$root/bench/measure.py" "$build/tools.json" "$build/inputs.json" "$root/bench/results"
