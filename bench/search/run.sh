#!/usr/bin/env bash
# Knowledge search under load on loopback (issue 20), SQLite then PostgreSQL in the same run:
# 20,000 synthetic offers plus the shipped entries (bench_search_seed), then wrk (one thread,
# at 8 then 64 connections, each run bounded to 10 s) against `carepilot serve --threads 2` on:
#   anonymous /healthz; the search page /connaissances?q=sauvegarde+hors+ligne as served
#   (page cache); the same page with a unique parameter per request (the cache never answers:
#   the search itself); the JSON search /api/v1/knowledge/search, uncached.
# Every measured response must be a 200 holding the expected text (check.lua), else the script
# stops. Prints req/s, p50, p99 and each p99 against /healthz's p99 at the same concurrency.
# One wrk thread: on a 2-core machine two wrk threads (which read every body for check.lua) and
# two server threads take turns on the cores, and the 99th percentile of a 14 kB page then
# measured how long wrk was kept off a core (p99 93 ms with two threads, 30 ms with one, for the
# same server; 2026-12-03).
# 8 connections: a steady flow of searches below saturation (latency). 64 connections:
# saturation, where a closed loop's p99 follows the cost of a request (throughput).
# Usage: bench/search/run.sh [seconds (<=10)]
#   BUILD_DIR (default build-rel, else build) with carepilot and bench_search_seed;
#   BACKENDS="sqlite postgresql"; ENTRIES=20000. Needs wrk, curl, psql.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-10}; [ "$secs" -le 10 ] || secs=10
backends=${BACKENDS:-sqlite postgresql}
n=${ENTRIES:-20000}
build=${BUILD_DIR:-$root/build-rel}; [ -x "$build/src/app/carepilot" ] || build=$root/build
bin=$build/src/app/carepilot
seed=$build/bench/search/bench_search_seed
out=$root/bench/out; mkdir -p "$out"
pgurl=${PG_URL:-$(bash "$root/scripts/pg-test.sh" start)}
psql -q "$pgurl" -c "DROP SCHEMA IF EXISTS bench_search CASCADE; CREATE SCHEMA bench_search"
declare -A urls=([sqlite]="sqlite:$out/bench-search.db" [postgresql]="${pgurl}?options=-csearch_path%3Dbench_search")
rm -f "$out/bench-search.db"*
echo "build: $build; $n entries; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

to_ms() { awk -v v="$1" 'BEGIN { u = v; gsub(/[0-9.]/, "", u); x = v + 0;
  if (u == "us") x /= 1000; else if (u == "s") x *= 1000; else if (u == "m") x *= 60000;
  printf "%.3f", x }'; }

# measure NAME PATH EXPECT UNIQUE: one wrk run; sets rps_NAME and p99_NAME.
measure() {
  local name=$1 path=$2 expect=$3 unique=$4 code
  code=$(curl -s -o "$out/page.txt" -w '%{http_code}' "http://127.0.0.1:$port$path")
  if [ "$code" != 200 ] || ! grep -qF -- "$expect" "$out/page.txt"; then
    echo "FAIL: $backend $path answered $code without « $expect »" >&2
    exit 1
  fi
  CP_EXPECT=$expect CP_UNIQUE=$unique wrk -t1 -c"$conns" -d"${secs}s" --latency \
    -s "$root/bench/search/check.lua" "http://127.0.0.1:$port$path" > "$out/wrk.txt"
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  bad=$(awk '/^checked:/ {print $4}' "$out/wrk.txt")
  if [ -z "$bad" ] || [ "$bad" != 0 ] || grep -q 'Non-2xx\|Socket errors' "$out/wrk.txt"; then
    cat "$out/wrk.txt" >&2
    echo "FAIL: $backend $path: responses that are not a 200 with « $expect »" >&2
    exit 1
  fi
  printf '%-10s c%-3s %-58s %9s req/s  p50 %8s  p99 %8s  (%s)\n' "$backend" "$conns" "$path$([ "$unique" = 1 ] && echo ' [uncached]')" \
    "$rps" "$p50" "$p99" "$(awk '/^checked:/ {print $2}' "$out/wrk.txt") checked"
  eval "rps_$name=$rps; p99_$name=$(to_ms "$p99")"
}

port=18180
for backend in $backends; do
  url=${urls[$backend]}
  "$seed" "$url" "$n" >/dev/null
  "$bin" serve --database "$url" --listen 127.0.0.1:$port --threads 2 >/dev/null 2>&1 &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null || true' EXIT
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  for conns in 8 64; do
    measure health "/healthz" '"status":"ok"' 0
    measure page "/connaissances?q=sauvegarde+hors+ligne" 'D2.O3.C' 0
    measure search "/connaissances?q=sauvegarde+hors+ligne" 'D2.O3.C' 1
    measure api "/api/v1/knowledge/search?q=PCRI" 'faq-d2-o1-c-pcri' 1
    awk -v h="$p99_health" -v p="$p99_page" -v s="$p99_search" -v a="$p99_api" -v b="$backend" -v c="$conns" 'BEGIN {
      printf "%-10s c%-3s p99 against /healthz p99: page (cached) %.1f x, search page (uncached) %.1f x, API search (uncached) %.1f x\n",
        b, c, p / h, s / h, a / h }'
  done
  kill -TERM $pid; wait $pid || true
  trap - EXIT
  port=$((port + 1))
done
