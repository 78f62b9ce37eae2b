#!/usr/bin/env bash
# Drives the completion scripts that `liqo-scenario --completion SHELL` writes
# in the real shells: bash (its completion function called with COMP_WORDS
# and COMP_CWORD set, as bash calls it), zsh (loaded through fpath and
# compinit, completed on a pseudo-terminal) and fish (`complete -C`). Each
# case of cases.txt must give the same completions in all three; the flags
# offered for `--` must be those --help lists.
# Usage: run.sh BINARY
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }

for shell in zsh fish; do
  if ! command -v "$shell" > /dev/null; then
    if [ "${CI:-}" = true ]; then echo "FAIL: $shell is not installed (scripts/setup.sh installs it)"; echo "0 passed, 1 failed"; exit 1; fi
    echo "SKIP: $shell is not installed; completion tests not run"
    exit 77
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/zsh" "$work/files/dir" "$work/profiles"
ln -s "$binary" "$work/bin/liqo-scenario"
export PATH=$work/bin:$PATH
# The shells keep their settings and history in the test's folder, not the user's.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache ZDOTDIR=$work
"$binary" --completion bash > "$work/liqo-scenario.bash" &&
  "$binary" --completion zsh > "$work/zsh/_liqo-scenario" &&
  "$binary" --completion fish > "$work/liqo-scenario.fish"
note $? "--completion writes the three scripts"
touch "$work/files/config.yaml" "$work/files/input.yaml"
sed 's/^name: .*/name: my-lab/' "$here/../../scenario-profiles/cloud-to-cloud.yaml" > "$work/profiles/lab.yaml"

# Bash hands the function the line cut into words, `=` a word of its own.
complete_bash() {
  bash -c '
    source "$1"
    COMP_WORDS=(liqo-scenario)
    read -r -a typed <<< "$2"
    for word in "${typed[@]}"; do
      if [[ $word == *=* ]]; then
        COMP_WORDS+=("${word%%=*}" "=")
        [[ -n ${word#*=} ]] && COMP_WORDS+=("${word#*=}")
      else
        COMP_WORDS+=("$word")
      fi
    done
    [[ $2 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _liqo_scenario
    printf "%s\n" "${COMPREPLY[@]}"' - "$work/liqo-scenario.bash" "$1"
}
complete_zsh() { zsh "$here/zsh-complete.zsh" "$work/zsh" "liqo-scenario $1"; }
# Only the script under test: fish would also autoload an installed one
# (the package test installs one while this runs).
mkdir -p "$work/no-completions"
complete_fish() { fish -c 'set -g fish_complete_path $argv[3]; source $argv[1]; complete -C "liqo-scenario $argv[2]"' \
  "$work/liqo-scenario.fish" "$1" "$work/no-completions" | cut -f1; }
# One spelling for all: no `--flag=` in front (fish keeps it), no `/` after a folder.
normal() { sed -E 's/^--[a-z-]+=//; s#/$##' | grep -v '^$' | sort -u | paste -sd' '; }

cd "$work/files" || exit 1
while IFS='|' read -r typed wanted; do
  case $typed in '#'*|'') continue ;; esac
  typed=${typed//PROFILES/$work/profiles}
  for shell in bash zsh fish; do
    got=$("complete_$shell" "$typed" | normal)
    [ "$got" = "$wanted" ]
    note $? "$shell: liqo-scenario $typed<TAB> gave '$got', wanted '$wanted'"
  done
done < "$here/cases.txt"

flags=$("$binary" --help | grep -oE '^  --[a-z-]+' | sed 's/^ *//' | sort -u | paste -sd' ')
for shell in bash zsh fish; do
  got=$("complete_$shell" "--" | sort -u | paste -sd' ')
  [ "$got" = "$flags" ]
  note $? "$shell: the flags offered for -- are not those of --help: '$got'"
done

"$binary" --completion tcsh > "$work/out" 2> "$work/err"
code=$?
[ "$code" = 2 ] && [ ! -s "$work/out" ] && grep -q "^liqo-scenario: --completion: no completion for 'tcsh'" "$work/err"
note $? "an unknown shell is a usage error (exit $code): $(cat "$work/err")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
