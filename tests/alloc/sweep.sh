#!/usr/bin/env bash
# Fails each allocation of a run in turn (tests/alloc/failnth.c, preloaded)
# and checks how every such run ends: as the run where nothing failed (its
# exit status, 0 or a --check's 1, its stdout and stderr and, when asked, its
# report, byte for byte), or exit 4 with
# "out of memory" on stderr, nothing on stdout and no report written. Never a
# crash, an abort, another exit code or another message; a crash is excused
# only where gdb's backtrace starts in a libfyaml defect that
# library-defects.txt lists, and each one is shown.
# With --output the manifests go to a file by -o, which holds other bytes
# before each run: exit 4 must leave it as it was, and no other file beside
# it. An error may follow what --explain printed (the output modules print
# before delivering), but it is the last line of stderr.
# Usage: sweep.sh SHIM BINARY INPUT STRIDE [--report] [--output] -- ARGS...
# STRIDE 1 runs every N from 1 to the run's allocation count; a larger one
# every STRIDEth, starting from a different N each time the count allows.
set -u
shim=$1 binary=$2 input=$3 stride=$4
shift 4
with_report=false with_output=false
if [ "${1:-}" = --report ]; then with_report=true; shift; fi
if [ "${1:-}" = --output ]; then with_output=true; shift; fi
[ "${1:-}" = -- ] && shift
if [ ! -f "$input" ]; then
  if [ "${CI:-}" = true ]; then echo "FAIL: no input at $input"; exit 1; fi
  echo "SKIP: no input at $input"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report_args=()
$with_report && report_args=(--report "$work/report.json")
mkdir "$work/o"
$with_output && report_args+=(-o "$work/o/out.yaml")
previous="bytes of an earlier run"
# Runs the binary with allocation $1 failing (0: none), stdout to $2.
run_failing() {
  local n=$1 out=$2
  shift 2
  if $with_output; then printf '%s\n' "$previous" > "$work/o/out.yaml"; fi
  LIQO_FAIL_AT=$n LD_PRELOAD=$shim "$binary" "$@" "${report_args[@]}" < "$input" > "$out" 2> "$work/err"
}
LIQO_ALLOC_COUNT=$work/count run_failing 0 "$work/want" "$@"
code=$?
cp "$work/err" "$work/want-err"
if $with_output; then cat "$work/o/out.yaml" >> "$work/want"; fi
# A --check run that finds differences ends with exit 1; each failed run
# then ends as that one did, or with exit 4.
want_code=$code
[ $code -le 1 ] || { echo "FAIL: the run without a failure exits $code: $(cat "$work/want-err")"; exit 1; }
$with_report && mv "$work/report.json" "$work/want-report"
total=$(cat "$work/count")
[ "$total" -gt 0 ] || { echo "FAIL: the shim counted no allocation (not preloaded?)"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
# The innermost two frames of the crash at allocation $1, as "f g".
crash_frames() {
  gdb -q -batch -ex "set exec-wrapper env LD_PRELOAD=$shim LIQO_FAIL_AT=$1" \
      -ex "run $(printf '%q ' "$@" | cut -d' ' -f2-) < $(printf '%q' "$input") > /dev/null 2>&1" -ex bt "$binary" 2>/dev/null |
    grep -E '^#[01] ' | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([A-Za-z_0-9]+).*/\2/' | tr '\n' ' ' | sed 's/ $//'
}
known_defect() {
  grep -v '^#' "$here/library-defects.txt" | grep -qxF "$1"
}
failed=0 runs=0 oom=0 excused=0
for ((n = 1; n <= total; n += stride)); do
  runs=$((runs + 1))
  rm -f "$work/report.json"
  run_failing "$n" "$work/out" "$@"
  code=$?
  problem=
  if $with_output && [ $code -eq $want_code ]; then cat "$work/o/out.yaml" >> "$work/out"; fi
  if $with_output && [ $code -ne $want_code ]; then
    [ "$(cat "$work/o/out.yaml")" = "$previous" ] || problem="exit $code changed the -o file"
    [ "$(ls -A "$work/o")" = out.yaml ] || problem="${problem:+$problem; }exit $code left $(ls -A "$work/o" | tr '\n' ' ')"
  fi
  if [ $code -eq $want_code ] && [ -z "$problem" ]; then
    cmp -s "$work/out" "$work/want" || problem="exit $code with other output"
    cmp -s "$work/err" "$work/want-err" || problem="${problem:+$problem; }exit $code with other stderr: $(head -c 300 "$work/err")"
    if $with_report && [ -z "$problem" ]; then
      cmp -s "$work/report.json" "$work/want-report" 2>/dev/null || problem="exit $code with another report"
    fi
  elif [ $code -eq 4 ]; then
    oom=$((oom + 1))
    [ -s "$work/out" ] && problem="exit 4 with output on stdout"
    tail -n 1 "$work/err" | grep -qxE 'liqo-scenario: ([^:]+: )?out of memory' ||
      problem="${problem:+$problem; }exit 4 with stderr: $(head -c 300 "$work/err")"
    $with_report && [ -e "$work/report.json" ] && problem="${problem:+$problem; }exit 4 left a report"
  elif [ $code -gt 128 ] && command -v gdb >/dev/null; then
    frames=$(crash_frames "$n" "$@" "${report_args[@]}")
    if [ -n "$frames" ] && known_defect "$frames"; then
      excused=$((excused + 1))
      echo "libfyaml defect at allocation $n of $total: signal $((code - 128)) in $frames"
    else
      problem="exit $code (signal $((code - 128))) in ${frames:-an unknown place}"
    fi
  else
    problem="exit $code; stderr: $(head -c 300 "$work/err")"
  fi
  if [ -n "$problem" ]; then
    failed=$((failed + 1))
    [ $failed -le ${SWEEP_SHOW:-20} ] && echo "FAIL allocation $n of $total: $problem"
  fi
done
echo "$runs runs over $total allocations (stride $stride): $((runs - failed - excused)) ended as they must ($oom with exit 4), $excused crashed in libfyaml, $failed did not"
echo "$((runs - failed)) passed, $failed failed"
[ $failed -eq 0 ]
