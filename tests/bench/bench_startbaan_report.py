"""The startbaan report (Tabel 1-9) for 100,000 participants, and reading a registry of that size.

Scales the reference registry (../shared/data/reference/startbanen_2025) up to ``--n`` participants
in a temporary folder in the same layout (each participant copied with a new id, with its
startbanen, employers, voortrajecten, on-hold and uitval/einde rows; in each copy the birth date
and the date of the residence permit move by a few days, so that, as in a real registry, nearly
every person has a birth date of their own, while every table's counts scale), then times
``monitoring.registry.read_registry`` and ``core.stats.startbaan.report`` at two peildatums.
Prints figures; asserts nothing about time.

    .venv/bin/python tests/bench/bench_startbaan_report.py [--n 100000]

The import into the database and the report counted by the database:
``tests/bench/bench_registry_import.py``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from werkpad.core.stats.startbaan import report  # noqa: E402
from werkpad.monitoring.registry import FILES, read_registry  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "data" / "reference" / "startbanen_2025"


# Dates moved per copy: within the birth year's band edges at most a few people change band,
# which is what a real population looks like.
_MOVED = ("geboortedatum", "datum_verblijfsvergunning")


def _moved(value: str, copy: int) -> str:
    try:
        return (date.fromisoformat(value) + timedelta(days=copy % 181)).isoformat()
    except ValueError:  # a malformed date stays as the registry has it
        return value


def scale(target: Path, n: int) -> None:
    data = {}
    for f in FILES:
        with (REFERENCE / f).open(encoding="utf-8", newline="") as fh:
            r = csv.DictReader(fh)
            data[f] = (r.fieldnames, list(r))
    base = data["deelnemers.csv"][1]
    copies = -(-n // len(base))
    writers = {}
    handles = []
    for f in FILES:
        fh = (target / f).open("w", encoding="utf-8", newline="")
        handles.append(fh)
        w = csv.DictWriter(fh, fieldnames=data[f][0])
        w.writeheader()
        writers[f] = w
    written = 0
    for c in range(copies):
        keep = base[: min(len(base), n - written)]
        ids = {row["deelnemer_id"] for row in keep}
        written += len(keep)
        for f in FILES:
            for row in data[f][1]:
                if f == "werkgevers.csv":
                    writers[f].writerow({**row, "werkgever_id": f"{row['werkgever_id']}-{c}"})
                elif row["deelnemer_id"] in ids:
                    new = {**row, "deelnemer_id": f"{row['deelnemer_id']}-{c}"}
                    if f == "deelnemers.csv":
                        new.update((col, _moved(row[col], c)) for col in _MOVED if row.get(col))
                    if "werkgever_id" in row:
                        new["werkgever_id"] = f"{row['werkgever_id']}-{c}"
                    writers[f].writerow(new)
    for fh in handles:
        fh.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        scale(folder, args.n)
        print(f"scaled registry written: {args.n} participants, {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        reg = read_registry(folder, date(2025, 10, 31))
        print(
            f"read_registry: {len(reg.persons)} participants, {len(reg.errors)} errors, "
            f"{time.perf_counter() - t0:.2f} s"
        )
        people = list(reg.persons.values())
        for peil in (date(2025, 10, 31), date(2025, 3, 31)):
            t0 = time.perf_counter()
            cells = report(people, peil, 10)
            print(
                f"report Tabel 1-9 at {peil}: {len(cells)} cells, {time.perf_counter() - t0:.2f} s"
            )


if __name__ == "__main__":
    main()
