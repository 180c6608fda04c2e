#!/usr/bin/env bash
# Makes release-8012e77-demo.pg.sql.gz: a plain-SQL pg_dump of a PostgreSQL database in the
# schema of release 8012e77 (migrations 0001-0011, taken from that commit) holding the data
# that release's `carepilot demo` wrote (the rows of release-8012e77-demo.db.gz, copied table
# by table). Run once from the repository, against the test server of scripts/pg-test.sh:
#   bash tests/ops/data/make-pg-fixture.sh [postgresql://postgres@127.0.0.1:54329/postgres]
# Needs git (with commit 8012e77), sqlite3, psql and pg_dump.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
base=${1:-postgresql://postgres@127.0.0.1:54329/postgres}
db=fixture_8012e77
url=${base%/*}/$db
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -q "$base" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
gunzip -c "$root/tests/ops/data/release-8012e77-demo.db.gz" >"$work/release.db"
psql -q -v ON_ERROR_STOP=1 "$base" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"

# The schema as that release's `carepilot migrate` made it on PostgreSQL (store/migrations.cpp
# of 8012e77: @PK@ and @BIGINT@ replaced, one transaction per migration, recorded in
# schema_migrations).
{
  echo "SET client_min_messages = warning;"
  echo "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
  for f in $(git -C "$root" ls-tree --name-only 8012e77 src/store/migrations/ | sort); do
    base_name=$(basename "$f" .sql)
    version=$((10#${base_name%%_*}))
    echo "BEGIN;"
    git -C "$root" show "8012e77:$f" | sed -e 's/@PK@/BIGSERIAL PRIMARY KEY/g' -e 's/@BIGINT@/BIGINT/g'
    # applied_at as that release's migrate wrote it, from the SQLite file
    at=$(sqlite3 "$work/release.db" "SELECT applied_at FROM schema_migrations WHERE version = $version")
    echo "INSERT INTO schema_migrations(version, name, applied_at) VALUES ($version, '${base_name#*_}', '$at');"
    echo "COMMIT;"
  done
} >"$work/schema.sql"
psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/schema.sql" >/dev/null

# The rows, table by table, columns by name, NULL kept apart from the empty string.
copy="SET client_min_messages = warning; SET session_replication_role = replica;"
for t in $(sqlite3 "$work/release.db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name"); do
  cols=$(sqlite3 "$work/release.db" "SELECT group_concat(name, ',') FROM pragma_table_info('$t')")
  sqlite3 -csv -cmd ".nullvalue '\\N'" "$work/release.db" "SELECT $cols FROM $t" >"$work/$t.csv"
  copy+=" DELETE FROM $t;"$'\n'" \\copy $t ($cols) FROM '$work/$t.csv' WITH (FORMAT csv, NULL '\\N')"$'\n'
done
printf '%s\n' "$copy" | sed 's/; /;\n/g' >"$work/copy.sql"
psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/copy.sql" >/dev/null
# Sequences of the BIGSERIAL keys past the copied ids, as inserts through the release would.
psql -q -v ON_ERROR_STOP=1 -At "$url" -c "
  SELECT format('SELECT setval(%L, (SELECT COALESCE(MAX(%I), 0) + 1 FROM %I), false);',
                pg_get_serial_sequence(table_name, column_name), column_name, table_name)
  FROM information_schema.columns
  WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'" >"$work/seq.sql"
psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/seq.sql" >/dev/null
# Same row counts as the SQLite file.
for t in $(sqlite3 "$work/release.db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
  a=$(sqlite3 "$work/release.db" "SELECT COUNT(*) FROM $t")
  b=$(psql -At "$url" -c "SELECT COUNT(*) FROM $t")
  [ "$a" = "$b" ] || { echo "row count of $t: SQLite $a, PostgreSQL $b" >&2; exit 1; }
done
pg_dump --format=plain --no-owner --no-privileges "$url" | gzip -9n \
  >"$root/tests/ops/data/release-8012e77-demo.pg.sql.gz"
ls -l "$root/tests/ops/data/release-8012e77-demo.pg.sql.gz"
