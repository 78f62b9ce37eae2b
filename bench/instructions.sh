#!/usr/bin/env bash
# Regression guard that does not depend on a noisy clock: the instructions
# liqo-scenario executes on the v0.10.3 chart (the NAT case), counted by
# callgrind, against the budget in bench/instructions-budget.txt (measured on
# an optimised build, with a margin for compiler and library updates).
# Usage: instructions.sh BINARY [CHART]
set -u
binary=$1
here=$(cd "$(dirname "$0")" && pwd)
chart=${2:-$here/../../shared/liqo-charts/v0.10.3/helm3-input.yaml}
if [ ! -f "$chart" ]; then
  if [ "${CI:-}" = true ]; then echo "FAIL: no chart render at $chart"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: no chart render at $chart; instruction budget not checked"; exit 77
fi
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" --profile on-prem-nat-to-cloud --cluster a \
  --public-address 203.0.113.10 --auth-node-port 32443 --auth-public-port 8443 --gateway-node-port 31871 \
  --gateway-public-port 51820 < "$chart" > /dev/null 2> "$out"
count=$(grep -oE 'Collected : [0-9]+' "$out" | grep -oE '[0-9]+$')
rm -f "$out"
read -r budget margin < <(grep -v '^#' "$here/instructions-budget.txt")
limit=$(( budget + budget * margin / 100 ))
echo "instructions: $count (budget $budget + ${margin}% = $limit)"
if [ -n "$count" ] && [ "$count" -le "$limit" ]; then echo "1 passed, 0 failed"; exit 0; fi
echo "0 passed, 1 failed"
exit 1
