#!/bin/sh
# Generates synthetic domains under bench/out/ and prints ingest / analysis / memory figures.
# Usage: [BUILD_DIR=…] [JOBS=2] bench/adaudit/run.sh [sizes...]   (default: 10000 100000)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="${BUILD_DIR:-$root/build-bench}"   # BUILD_DIR: another build folder
jobs="${JOBS:-2}"                            # parallel compile jobs (shared machine)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCAREPILOT_BENCH=ON >/dev/null
cmake --build "$build" --target adaudit_gen adaudit_bench -j"$jobs" >/dev/null
sizes="${*:-10000 100000}"
for n in $sizes; do
  out="$root/bench/out/adaudit_$n"
  [ -f "$out/bench_domains.json" ] || "$build/bench/adaudit/adaudit_gen" "$n" "$out"
  echo "== $n objects"
  "$build/bench/adaudit/adaudit_bench" "$out"
done
