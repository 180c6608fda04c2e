#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for a bounded time (CI).
# Usage: fuzz/run.sh [seconds per AD and exposure reader target, default 12] [seconds per other target,
# default 6]
# FUZZ_SEED fixes libFuzzer's seed (default 1) so a CI run replays the same mutations; the
# inputs under regressions_* (each a crash found before) are replayed first as seeds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
seconds="${1:-12}"
short="${2:-6}"
# -O0 with line tables only: the fuzzers' crash reports keep file:line stacks, and the build
# (56 steps) is faster than RelWithDebInfo's -O2 -g; the unity build halves it again (CI time).
# -O0 rather than -O1: a large unity file compiles in 21 s of CPU instead of 46 s (measured on
# cp_evidence); the fuzzers run fewer inputs per second in their bounded time.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCAREPILOT_FUZZ=ON -DCAREPILOT_BENCH=OFF -DCAREPILOT_UNITY=ON \
  -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O0 -gline-tables-only" \
  -DCMAKE_C_FLAGS="-O0 -gline-tables-only" >/dev/null
cmake --build "$build" --target fuzz_sharphound fuzz_ldif fuzz_security_descriptor \
  fuzz_finess fuzz_multipart fuzz_api_json fuzz_referential fuzz_icalendar fuzz_csv \
  fuzz_nmap fuzz_masscan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# run BINARY SECONDS [SEED DIR...]
run() {
  bin=$1
  time=$2
  shift 2
  name=$(basename "$bin")
  mkdir -p "$work/$name"
  for dir in "$@"; do
    cp "$dir"/* "$work/$name"/ 2>/dev/null || true
  done
  echo "== $name (${time}s)"
  mkdir -p "$build/artifacts"
  "$bin" -artifact_prefix="$build/artifacts/" -max_total_time="$time" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -seed="${FUZZ_SEED:-1}" \
    -print_final_stats=1 "$work/$name"
}
ad="$build/fuzz/adaudit"
f="$root/fuzz"
run "$ad/fuzz_sharphound" "$seconds" "$f/adaudit/corpus_sharphound" "$f/adaudit/regressions_sharphound"
run "$ad/fuzz_ldif" "$seconds" "$f/adaudit/corpus_ldif" "$f/adaudit/regressions_ldif"
run "$ad/fuzz_security_descriptor" "$seconds"
# Issue 21: importers, parsers and writers of the web application.
run "$build/fuzz/fuzz_finess" "$short" "$f/registry/corpus_finess" "$f/registry/regressions_finess"
run "$build/fuzz/fuzz_multipart" "$short" "$f/http/corpus_multipart" "$f/http/regressions_multipart"
run "$build/fuzz/fuzz_api_json" "$short" "$f/api/corpus_api_json" "$f/api/regressions_api_json"
run "$build/fuzz/fuzz_referential" "$short" "$f/referential/corpus_referential" \
  "$f/referential/regressions_referential"
run "$build/fuzz/fuzz_icalendar" "$short" "$f/evidence/corpus_icalendar" "$f/evidence/regressions_icalendar"
run "$build/fuzz/fuzz_csv" "$short" "$f/common/corpus_csv" "$f/common/regressions_csv"
# Issue 17: the exposure analysis readers.
run "$build/fuzz/fuzz_nmap" "$seconds" "$f/exposure/corpus_nmap" "$f/exposure/regressions_nmap"
run "$build/fuzz/fuzz_masscan" "$seconds" "$f/exposure/corpus_masscan" "$f/exposure/regressions_masscan"
