#!/usr/bin/env bash
# A write that fails (a full disk: /dev/full) is an error with its own exit
# code and message, never a silent truncation; -o leaves its file alone.
set -u
binary=$1
input=$(dirname "$0")/../golden/inputs/helm3-v0.10.yaml
passed=0 failed=0
"$binary" --profile on-prem-to-on-prem "$input" > /dev/full 2> /tmp/dev-full.$$
code=$?
if [ $code -eq 4 ] && grep -q "^liqo-scenario: standard output: write failed" /tmp/dev-full.$$; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL stdout on /dev/full: exit $code: $(cat /tmp/dev-full.$$)"
fi
work=$(mktemp -d)
echo "kept" > "$work/out.yaml"
"$binary" --profile on-prem-to-on-prem -o "$work/out.yaml" --max-documents 2 "$input" 2> /dev/null
if [ $? -eq 3 ] && [ "$(cat "$work/out.yaml")" = kept ] && [ "$(ls "$work")" = out.yaml ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL -o changed its file (or left a temporary) on error"
fi
chmod 500 "$work"
if [ "$(id -u)" != 0 ]; then
  "$binary" --profile on-prem-to-on-prem -o "$work/out.yaml" "$input" 2> /tmp/dev-full.$$
  [ $? -eq 4 ] && [ "$(cat "$work/out.yaml")" = kept ] && passed=$((passed + 1)) ||
    { failed=$((failed + 1)); echo "FAIL -o into a read-only folder"; }
fi
chmod 700 "$work"
rm -rf "$work" /tmp/dev-full.$$
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
