#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for a bounded time (CI).
# Usage: fuzz/run.sh [seconds per target, default 30]
# FUZZ_SEED fixes libFuzzer's seed (default 1) so a CI run replays the same mutations; the
# inputs under regressions_* (each a crash found before) are replayed first as seeds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
seconds="${1:-30}"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCAREPILOT_FUZZ=ON -DCAREPILOT_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzz_sharphound fuzz_ldif fuzz_security_descriptor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
  name=$1
  shift
  mkdir -p "$work/$name"
  for dir in "$@"; do
    cp "$dir"/* "$work/$name"/ 2>/dev/null || true
  done
  echo "== $name (${seconds}s)"
  mkdir -p "$build/artifacts"
  "$build/fuzz/adaudit/$name" -artifact_prefix="$build/artifacts/" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -seed="${FUZZ_SEED:-1}" \
    -print_final_stats=1 "$work/$name"
}
run fuzz_sharphound "$root/fuzz/adaudit/corpus_sharphound" "$root/fuzz/adaudit/regressions_sharphound"
run fuzz_ldif "$root/fuzz/adaudit/corpus_ldif"
run fuzz_security_descriptor
