"""Import of a 100,000-participant registry, then the startbaan report from the database.

Scales the reference registry (../shared/data/reference/startbanen_2025) up to ``--n``
participants in a temporary folder (``bench_startbaan_report.scale``), imports it with
``werkpad import-registry`` into the database of ``DATABASE_URL`` (use a scratch PostgreSQL
database: the bench migrates it, and deletes the imported rows afterwards unless ``--keep``),
then times the report (Tabel 1-9) at two peildatums, three times each: the counting in the
database (``monitoring.aggregate.tally``) and the tables in the core (``core.stats.startbaan.cells``),
then once with every fairness breakdown, and the second, unchanged run of the import. On
PostgreSQL it then draws every person's intake profile and dates anew (the scaled registry repeats
its 607 people, a real one has nearly one profile a person) and times the report again: the worst
case for its grouping. Prints
wall-clock seconds, CPU seconds of this process and, on PostgreSQL on the same machine, CPU
seconds of the database server process of the connection (from /proc), the load average, and
peak memory; asserts nothing about time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/werkpad_eval \\
        .venv/bin/python tests/bench/bench_registry_import.py [--n 100000]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkpad.settings")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests.bench.bench_startbaan_report import scale
    from werkpad.core.stats.startbaan import BREAKDOWNS
    from werkpad.core.stats.startbaan import cells as core_cells
    from werkpad.monitoring import aggregate
    from werkpad.monitoring.reports import Filters, enrolments, startbaan_cells
    from werkpad.pathway.models import Programme

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="Keep the imported rows.")
    args = parser.parse_args()
    print(f"database: {connection.vendor}, participants: {args.n}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores shared)")
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / f"bench_registry_{args.n}"
        folder.mkdir()
        t0 = time.perf_counter()
        scale(folder, args.n)
        print(f"scaled registry written: {time.perf_counter() - t0:.1f} s")
        earlier = Programme.objects.filter(name=folder.name).first()
        if earlier is not None:  # an earlier --keep run: its rows go first, so this run imports
            t0 = time.perf_counter()
            _delete(earlier)
            print(f"rows of an earlier --keep run deleted: {time.perf_counter() - t0:.1f} s")
        t0, c0 = time.perf_counter(), time.process_time()
        out = io.StringIO()
        call_command("import_registry", str(folder), stdout=out)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(out.getvalue().strip().splitlines()[-1])
        print(
            f"import-registry, first run: {took:.1f} s wall, {cpu:.1f} s CPU of this process "
            f"(peak memory {_peak_mb():.0f} MB)"
        )
        t0, c0 = time.perf_counter(), time.process_time()
        out = io.StringIO()
        call_command("import_registry", str(folder), stdout=out)
        print(out.getvalue().strip().splitlines()[-1])
        print(
            f"import-registry, second run (changes nothing): {time.perf_counter() - t0:.1f} s "
            f"wall, {time.process_time() - c0:.1f} s CPU"
        )
        prog = Programme.objects.get(name=folder.name)
        server = _server_cpu()
        for peil in (date(2025, 10, 31), date(2025, 3, 31)):
            for _ in range(3):
                qs = enrolments(peil, Filters(programme=prog.pk))
                s0, t0, c0 = server(), time.perf_counter(), time.process_time()
                counted = aggregate.tally(qs, peil)
                s1, t1, c1 = server(), time.perf_counter(), time.process_time()
                cells = core_cells(counted, peil, 10)
                t2, c2 = time.perf_counter(), time.process_time()
                per_table = Counter(c.tabel for c in cells)
                print(
                    f"report Tabel 1-9 from the database at {peil}: {len(cells)} cells "
                    f"({', '.join(f'T{t}:{n}' for t, n in sorted(per_table.items()))}), "
                    f"total {t2 - t0:.2f} s wall, {c2 - c0:.2f} s CPU of this process; "
                    f"counting in the database {t1 - t0:.2f} s wall, {s1 - s0:.2f} s CPU of "
                    f"the database server process; tables in the core {t2 - t1:.3f} s wall, "
                    f"{c2 - c1:.3f} s CPU"
                )
        # The same through the function the pages, the API and the CLI call.
        t0, c0 = time.perf_counter(), time.process_time()
        startbaan_cells(date(2025, 10, 31), Filters(programme=prog.pk), 10, tuple(BREAKDOWNS))
        print(
            f"report with every fairness breakdown (startbaan_cells, by={len(BREAKDOWNS)}): "
            f"{time.perf_counter() - t0:.2f} s wall, {time.process_time() - c0:.2f} s CPU"
        )
        if connection.vendor == "postgresql":
            _vary_profiles(prog)
            for _ in range(3):
                qs = enrolments(date(2025, 10, 31), Filters(programme=prog.pk))
                s0, t0, c0 = server(), time.perf_counter(), time.process_time()
                cells = core_cells(aggregate.tally(qs, date(2025, 10, 31)), date(2025, 10, 31), 10)
                print(
                    "report Tabel 1-9 with nearly every person's profile different (worst case): "
                    f"{len(cells)} cells, {time.perf_counter() - t0:.2f} s wall, "
                    f"{time.process_time() - c0:.2f} s CPU of this process, {server() - s0:.2f} s "
                    "CPU of the database server process"
                )
        if not args.keep:
            t0 = time.perf_counter()
            _delete(prog)
            print(f"rows deleted again: {time.perf_counter() - t0:.1f} s")


def _vary_profiles(prog) -> None:  # type: ignore[no-untyped-def]
    """The worst case for the report's grouping: the scaled registry repeats its 607 people, so
    whole profiles repeat too; a real registry has nearly one profile a person. Draw ten intake
    codes, the birth date, the permit date and the number of children anew for every imported
    person (seeded, so runs compare)."""
    from django.db import connection

    choices = {
        "opleiding": ["geen", "primair_middelbaar", "beroeps", "theoretisch"],
        "gezinssituatie": [
            "alleen",
            "alleen_met_kinderen",
            "partner_zonder_kinderen",
            "partner_met_kinderen",
            "anders",
        ],
        "taalniveau_instroom": ["A0", "A1", "A2", "B1", "B2"],
        "verblijf": ["woning", "tussenopvang", "azc"],
        "vervoer": ["fiets", "auto", "ov"],
        "inburgering_status": ["niet_gestart", "gestart", "on_hold", "afgerond"],
        "uitkering": ["nee", "ja", "overig"],
        "engels": ["nee", "ja"],
        "baan_bij_instroom": ["nee", "vooruitzicht", "had_baan"],
        "inburgeringsroute": ["B1", "Z", "onderwijs", "overig"],
    }
    pairs = ", ".join(
        f"'{key}', (ARRAY[{', '.join(repr(v) for v in values)}])"
        f"[1 + floor(random() * {len(values)})::int]"
        for key, values in choices.items()
    )
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT setseed(0.42)")
        cur.execute(
            "UPDATE pathway_enrolment SET intake_profile = intake_profile || "
            f"jsonb_build_object({pairs}) WHERE programme_id = %s",
            [prog.pk],
        )
        cur.execute(
            "UPDATE participants_participant p SET"
            " birth_date = date '1960-01-01' + floor(random() * 20000)::int,"
            " residence_permit_date = date '2015-01-01' + floor(random() * 3600)::int,"
            " children_count = floor(random() * 6)::int"
            " FROM pathway_enrolment e WHERE e.participant_id = p.id AND e.programme_id = %s",
            [prog.pk],
        )
        cur.execute("ANALYZE pathway_enrolment")
        cur.execute("ANALYZE participants_participant")
    print(f"profiles drawn anew for every person: {time.perf_counter() - t0:.1f} s")


def _server_cpu():  # type: ignore[no-untyped-def]
    """CPU seconds of this connection's database server process (PostgreSQL on this machine,
    read from /proc); 0 where that cannot be read (SQLite runs inside this process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return lambda: 0.0
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    path = Path(f"/proc/{pid}/stat")
    if not path.exists():
        return lambda: 0.0
    tick = os.sysconf("SC_CLK_TCK")

    def read() -> float:
        fields = path.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    return read


def _delete(prog) -> None:  # type: ignore[no-untyped-def]
    from werkpad.accounts.models import Organisation
    from werkpad.employers.models import Employer, Placement
    from werkpad.participants.models import Participant

    parts = Participant.objects.filter(enrolments__programme=prog)
    Placement.objects.filter(participant__in=parts).delete()
    emps = Employer.objects.filter(registry_key__startswith=f"{prog.name}/")
    orgs = list(emps.values_list("organisation_id", flat=True))
    emps.delete()
    Organisation.objects.filter(pk__in=orgs).delete()
    parts.delete()
    prog.delete()


if __name__ == "__main__":
    main()
