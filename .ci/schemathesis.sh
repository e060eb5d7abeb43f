#!/usr/bin/env bash
# Schemathesis against a live server on the configured database (load the knowledge base first).
# No 5xx and no schema violations: every response must match the published OpenAPI schema.
# Excluded on purpose: negative_data_rejection (DRF ignores an unusable optional page_size
# instead of failing) and positive_data_acceptance (semantic 400s the schema cannot express,
# such as an unreadable variant, which issue 9 requires to be a 400).
# Usage: .ci/schemathesis.sh [max-examples]   (env: PORT, PYTHON, SCHEMATHESIS)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8765}"
PYTHON="${PYTHON:-.venv/bin/python}"
SCHEMATHESIS="${SCHEMATHESIS:-.venv/bin/schemathesis}"
EXAMPLES="${1:-50}"
LOG="var/schemathesis-server.log"
# One line a request: milliseconds, status, path and query (fuzzed values, no one's case).
ACCESS="var/schemathesis-access.log"
mkdir -p var
: >"$ACCESS"
# Anonymous throttling stays on in production; here it would turn fuzzing into 429s.
# --preload as `make run` serves: the master loads the search tables once before it forks.
API_ANON_RATE="1000000/minute" RARELABS_PLAIN_STATIC=1 \
  "$(dirname "$PYTHON")/gunicorn" rarelabs.wsgi -b "127.0.0.1:${PORT}" -w 2 --timeout 60 --preload \
  --limit-request-line 8190 --access-logfile "$ACCESS" \
  --access-logformat '%(M)s ms %(s)s %(U)s?%(q)s' >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
# Fuzz only a server that answers (a slow machine's boot, tables included, can take a minute).
ready=""
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:${PORT}/api/v1/schema/" -o /dev/null 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
if [ -z "$ready" ]; then tail -n 40 "$LOG"; echo "the server did not answer within 120 s"; exit 1; fi
slowest() {
  echo "the ten slowest requests (ms, status, path):"
  # awk reads to the end: `head` would close the pipe, and pipefail would fail the run.
  sort -rn "$ACCESS" | awk 'NR <= 10 { print substr($0, 1, 300) }'
}
# A response slower than 10 s fails the run (the check's default, made explicit here).
"$SCHEMATHESIS" --no-color run "http://127.0.0.1:${PORT}/api/v1/schema/" \
  --url "http://127.0.0.1:${PORT}" \
  --checks all \
  --exclude-checks negative_data_rejection,positive_data_acceptance \
  --max-examples "$EXAMPLES" \
  --request-timeout 30 \
  --seed 20261125 \
  --max-response-time 10 \
  --include-path-regex "^/api/v1/(conditions|genes|phenotypes|variants|therapies|trials|publications|articles|treatments|search)/" \
  || { status=$?; slowest; grep -E "WARNING|ERROR|built in" "$LOG" | tail -n 20 || true; exit "$status"; }
slowest
