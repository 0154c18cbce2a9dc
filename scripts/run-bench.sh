#!/usr/bin/env bash
# Benchmarks print figures; they assert nothing about time. See tests/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in tests/bench/bench_*.py; do
  echo "== $script"
  .venv/bin/python "$script"
  echo
done
