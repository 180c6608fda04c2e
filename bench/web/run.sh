#!/usr/bin/env bash
# HTTP load on loopback with wrk (each run bounded to 10 s): /healthz and the establishments
# list page over 1,000 establishments, on SQLite and on PostgreSQL, in the same run.
# Usage: bench/web/run.sh [seconds (<=10)] ; needs build/ (scripts/build.sh) and wrk.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-10}; [ "$secs" -le 10 ] || secs=10
backends=${BACKENDS:-sqlite postgresql}
bin=$root/build/src/app/carepilot
out=$root/bench/out; mkdir -p "$out"
awk -v n=1000 -f "$root/bench/web/gen_finess.awk" > "$out/finess-1000.csv"
pgurl=$(bash "$root/scripts/pg-test.sh" start)
psql -q "$pgurl" -c "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench"
declare -A urls=([sqlite]="sqlite:$out/bench.db" [postgresql]="${pgurl}?options=-csearch_path%3Dbench")
rm -f "$out/bench.db"*
port=18080
for backend in $backends; do
  url=${urls[$backend]}
  "$bin" import-finess --database "$url" "$out/finess-1000.csv" >/dev/null
  "$bin" serve --database "$url" --listen 127.0.0.1:$port --threads 2 >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  for path in /healthz "/etablissements" "/etablissements?q=bench+5&page=2"; do
    printf '%s %s: ' "$backend" "$path"
    wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port$path" > "$out/wrk.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
    p50=$(awk '$1=="50%" {print $2}' "$out/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
    non2xx=$(awk '/Non-2xx/ {print $4}' "$out/wrk.txt")
    echo "${rps} req/s, p50 ${p50}, p99 ${p99}${non2xx:+, non-2xx $non2xx}"
  done
  kill -TERM $pid; wait $pid || true
  port=$((port + 1))
done
