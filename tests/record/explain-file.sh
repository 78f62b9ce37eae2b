#!/usr/bin/env bash
# --explain-file: the file holds what --explain prints and the warnings,
# the manifests are those of the run without it, it is written through a
# temporary file (a path that cannot be written fails the run before a
# byte of the manifests), and the paths that would collide are refused.
set -u
binary=$1 golden=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
case_dir=$golden/v1-nat-a-explain
mapfile -t args < "$case_dir/args"
plain=()
for a in "${args[@]}"; do [ "$a" = --explain ] || plain+=("$a"); done
input=$case_dir/input.yaml

# 1. The file is the explanation, then the warnings; stdout and stderr as without it.
"$binary" "${plain[@]}" --explain-file "$work/plan.txt" < "$input" > "$work/out" 2> "$work/err"
code=$?
"$binary" "${plain[@]}" < "$input" > "$work/out0" 2> "$work/err0"
{ grep -v '^liqo-scenario: warning: ' "$case_dir/expected-stderr"
  if grep -q '^liqo-scenario: warning: ' "$case_dir/expected-stderr"; then
    echo "Warnings:"; sed -n 's/^liqo-scenario: warning: /  /p' "$case_dir/expected-stderr"; fi
} > "$work/want"
if [ $code -eq 0 ] && cmp -s "$work/want" "$work/plan.txt" && cmp -s "$work/out" "$work/out0" && cmp -s "$work/err" "$work/err0"
then ok "explain-file holds the explanation and plan"
else bad "explain-file holds the explanation and plan (exit $code)"; diff "$work/want" "$work/plan.txt" | head; fi
grep -q 'liqoctl peer --kubeconfig PEER_KUBECONFIG' "$work/plan.txt" && ok "explain-file holds the liqoctl command" \
  || bad "explain-file holds the liqoctl command"

# 2. Warnings go into the file too.
"$binary" --profile cloud-to-cloud --explain-file "$work/warned.txt" < "$input" > /dev/null 2>&1
if grep -q '^Warnings:$' "$work/warned.txt" && grep -q '^  the API server is Provided and no --api-server-address' "$work/warned.txt"
then ok "explain-file lists the warnings"; else bad "explain-file lists the warnings"; fi

# 3. A file that cannot be written fails before the manifests, with nothing on stdout.
"$binary" "${plain[@]}" --explain-file "$work/missing/plan.txt" < "$input" > "$work/out" 2> "$work/err"
code=$?
if [ $code -eq 4 ] && [ ! -s "$work/out" ] && grep -q -- '--explain-file' "$work/err"
then ok "an unwritable explain-file fails the run"; else bad "an unwritable explain-file fails the run (exit $code)"; fi

# 4. An existing file is replaced whole, never left half written, and no temporary file stays.
printf 'old text that is longer than nothing\n%.0s' {1..200} > "$work/plan.txt"
"$binary" "${plain[@]}" --explain-file "$work/plan.txt" < "$input" > /dev/null 2>&1
if cmp -s "$work/want" "$work/plan.txt" && [ "$(ls -A "$work" | grep -c '^\.')" -eq 0 ]
then ok "explain-file replaces the file"; else bad "explain-file replaces the file"; fi

# 5. Collisions are refused (exit 2) before the input is read.
for pair in "-o $work/x" "--report $work/x"; do
  # shellcheck disable=SC2086
  "$binary" "${plain[@]}" --explain-file "$work/x" $pair < "$input" > "$work/out" 2> "$work/err"
  code=$?
  if [ $code -eq 2 ] && [ ! -s "$work/out" ]; then ok "refused: --explain-file beside ${pair%% *}"
  else bad "refused: --explain-file beside ${pair%% *} (exit $code)"; fi
done
"$binary" "${plain[@]}" --explain-file - < "$input" > "$work/out" 2> "$work/err"
code=$?
if [ $code -eq 2 ] && [ ! -s "$work/out" ]; then ok "refused: --explain-file - without --check"
else bad "refused: --explain-file - without --check (exit $code)"; fi

# 6. With --check, - is standard output, and a run that matches exits 0.
"$binary" "${plain[@]}" < "$input" > "$work/converged.yaml" 2>/dev/null
"$binary" "${plain[@]}" --check --explain-file - < "$work/converged.yaml" > "$work/out" 2> /dev/null
code=$?
if [ $code -eq 0 ] && grep -q '^  Peering plan:' "$work/out"; then ok "--check --explain-file - writes the plan on stdout"
else bad "--check --explain-file - writes the plan on stdout (exit $code)"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
