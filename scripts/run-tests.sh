#!/usr/bin/env bash
# Runs the whole suite on SQLite and, when PostgreSQL answers, again on PostgreSQL.
# Says plainly what it skipped; under CI=true nothing may be skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/werkpad}
skipped=()
ci=${CI:-false}

# Browser tests need Chromium (Debian package `chromium`).
if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
  export WERKPAD_CHROMIUM="${WERKPAD_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
else
  skipped+=("browser tests (Chromium not installed: apt-get install -y chromium)")
fi

pg_ok=false
if "$BIN/python" - "$PG_URL" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
PY
then pg_ok=true; else skipped+=("PostgreSQL run (no server at ${PG_URL%/*})"); fi

if [ "$ci" = "true" ] && [ ${#skipped[@]} -gt 0 ]; then
  printf 'CI must not skip anything, but would skip:\n'; printf ' - %s\n' "${skipped[@]}"; exit 1
fi

# Two workers: the browser tests and the database wait on I/O, so two processes use both cores.
workers=(-n "${WERKPAD_TEST_WORKERS:-2}")
status=0
echo "== Rules engine: 100 % line coverage of werkpad.core.rules"
"$BIN/pytest" -p no:cacheprovider -q tests/unit/rules --cov=werkpad.core.rules \
  --cov-report=term-missing:skip-covered --cov-fail-under=100 || status=1
echo "== Test suite on SQLite"
"$BIN/pytest" -p no:cacheprovider "${workers[@]}" || status=1
if $pg_ok; then
  echo "== Test suite on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" "$BIN/pytest" -p no:cacheprovider "${workers[@]}" || status=1
fi
if [ ${#skipped[@]} -gt 0 ]; then
  echo; echo "NOTE: make test skipped these parts on this machine:"; printf ' - %s\n' "${skipped[@]}"
fi
exit $status
