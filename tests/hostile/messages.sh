#!/usr/bin/env bash
# What the messages say and how: control characters from the flags, the
# input and config files are escaped (one message is one line, nothing the
# terminal acts on); a long value's message keeps its reason; a failed run
# prints only its error; a NUL in a config value is an error; standard
# input left non-blocking is waited on.
set -u
binary=$(realpath "$1")
golden=$(realpath "$(dirname "$0")/../golden")
input=$golden/inputs/helm3-v0.10.yaml
passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $what"; fi
}
# No byte of stderr is a control character other than the line ends.
clean() { ! LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$1" && ! LC_ALL=C grep -qP '\xc2[\x80-\x9f]' "$1"; }
nat=(--profile on-prem-nat-to-cloud --cluster a --auth-node-port 32443 --gateway-node-port 31871)

# ESC, BEL and a line end in a flag's value: escaped in the one-line error.
"$binary" --profile on-prem-to-on-prem --cluster $'\e[31mx\a\ny' "$input" > "$work/out" 2> "$work/err"
check "control characters in a flag: exit 2" test $? -eq 2
check "control characters in a flag: one line" test "$(wc -l < "$work/err")" -eq 1
check "control characters in a flag: escaped" grep -qF "'\\x1b[31mx\\x07\\ny'" "$work/err"
check "control characters in a flag: nothing raw" clean "$work/err"
"$binary" "${nat[@]}" --public-address $'203.0.113.10\e]0;title\a' "$input" > "$work/out" 2> "$work/err"
check "an OSC sequence in --public-address: exit 2" test $? -eq 2
check "an OSC sequence in --public-address: nothing raw" clean "$work/err"
check "an OSC sequence in --public-address: one line" test "$(wc -l < "$work/err")" -eq 1

# A long value: the message keeps where and why, says what it left out.
long=$(head -c 6000 /dev/zero | tr '\0' a)
"$binary" "${nat[@]}" --public-address "$long" "$input" > "$work/out" 2> "$work/err"
check "a 6000-byte value: exit 2" test $? -eq 2
check "a 6000-byte value: one line" test "$(wc -l < "$work/err")" -eq 1
check "a 6000-byte value: names the flag" grep -q "^liqo-scenario: --public-address 'aaaa" "$work/err"
check "a 6000-byte value: the reason intact" grep -q "aaaa': not an IP address or DNS name$" "$work/err"
check "a 6000-byte value: says it left bytes out" grep -q " bytes left out ...\] " "$work/err"
# 3000 bytes fit whole.
"$binary" "${nat[@]}" --public-address "${long:0:3000}" "$input" 2> "$work/err" > /dev/null
check "a 3000-byte value: the whole value and the reason" \
  grep -qx "liqo-scenario: --public-address '${long:0:3000}': not an IP address or DNS name" "$work/err"

# A NUL in a config value (an escape in a quoted scalar): an error naming the place.
printf 'profile: on-prem-to-on-prem\npublic-address: "203.0.113.10\\0"\n' > "$work/nul.yaml"
printf 'profile: on-prem-to-on-prem\nauth-annotation:\n  - "a.io/b=c\\u0000d"\n' > "$work/nul-list.yaml"
printf 'profile: "on-prem-to-on-prem\\x00"\n' > "$work/nul-profile.yaml"
for config in nul nul-list nul-profile; do
  "$binary" --config "$work/$config.yaml" "$input" > "$work/out" 2> "$work/err"
  check "NUL in $config.yaml: exit 2" test $? -eq 2
  check "NUL in $config.yaml: names the file and line:column" grep -q "$work/$config.yaml: line [0-9]*:[0-9]*: .*holds a NUL character" "$work/err"
  check "NUL in $config.yaml: shows it escaped" grep -qF '\x00' "$work/err"
  check "NUL in $config.yaml: nothing on stdout" test ! -s "$work/out"
done

# A failed write prints its error and nothing else: no warning, no --explain.
"$binary" "${nat[@]}" --public-address 203.0.113.10 --explain --ingress-class nginx "$input" > /dev/full 2> "$work/err"
check "failed write: exit 4" test $? -eq 4
check "failed write: only the error ($(wc -l < "$work/err") lines)" test "$(wc -l < "$work/err")" -eq 1
check "failed write: the error" grep -q "^liqo-scenario: standard output: write failed" "$work/err"
"$binary" "${nat[@]}" --public-address 203.0.113.10 --explain --ingress-class nginx "$input" > /dev/null 2> "$work/err"
check "the same run written: --explain and the warning printed" eval \
  'grep -q "^Scenario on-prem-nat-to-cloud" "$work/err" && grep -q "^liqo-scenario: warning: --ingress-class has no effect" "$work/err"'

# Standard input left non-blocking (and slow to fill): waited on.
"$binary" "${nat[@]}" --public-address 203.0.113.10 "$input" > "$work/want" ||
  { echo "FAIL: the plain NAT run failed"; exit 1; }
( sleep 0.3; cat "$input" ) | python3 -c '
import fcntl, os, sys
flags = fcntl.fcntl(0, fcntl.F_GETFL)
fcntl.fcntl(0, fcntl.F_SETFL, flags | os.O_NONBLOCK)
os.execv(sys.argv[1], sys.argv[1:])' "$binary" "${nat[@]}" --public-address 203.0.113.10 > "$work/out" 2> "$work/err"
rc=$?
check "non-blocking stdin: exit 0 ($rc: $(cat "$work/err"))" test $rc -eq 0
check "non-blocking stdin: the whole output" cmp -s "$work/want" "$work/out"

# A line end, ESC, BEL and a C1 control in an input value (an annotation the
# scenario replaces): one warning line, one report entry, one difference line.
case_dir=$golden/escaped-input-value
mapfile -t args < "$case_dir/args"
"$binary" "${args[@]}" --report "$work/report.json" < "$case_dir/input.yaml" > /dev/null 2> "$work/err"
check "control characters in the input: exit 0" test $? -eq 0
check "control characters in the input: every stderr line is a warning" \
  test "$(grep -vc '^liqo-scenario: warning: ' "$work/err")" -eq 0
check "control characters in the input: nothing raw on stderr" clean "$work/err"
check "control characters in the input: the value escaped inside its warning" grep -qF \
  'override-port: 1\nliqo-scenario: warning: forged\x1b]0;title\x07\u009b (the Network gateway cell' "$work/err"
check "control characters in the input: one report entry per warning line" python3 -c '
import json, sys
warnings = json.load(open(sys.argv[1]))["warnings"]
lines = [l[len("liqo-scenario: warning: "):] for l in open(sys.argv[2]).read().splitlines()]
sys.exit(0 if warnings == lines else 1)' "$work/report.json" "$work/err"
"$binary" "${args[@]}" --check < "$case_dir/input.yaml" > /dev/null 2> "$work/err"
check "control characters in the input, --check: exit 1" test $? -eq 1
check "control characters in the input, --check: each line a warning, a difference or the verdict" \
  test "$(grep -vcE '^(liqo-scenario: warning: |document [0-9]+, |liqo-scenario: --check: )' "$work/err")" -eq 0
check "control characters in the input, --check: nothing raw" clean "$work/err"
check "control characters in the input, --check: the value escaped inside its difference" grep -qF \
  'override-port: found 1\nliqo-scenario: warning: forged\x1b]0;title\x07\u009b, wanted 31871' "$work/err"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
