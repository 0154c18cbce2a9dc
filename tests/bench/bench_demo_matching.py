"""How useful the demo is for matching: suggestions per active demo participant (SQLite).

Run: ``.venv/bin/python tests/bench/bench_demo_matching.py [--size N] [--seed S]``. Seeds the
demo (with the employer demo) into a fresh SQLite database in a temporary directory, then asks
every active participant's "Suggested vacancies" card for its suggestions through the same
function the card uses (:func:`werkpad.matching.services.vacancies_for_participant`, with a
coach's view of the vacancies) and prints:

* the share of active participants (status not startbaan, ended or dropout) with at least one
  eligible suggestion, and with at least one near miss; and the same counts over the app's own
  pool (everyone not ended or dropped out, startbaan included);
* over all (active participant, open vacancy) pairs: the share eligible, near miss and excluded,
  and how often each hard requirement fails.

Asserts nothing: a printed figure for the demo's realism (target: a clear majority of active
participants has an eligible suggestion while the hard requirements still exclude most pairs).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

INACTIVE = ("startbaan", "ended", "dropout")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="werkpad-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ["WERKPAD_DEMO"] = "true"
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("WERKPAD_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.utils import timezone

    from werkpad.employers.models import Vacancy as VacancyRecord
    from werkpad.matching import adapters, services
    from werkpad.matching.taxonomy import current
    from werkpad.participants.models import Participant

    call_command("migrate", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    call_command("seed_demo", size=args.size, seed=args.seed, stdout=StringIO())
    print(f"seed_demo --size {args.size} --seed {args.seed}: {time.perf_counter() - t0:.1f} s")

    active = list(Participant.objects.exclude(status__in=INACTIVE).order_by("pk"))
    with_match = with_near = no_location = 0
    t1 = time.perf_counter()
    for p in active:
        s = services.vacancies_for_participant(p, VacancyRecord.objects.all())
        if s.no_location == -1:
            no_location += 1
        with_match += bool(s.matches)
        with_near += bool(s.near_misses)
    elapsed = time.perf_counter() - t1
    n = len(active) or 1
    print(f"active participants: {len(active)} (card computed in {1000 * elapsed / n:.0f} ms each)")
    print(f"  with >= 1 eligible suggestion: {with_match} ({100 * with_match / n:.0f} %)")
    print(f"  with >= 1 near miss:           {with_near} ({100 * with_near / n:.0f} %)")
    print(f"  without a known location:      {no_location}")
    # The app's own pool: everyone it still proposes for jobs (not ended, not dropped out).
    pool = list(Participant.objects.exclude(status__in=services.INACTIVE_STATUSES).order_by("pk"))
    cards = [services.vacancies_for_participant(p, VacancyRecord.objects.all()) for p in pool]
    print(
        f"not ended or dropped out: {len(pool)}; with >= 1 eligible suggestion "
        f"{sum(bool(s.matches) for s in cards)}, with >= 1 near miss "
        f"{sum(bool(s.near_misses) for s in cards)}"
    )

    # All pairs, through the same adapters and matcher (without the decided-pair filter).
    bundle = current()
    today = timezone.localdate()
    records = list(services.open_vacancies(VacancyRecord.objects.all()))
    jobs, _by_id, _missing = services.core_vacancies(records, bundle, today)
    people = services.participant_prefetch(
        Participant.objects.exclude(status__in=INACTIVE).order_by("pk")
    )
    candidates = [
        c for c in (adapters.candidate_from_participant(p, bundle, today) for p in people) if c
    ]
    matcher = services.matcher(bundle).fit(jobs)
    eligible = near = reachable = 0
    fails: Counter[str] = Counter()
    fails_near: Counter[str] = Counter()  # among the pairs within the travel limit
    for c in candidates:
        for job in jobs:
            pair = matcher.score_pair(c, job)
            eligible += pair.eligible
            near += pair.near_miss
            codes = {e.code.value for e in pair.exclusions}
            fails.update(codes)
            if "too_far" not in codes:
                reachable += 1
                fails_near.update(codes)
    pairs = len(candidates) * len(jobs) or 1
    print(f"pairs: {len(candidates)} candidates x {len(jobs)} open vacancies = {pairs}")
    print(
        f"  eligible {100 * eligible / pairs:.1f} %, near miss {100 * near / pairs:.1f} %, "
        f"excluded {100 * (pairs - eligible - near) / pairs:.1f} %"
    )
    for code, count in fails.most_common():
        print(f"  fails {code:<22} {100 * count / pairs:5.1f} % of pairs")
    print(f"pairs within the travel limit: {reachable} ({100 * reachable / pairs:.1f} %)")
    for code, count in fails_near.most_common():
        print(f"  fails {code:<22} {100 * count / (reachable or 1):5.1f} % of them")


if __name__ == "__main__":
    main()
