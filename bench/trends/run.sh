#!/usr/bin/env bash
# One month's compliance snapshot (evidence::snapshot_month, docs/evidence.md "Relevés
# mensuels") over the national benchmark territory — 40,000 establishments with five years of
# evidence, seeded by bench/dashboard's bench_dashboard_seed — on SQLite and PostgreSQL:
# times `carepilot compliance snapshot --month 2026-10` twice (the second run replaces the
# first: idempotence at scale; no stored row of 31/10, so the engine evaluates every
# establishment), then the monthly job's path — `compliance recompute --date` the last day of
# the last ended month, and that month's snapshot, read from those stored rows —, counts the
# rows written (two months), then starts `carepilot serve` and
# times the first (uncached) national dashboard of a past date, which reads that snapshot.
# Usage: bench/trends/run.sh ; needs build/ (carepilot, bench_dashboard_seed, bench_session),
# or BUILD_DIR=another build tree.
# BACKENDS="sqlite" or "postgresql" runs one backend only; ESTABLISHMENTS=N seeds N.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
backends=${BACKENDS:-sqlite postgresql}
n=${ESTABLISHMENTS:-40000}
build=${BUILD_DIR:-$root/build}
bin=$build/src/app/carepilot
seed=$build/bench/dashboard/bench_dashboard_seed
session=$build/bench/dashboard/bench_session
out=$root/bench/out; mkdir -p "$out"
port=18380
pid=
cleanup() { if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

for backend in $backends; do
  case $backend in
    sqlite)
      rm -f "$out/trends.db"*
      url="sqlite:$out/trends.db"
      count() { sqlite3 "$out/trends.db" "SELECT COUNT(*) FROM $1"; } ;;
    postgresql)
      pgurl=$(bash "$root/scripts/pg-test.sh" start)
      psql -q "$pgurl" -c "SET client_min_messages = warning" \
        -c "DROP SCHEMA IF EXISTS bench_trends CASCADE" -c "CREATE SCHEMA bench_trends"
      url="${pgurl}?options=-csearch_path%3Dbench_trends"
      count() { psql -tA "$pgurl" -c "SET search_path TO bench_trends" -c "SELECT COUNT(*) FROM $1" | tail -1; } ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  printf '%s seed: ' "$backend"
  "$seed" "$url" "$n"
  [ "$backend" = postgresql ] && psql -q "$pgurl" -c "SET search_path TO bench_trends; ANALYZE"
  for run in first second; do
    start=$(date +%s.%N)
    msg=$(timeout 900 "$bin" compliance snapshot --database "$url" --month 2026-10 2>&1 | tail -1)
    end=$(date +%s.%N)
    awk -v b="$backend" -v r="$run" -v s="$start" -v e="$end" -v m="$msg" \
      'BEGIN { printf "%s snapshot 2026-10 (%s run): %.1f s wall — %s\n", b, r, e - s, m }'
  done
  # The monthly job's path (00:01 on the 1st): the stored rows of the month's last day are
  # read, not evaluated. They are recomputed for that day here, as that day's daily job did.
  last=$(TZ=Europe/Paris date -d "$(TZ=Europe/Paris date +%Y-%m-01) -1 day" +%F)
  start=$(date +%s.%N)
  msg=$(timeout 900 "$bin" compliance recompute --database "$url" --date "$last" 2>&1 | tail -1)
  end=$(date +%s.%N)
  awk -v b="$backend" -v d="$last" -v s="$start" -v e="$end" -v m="$msg" \
    'BEGIN { printf "%s recompute of the nation for %s: %.1f s wall — %s\n", b, d, e - s, m }'
  start=$(date +%s.%N)
  msg=$(timeout 900 "$bin" compliance snapshot --database "$url" --month "${last:0:7}" 2>&1 | tail -1)
  end=$(date +%s.%N)
  awk -v b="$backend" -v r="${last:0:7}" -v s="$start" -v e="$end" -v m="$msg" \
    'BEGIN { printf "%s snapshot %s from the stored rows: %.1f s wall — %s\n", b, r, e - s, m }'
  echo "$backend rows: snapshot_establishments $(count snapshot_establishments)," \
    "snapshot_obligations $(count snapshot_obligations), snapshot_scopes $(count snapshot_scopes)"
  months=2; [ "${last:0:7}" = 2026-10 ] && months=1
  [ "$(count snapshot_establishments)" = "$((months * n))" ] ||
    { echo "FAIL: $backend snapshot does not hold $n establishments" >&2; exit 1; }
  COOKIE=$("$session" "$url" bench-trends@bench.carepilot.fr)
  "$bin" serve --database "$url" --listen 127.0.0.1:$port --threads 2 >"$out/trends-serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  res=$(curl -s -H "Cookie: $COOKIE" -o "$out/trends.html" -w '%{http_code}, %{time_total} s' \
    --max-time 600 "http://127.0.0.1:$port/tableau-de-bord?date=2026-10-15&demo=1")
  grep -q "Situation au 31/10/2026 (relevé mensuel) de $n établissements" "$out/trends.html" ||
    { echo "FAIL: $backend past-date dashboard does not show the snapshot ($res)" >&2; exit 1; }
  echo "$backend /tableau-de-bord?date=2026-10-15 first (uncached) request: $res"
  cleanup; pid=
  port=$((port + 1))
done
