#!/usr/bin/env bash
# CPU time per uncached search (issue 20), robust to the machine's load: wrk (one thread, 8
# connections, SECONDS) against `carepilot serve --threads 2` on the same databases as run.sh
# (20,000 synthetic offers plus the shipped entries), and the CPU the server process used
# (utime + stime of /proc/PID/stat) divided by the requests answered; on PostgreSQL the CPU of
# the server's own PostgreSQL backends too (their pids found by the server's client ports).
# A loaded machine slows the requests down but barely changes what each one costs.
# Usage: bench/search/cpu.sh [seconds] (default 5); BUILD_DIR, BACKENDS, ENTRIES as run.sh;
# SEED=0 reuses the databases run.sh or an earlier run left (bench/out, schema bench_search);
# CAREPILOT_BIN another carepilot binary (to compare two builds on the same databases).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-5}
backends=${BACKENDS:-sqlite postgresql}
n=${ENTRIES:-20000}
build=${BUILD_DIR:-$root/build-rel}; [ -x "$build/src/app/carepilot" ] || build=$root/build
bin=${CAREPILOT_BIN:-$build/src/app/carepilot}
seed=$build/bench/search/bench_search_seed
out=$root/bench/out; mkdir -p "$out"
pgurl=${PG_URL:-$(bash "$root/scripts/pg-test.sh" start)}
declare -A urls=([sqlite]="sqlite:$out/bench-search.db" [postgresql]="${pgurl}?options=-csearch_path%3Dbench_search")
if [ "${SEED:-1}" = 1 ]; then
  psql -q "$pgurl" -c "DROP SCHEMA IF EXISTS bench_search CASCADE; CREATE SCHEMA bench_search"
  rm -f "$out/bench-search.db"*
fi
tick=$(getconf CLK_TCK)
echo "build: $build; $n entries; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Clock ticks (user + system) used so far by the pids given.
ticks() {
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    t=$((t + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat")))
  done
  echo "$t"
}
# The PostgreSQL backends serving the server `pid` (by the client ports of its connections).
pg_backends() {
  local ports
  local pgport
  pgport=$(sed -E 's|^.*:([0-9]+)(/.*)?$|\1|' <<< "$pgurl")
  ports=$(ss -tnpH state established "( dport = :$pgport )" 2>/dev/null |
    awk -v p="pid=$1," 'index($0, p) { n = split($3, a, ":"); print a[n] }' | paste -sd, -)
  [ -n "$ports" ] || return 0
  psql -qtA "$pgurl" -c "SELECT pid FROM pg_stat_activity WHERE client_port IN ($ports)"
}

port=18190
for backend in $backends; do
  url=${urls[$backend]}
  [ "${SEED:-1}" != 1 ] || "$seed" "$url" "$n" >/dev/null
  "$bin" serve --database "$url" --listen 127.0.0.1:$port --threads 2 >/dev/null 2>&1 &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null || true' EXIT
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  for target in "/healthz|\"status\":\"ok\"|0" "/connaissances?q=sauvegarde+hors+ligne|D2.O3.C|1" \
                "/api/v1/knowledge/search?q=PCRI|faq-d2-o1-c-pcri|1"; do
    IFS='|' read -r path expect unique <<< "$target"
    # Warm-up (the connections, their kept statements, the stems remembered per thread).
    CP_EXPECT=$expect CP_UNIQUE=$unique wrk -t1 -c8 -d1s -s "$root/bench/search/check.lua" \
      "http://127.0.0.1:$port$path" > /dev/null
    pgs=""; [ "$backend" != postgresql ] || pgs=$(pg_backends "$pid")
    # shellcheck disable=SC2086
    t0=$(ticks "$pid"); p0=$(ticks $pgs)
    CP_EXPECT=$expect CP_UNIQUE=$unique wrk -t1 -c8 -d"${secs}s" -s "$root/bench/search/check.lua" \
      "http://127.0.0.1:$port$path" > "$out/wrk-cpu.txt"
    # shellcheck disable=SC2086
    t1=$(ticks "$pid"); p1=$(ticks $pgs)
    reqs=$(awk '/requests in/ {print $1}' "$out/wrk-cpu.txt")
    bad=$(awk '/^checked:/ {print $4}' "$out/wrk-cpu.txt")
    if [ "$bad" != 0 ]; then cat "$out/wrk-cpu.txt" >&2; echo "FAIL: $backend $path" >&2; exit 1; fi
    awk -v b="$backend" -v p="$path" -v u="$unique" -v r="$reqs" -v s=$((t1 - t0)) \
      -v g=$((p1 - p0)) -v hz="$tick" -v pg="$backend" 'BEGIN {
      printf "%-10s %-50s %8d requests  server %7.1f us/request", b, p (u == 1 ? " [uncached]" : ""), r, s * 1e6 / hz / r
      if (pg == "postgresql") printf "  PostgreSQL %7.1f us/request  total %7.1f", g * 1e6 / hz / r, (s + g) * 1e6 / hz / r
      printf "\n" }'
  done
  kill -TERM $pid; wait $pid || true
  trap - EXIT
  port=$((port + 1))
done
