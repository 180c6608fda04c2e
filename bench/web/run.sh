#!/usr/bin/env bash
# HTTP load on loopback with wrk (-t2 -c64, each run bounded to 10 s), on SQLite and on
# PostgreSQL in the same run, over N establishments (default 40,000) imported from a
# generated FINESS extract:
#   anonymous /healthz; signed-in /healthz (session cookie); signed-in /api/v1/me (API
#   token); signed-in establishments list and a search page (session cookie).
# Every measured response must be a 200 whose body holds the expected text (bench/web/
# check.lua): otherwise the script stops with an error. It prints req/s, p50, p99 and the
# ratios to anonymous /healthz that the goals name (docs/benchmarks.md).
# Usage: bench/web/run.sh [seconds (<=10)]
#   BUILD_DIR (default build-rel, else build) must hold carepilot and bench_web_login;
#   BACKENDS="sqlite postgresql"; ESTABLISHMENTS=40000. Needs wrk, curl, psql.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-10}; [ "$secs" -le 10 ] || secs=10
backends=${BACKENDS:-sqlite postgresql}
n=${ESTABLISHMENTS:-40000}
build=${BUILD_DIR:-$root/build-rel}; [ -x "$build/src/app/carepilot" ] || build=$root/build
bin=$build/src/app/carepilot
login=$build/bench/web/bench_web_login
out=$root/bench/out; mkdir -p "$out"
awk -v n="$n" -f "$root/bench/web/gen_finess.awk" > "$out/finess-$n.csv"
pgurl=$(bash "$root/scripts/pg-test.sh" start)
psql -q "$pgurl" -c "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench"
declare -A urls=([sqlite]="sqlite:$out/bench.db" [postgresql]="${pgurl}?options=-csearch_path%3Dbench")
rm -f "$out/bench.db"*
echo "build: $build; $n establishments; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# ms from a wrk latency ("850.00us", "5.70ms", "1.02s").
to_ms() { awk -v v="$1" 'BEGIN { u = v; gsub(/[0-9.]/, "", u); x = v + 0;
  if (u == "us") x /= 1000; else if (u == "s") x *= 1000; else if (u == "m") x *= 60000;
  printf "%.3f", x }'; }

# measure NAME PATH EXPECT [cookie|token|anon]: one wrk run; sets rps_NAME and p99_NAME.
measure() {
  local name=$1 path=$2 expect=$3 who=$4
  local cookie="" authz=""
  [ "$who" = cookie ] && cookie=$session
  [ "$who" = token ] && authz=$token
  # One request first, outside the measurement: fails loudly on a redirect or an error.
  local hdr=()
  [ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
  [ -n "$authz" ] && hdr=(-H "Authorization: $authz")
  local code
  code=$(curl -s -o "$out/page.txt" -w '%{http_code}' "${hdr[@]}" "http://127.0.0.1:$port$path")
  if [ "$code" != 200 ] || ! grep -qF -- "$expect" "$out/page.txt"; then
    echo "FAIL: $backend $path ($who) answered $code without « $expect »" >&2
    exit 1
  fi
  CP_COOKIE=$cookie CP_AUTH=$authz CP_EXPECT=$expect \
    wrk -t2 -c64 -d"${secs}s" --latency -s "$root/bench/web/check.lua" \
    "http://127.0.0.1:$port$path" > "$out/wrk.txt"
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  bad=$(awk '/^checked:/ {print $4}' "$out/wrk.txt")
  if [ -z "$bad" ] || [ "$bad" != 0 ] || grep -q 'Non-2xx\|Socket errors' "$out/wrk.txt"; then
    cat "$out/wrk.txt" >&2
    echo "FAIL: $backend $path ($who): responses that are not a 200 with « $expect »" >&2
    exit 1
  fi
  printf '%-10s %-34s %-6s %9s req/s  p50 %8s  p99 %8s  (%s)\n' "$backend" "$path" "$who" \
    "$rps" "$p50" "$p99" "$(awk '/^checked:/ {print $2}' "$out/wrk.txt") checked"
  eval "rps_$name=$rps; p99_$name=$(to_ms "$p99")"
}

port=18080
for backend in $backends; do
  url=${urls[$backend]}
  "$bin" import-finess --database "$url" "$out/finess-$n.csv" >/dev/null
  { read -r session; read -r token; } < <("$login" "$url")
  "$bin" serve --database "$url" --listen 127.0.0.1:$port --threads 2 >/dev/null 2>&1 &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null || true' EXIT
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  measure anon /healthz '"status":"ok"' anon
  measure signed /healthz '"status":"ok"' cookie
  measure token /api/v1/me '"bench@carepilot.test"' token
  measure list /etablissements 'BENCH' cookie
  measure search "/etablissements?q=bench+5&page=2" 'BENCH' cookie
  awk -v a="$rps_anon" -v s="$rps_signed" -v t="$rps_token" -v l="$rps_list" \
      -v pa="$p99_anon" -v pl="$p99_list" -v b="$backend" 'BEGIN {
    printf "%-10s signed-in /healthz: %.0f %% of anonymous (goal >= 70 %%: %s); token /api/v1/me: %.0f %%\n",
      b, 100 * s / a, (s >= 0.7 * a ? "met" : "NOT MET"), 100 * t / a
    printf "%-10s signed-in list: %.0f %% of anonymous /healthz (goal >= 40 %%: %s), p99 %.1f x (goal <= 3: %s)\n",
      b, 100 * l / a, (l >= 0.4 * a ? "met" : "NOT MET"), pl / pa, (pl <= 3 * pa ? "met" : "NOT MET") }'
  kill -TERM $pid; wait $pid || true
  trap - EXIT
  port=$((port + 1))
done
