#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for a bounded time (CI).
# Usage: fuzz/run.sh [seconds per target, default 30]
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
  seed=$2
  mkdir -p "$work/$name"
  [ -n "$seed" ] && cp "$seed"/* "$work/$name"/ 2>/dev/null || true
  echo "== $name (${seconds}s)"
  mkdir -p "$build/artifacts"
  "$build/fuzz/adaudit/$name" -artifact_prefix="$build/artifacts/" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$work/$name"
}
run fuzz_sharphound "$root/fuzz/adaudit/corpus_sharphound"
run fuzz_ldif "$root/fuzz/adaudit/corpus_ldif"
run fuzz_security_descriptor ""
