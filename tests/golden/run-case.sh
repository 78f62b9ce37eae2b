#!/usr/bin/env bash
# Runs one golden case: tests/golden/<case>/{args,input.yaml} against the
# expected output (expected.yaml) or the expected failure (expected-error:
# the exit code on the first line, then stderr). A successful case must also
# be idempotent: the filter run on its own output changes nothing.
# A case with expected-report.json is run once more with --report: the
# report must be that file, and the manifests and exit code those of the run
# without it. With --regenerate, writes the expectations from what the binary
# does now (review the diff before committing them).
set -u
binary=$1 case_dir=$2 mode=${3:-check}
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
case_dir=$(cd "$case_dir" && pwd)
mapfile -t args < "$case_dir/args"
# Paths in args (--profile-dir, --config) are relative to the case.
cd "$case_dir"
out=$(mktemp) err=$(mktemp) again=$(mktemp) report_dir=$(mktemp -d)
trap 'rm -rf "$out" "$err" "$again" "$report_dir"' EXIT
"$binary" "${args[@]}" < "$case_dir/input.yaml" > "$out" 2> "$err"
code=$?
if [ -f "$case_dir/expected-report.json" ]; then
  "$binary" "${args[@]}" --report "$report_dir/report.json" < "$case_dir/input.yaml" > "$report_dir/out" 2>/dev/null
  report_code=$?
fi
if [ "$mode" = --regenerate ]; then
  [ -f "$case_dir/expected-report.json" ] && cp "$report_dir/report.json" "$case_dir/expected-report.json"
  rm -f "$case_dir/expected.yaml" "$case_dir/expected-error" "$case_dir/expected-stderr"
  if [ $code -eq 0 ]; then cp "$out" "$case_dir/expected.yaml"
    rm -f "$case_dir/expected-stderr"
    [ -s "$err" ] && cp "$err" "$case_dir/expected-stderr"
  else { echo "$code"; cat "$err"; } > "$case_dir/expected-error"; fi
  exit 0
fi
fail() { echo "FAIL $(basename "$case_dir"): $*"; exit 1; }
if [ -f "$case_dir/expected-error" ]; then
  want_code=$(head -n 1 "$case_dir/expected-error")
  [ "$code" = "$want_code" ] || fail "exit $code, wanted $want_code; stderr: $(cat "$err")"
  [ -s "$out" ] && fail "wrote to stdout on failure"
  diff -u <(tail -n +2 "$case_dir/expected-error") "$err" || fail "stderr differs"
else
  [ $code -eq 0 ] || fail "exit $code: $(cat "$err")"
  cmp -s "$out" "$case_dir/expected.yaml" || { diff -u "$case_dir/expected.yaml" "$out"; fail "output differs"; }
  if [ -f "$case_dir/expected-stderr" ]; then
    diff -u "$case_dir/expected-stderr" "$err" || fail "stderr differs"
  elif [ -s "$err" ]; then
    fail "unexpected stderr: $(cat "$err")"
  fi
  "$binary" "${args[@]}" < "$out" > "$again" 2>/dev/null || fail "second run failed"
  cmp -s "$out" "$again" || { diff -u "$out" "$again"; fail "not idempotent"; }
fi
if [ -f "$case_dir/expected-report.json" ]; then
  [ "$report_code" = "$code" ] || fail "exit $report_code with --report, $code without"
  cmp -s "$out" "$report_dir/out" || fail "--report changed standard output"
  [ -f "$report_dir/report.json" ] || fail "no report written"
  diff -u "$case_dir/expected-report.json" "$report_dir/report.json" || fail "report differs"
fi
echo "ok $(basename "$case_dir")"
