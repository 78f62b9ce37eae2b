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
# What goes through stdio is checked too: help, version, the profile list and the
# completion scripts.
for flag in --help --version --list-profiles "--completion bash"; do
  "$binary" $flag > /dev/full 2> /tmp/dev-full.$$
  code=$?
  if [ $code -eq 4 ] && [ "$(cat /tmp/dev-full.$$)" = "liqo-scenario: standard output: write failed: No space left on device" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $flag on /dev/full: exit $code: $(cat /tmp/dev-full.$$)"
  fi
done
# A reader that closes the pipe early: exit 4 and a message, not a silent death.
big=$(mktemp)
cp "$input" "$big"
for i in $(seq 300); do printf -- '---\nkind: ConfigMap\nmetadata: {name: filler-%d}\ndata: {a: "%0200d"}\n' "$i" 0; done >> "$big"
( "$binary" --profile on-prem-to-on-prem "$big" 2> /tmp/pipe.$$; echo $? > /tmp/pipe-code.$$ ) | head -c 100 > /dev/null
code=$(cat /tmp/pipe-code.$$)
if [ "$code" = 4 ] && grep -q "^liqo-scenario: standard output: write failed: Broken pipe" /tmp/pipe.$$; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL closed pipe: exit $code: $(cat /tmp/pipe.$$)"
fi
rm -f "$big" /tmp/pipe.$$ /tmp/pipe-code.$$
work=$(mktemp -d)
echo "kept" > "$work/out.yaml"
"$binary" --profile on-prem-to-on-prem -o "$work/out.yaml" --max-documents 2 "$input" 2> /dev/null
if [ $? -eq 3 ] && [ "$(cat "$work/out.yaml")" = kept ] && [ "$(ls "$work")" = out.yaml ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL -o changed its file (or left a temporary) on error"
fi
# A file size limit reached while -o writes its temporary file: exit 4, the
# temporary file removed, the file kept.
( ulimit -f 1; "$binary" --profile on-prem-to-on-prem -o "$work/out.yaml" "$input" 2> /tmp/dev-full.$$ )
code=$?
if [ $code -eq 4 ] && grep -q "^liqo-scenario: -o .*: write failed: File too large" /tmp/dev-full.$$ &&
   [ "$(cat "$work/out.yaml")" = kept ] && [ "$(ls "$work")" = out.yaml ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL -o past the file size limit: exit $code: $(cat /tmp/dev-full.$$); $(ls "$work")"
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
