#!/usr/bin/env bash
# --help and the man page list the same long options, so neither can drift:
# the post-renderer's everywhere but the PEERING section, `peering --help`'s
# in it (the SYNOPSIS, which shows both, aside).
set -u
binary=$1 man=$2
man_flags() { grep -oE '^\.BI? \\-\\-[a-z-]+' | sed 's/^\.BI\? //; s/\\-/-/g' | sort -u; }
help_flags() { grep -oE '^  --[a-z-]+' | sed 's/^ *//' | sort -u; }
compare() { # what help man
  if [ "$2" != "$3" ]; then
    echo "$1:"
    diff <(echo "$2") <(echo "$3") | sed 's/^</only in --help:/; s/^>/only in the man page:/'
    return 1
  fi
  echo "$1: help and man page list the same $(echo "$2" | wc -l) options"
}
# The SYNOPSIS names flags of both commands; the option lists are the record.
outside=$(awk '/^\.SH (PEERING|SYNOPSIS)/{p=1; next} /^\.SH /{p=0} !p' "$man" | man_flags)
inside=$(awk '/^\.SH PEERING/{p=1; next} /^\.SH /{p=0} p' "$man" | man_flags)
failed=0
compare "the post-renderer" "$("$binary" --help | help_flags)" "$outside" || failed=1
compare "peering" "$("$binary" peering --help | help_flags)" "$inside" || failed=1
[ -n "$inside" ] || { echo "no PEERING section"; failed=1; }
if [ $failed -ne 0 ]; then echo "0 passed, 1 failed"; exit 1; fi
