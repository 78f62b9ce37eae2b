#!/usr/bin/env bash
# The whole test suite: a normal build and a sanitizer build (AddressSanitizer,
# UBSan, LeakSanitizer), each running every ctest test (golden cases, unit
# tests, conformance with the Liqo charts, hostile inputs, Helm end to end,
# instruction budget), then a bounded libFuzzer run.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIQO_SCENARIO_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan, UBSan, LSan)"
CC=clang cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DLIQO_SCENARIO_SANITIZE=ON -DLIQO_SCENARIO_WERROR=ON >/dev/null
cmake --build build-sanitize -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-sanitize --output-on-failure -j"$jobs"

if [ -x scripts/fuzz.sh ]; then
  echo "== fuzzing"
  if [ "${CI:-}" = true ]; then export FUZZ_SEED=${FUZZ_SEED:-1}; fi
  scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
fi
