#!/usr/bin/env bash
# --explain-format markdown's diagrams through a real Mermaid renderer: the
# program's document for every golden case that asks for it (the NAT
# clusters A and B on v0.10.3 and v1.2.0, and names and an IPv6 address that
# Markdown and Mermaid would read as markup) and the pull-request comment of
# examples/review are drawn by npm's
# @mermaid-js/mermaid-cli with Debian's Chromium, which fails on a syntax
# error; each diagram must become an SVG that shows its labels. A diagram
# with one quote taken out must fail to draw, so the renderer is known to
# check. The renderer comes from scripts/setup.sh; where it is missing the
# test is skipped with a message, and under CI=true it fails instead.
# Usage: mermaid.sh BINARY GOLDEN_DIR
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$(cd "$2" && pwd)
mmdc=${LIQO_SCENARIO_MMDC:-$HOME/.cache/liqo-scenario/mermaid/node_modules/.bin/mmdc}
chromium=${LIQO_SCENARIO_CHROMIUM:-/usr/bin/chromium}
passed=0 failed=0
note() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 and CI=true"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP: $1; the Mermaid diagrams are not rendered"; exit 77
}
[ -x "$mmdc" ] || skip "no $mmdc (scripts/setup.sh installs @mermaid-js/mermaid-cli)"
[ -x "$chromium" ] || skip "no $chromium (scripts/setup.sh installs chromium)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Chromium's sandbox needs user namespaces a test machine may not give.
printf '{"executablePath": "%s", "args": ["--no-sandbox", "--disable-gpu"]}\n' "$chromium" > "$work/puppeteer.json"
render() { # input.md output.md
  (cd "$work" && timeout 120 "$mmdc" --quiet -p "$work/puppeteer.json" -i "$1" -o "$2") > "$work/mmdc.log" 2>&1
}

# One document of all the cases, so the browser starts once.
: > "$work/all.md"
cases=0
for case_dir in "$golden"/*/; do
  grep -qx markdown "$case_dir/args" 2> /dev/null || continue
  mapfile -t args < "$case_dir/args"
  (cd "$case_dir" && "$binary" "${args[@]}" input.yaml 2>> "$work/all.md" > /dev/null)
  note $? "$(basename "$case_dir"): the program fails"
  printf '\n' >> "$work/all.md"
  cases=$((cases + 1))
done
# And the pull-request comment of examples/review, as committed.
cat "$golden/../../examples/review/pr-comment.md" >> "$work/all.md"
diagrams=$(grep -c '^```mermaid$' "$work/all.md")
[ "$cases" -ge 5 ] && [ "$diagrams" = $((cases + 1)) ]
note $? "$cases golden cases ask for markdown; with the review example's comment, $diagrams diagrams"

started=$EPOCHREALTIME
render all.md drawn.md
note $? "mermaid-cli draws every diagram: $(tail -5 "$work/mmdc.log")"
echo "drawing $diagrams diagrams took $(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')s"
svgs=$(find "$work" -name 'drawn-*.svg' | wc -l)
[ "$svgs" = "$diagrams" ]
note $? "$svgs SVG files for $diagrams diagrams"
for svg in "$work"/drawn-*.svg; do
  [ -f "$svg" ] || continue
  grep -q '<svg' "$svg" && grep -q 'Peer cluster' "$svg" && grep -q 'API server' "$svg"
  note $? "$(basename "$svg") shows the peer and the API server"
done
# The hostile names come out as text, not as markup.
grep -l 'click x' "$work"/drawn-*.svg > /dev/null 2>&1 && grep -l '2001:db8::10' "$work"/drawn-*.svg > /dev/null 2>&1
note $? "the hostile names and the IPv6 address are drawn as text"

# The renderer fails on a syntax error: the first diagram with a quote lost.
awk '/^```mermaid$/ { n++ } n == 1' "$work/all.md" | sed '/^```$/q' > "$work/broken.md"
sed -i '0,/\["/s/\["/[/' "$work/broken.md"
! render broken.md broken-out.md
note $? "mermaid-cli refuses a diagram with a syntax error"
grep -qi 'error' "$work/mmdc.log"
note $? "and says why: $(grep -i -m1 'error' "$work/mmdc.log")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
