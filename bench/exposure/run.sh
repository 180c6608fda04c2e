#!/bin/sh
# Generates a synthetic nmap XML under bench/out/ and prints the ingest speed and peak memory
# of the exposure analysis (issue 17 goal: >= 100 MB/s, peak RSS <= 0.5 x the input).
# Usage: [BUILD_DIR=…] [JOBS=2] bench/exposure/run.sh [hosts=65536] [ports per host=12]
# (65,536 hosts x 12 ports is about 1 GB; pass fewer hosts for a quick run.)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="${BUILD_DIR:-$root/build-bench}"
jobs="${JOBS:-2}"
hosts="${1:-65536}"
ports="${2:-12}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCAREPILOT_BENCH=ON >/dev/null
cmake --build "$build" --target exposure_gen exposure_bench -j"$jobs" >/dev/null
mkdir -p "$root/bench/out"
out="$root/bench/out/exposure_${hosts}x${ports}.xml"
[ -f "$out" ] || "$build/bench/exposure/exposure_gen" "$out" "$hosts" "$ports"
echo "== $hosts hosts x $ports ports ($(du -m "$out" | cut -f1) MiB)"
"$build/bench/exposure/exposure_bench" "$out" --json "$root/bench/out/exposure_result.json"
