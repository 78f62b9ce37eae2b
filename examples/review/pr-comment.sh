#!/usr/bin/env bash
# Review flow, as a CI job comments on a pull request that changes a
# cluster's scenario settings: the comment shows the proposed exposure as
# --explain-format markdown writes it (a table, a Mermaid diagram of how
# peers reach each component through the NAT, the router rules) and the
# change to the committed render as a diff. GitHub and GitLab draw the
# diagram; pr-comment.md is this script's output for the bundled example
# (cluster A's router moving the auth and gateway ports).
# Usage: pr-comment.sh [COMMITTED_SETTINGS PROPOSED_SETTINGS [CHART_RENDER]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
filter=${LIQO_SCENARIO:-liqo-scenario}
committed=${1:-$here/../gitops/clusters/a/liqo-scenario.yaml}
proposed=${2:-$here/proposed/liqo-scenario.yaml}
chart=${3:-$here/../liqo-render.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$filter" --config "$committed" -o "$work/committed.yaml" "$chart"
"$filter" --config "$proposed" --explain-format markdown -o "$work/proposed.yaml" "$chart" 2> "$work/explain.md"
echo "## liqo-scenario: the exposure this pull request proposes"
echo
cat "$work/explain.md"
echo
echo "<details><summary>What changes in the render</summary>"
echo
echo '```diff'
# diff exits 1 when the files differ, which is the point here.
diff -u --label committed/liqo.yaml --label proposed/liqo.yaml "$work/committed.yaml" "$work/proposed.yaml" || true
echo '```'
echo
echo "</details>"
