#!/usr/bin/env bash
# The peering command writes both clusters' files or neither, even when the
# failure is the filesystem's: a cluster folder that is a file, a
# peering.yaml that is a folder. Each failing run exits 4 and leaves every
# file as it was (old bytes, same inode) and no temporary file behind.
# Usage: atomic.sh BINARY SHARED_DIR
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") shared=$2
case_dir=$(cd "$(dirname "$0")/cases/onprem-node-ports" && pwd)
if [ ! -d "$shared/liqo-charts-v1" ]; then
  echo "skip: no $shared/liqo-charts-v1"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
while read -r render source id; do
  sed "s/^  CLUSTER_ID: cluster-a\$/  CLUSTER_ID: $id/" "$shared/liqo-charts-v1/$source" > "$tmp/$render.yaml"
done < "$case_dir/renders"
mapfile -t args < <(sed "s|@tmp@|$tmp|g" "$case_dir/args")
run() { (cd "$case_dir" && "$binary" peering "${args[@]}" --output-dir "$1" > "$tmp/stdout" 2> "$tmp/stderr"); }
state() { find "$1" -printf '%p %y %i %s\n' | sort; cat "$1"/*/peering.yaml 2>/dev/null | md5sum; }

# A cluster's folder that is a file: nothing is made, the output folder stays empty.
mkdir "$tmp/one" && : > "$tmp/one/rack-2"
run "$tmp/one"; code=$?
[ $code = 4 ] || fail "folder is a file: exit $code: $(cat "$tmp/stderr")"
[ "$(ls "$tmp/one")" = rack-2 ] || fail "folder is a file: left $(ls "$tmp/one")"
[ -s "$tmp/stdout" ] && fail "wrote to standard output"

# Over an earlier output: rack-1's file would change, rack-2's peering.yaml is a folder.
run "$tmp/two" || fail "first run: $(cat "$tmp/stderr")"
echo "# edited" >> "$tmp/two/rack-1/peering.yaml"
rm "$tmp/two/rack-2/peering.yaml" && mkdir "$tmp/two/rack-2/peering.yaml"
before=$(state "$tmp/two")
run "$tmp/two"; code=$?
[ $code = 4 ] || fail "peering.yaml is a folder: exit $code: $(cat "$tmp/stderr")"
grep -q "rack-2/peering.yaml" "$tmp/stderr" || fail "the message names no file: $(cat "$tmp/stderr")"
[ "$(state "$tmp/two")" = "$before" ] || fail "a failed run changed files: $(diff <(echo "$before") <(state "$tmp/two"))"
echo "ok: both files or neither (2 failing runs)"
