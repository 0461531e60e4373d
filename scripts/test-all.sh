#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: static checks, unit, integration on SQLite and on
# PostgreSQL, then a production build and the end-to-end tests in Debian's Chromium.
#   TEST_POSTGRES_URL  a server for the Postgres run (else a throwaway one is started when the
#                      PostgreSQL binaries are installed; on CI it is required)
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
results=test-results/vitest
rm -rf "$results" && mkdir -p "$results"

step() { printf '\n=== %s ===\n' "$*"; }
vitest() { # name, then vitest arguments
  local name=$1
  shift
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$results/$name.json"
}

step "types, lint, format"
npx tsc --noEmit
npx eslint . --max-warnings=0
npx prettier --check . --log-level warn
node scripts/unused-exports.mjs

step "unit"
vitest unit --project unit

step "integration (SQLite)"
TEST_DB=sqlite vitest integration-sqlite --project integration

if [[ -z "${TEST_POSTGRES_URL:-}" ]] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  TEST_POSTGRES_URL="$(bash scripts/postgres-test-server.sh | tail -n 1)"
fi
if [[ -n "${TEST_POSTGRES_URL:-}" ]]; then
  step "integration (PostgreSQL)"
  TEST_DB=postgres TEST_POSTGRES_URL="$TEST_POSTGRES_URL" vitest integration-postgres --project integration
elif [[ "${CI:-}" == "true" ]]; then
  echo "CI needs PostgreSQL for the integration suite (apt-get install -y postgresql)" >&2
  exit 1
else
  echo "PostgreSQL not installed: skipping the Postgres integration run (apt-get install -y postgresql)"
fi

step "production build"
npx next build

step "end-to-end (Chromium)"
vitest e2e --project e2e

node scripts/test-summary.mjs "$results"
