#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on 127.0.0.1 for the tests, with the
# Debian package's binaries, as the postgres user, trust authentication on loopback only.
# Prints the connection URL on stdout.  Usage: pg-test.sh start|stop|crash|remove [PORT]
#   crash: stops the server as a crash would (immediate mode: no shutdown checkpoint; the next
#   start runs crash recovery); remove: stops it and deletes its data folder.
# The server runs with fsync=off and, unless CAREPILOT_PG_DURABLE=1, synchronous_commit=off
# (fast, for tests that never crash it). A test that crashes the server sets
# CAREPILOT_PG_DURABLE=1: a commit is acknowledged only once its WAL is written (to the
# system's cache, which outlives the PostgreSQL processes, not the machine).
set -euo pipefail
cmd=${1:-start}
port=${2:-${CAREPILOT_PG_PORT:-54329}}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
dir=/tmp/carepilot-pg-$port
sync=off; [ "${CAREPILOT_PG_DURABLE:-0}" != 1 ] || sync=on
# As root, the server runs as the postgres user (it refuses root); otherwise as the caller.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      rm -rf "$dir"; mkdir -p "$dir"
      [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
      as_pg "$bindir/initdb" -D "$dir" -A trust -U postgres -E UTF8 \
        --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=$sync -c max_connections=300" >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  crash)
    as_pg "$bindir/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null
    ;;
  remove)
    as_pg "$bindir/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop|crash|remove [port]" >&2; exit 2 ;;
esac
