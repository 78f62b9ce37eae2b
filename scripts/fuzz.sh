#!/usr/bin/env bash
# Builds the libFuzzer harness with clang and runs it for $1 seconds (default
# 60) from a seed corpus of the golden inputs. Crashes are saved in
# build-fuzz/crashes/; a crash fails the run and prints the report and the
# input (base64), so a crash on a machine that is gone can still be replayed.
# FUZZ_SEED fixes libFuzzer's random seed (CI sets 1, so two runs of the same
# commit try the same inputs in the same order); unset, each run explores anew.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
seed_flag=()
[ -n "${FUZZ_SEED:-}" ] && seed_flag=(-seed="$FUZZ_SEED")
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DLIQO_SCENARIO_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_filter >/dev/null
corpus=build-fuzz/corpus
rm -rf build-fuzz/crashes
mkdir -p "$corpus" build-fuzz/crashes
i=0
for f in tests/fuzz/regressions/*; do [ -f "$f" ] && cp "$f" "$corpus/"; done
for f in tests/golden/inputs/*.yaml; do
  for variant in 0 1 2 3 4 5; do
    { printf "\\x0$variant"; cat "$f"; } > "$corpus/seed-$i-$variant"
  done
  i=$((i + 1))
done
ASAN_OPTIONS=detect_leaks=1 build-fuzz/fuzz_filter "${seed_flag[@]}" -max_total_time="$seconds" -max_len=65536 \
  -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 "$corpus" > build-fuzz/last-run.log 2>&1 || true
grep -E "^INFO: Seed:" build-fuzz/last-run.log || true
grep -E "^(stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY)" build-fuzz/last-run.log || true
# The last status line carries the coverage: edges (cov) and features (ft).
grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" build-fuzz/last-run.log | tail -1 || true
if ls build-fuzz/crashes/* >/dev/null 2>&1; then
  sed -n '/==ERROR\|deadly signal/,/SUMMARY/p' build-fuzz/last-run.log | head -60 >&2
  for crash in build-fuzz/crashes/*; do
    echo "fuzz: $crash (base64; replay with build-fuzz/fuzz_filter FILE):" >&2
    base64 "$crash" >&2
  done
  echo "fuzz: crash found, see build-fuzz/crashes/" >&2
  exit 1
fi
echo "fuzz: no crash in ${seconds}s"
