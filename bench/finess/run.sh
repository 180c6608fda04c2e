#!/usr/bin/env bash
# Imports a generated national-size FINESS extract (gen_extract.awk: N structureet lines,
# default 100,000, a quarter of them pharmacies outside the perimeter, plus one
# geolocalisation line each) with `carepilot import-finess`, on SQLite and on PostgreSQL:
# first into an empty database (inserts), then the same file again (updates). Each import
# is one transaction. Prints the wall time of each run and checks the exit code, the
# report and the row count (fails loudly otherwise).
# FORMAT=json imports instead the « Structures » flux in JSON (gen_structures.awk: N legal
# entities with one entité géographique each, a quarter pharmacies, one in twenty of the
# others closed), the same way.
# Usage: bench/finess/run.sh ; needs build/ (scripts/build.sh). BACKENDS="sqlite" or
# "postgresql" runs one backend only; ESTABLISHMENTS=N generates N structureet lines.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
backends=${BACKENDS:-sqlite postgresql}
n=${ESTABLISHMENTS:-100000}
bin=${CAREPILOT_BIN:-$root/build/src/app/carepilot}
out=$root/bench/out; mkdir -p "$out"
format=${FORMAT:-csv}
if [ "$format" = json ]; then
  file=$out/finess-$n.json
  awk -v n="$n" -v expect="$out/finess-$n.expected" -f "$root/bench/finess/gen_structures.awk" > "$file"
  in_perimeter=$(cat "$out/finess-$n.expected")
else
  file=$out/finess-$n.csv
  awk -v n="$n" -f "$root/bench/finess/gen_extract.awk" > "$file"
  # Pharmacies (620 / 3201) are the only lines outside the perimeter (names may hold ';').
  in_perimeter=$(( $(grep -c '^structureet;' "$file") - $(grep -c ';620;Pharmacie d.Officine;3201;' "$file") ))
fi
lines=$(wc -l < "$file")
echo "file: $file, $lines lines, $(du -m "$file" | cut -f1) MB, $in_perimeter establishments in the perimeter"

for backend in $backends; do
  case $backend in
    sqlite)
      rm -f "$out/finess.db"*
      url="sqlite:$out/finess.db"
      count() { sqlite3 "$out/finess.db" "SELECT COUNT(*) FROM establishments"; } ;;
    postgresql)
      pgurl=$(bash "$root/scripts/pg-test.sh" start)
      psql -q "$pgurl" -c "SET client_min_messages = warning" \
        -c "DROP SCHEMA IF EXISTS bench_finess CASCADE" -c "CREATE SCHEMA bench_finess"
      url="${pgurl}?options=-csearch_path%3Dbench_finess"
      count() { psql -tAq "$pgurl" -c "SELECT COUNT(*) FROM bench_finess.establishments"; } ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  "$bin" migrate --database "$url" >/dev/null
  for pass in insert update; do
    start=$(date +%s.%N)
    if ! "$bin" import-finess --database "$url" "$file" > "$out/finess-import.log" 2>&1; then
      echo "FAIL: $backend $pass import refused:" >&2; head -20 "$out/finess-import.log" >&2; exit 1
    fi
    end=$(date +%s.%N)
    stored=$(count)
    if [ "$stored" -ne "$in_perimeter" ]; then
      echo "FAIL: $backend $pass: $stored establishments stored, $in_perimeter expected" >&2; exit 1
    fi
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    goal=$(awk -v s="$secs" 'BEGIN { print (s < 60 ? "met" : "NOT met") }')
    echo "$format $backend $pass: ${secs} s, $stored establishments ($(head -1 "$out/finess-import.log")) (goal < 60 s: $goal)"
  done
done
