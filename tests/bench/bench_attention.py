"""The coach's attention list ("My day") at 10,000 participants (target: median under 150 ms).

Builds a fresh database with the demo population (10,000 participants by default), then gives the
whole population what the list looks for: step plans (three steps each, due dates around today),
agreed plan versions (herijking), contact moments with follow-ups, dated appointments, W-documents
and BSN requests, submitted TWV applications, and placements with both aftercare tracks. Then times,
for the demo coach and for a coach with a caseload of 1,000 (about 2,000 items): page 1 and page 2
of ``GET /pathway/day/`` (the coach's home, 50 items a page), the page filtered on its largest kind,
the JSON API's first 50 items, and ``werkpad.attention.collect`` alone. Prints median and p95 wall
milliseconds, median CPU milliseconds of this process, the queries per request and (PostgreSQL) the
database's own time for them; asserts nothing about time.

    .venv/bin/python tests/bench/bench_attention.py [--size 10000] [--runs 40]
        [--postgres URL | --sqlite FILE] [--reuse] [--profile]

``--reuse`` measures again on a database an earlier run built (with ``--postgres`` or ``--sqlite``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database (re-created)")
    parser.add_argument(
        "--sqlite", metavar="FILE", help="a SQLite file (default: a temporary one, removed after)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep an already populated database (--postgres or --sqlite) instead of rebuilding it",
    )
    parser.add_argument("--profile", action="store_true", help="print where collect() spends time")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="werkpad-bench-")
    if args.postgres:
        import psycopg

        base, name = args.postgres.rsplit("/", 1)
        if not args.reuse:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = args.postgres
        where = f"PostgreSQL {name}"
    else:
        path = Path(args.sqlite) if args.sqlite else Path(tmp.name) / "bench.sqlite3"
        if path.exists() and not args.reuse:
            path.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        where = f"SQLite {path}"
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ["WERKPAD_2FA_ROLES"] = ""  # the coach's session needs no second factor here
    os.environ["WERKPAD_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("WERKPAD_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"

    import warnings

    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from werkpad import attention
    from werkpad.accounts.models import Organisation, User
    from werkpad.demo.seed import seed_database
    from werkpad.participants import access
    from werkpad.participants.models import Participant

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    t1 = time.perf_counter()
    if args.reuse and User.objects.filter(username="bench-heavy").exists():
        print(f"{where}: reused ({Participant.objects.count():,} participants)")
    else:
        seed_database(args.size, args.seed, extensions=False)
        t2 = time.perf_counter()
        counts = populate(random.Random(args.seed))
        t3 = time.perf_counter()
        coach = User.objects.get(username="coach")
        heavy = User.objects.create(
            username="bench-heavy",
            role="coach",
            organisation=Organisation.objects.get(pk=coach.organisation_id),
        )
        ids = list(Participant.objects.order_by("?").values_list("pk", flat=True)[:1000])
        Participant.objects.filter(pk__in=ids).update(regiehouder=heavy)
        print(
            f"{where}: migrate {t1 - t0:.1f} s, seed {args.size:,} participants {t2 - t1:.1f} s, "
            f"attention data {t3 - t2:.1f} s: {counts}"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_before = os.getloadavg()
    print(
        f"load average before measuring: {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f} ({os.cpu_count()} CPUs)"
    )
    print(
        "Figures: wall = elapsed time (perf_counter); CPU = this process's CPU time "
        "(process_time: Python, Django and, on SQLite, the database itself; on PostgreSQL the "
        "server's work is in 'db', the sum over the request's queries of EXPLAIN ANALYZE "
        "planning + execution time, least of 3). Medians over --runs requests, after 3 warm-up "
        "requests."
    )

    url = reverse("pathway:day")
    today = timezone.localdate()
    for username in ("coach", "bench-heavy"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        items = attention.collect(user, today)
        kinds: dict[str, int] = {}
        for item in items:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
        print(
            f"\n{user.username}: caseload {access.caseload(user).count():,} of "
            f"{Participant.objects.count():,}; {len(items)} items {dict(sorted(kinds.items()))}"
        )
        pages = [("page 1", url), ("page 2", url + "?page=2")]
        biggest = max(kinds, key=lambda k: kinds[k]) if kinds else ""
        if biggest:
            pages.append((f"kind={biggest}", f"{url}?kind={biggest}"))
        for label, target in pages:
            measure(client, label, target, args.runs, connection, CaptureQueriesContext)
        api = "/api/care/attention?limit=50"
        measure(client, "API limit=50", api, args.runs, connection, CaptureQueriesContext)
        core_wall, core_cpu = [], []
        for _ in range(max(5, args.runs // 4)):
            start, cpu = time.perf_counter(), time.process_time()
            attention.collect(user, today)
            core_wall.append((time.perf_counter() - start) * 1000)
            core_cpu.append((time.process_time() - cpu) * 1000)
        print(
            f"  {'attention.collect()':<34} wall median {statistics.median(core_wall):6.1f} ms"
            f"   CPU median {statistics.median(core_cpu):6.1f} ms"
        )
        if args.profile:
            profile(user, today)
    load_after = os.getloadavg()
    print(
        f"\nload average after measuring: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
    )
    tmp.cleanup()


def measure(client, label, target, runs, connection, capture) -> None:  # type: ignore[no-untyped-def]
    """Median and p95 wall time, median CPU time, queries and (PostgreSQL) the database's own
    execution time of one page."""
    for _ in range(3):
        assert client.get(target).status_code == 200, target
    wall, cpu = [], []
    for _ in range(runs):
        start, c0 = time.perf_counter(), time.process_time()
        response = client.get(target)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, response.status_code
    with capture(connection) as queries:
        client.get(target)
    db = ""
    if connection.vendor == "postgresql":
        total = 0.0
        with connection.cursor() as cursor:
            for q in queries.captured_queries:
                sql = q["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                runs = []
                for _ in range(3):  # the least of three: a shared machine adds noise
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    plan = cursor.fetchone()[0]
                    plan = json.loads(plan) if isinstance(plan, str) else plan
                    runs.append(plan[0]["Execution Time"] + plan[0].get("Planning Time", 0.0))
                total += min(runs)
        db = f"   db {total:6.1f} ms"
    wall.sort()
    p95 = wall[min(len(wall) - 1, math.ceil(0.95 * len(wall)) - 1)]
    print(
        f"  GET {target:<30} wall median {statistics.median(wall):6.1f} ms  p95 {p95:6.1f} ms"
        f"   CPU median {statistics.median(cpu):6.1f} ms   {len(queries):3d} queries{db}"
        f"   ({label}; target: median < 150 ms)"
    )


def profile(user, today) -> None:  # type: ignore[no-untyped-def]
    import cProfile
    import pstats

    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils.module_loading import import_string

    from werkpad import attention

    for path in settings.WERKPAD_ATTENTION_SOURCES:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries, attention.collecting():
            list(import_string(path)(user, today))
        print(
            f"    {path.rsplit('.', 1)[1]:<22} {(time.perf_counter() - start) * 1000:7.1f} ms"
            f"  {len(queries)} queries"
        )
    profiler = cProfile.Profile()
    profiler.enable()
    attention.collect(user, today)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def populate(rng: random.Random) -> dict[str, int]:
    """What the attention list looks for, over the whole population, in bulk."""
    from datetime import datetime

    from django.utils import timezone

    from werkpad.accounts.models import Organisation
    from werkpad.employers.models import Employer, Placement, TwvApplication
    from werkpad.participants.models import Participant
    from werkpad.pathway.care_models import (
        AftercareCheckIn,
        AftercareSchedule,
        Appointment,
        NewcomerContact,
    )
    from werkpad.pathway.models import Plan, PlanConfirmation, PlanStep, PlanVersion

    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    people = list(Participant.objects.only("pk", "regiehouder_id", "residence"))
    plans = Plan.objects.bulk_create(Plan(participant_id=p.pk) for p in people)
    PlanStep.objects.bulk_create(
        PlanStep(
            plan=plan,
            position=i,
            type="work",
            title=f"Stap {i}",
            due_date=today + timedelta(days=rng.randint(-60, 120)),
            status="open" if rng.random() < 0.7 else "done",
        )
        for plan in plans
        for i in range(3)
    )
    agreed = [plan for plan in plans if rng.random() < 0.3]
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(plan=plan, number=1, snapshot={}) for plan in agreed
    )
    confirmations = []
    for v in versions:
        at = timezone.now() - timedelta(days=rng.randint(10, 200))
        confirmations += [
            PlanConfirmation(
                version=v, party="coach", channel="in_person", language="nl", confirmed_at=at
            ),
            PlanConfirmation(version=v, party="newcomer", channel="portal", confirmed_at=at),
        ]
    PlanConfirmation.objects.bulk_create(confirmations)
    NewcomerContact.objects.bulk_create(
        NewcomerContact(
            participant_id=p.pk,
            on=today - timedelta(days=rng.randint(1, 90)),
            kind="gesprek",
            follow_up="Terugbellen" if rng.random() < 0.3 else "",
            follow_up_on=today + timedelta(days=rng.randint(-20, 30))
            if rng.random() < 0.3
            else None,
        )
        for p in people
        for _ in range(2)
    )
    Appointment.objects.bulk_create(
        Appointment(
            participant_id=p.pk,
            kind=rng.choice(["meldplicht", "ind", "medical", "lesson"]),
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
        for p in people
        for start in (
            datetime.combine(today, datetime.min.time(), tzinfo=tz)
            + timedelta(days=rng.randint(-30, 60), hours=9)
            for _ in range(2)
        )
    )
    # A BSN requested for 15 %, a W-document for every azc resident and 10 % of the others;
    # written per date (a few hundred UPDATEs) rather than row by row.
    bsn: dict[object, list[int]] = {}
    wdoc: dict[object, list[int]] = {}
    for p in people:
        if rng.random() < 0.15:
            bsn.setdefault(today - timedelta(days=rng.randint(1, 150)), []).append(p.pk)
        if p.residence == "azc" or rng.random() < 0.1:
            wdoc.setdefault(today + timedelta(days=rng.randint(-60, 400)), []).append(p.pk)
    for day, pks in bsn.items():
        Participant.objects.filter(pk__in=pks).update(
            bsn_status="requested", bsn_requested_date=day
        )
    for day, pks in wdoc.items():
        Participant.objects.filter(pk__in=pks).update(w_document_expiry=day)
    org = Organisation.objects.create(name="Bench werkgever", kind="employer")
    employer = Employer.objects.create(
        organisation=org, kind="regulier", sector="logistiek", size_band="10_49"
    )
    placed = [p for p in people if rng.random() < 0.1]
    placements = Placement.objects.bulk_create(
        Placement(
            participant_id=p.pk,
            employer=employer,
            kind="paid",
            found_via="service",
            start_date=today - timedelta(days=rng.randint(0, 300)),
            hours_kind="fixed",
            hours_per_week=24,
            occupation="Magazijnmedewerker",
            sector="logistiek",
        )
        for p in placed
    )
    TwvApplication.objects.bulk_create(
        TwvApplication(
            participant_id=p.pk,
            employer=employer,
            status="submitted",
            prepared_on=today - timedelta(days=rng.randint(20, 200)),
            submitted_on=today - timedelta(days=rng.randint(10, 150)),
        )
        for p in people
        if p.residence == "azc" and rng.random() < 0.2
    )
    from werkpad.core.pathway import aftercare as core

    schedules = AftercareSchedule.objects.bulk_create(
        AftercareSchedule(
            placement=pl,
            participant_id=pl.participant_id,
            start_date=pl.start_date,
            weekly_weeks=13,
            monthly_until_months=12,
        )
        for pl in placements
    )
    owner = {p.pk: p.regiehouder_id for p in people}
    rows = []
    for s in schedules:
        for planned in core.schedule(s.start_date, weekly_weeks=13, monthly_until_months=12):
            rows.append(
                AftercareCheckIn(
                    schedule=s,
                    track=planned.track.value,
                    phase=planned.phase.value,
                    due_on=planned.due_on,
                    owner_id=owner[s.participant_id],
                    done_on=planned.due_on if planned.due_on < today - timedelta(days=7) else None,
                )
            )
    AftercareCheckIn.objects.bulk_create(rows, batch_size=5000)
    return {
        "plans": len(plans),
        "agreed": len(versions),
        "placements": len(placements),
        "check-ins": len(rows),
        "twv": TwvApplication.objects.count(),
        "appointments": Appointment.objects.count(),
    }


if __name__ == "__main__":
    main()
