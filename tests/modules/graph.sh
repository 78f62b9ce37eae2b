#!/usr/bin/env bash
# The module graph of a C source folder has no cycle, and no .c file there is
# longer than a limit.
#
# Why: a module that includes a module that includes it back cannot be read,
# tested or replaced alone; and a long file is usually several concerns. A
# module is x.c with x.h; an edge x -> y is an `#include "y.h"` in either,
# where y is a module of the same folder. Every cycle is printed as the path
# that closes it, every long file with its length.
#
# Usage: graph.sh FOLDER [MAX_LINES]   (MAX_LINES defaults to 600)
#        graph.sh --self-check         (shows it fails on a crafted tree)
set -u

check() { # folder max_lines
  local dir=$1 max=$2 file module target
  declare -A edges=() state=()
  local -a modules=()
  for file in "$dir"/*.c "$dir"/*.h; do
    [ -e "$file" ] || continue
    module=$(basename "$file"); module=${module%.*}
    [ -n "${state[$module]+x}" ] || { state[$module]=new; modules+=("$module"); }
  done
  for module in "${modules[@]}"; do
    for file in "$dir/$module.c" "$dir/$module.h"; do
      [ -f "$file" ] || continue
      while read -r target; do
        [ "$target" != "$module" ] && [ -n "${state[$target]+x}" ] && edges[$module]+=" $target"
      done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"/]*\)\.h".*/\1/p' "$file")
    done
  done

  local failures=0
  local -a path=()
  visit() { # module: depth-first; a module met again while on the path closes a cycle
    local m=$1 next i
    state[$m]=open
    path+=("$m")
    for next in ${edges[$m]:-}; do
      if [ "${state[$next]}" = open ]; then
        local cycle=""
        for ((i = 0; i < ${#path[@]}; i++)); do
          [ -n "$cycle" ] || [ "${path[i]}" = "$next" ] && cycle+="${path[i]} -> "
        done
        echo "FAIL cycle: $cycle$next"
        failures=$((failures + 1))
      elif [ "${state[$next]}" = new ]; then
        visit "$next"
      fi
    done
    unset 'path[${#path[@]}-1]'
    state[$m]=done
  }
  for module in "${modules[@]}"; do
    [ "${state[$module]}" = new ] && visit "$module"
  done

  local lines
  for file in "$dir"/*.c; do
    [ -e "$file" ] || continue
    lines=$(wc -l < "$file")
    if [ "$lines" -gt "$max" ]; then
      echo "FAIL too long: $file has $lines lines (at most $max)"
      failures=$((failures + 1))
    fi
  done
  local edge_count=0
  for module in "${modules[@]}"; do
    set -- ${edges[$module]:-}
    edge_count=$((edge_count + $#))
  done
  echo "${#modules[@]} modules, $edge_count edges, $failures failures"
  [ $failures -eq 0 ]
}

self_check() {
  local work out passed=0 failed=0
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL self-check: $2"; fi; }
  mkdir "$work/bad" "$work/good"
  # bad: a -> b -> c -> a through both kinds of file, a two-module cycle d <-> e,
  # and a file one line over the limit.
  printf '#include "a.h"\n#include "b.h"\n' > "$work/bad/a.c"; : > "$work/bad/a.h"
  : > "$work/bad/b.c"; printf '#include "c.h"\n' > "$work/bad/b.h"
  printf ' #  include "a.h" /* back to a */\n' > "$work/bad/c.c"; : > "$work/bad/c.h"
  printf '#include "e.h"\n' > "$work/bad/d.c"; printf '#include "d.h"\n' > "$work/bad/e.h"
  seq 11 > "$work/bad/long.c"
  out=$(check "$work/bad" 10); code=$?
  [ $code -ne 0 ]; note $? "a tree with cycles passed"
  grep -qx "FAIL cycle: a -> b -> c -> a" <<< "$out"; note $? "the cycle a -> b -> c -> a was not printed: $out"
  grep -qx "FAIL cycle: d -> e -> d" <<< "$out"; note $? "the cycle d -> e -> d was not printed: $out"
  grep -q "too long: $work/bad/long.c has 11 lines" <<< "$out"; note $? "the long file was not printed: $out"
  # good: the same modules without the edges back, system headers, headers of
  # other folders and a file exactly at the limit.
  printf '#include "b.h"\n#include <stdio.h>\n#include "../x/a.h"\n' > "$work/good/a.c"; : > "$work/good/a.h"
  printf '#include "c.h"\n' > "$work/good/b.h"; seq 10 > "$work/good/c.c"
  out=$(check "$work/good" 10); code=$?
  [ $code -eq 0 ]; note $? "a tree without cycles failed: $out"
  grep -qx "3 modules, 2 edges, 0 failures" <<< "$out"; note $? "wrong count for the good tree: $out"
  echo "$passed passed, $failed failed"
  [ $failed -eq 0 ]
}

if [ "${1:-}" = --self-check ]; then
  self_check
else
  [ -d "${1:-}" ] || { echo "usage: graph.sh FOLDER [MAX_LINES] | --self-check" >&2; exit 2; }
  check "$1" "${2:-600}"
fi
