#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each: fuzz_filter (the
# input stream) for $1 seconds (default 60), fuzz_options, fuzz_config,
# fuzz_profile, fuzz_provider and fuzz_peering (the command line, --config
# and --profile-dir files, the provider presets, the peering command's line
# and renders) for a fifth of that each.
# Seeds are the golden cases, the profiles, the presets and the
# regressions in tests/fuzz/regressions/. Crashes are saved in
# build-fuzz/crashes/; a crash fails the run and prints the report and the
# input (base64), so a crash on a machine that is gone can still be replayed.
# FUZZ_SEED fixes libFuzzer's random seed (CI sets 1, so two runs of the same
# commit try the same inputs in the same order); unset, each run explores anew.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
seed_flag=()
[ -n "${FUZZ_SEED:-}" ] && seed_flag=(-seed="$FUZZ_SEED")
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DLIQO_SCENARIO_FUZZ=ON -DLIQO_SCENARIO_WERROR=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_filter fuzz_options fuzz_config fuzz_profile fuzz_provider fuzz_peering >/dev/null
rm -rf build-fuzz/crashes build-fuzz/seeds
mkdir -p build-fuzz/crashes build-fuzz/seeds/{filter,options,config,profile,provider,peering}

# The first byte of a filter input picks the harness's argument set.
i=0
for f in tests/golden/inputs/*.yaml; do
  for variant in $(seq 0 19); do
    { printf "\\$(printf %03o "$variant")"; cat "$f"; } > "build-fuzz/seeds/filter/seed-$i-$variant"
  done
  i=$((i + 1))
done
for case_dir in tests/golden/*/; do
  name=$(basename "$case_dir")
  [ -f "$case_dir/args" ] && tr '\n' '\0' < "$case_dir/args" > "build-fuzz/seeds/options/$name"
done
i=0
for f in tests/golden/*/cluster.yaml examples/gitops/clusters/*/liqo-scenario.yaml; do
  cp "$f" "build-fuzz/seeds/config/config-$i.yaml"
  i=$((i + 1))
done
i=0
for f in scenario-profiles/*.yaml tests/golden/*/profiles/*.yaml; do
  cp "$f" "build-fuzz/seeds/profile/profile-$i.yaml"
  i=$((i + 1))
done
cp provider-presets/*.yaml build-fuzz/seeds/provider/
# The peering harness: 0 + its cases' argument lists, 1 + the v1 renders.
for case_dir in tests/peering/cases/*/; do
  { printf '\x00'; tr '\n' '\0' < "$case_dir/args"; } > "build-fuzz/seeds/peering/args-$(basename "$case_dir")"
done
for f in tests/golden/inputs/*v1*.yaml; do
  [ -f "$f" ] && { printf '\x01'; cat "$f"; } > "build-fuzz/seeds/peering/render-$(basename "$f")"
done

fuzz() { # harness seconds
  local corpus=build-fuzz/corpus-$1 regressions=tests/fuzz/regressions
  [ "$1" = filter ] || regressions=tests/fuzz/regressions-$1
  mkdir -p "$corpus"
  [ -d "$regressions" ] || regressions=
  ASAN_OPTIONS=detect_leaks=1 "build-fuzz/fuzz_$1" "${seed_flag[@]}" -max_total_time="$2" -timeout=10 \
    -max_len=65536 -artifact_prefix="build-fuzz/crashes/$1-" -print_final_stats=1 \
    "$corpus" "build-fuzz/seeds/$1" ${regressions:+"$regressions"} > "build-fuzz/last-run-$1.log" 2>&1 || true
  echo "fuzz_$1 ($2 s):"
  grep -E "^INFO: Seed:" "build-fuzz/last-run-$1.log" || true
  grep -E "^(stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY)" "build-fuzz/last-run-$1.log" || true
  # The last status line carries the coverage: edges (cov) and features (ft).
  grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" "build-fuzz/last-run-$1.log" | tail -1 || true
  if ls build-fuzz/crashes/"$1"-* >/dev/null 2>&1; then
    sed -n '/==ERROR\|deadly signal\|ERROR: libFuzzer/,/SUMMARY/p' "build-fuzz/last-run-$1.log" | head -60 >&2
  fi
}

fuzz filter "$seconds"
for harness in options config profile provider peering; do fuzz "$harness" $((seconds / 5)); done

if ls build-fuzz/crashes/* >/dev/null 2>&1; then
  for crash in build-fuzz/crashes/*; do
    echo "fuzz: $crash (base64; replay with build-fuzz/fuzz_<harness> FILE):" >&2
    base64 "$crash" >&2
  done
  echo "fuzz: crash found, see build-fuzz/crashes/" >&2
  exit 1
fi
echo "fuzz: no crash in ${seconds}s + 5 x $((seconds / 5))s"
