#!/usr/bin/env bash
# Runs one case of `liqo-scenario peering`: tests/peering/cases/<case>/ holds
#   renders   lines "NAME VERSION/FILE CLUSTER-ID": a copy of that render of
#             ../shared/liqo-charts-v1 is made at test time as @tmp@/NAME.yaml,
#             with the chart's CLUSTER_ID (cluster-a) replaced by CLUSTER-ID;
#   args      one argument per line, @tmp@ standing for that folder (config
#             files are read relative to the case); --output-dir @tmp@/out is added
#             unless the case has a file no-output-dir;
#   expected/ the folder the command must write (one folder per cluster ID),
#             with expected-stderr when it warns; or
#   expected-report.json: when present, --report @tmp@/report.json is added
#             and the report of the first run must be that file;
#   expected-error: the exit code on the first line, then stderr (@tmp@ for
#             the folder); nothing may be written then.
# A successful case is also run again over its own output: no file may be
# replaced (same inode), and after one cluster's file is altered only that
# file is rewritten. With --regenerate, writes the expectations instead.
# Usage: run-case.sh BINARY CASE_DIR SHARED_DIR [--regenerate]
set -u
binary=$1 case_dir=$2 shared=$3 mode=${4:-check}
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
case_dir=$(cd "$case_dir" && pwd)
name=$(basename "$case_dir")
if [ ! -d "$shared/liqo-charts-v1" ]; then
  echo "skip $name: no $shared/liqo-charts-v1"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $name: $*"; exit 1; }
while read -r render source id; do
  [ -n "$render" ] || continue
  from="$shared/liqo-charts-v1/$source"
  [ "$(grep -c '^  CLUSTER_ID: cluster-a$' "$from")" = 1 ] || fail "$source: not one CLUSTER_ID: cluster-a"
  sed "s/^  CLUSTER_ID: cluster-a\$/  CLUSTER_ID: $id/" "$from" > "$tmp/$render.yaml"
done < "$case_dir/renders"
mapfile -t args < <(sed "s|@tmp@|$tmp|g" "$case_dir/args")
cd "$case_dir"
out_args=(--output-dir "$tmp/out")
[ -f "$case_dir/no-output-dir" ] && out_args=()
[ -f "$case_dir/expected-report.json" ] && out_args+=(--report "$tmp/report.json")
run() { "$binary" peering "${args[@]}" "${out_args[@]}" > "$tmp/stdout" 2> "$tmp/stderr"; }
run
code=$?
sed -i "s|$tmp|@tmp@|g" "$tmp/stderr"
[ -f "$tmp/report.json" ] && sed "s|$tmp|@tmp@|g" "$tmp/report.json" > "$tmp/first-report.json"
if [ "$mode" = --regenerate ]; then
  rm -rf "$case_dir/expected" "$case_dir/expected-error" "$case_dir/expected-stderr"
  if [ $code -eq 0 ]; then
    cp -r "$tmp/out" "$case_dir/expected"
    [ -f "$case_dir/expected-report.json" ] && cp "$tmp/first-report.json" "$case_dir/expected-report.json"
    [ -s "$tmp/stderr" ] && cp "$tmp/stderr" "$case_dir/expected-stderr"
  else { echo "$code"; cat "$tmp/stderr"; } > "$case_dir/expected-error"; fi
  exit 0
fi
[ -s "$tmp/stdout" ] && fail "wrote to standard output"
if [ -f "$case_dir/expected-error" ]; then
  want=$(head -n 1 "$case_dir/expected-error")
  [ "$code" = "$want" ] || fail "exit $code, wanted $want; stderr: $(cat "$tmp/stderr")"
  diff -u <(tail -n +2 "$case_dir/expected-error") "$tmp/stderr" || fail "stderr differs"
  [ -e "$tmp/out" ] && fail "a failed run left $(find "$tmp/out" | head -3 | tr '\n' ' ')"
  echo "ok $name"
  exit 0
fi
[ $code -eq 0 ] || fail "exit $code: $(cat "$tmp/stderr")"
diff -ru "$case_dir/expected" "$tmp/out" || fail "output differs"
if [ -f "$case_dir/expected-stderr" ]; then
  diff -u "$case_dir/expected-stderr" "$tmp/stderr" || fail "stderr differs"
elif [ -s "$tmp/stderr" ]; then
  fail "unexpected stderr: $(cat "$tmp/stderr")"
fi
if [ -f "$case_dir/expected-report.json" ]; then
  diff -u "$case_dir/expected-report.json" "$tmp/first-report.json" || fail "report differs"
fi
inodes() { find "$tmp/out" -type f -printf '%p %i\n' | sort; }
before=$(inodes)
run || fail "second run failed"
[ "$(inodes)" = "$before" ] || fail "a second run replaced files that did not change"
first=$(find "$tmp/out" -name peering.yaml | sort | head -n 1)
echo "# altered" >> "$first"
run || fail "third run failed"
changed=$(diff <(echo "$before") <(inodes) | grep -c '^>')
[ "$changed" = 1 ] || fail "after altering one file, $changed files were replaced"
diff -ru "$case_dir/expected" "$tmp/out" || fail "the altered file was not restored"
[ -z "$(find "$tmp/out" -name '*.tmp.*' -o -name '*.old.*')" ] || fail "temporary files left behind"
echo "ok $name"
