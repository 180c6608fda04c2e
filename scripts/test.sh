#!/usr/bin/env bash
# Sets up and runs every test: installs packages and npm assets, starts a throw-away
# PostgreSQL on 127.0.0.1, builds once (ASan+UBSan, -Werror), runs the fuzzers for a bounded
# time, then the whole suite (unit, storage and integration on SQLite and PostgreSQL, CLI,
# browser) on that build. Ends with ctest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/install-deps.sh
npm ci --no-audit --no-fund
CAREPILOT_TEST_PG=$(bash scripts/pg-test.sh start)
export CAREPILOT_TEST_PG
# Absolute path: the suite runs from build/. The trap must not change the exit status.
trap 'status=$?; bash "$root/scripts/pg-test.sh" stop || true; exit $status' EXIT
jobs=$(nproc)

# One build serves every phase (issue 21: CI time): AddressSanitizer and UBSan on, warnings
# as errors, benchmarks compiled (not run). The unit, storage, integration, CLI, tenancy and
# browser tests all run on it; the fuzzers have their own clang build (fuzz/run.sh).
# Unity build (CMakeLists.txt, CAREPILOT_UNITY): sources compiled in batches, about half the
# compile time. Debug information at level 1 (functions and line tables): sanitizer reports keep their
# file:line stacks, and the compile and link of ~40 test programs are faster than with -g.
# Each phase prints how long it took (CI time must stay under 40 minutes).
echo "== Set-up took ${SECONDS} s"
start=$SECONDS
echo "== Build (ASan+UBSan, -Werror)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCAREPILOT_SANITIZE=ON \
  -DCAREPILOT_WERROR=ON -DCAREPILOT_BENCH=ON -DCAREPILOT_UNITY=ON -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
  -DCMAKE_C_FLAGS_DEBUG=-g1
cmake --build build-asan -j"$jobs"
echo "== Build took $((SECONDS - start)) s"

if [ -f fuzz/run.sh ]; then
  echo "== Fuzzing (bounded)"
  start=$SECONDS
  bash fuzz/run.sh
  echo "== Fuzzing took $((SECONDS - start)) s"
fi

echo "== Full suite (unit, storage and integration on SQLite and PostgreSQL, CLI, browser)"
# A 4 MB quarantine (default 256 MB) for freed memory (CI time): with the default, each
# allocation took a chunk that had cycled through 256 MB and missed the caches, and a quarter
# of a tenancy walk's CPU was ASan's allocator reading cold chunk headers (perf, 2026-12-04).
# Measured on TenancyTest.EveryWriteWithAValidBody…/0: 47.6 s of CPU with the default, 39.4 s
# with this. A use after free is still caught while the block is among the last 4 MB freed.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:quarantine_size_mb=4:thread_local_quarantine_size_kb=256 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
# Longest tests first (CI time): ctest orders a run by the durations it measured in the last
# one, and a clean machine has none; tests/ctest-costs.txt keeps those of a full run (refresh
# it with build-asan/Testing/Temporary/CTestCostData.txt after adding long tests).
mkdir -p build-asan/Testing/Temporary
[ -f build-asan/Testing/Temporary/CTestCostData.txt ] ||
  cp tests/ctest-costs.txt build-asan/Testing/Temporary/CTestCostData.txt
# One test more than cores: a test waits much of its time on another process (PostgreSQL,
# chromium, the server it started), and with one per core the cores sat idle in those waits.
cd build-asan
ctest -j"$((jobs + 1))" --output-on-failure --timeout 1200 --no-tests=error
