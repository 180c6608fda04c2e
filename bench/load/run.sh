#!/usr/bin/env bash
# 200 signed-in users (RSSI, ARS and national roles) for 60 s on loopback, SQLite then
# PostgreSQL: starts `carepilot serve --demo` on a fresh database, then bench_load
# (bench/load/load.cpp) plays the users — 80 % reads, 20 % writes including uploads — and
# reads back every acknowledged write. Prints p50/p99 per route; fails on any 5xx, any
# unexpected status or any lost write.
# Usage: bench/load/run.sh [seconds (<= 60, default 60)] [users (default 200)]
#   BUILD_DIR (default build-rel, else build) must hold carepilot and bench_load;
#   BACKENDS="sqlite" or "postgresql" runs one; CONNECTIONS (default 16) concurrent clients;
#   THREADS (default 2) server threads.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}; [ "$secs" -le 60 ] || secs=60
users=${2:-200}
backends=${BACKENDS:-sqlite postgresql}
build=${BUILD_DIR:-$root/build-rel}; [ -x "$build/bench/load/bench_load" ] || build=$root/build
bin=$build/src/app/carepilot
load=$build/bench/load/bench_load
out=$root/bench/out; mkdir -p "$out"
export CAREPILOT_AUDIT_KEY_FILE=$out/load-audit.key  # the server's and bench_load's
export CAREPILOT_AUDIT_CHECKPOINT_FILE=$out/load-checkpoints.log
port=18380
pid=
cleanup() { if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
echo "build: $build; $users users, ${secs}s, ${CONNECTIONS:-16} connections; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for backend in $backends; do
  case $backend in
    sqlite)
      rm -f "$out/load.db"*
      url="sqlite:$out/load.db" ;;
    postgresql)
      pgurl=$(bash "$root/scripts/pg-test.sh" start)
      psql -q "$pgurl" -c "SET client_min_messages = warning" \
        -c "DROP SCHEMA IF EXISTS bench_load CASCADE" -c "CREATE SCHEMA bench_load"
      url="${pgurl}?options=-csearch_path%3Dbench_load" ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  "$bin" serve --demo --database "$url" --listen 127.0.0.1:$port --threads "${THREADS:-2}" \
    --dsfr-dir "$root/node_modules/@gouvfr/dsfr/dist" >"$out/load-serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  echo "== $backend"
  "$load" "$url" "http://127.0.0.1:$port" "$users" "$secs" "${CONNECTIONS:-16}" || status=1
  cleanup; pid=
  port=$((port + 1))
done
exit $status
