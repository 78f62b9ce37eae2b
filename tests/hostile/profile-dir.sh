#!/usr/bin/env bash
# What --profile-dir reads: every profile file in the folder however many
# there are; what is not a regular file (a FIFO, a link to a device, a
# folder) is skipped with a warning, without waiting on it; any trouble with
# a file that is read is a profile error, exit 2, naming the file.
set -u
binary=$(realpath "$1")
input=$(realpath "$(dirname "$0")/../golden/inputs/helm3-v0.10.yaml")
profiles=$(realpath "$(dirname "$0")/../../scenario-profiles")
passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $what"; fi
}
# A copy of a built-in profile under another name and description.
profile_named() { # built-in profile, new name, new description
  sed -e "s/^name: .*/name: $2/" -e "s/^description: .*/description: $3/" "$profiles/$1.yaml"
}
list() { timeout 10 "$binary" --profile-dir "$1" --list-profiles; }

# 300 profiles, and an override of a built-in one sorted last: all are read.
mkdir "$work/many"
for i in $(seq -w 1 300); do profile_named on-prem-to-on-prem "extra-$i" "Extra profile $i" > "$work/many/p$i.yaml"; done
profile_named cloud-to-cloud cloud-to-cloud "Overridden from the folder" > "$work/many/zz-override.yaml"
list "$work/many" > "$work/out" 2> "$work/err"
check "300 profiles: exit 0" test $? -eq 0
check "300 profiles: all listed ($(grep -c '^extra-' "$work/out"))" test "$(grep -c '^extra-' "$work/out")" -eq 300
check "300 profiles: the override sorted last replaces the built-in one" \
  grep -qx "  Overridden from the folder" "$work/out"
timeout 10 "$binary" --profile-dir "$work/many" --profile extra-300 "$input" > /dev/null
check "300 profiles: the 300th is usable" test $? -eq 0

# A FIFO named like a profile: skipped with a warning, nothing waits on it.
mkdir "$work/fifo"
mkfifo "$work/fifo/waiting.yaml"
profile_named on-prem-to-on-prem mine "Mine" > "$work/fifo/mine.yaml"
list "$work/fifo" > "$work/out" 2> "$work/err"
check "FIFO: --list-profiles exit 0 (timeout is 124: $?)" test $? -eq 0
check "FIFO: the other profile listed" grep -qx mine "$work/out"
check "FIFO: a warning names it" grep -q "^liqo-scenario: warning: --profile-dir: .*waiting.yaml is not a regular file: skipped$" "$work/err"
timeout 10 "$binary" --profile-dir "$work/fifo" --profile mine "$input" > "$work/out" 2> "$work/err"
check "FIFO: a run exit 0" test $? -eq 0
check "FIFO: a run warns once" test "$(grep -c "waiting.yaml is not a regular file" "$work/err")" -eq 1
timeout 10 "$binary" --profile-dir "$work/fifo" --profile mine --report "$work/report.json" "$input" > /dev/null 2>&1
check "FIFO: the report's warnings hold it" python3 -c '
import json, sys
sys.exit(0 if any("waiting.yaml is not a regular file" in w for w in json.load(open(sys.argv[1]))["warnings"]) else 1)' \
  "$work/report.json"

# A link to a device, and a folder named like a profile: skipped too.
mkdir -p "$work/device/folder.yaml"
ln -s /dev/zero "$work/device/zero.yaml"
profile_named on-prem-to-on-prem mine "Mine" > "$work/device/mine.yaml"
list "$work/device" > "$work/out" 2> "$work/err"
check "/dev/zero link: exit 0" test $? -eq 0
check "/dev/zero link: warned" grep -q "zero.yaml is not a regular file: skipped" "$work/err"
check "folder named .yaml: warned" grep -q "folder.yaml is not a regular file: skipped" "$work/err"

# Trouble with a file that is read: exit 2, naming the file.
refused() { # description, folder, what stderr must hold
  timeout 10 "$binary" --profile-dir "$2" --profile mine "$input" > "$work/out" 2> "$work/err"
  local rc=$?
  check "$1: exit 2 ($rc)" test $rc -eq 2
  check "$1: names it" grep -q -- "$3" "$work/err"
  check "$1: one line" test "$(wc -l < "$work/err")" -eq 1
  check "$1: nothing on stdout" test ! -s "$work/out"
}
mkdir "$work/big"
profile_named on-prem-to-on-prem mine "Mine" > "$work/big/mine.yaml"
head -c 2097152 /dev/zero | tr '\0' '#' > "$work/big-file"
ln -s "$work/big-file" "$work/big/huge.yaml"
refused "a link to a 2 MiB file" "$work/big" "huge.yaml: 2097152 bytes: a profile holds at most"
mkdir "$work/dangling"
ln -s nowhere.yaml "$work/dangling/gone.yaml"
refused "a dangling link" "$work/dangling" "gone.yaml: cannot open: No such file or directory"
mkdir "$work/broken"
printf 'name: mine\nclusters: [\n' > "$work/broken/mine.yaml"
refused "a malformed profile" "$work/broken" "mine.yaml: document 1: line 3:1: "
refused "a missing folder" "$work/none" "--profile-dir $work/none: cannot open the folder: No such file or directory"

# Control characters a profile spells as escapes are listed escaped.
mkdir "$work/escapes"
sed -e 's/^name: .*/name: "esc\\e[31m"/' -e 's/^description: .*/description: "two\\nlines\\a"/' \
  -e 's/title: Cloud/title: "Cl\\noud"/' "$profiles/cloud-to-cloud.yaml" > "$work/escapes/e.yaml"
list "$work/escapes" > "$work/out" 2> "$work/err"
check "escapes in a profile: exit 0" test $? -eq 0
check "escapes in a profile: listed escaped" eval 'grep -qxF "esc\\x1b[31m" "$work/out" && grep -qxF "  two\\nlines\\x07" "$work/out"'
"$binary" --profile-dir "$work/escapes" --profile $'esc\e[31m' --cluster a --explain "$input" 2> "$work/err" > /dev/null
check "escapes in a profile: --explain's first line whole" grep -qF 'Scenario esc\x1b[31m, cluster A (Cl\noud), Liqo' "$work/err"
check "escapes in a profile: nothing raw" eval '! LC_ALL=C grep -q $'"'"'[\x01-\x09\x0b-\x1f\x7f]'"'"' "$work/out"'

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
