#!/usr/bin/env bash
# Every flag that takes an address, a host or a name written into the
# manifests, given a value that only looks right: a final newline, IPv6 forms
# that are no address (`:::::::`, `1:2:3`, `:::`), a zone, a dotted quad with
# a leading zero. Each must be refused (exit 2, the flag named on stderr,
# nothing on stdout), from the command line and from a --config file; the
# same flag with a good value must pass, so a flag that refuses everything
# fails the test. Usage: address-values.sh BINARY
set -u
binary=$1
here=$(cd "$(dirname "$0")" && pwd)
input=$here/../golden/inputs/helm3-v0.10.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base=(--profile on-prem-to-on-prem)
NL=$'\n'
# flag|good value|bad values, separated by '|'; @NL@ stands for a newline.
table=(
  "public-address|203.0.113.10|203.0.113.10@NL@|:::::::|1:2:3|:::|fe80::1%eth0|010.0.0.1|host.example.com@NL@|2001:db8::1@NL@"
  "public-address|2001:db8::10|1:2:3:4:5:6:7:8:9|::ffff:1.2.3|[2001:db8::1]"
  "auth-host|auth.example.com|auth.example.com@NL@|:::|1:2:3|2001:db8::1|Auth.example.com|-a.example.com"
  "api-server-host|api.example.com|api.example.com@NL@|:::::::|1:2:3|a..example.com"
  "api-server-address|https://[2001:db8::1]:6443|https://203.0.113.10@NL@|https://203.0.113.10:6443@NL@|https://[:::]:6443|https://[1:2:3]:6443|https://:::|https://[:::::::]|https://10.0.0.1:6443/x"
  "api-server-address|https://10.0.0.1:6443|10.0.0.1@NL@|api.example.com:6443@NL@|https://api.example.com:64a"
  "auth-load-balancer-ip|192.0.2.10|192.0.2.10@NL@|:::::::|1:2:3|:::|2001:db8::1@NL@"
  "gateway-load-balancer-ip|2001:db8::11|2001:db8::11@NL@|:::::::|1:2:3|:::"
  "load-balancer-source-ranges|203.0.113.0/24,2001:db8::/32|203.0.113.0/24@NL@|:::/0|1:2:3/24|203.0.113.0/24@NL@,198.51.100.0/24|203.0.113.0/33"
  "ingress-class|nginx|nginx@NL@|ngi nx|:::"
  "auth-tls-secret|auth-tls|auth-tls@NL@|Auth-tls"
  "auth-tls-issuer|letsencrypt|letsencrypt@NL@|lets_encrypt"
)
failed=0 passed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
extra_for() {
  case $1 in
    auth-load-balancer-ip|gateway-load-balancer-ip|load-balancer-source-ranges|auth-tls-issuer) echo "--provider metallb";;
  esac
}
check() { # how (flag|config) flag value want
  local how=$1 flag=$2 value=$3 want=$4 args
  read -ra extra <<< "$(extra_for "$flag")"
  if [ "$how" = flag ]; then
    args=("${base[@]}" "${extra[@]}" "--$flag" "$value")
  else
    { echo "profile: on-prem-to-on-prem"
      printf '%s: "%s"\n' "$flag" "$(printf '%s' "$value" | sed 's/\\/\\\\/g; s/"/\\"/g' | sed -z 's/\n/\\n/g')"; } > "$work/config.yaml"
    args=(--config "$work/config.yaml" "${extra[@]}")
  fi
  "$binary" "${args[@]}" < "$input" > "$work/out" 2> "$work/err"
  local code=$?
  local shown=${value//$NL/\\n}
  if [ "$want" = good ]; then
    [ $code -eq 0 ] || { fail "$how --$flag '$shown': exit $code: $(head -c 300 "$work/err")"; return; }
  else
    [ $code -eq 2 ] || { fail "$how --$flag '$shown': exit $code, wanted 2: $(head -c 300 "$work/err")"; return; }
    [ -s "$work/out" ] && { fail "$how --$flag '$shown': output on stdout"; return; }
    grep -q -- "$flag" "$work/err" || { fail "$how --$flag '$shown': stderr does not name the flag: $(cat "$work/err")"; return; }
  fi
  passed=$((passed + 1))
}
for row in "${table[@]}"; do
  IFS='|' read -ra cells <<< "$row"
  flag=${cells[0]}
  for how in flag config; do
    check "$how" "$flag" "${cells[1]//@NL@/$NL}" good
    for bad in "${cells[@]:2}"; do
      check "$how" "$flag" "${bad//@NL@/$NL}" bad
    done
  done
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
