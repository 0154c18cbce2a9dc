#!/usr/bin/env bash
# Benchmarks print figures; they assert nothing about time. See tests/bench/.
# First the scale run on PostgreSQL (issue 20): the demo generator at 100,000 participants, then the
# load test (50 users, four servers of two threads, 10 minutes; BENCH_QUICK=1 for 1 minute) and the SQLite demo
# under 10 users. Without PostgreSQL those say so and skip. Then the other benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
BENCH_URL=${WERKPAD_BENCH_URL:-postgres://postgres@127.0.0.1:5432/werkpad_bench}
quick=()
[ "${BENCH_QUICK:-0}" = "1" ] && quick=(--quick)
pg=false
if $PY - "$BENCH_URL" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
PY
then pg=true; fi
if $pg; then
  echo "== tests/bench/bench_seed.py (100,000 participants on PostgreSQL)"
  $PY tests/bench/bench_seed.py --size 100000 --keep --url "$BENCH_URL"
  echo
  echo "== tests/bench/bench_load.py ${quick[*]:-} (PostgreSQL, 50 users, 4 servers x 2 threads and a worker)"
  $PY tests/bench/bench_load.py --url "$BENCH_URL" "${quick[@]}"
else
  echo "== SKIP: no PostgreSQL server at ${BENCH_URL%/*}: the 100,000-participant generator and the"
  echo "   load test need one (set WERKPAD_BENCH_URL=postgres://USER@HOST:PORT/DBNAME)."
fi
echo
echo "== tests/bench/bench_load.py --sqlite (10 users, 2 minutes)"
$PY tests/bench/bench_load.py --sqlite
echo
# The registry import writes 100,000 participants: into a scratch PostgreSQL database of its own
# (dropped afterwards), or, without PostgreSQL, 10,000 into a temporary SQLite file.
echo "== tests/bench/bench_registry_import.py"
if $pg; then
  REG_URL="${BENCH_URL%/*}/werkpad_bench_registry"
  $PY -c "import sys; sys.path.insert(0, 'tests/bench'); from _setup import recreate_postgres; recreate_postgres('$REG_URL', force=True)"
  DATABASE_URL="$REG_URL" $PY tests/bench/bench_registry_import.py --keep  # the database goes whole
  $PY -c "import sys; sys.path.insert(0, 'tests/bench'); from _setup import drop_postgres; drop_postgres('$REG_URL')"
else
  tmp=$(mktemp -d)
  DATABASE_URL="sqlite:///$tmp/registry.sqlite3" $PY tests/bench/bench_registry_import.py --n 10000
  rm -rf "$tmp"
fi
echo
for script in tests/bench/bench_*.py; do
  case "$script" in */bench_seed.py|*/bench_load.py|*/bench_registry_import.py) continue ;; esac
  echo "== $script"
  $PY "$script"
  echo
done
