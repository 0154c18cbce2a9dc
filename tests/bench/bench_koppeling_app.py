"""Benchmark of the koppeling app end to end, and of the chance model.

Run: ``.venv/bin/python tests/bench/bench_koppeling_app.py [--households 1000] [--fit 20000]``.
Prints figures; asserts nothing about time; not collected by pytest.

1. A weekly batch through the app on a fresh SQLite database: the 342 municipalities of
   ../shared/data/nl/gemeenten_2025.csv, the taakstelling derived as 1.1 × the persons to place,
   ``--households`` households (10 % with a job that counts, at a municipality's centroid), then
   ``actions.run_batch``: build the problem from the registry, predict (the documented prior: no
   outcomes in a fresh database), solve, check, compare, fairness report, store the proposals.
2. The chance model (``core.koppeling.predict``): fit, calibrate and cross-validate on ``--fit``
   synthetic outcomes over 35 regions, then predict every region for 10,000 households.
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
sys.path.insert(0, str(ROOT))
CSV = ROOT.parent / "shared" / "data" / "nl" / "gemeenten_2025.csv"


def app_batch(households: int) -> None:
    tmp = tempfile.TemporaryDirectory(prefix="werkpad-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("WERKPAD_LOG_LEVEL", "WARNING")
    os.environ["WERKPAD_PRIVATE_FILES"] = tmp.name
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command

    from werkpad.accounts.models import Organisation, OrganisationKind, Role, User
    from werkpad.koppeling import actions
    from werkpad.koppeling.models import HardCriterion, Household
    from werkpad.participants.models import Participant
    from werkpad.places.models import Municipality

    call_command("migrate", interactive=False, verbosity=0)
    call_command("import_municipalities", str(CSV), stdout=io.StringIO())
    coa = Organisation.objects.create(name="COA bench", kind=OrganisationKind.COA)
    user = User.objects.create(username="rv", role=Role.COACH, organisation=coa)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="link_households"))
    rng = np.random.default_rng(1)
    people = Participant.objects.bulk_create(
        [
            Participant(
                first_name=f"B{i}",
                last_name="Bench",
                number=f"WP-B{i:06d}",
                organisation=coa,
                phase="status_holder_azc",
                gender=str(rng.choice(["man", "woman"])),
            )
            for i in range(households)
        ]
    )
    adults = rng.choice([1, 2, 3], size=households, p=[0.55, 0.40, 0.05])
    children = np.where(rng.random(households) < 0.35, rng.integers(1, 6, size=households), 0)
    Household.objects.bulk_create(
        [
            Household(
                participant=p, coa_location=coa, half_year="2026-H2", adults=int(a), children=int(c)
            )
            for p, a, c in zip(people, adults, children, strict=True)
        ]
    )
    rows = list(Household.objects.order_by("id"))
    munis = list(Municipality.objects.order_by("code"))
    pop = np.array([m.population for m in munis], dtype=float)
    HardCriterion.objects.bulk_create(
        [
            HardCriterion(
                household=h,
                kind="work",
                municipality=munis[int(rng.choice(len(munis), p=pop / pop.sum()))],
                hours_per_week=24,
                contract_signed=True,
                payslip_shown=True,
            )
            for h in rows
            if rng.random() < 0.10
        ]
    )
    persons = sum(h.persons for h in rows)
    actions.derive_quotas("2026-H2", total=round(1.1 * persons), detail="bench")
    user = User.objects.get(pk=user.pk)
    print(f"load average before measuring: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    start = time.perf_counter()
    run = actions.run_batch(user, rows, half_year="2026-H2")
    seconds = time.perf_counter() - start
    r = run.report
    print(
        f"app batch: {households} households ({persons} persons) x {len(munis)} municipalities, "
        f"{HardCriterion.objects.count()} with a job: {seconds:.1f} s in all "
        f"(solve and check {r['seconds']:.1f} s, method {r['method']}, status {r['status']})"
    )
    print(
        f"  objective {r['objective']:.3f}, bound {r['lp_bound']:.3f}, gap {r['gap']:.5f}, "
        f"placed {r['placed_cases']}/{r['cases']}, violations {r['violations']}, "
        f"x{r['ratio_to_greedy']:.3f} greedy, x{r['ratio_to_random']:.3f} random; "
        f"fairness: gain over status quo {run.fairness['gain_over_status_quo']}, "
        f"over random {run.fairness['gain_over_random']}"
    )
    tmp.cleanup()


def model(n: int) -> None:
    import numpy as np

    from werkpad.core.koppeling.predict import HouseholdFeatures, TrainingData, encode, fit_chances

    rng = np.random.default_rng(2)
    regions = 35
    effects = rng.normal(0, 0.4, regions)
    rows = [
        HouseholdFeatures(
            adults=int(rng.integers(1, 3)),
            children=int(rng.integers(0, 4)),
            age=float(rng.integers(18, 60)),
            education=int(rng.integers(0, 5)),
            dutch=int(rng.integers(0, 4)),
            work_experience=bool(rng.random() < 0.5),
            months_in_nl=float(rng.integers(3, 30)),
        )
        for _ in range(n)
    ]
    x, names = encode(rows)
    region = rng.integers(0, regions, n)
    logit = -1.0 + effects[region] + 0.3 * (x[:, 4] - 2)
    y = rng.random(n) < 1 / (1 + np.exp(-logit))
    start = time.perf_counter()
    fitted = fit_chances(
        TrainingData(x, names, region, regions, y), prior=0.19, prior_source="bench"
    )
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    chances = fitted.chances(x[:10_000])
    predict_s = time.perf_counter() - start
    v = fitted.validation
    assert v is not None
    found = fitted.region_effects(x)
    true = effects - effects.mean()
    print(
        f"model: fit + 5-fold cross-validation on {n} outcomes x {regions} regions {fit_s:.1f} s; "
        f"predict {chances.shape[0]} x {regions} {predict_s:.2f} s; AUC {v.auc:.3f}, "
        f"Brier {v.brier:.4f} (base {v.brier_base:.4f}); region effects: correlation "
        f"{np.corrcoef(found, true)[0, 1]:.3f}, largest error {np.abs(found - true).max():.3f} log-odds"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--fit", type=int, default=20_000)
    args = parser.parse_args()
    if not CSV.is_file():
        print(f"skipped: {CSV} not found (../shared/data from the repo root)")
        return
    app_batch(args.households)
    model(args.fit)


if __name__ == "__main__":
    main()
