"""Demo records of the koppeling (run by ``seed_demo``): a COA regievoerder, households awaiting a
link (one of them a newcomer with a portal account), a few hard criteria, and the taakstelling of
the current half-year for the demo municipalities. Invented people, never real ones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Permission

from werkpad.accounts.models import Organisation, OrganisationKind, Role
from werkpad.participants.models import Participant

from . import actions
from .models import Household, Taakstelling

REGIEVOERDER = "regievoerder"
HOUSEHOLDS = 40
LOGIN = "COA regievoerder: households awaiting a link, runs, explanations, decisions (/koppeling/)"


def seed(ctx: Any) -> None:
    half_year = actions.half_year_of(ctx.today)
    utrecht = next((m for m in ctx.municipalities if m.code == "GM0344"), None)
    coa, _created = Organisation.objects.get_or_create(
        name="COA Regievoering", kind=OrganisationKind.COA, defaults={"municipality": utrecht}
    )
    user = ctx.make_user(
        REGIEVOERDER,
        Role.COACH,
        coa,
        first_name="Rutger",
        last_name="Hoekstra",
        job_title="Regievoerder COA",
    )
    user.user_permissions.add(Permission.objects.get(codename="link_households"))
    ctx.users[REGIEVOERDER] = user
    ctx.logins.append(("regievoerder", REGIEVOERDER, ctx.password, LOGIN))

    rng = ctx.rng
    newcomer = ctx.users.get("nieuwkomer1")
    portal = [p for p in ctx.participants if newcomer is not None and p.user_id == newcomer.pk]
    waiting = [
        p
        for p in ctx.participants
        if p.phase == "status_holder_azc" and p.user_id is None and p not in portal
    ]
    chosen: list[Participant] = portal + waiting[: HOUSEHOLDS - len(portal)]
    if len(chosen) < HOUSEHOLDS:
        others = [p for p in ctx.participants if p not in chosen and p.user_id is None]
        chosen += others[: HOUSEHOLDS - len(chosen)]
    households = []
    for p in chosen:
        adults = rng.choice([1, 1, 1, 2, 2, 3])
        children = rng.choice([0, 0, 0, 1, 2, 3])
        households.append(
            Household(
                participant=p,
                coa_location=coa,
                half_year=half_year,
                adults=adults,
                children=children,
                seniors=1 if rng.random() < 0.04 else 0,
                screened=rng.random() < 0.7,
                work_experience=rng.choice(["", "", "bouw", "zorg", "horeca", "logistiek"]),
                network_municipality=rng.choice([None, None, None, *ctx.municipalities]),
            )
        )
    Household.objects.bulk_create(households)
    saved = list(Household.objects.filter(coa_location=coa).order_by("id"))
    # A few hard criteria: a job that counts, one that does not yet (no payslip), relatives.
    places = [m for m in ctx.municipalities if m.latitude is not None]
    for i, h in enumerate(saved[1:7]):
        place = places[i % len(places)]
        if i < 3:
            actions.add_criterion(
                None,
                h,
                "work",
                place,
                hours_per_week=float(Decimal(rng.choice([12, 16, 24, 32]))),
                contract_signed=True,
                payslip_shown=i != 2,
            )
        else:
            actions.add_criterion(None, h, "relative", place, established=True)
    if not Taakstelling.objects.filter(half_year=half_year).exists():
        persons = sum(h.persons for h in saved)
        actions.derive_quotas(
            half_year,
            total=round(1.5 * persons),
            detail="demo: 1.5 × the persons awaiting a link, in proportion to population",
        )
