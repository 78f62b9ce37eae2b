#!/usr/bin/env bash
# The Helm plugin's copy of the binary runs on machines that have only the C
# library: `ldd` names nothing but libc, the loader and the vDSO; the oldest
# glibc it runs on, the highest GLIBC_ symbol version `objdump -T` shows, is
# the one the README states; and its plugin.yaml names this machine's
# platform in Go's words, as Helm compares it.
# Usage: portable.sh PLUGIN_BINARY PLUGIN_YAML README
set -u
binary=$1 plugin_yaml=$2 readme=$3
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }

libraries=$(ldd "$binary" | awk '{print $1}' | sed 's#.*/##' | sort | paste -sd' ')
case $(uname -m) in
  x86_64) wanted="ld-linux-x86-64.so.2 libc.so.6 linux-vdso.so.1" ;;
  aarch64) wanted="ld-linux-aarch64.so.1 libc.so.6 linux-vdso.so.1" ;;
  *) wanted=$libraries; echo "note: no expected ldd list for $(uname -m)" ;;
esac
[ "$libraries" = "$wanted" ]
note $? "ldd lists '$libraries', wanted '$wanted'"

used=$(objdump -T "$binary" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/GLIBC_//' | sort -uV | tail -1)
stated=$(grep -oE 'needs glibc [0-9]+(\.[0-9]+)+ or later' "$readme" | grep -oE '[0-9]+(\.[0-9]+)+')
[ -n "$used" ] && [ "$used" = "$stated" ]
note $? "the binary needs glibc $used; the README says '$stated'"

case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
grep -qE "^    - os: $os\$" "$plugin_yaml" && grep -qE "^      arch: $arch\$" "$plugin_yaml"
note $? "plugin.yaml names $(grep -E 'os:|arch:' "$plugin_yaml" | tr -s ' ' | paste -sd' '), wanted $os/$arch"

"$binary" --version > /dev/null
note $? "the plugin's binary runs"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
