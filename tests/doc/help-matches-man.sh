#!/usr/bin/env bash
# --help and the man page list the same long options, so neither can drift.
set -u
binary=$1 man=$2
help_flags=$("$binary" --help | grep -oE '^  --[a-z-]+' | sed 's/^ *//' | sort -u)
man_flags=$(grep -oE '^\.BI? \\-\\-[a-z-]+' "$man" | sed 's/^\.BI\? //; s/\\-/-/g' | sort -u)
if [ "$help_flags" != "$man_flags" ]; then
  diff <(echo "$help_flags") <(echo "$man_flags") | sed 's/^</only in --help:/; s/^>/only in the man page:/'
  echo "0 passed, 1 failed"
  exit 1
fi
echo "help and man page list the same $(echo "$help_flags" | wc -l) options"
