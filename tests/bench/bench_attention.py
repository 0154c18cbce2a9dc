"""The coach's attention list ("My day") at 10,000 participants (target: median under 150 ms).

Builds a fresh database with the demo population (10,000 participants by default), then gives the
whole population what the list looks for: step plans (three steps each, due dates around today),
agreed plan versions (herijking), contact moments with follow-ups, dated appointments, W-documents
and BSN requests, submitted TWV applications, and placements with both aftercare tracks. Then times
``GET /pathway/day/`` (the coach's home) for the demo coach and for a coach with a caseload of 1,000,
and ``werkpad.attention.collect`` alone. Prints median and p95 milliseconds and the queries per
request; asserts nothing about time.

    .venv/bin/python tests/bench/bench_attention.py [--size 10000] [--runs 40] [--postgres URL]
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("--profile", action="store_true", help="print where collect() spends time")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="werkpad-bench-")
    if args.postgres:
        import psycopg

        base, name = args.postgres.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = args.postgres
        where = f"PostgreSQL {name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
        where = f"SQLite in {tmp.name}"
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ["WERKPAD_2FA_ROLES"] = ""  # the coach's session needs no second factor here
    os.environ["WERKPAD_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("WERKPAD_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"

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

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    t1 = time.perf_counter()
    seed_database(args.size, args.seed, extensions=False)
    t2 = time.perf_counter()
    counts = populate(random.Random(args.seed))
    t3 = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{where}: migrate {t1 - t0:.1f} s, seed {args.size:,} participants {t2 - t1:.1f} s, "
        f"attention data {t3 - t2:.1f} s: {counts}"
    )
    print(f"load average before measuring: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")

    coach = User.objects.get(username="coach")
    heavy = User.objects.create(
        username="bench-heavy",
        role="coach",
        organisation=Organisation.objects.get(pk=coach.organisation_id),
    )
    from werkpad.participants.models import Participant

    ids = list(Participant.objects.order_by("?").values_list("pk", flat=True)[:1000])
    Participant.objects.filter(pk__in=ids).update(regiehouder=heavy)
    url = reverse("pathway:day")
    today = timezone.localdate()
    for user in (coach, heavy):
        client = Client()
        client.force_login(user)
        for _ in range(3):
            client.get(url)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        core_times = []
        for _ in range(max(5, args.runs // 4)):
            start = time.perf_counter()
            items = attention.collect(user, today)
            core_times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
        kinds: dict[str, int] = {}
        for item in items:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
        print(
            f"\n{user.username}: caseload {access.caseload(user).count():,} of {args.size:,}; "
            f"{len(items)} items {dict(sorted(kinds.items()))}"
        )
        print(
            f"  GET /pathway/day/      median {statistics.median(times):6.1f} ms   "
            f"p95 {p95:6.1f} ms   {len(queries)} queries   (target: median < 150 ms)"
        )
        print(f"  attention.collect()    median {statistics.median(core_times):6.1f} ms")
        if args.profile:
            import cProfile
            import pstats

            from django.conf import settings
            from django.utils.module_loading import import_string

            for path in settings.WERKPAD_ATTENTION_SOURCES:
                start = time.perf_counter()
                list(import_string(path)(user, today))
                print(
                    f"    {path.rsplit('.', 1)[1]:<22} {(time.perf_counter() - start) * 1000:7.1f} ms"
                )
            profiler = cProfile.Profile()
            profiler.enable()
            attention.collect(user, today)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(f"\nload average after measuring: {os.getloadavg()[0]:.2f}")
    tmp.cleanup()


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
