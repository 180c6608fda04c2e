#!/usr/bin/env bash
# Sets up and runs carepilot on http://127.0.0.1:8080 with an embedded SQLite database
# under var/ and the demo data loaded on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DCAREPILOT_BENCH=OFF
exec ./build/src/app/carepilot serve --demo --listen "${CAREPILOT_LISTEN:-127.0.0.1:8080}" \
  --database "${CAREPILOT_DATABASE:-sqlite:var/carepilot.db}"
