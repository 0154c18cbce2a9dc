"""ESCO import benchmark: the full English ESCO v1.1.1 plus Dutch occupation labels into SQLite.

Run: ``.venv/bin/python tests/bench/bench_esco_import.py [--esco DIR] [--labels nl=PATH]``.
Builds a fresh SQLite database in a temporary directory, migrates, then runs
``werkpad import-esco`` twice: the first run stores everything (target: under 60 s), the second
must change nothing. Also times rebuilding the taxonomy from the database and building the
occupation search index. Prints figures; asserts only that the second run changed nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "data" / "esco"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--esco", type=Path, default=SHARED / "en_v1.1.1")
    parser.add_argument("--labels", default=f"nl={SHARED / 'nl' / 'occupations_nl.csv'}")
    args = parser.parse_args()
    if not (args.esco / "occupations_en.csv").is_file():
        print(f"ESCO files not found in {args.esco}: skipped.")
        return

    tmp = tempfile.TemporaryDirectory(prefix="werkpad-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"

    import django

    django.setup()
    from django.core.management import call_command

    from werkpad.matching import models as m
    from werkpad.matching.taxonomy import current

    call_command("migrate", verbosity=0)
    timings = []
    for run in (1, 2):
        out = io.StringIO()
        started = time.perf_counter()
        call_command("import_esco", str(args.esco), "--labels", args.labels, stdout=out)
        timings.append(time.perf_counter() - started)
        print(f"-- import-esco run {run}: {timings[-1]:.1f} s")
        print(out.getvalue().rstrip())
    assert m.TaxonomyVersion.objects.count() == 1, "the second run must change nothing"

    started = time.perf_counter()
    bundle = current()
    rebuilt = time.perf_counter() - started
    started = time.perf_counter()
    _ = bundle.index
    indexed = time.perf_counter() - started
    started = time.perf_counter()
    hits = bundle.search("heftruckchaufeur", k=3)
    searched = (time.perf_counter() - started) * 1000
    print()
    print(f"first import (empty database)   {timings[0]:6.1f} s   (target < 60 s)")
    print(f"second import (no changes)      {timings[1]:6.1f} s")
    print(
        f"rebuild taxonomy from database  {rebuilt:6.1f} s   ({len(bundle.taxonomy.occupations)} occupations)"
    )
    print(f"build occupation search index   {indexed:6.1f} s")
    print(
        f"one search                      {searched:6.1f} ms  -> {hits[0].label if hits else '-'}"
    )
    tmp.cleanup()


if __name__ == "__main__":
    main()
