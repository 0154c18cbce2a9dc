"""The demo population: deterministic, calibrated on the reports, idempotent, every login works."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from werkpad.demo import population
from werkpad.demo.population import generate, origin_share, shares

TODAY = date(2025, 10, 31)  # the peildatum of [003]
SHARED_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "nl" / "gemeenten_2025.csv"


@pytest.fixture(scope="module")
def people_2000():
    return generate(2000, seed=11, today=TODAY)


@pytest.fixture(scope="module")
def trial_2000(people_2000):
    """The municipal population of the startbaan trials: what [003] Tabel 1 and 2 describe.

    A quarter of the demo lives at the COA locations (seeds [001] and [004]); the report's
    percentages are about the trial participants, so the calibration is checked on those.
    """
    return [p for p in people_2000 if p.cohort == "trial"]


def test_same_seed_same_people():
    a = generate(150, seed=7, today=TODAY)
    b = generate(150, seed=7, today=TODAY)
    assert a == b
    c = generate(150, seed=8, today=TODAY)
    assert [p.public_id for p in a] != [p.public_id for p in c]
    assert len({p.number for p in a}) == 150


def test_size_zero_and_small():
    assert generate(0, seed=1, today=TODAY) == []
    assert len(generate(1, seed=1, today=TODAY)) == 1


@pytest.mark.parametrize(
    ("attribute", "value", "target"),
    [
        ("dutch_spoken", "A0", 54.0),  # [003] Tabel 1
        ("gender", "man", 67.5),
        ("inburgering_route", "b1", 56.8),
        ("inburgering_route", "z", 32.0),
        ("residence", "azc", 11.0),
        ("household", "alone", 35.9),
        ("has_benefit", True, 68.2),
        ("status", "startbaan", 31.5),  # [003] Tabel 2
        ("status", "unknown", 21.6),
    ],
)
def test_calibrated_on_tabel_1_and_2(trial_2000, attribute, value, target):
    assert shares(trial_2000, attribute).get(value, 0.0) == pytest.approx(target, abs=4)


def test_origin_countries_follow_002(trial_2000):
    people_2000 = trial_2000
    assert origin_share(people_2000, "SY") == pytest.approx(44.8, abs=4)
    assert origin_share(people_2000, "ER") == pytest.approx(20.9, abs=4)
    assert origin_share(people_2000, "IR") == pytest.approx(7.6, abs=3)
    assert origin_share(people_2000, "UA") > 0


def test_permit_bands_and_ages(trial_2000):
    people_2000 = trial_2000

    def band(p):
        d = p.residence_permit_date
        return "" if d is None else ("2018-21" if d.year <= 2021 else "2022+")

    bands = shares(people_2000, band)
    assert bands["2022+"] == pytest.approx(59.3, abs=4)
    assert bands["2018-21"] == pytest.approx(13.0, abs=4)
    ages = [
        TODAY.year
        - p.birth_date.year
        - ((TODAY.month, TODAY.day) < (p.birth_date.month, p.birth_date.day))
        for p in people_2000
        if p.birth_date
    ]
    assert sum(25 <= a < 45 for a in ages) / len(people_2000) * 100 == pytest.approx(64.3, abs=4)
    assert min(ages) >= 18


def test_phases_are_coherent(people_2000):
    phases = shares(people_2000, "phase")
    for phase in ("asylum_seeker", "status_holder_azc", "inburgering", "after_inburgering"):
        assert phases.get(phase, 0) > 0, phase
    assert phases.get("temporary_protection", 0) > 0
    for p in people_2000:
        if p.phase == "asylum_seeker":
            assert p.residence == "azc" and p.residence_permit_date is None
            assert p.w_document_expiry is not None and p.asylum_application_date is not None
            assert any("Meldplicht" in a.description for a in p.appointments)
        if p.inburgering_status == "started" and p.inburgering_route:
            assert p.lesson_mask and not (p.lesson_mask & p.availability_mask)
        assert p.history[-1].status == p.status
        assert [h.date for h in p.history] == sorted(h.date for h in p.history)
    assert any(p.w_document_expiry and p.w_document_expiry < TODAY for p in people_2000), (
        "some W-documents have expired"
    )


def test_occupations_come_from_the_demo_taxonomy(people_2000):
    from werkpad.core.taxonomy.demo import demo_sector_of, demo_taxonomy
    from werkpad.demo import data

    known = demo_taxonomy().occupations
    sectors = set(data.SECTOR_WEIGHTS["low"])
    with_experience = 0
    for p in people_2000:
        for e in p.experiences:
            assert e.occupation_uri in known, e.occupation_uri
            taxonomy_sector = demo_sector_of(e.occupation_uri)
            assert data.TAXONOMY_SECTOR.get(taxonomy_sector, taxonomy_sector) == e.sector
            assert e.sector in sectors
            with_experience += 1
        if p.desired_occupation:
            assert p.desired_occupation_uri in known
    assert with_experience > len(people_2000) / 2


def test_lessons_leave_room_for_work(people_2000):
    from werkpad.core import schedule

    learners = [p for p in people_2000 if p.lesson_mask]
    assert learners
    lessons = [schedule.count(p.lesson_mask) for p in learners]
    assert 2.5 <= sum(lessons) / len(lessons) <= 3.6  # about 3 dagdelen (9 hours) a week
    free = [schedule.count(p.availability_mask & schedule.WORKDAY_DAYTIME) for p in learners]
    assert sum(f >= 4 for f in free) / len(free) > 0.8
    # Most people can travel beyond walking distance (bicycle, public transport or car).
    movers = sum(p.has_bicycle or p.uses_public_transport or p.has_car for p in people_2000)
    assert movers / len(people_2000) > 0.95


def test_values_fit_the_model_choices(people_2000):
    from werkpad.participants import choices
    from werkpad.participants.models import Participant

    fields = {
        "gender": choices.Gender,
        "phase": choices.Phase,
        "education": choices.Education,
        "household": choices.Household,
        "residence": choices.Residence,
        "inburgering_route": choices.InburgeringRoute,
        "inburgering_status": choices.InburgeringStatus,
        "status": choices.ParticipantStatus,
        "dutch_spoken": choices.LanguageLevel,
        "dutch_written": choices.LanguageLevel,
        "english_level": choices.LanguageLevel,
        "job_at_intake": choices.JobAtIntake,
        "desired_self_development": choices.SelfDevelopment,
        "bsn_status": choices.BsnStatus,
        "diploma_valuation": choices.DiplomaValuation,
    }
    for name, enum in fields.items():
        allowed = set(enum.values) | {""}
        assert {getattr(p, name) for p in people_2000} <= allowed, name
    for p in people_2000:
        for name in ("first_name", "last_name", "country_of_origin", "desired_occupation"):
            assert len(getattr(p, name)) <= Participant._meta.get_field(name).max_length
        assert {c.kind for c in p.certificates} <= set(choices.CertificateKind.values)
        assert {c[0] for c in p.consents} <= set(choices.ConsentScope.values)
    reason_enum = getattr(choices, "StatusReason", None)
    if reason_enum is not None:
        codes = {h.reason_code for p in people_2000 for h in p.history if h.reason_code}
        assert codes <= set(reason_enum.values)


def test_quotas_are_exact():
    assert population.quotas({"a": 54.0, "b": 46.0}, 7) == {"a": 4, "b": 3}
    assert sum(population.quotas(population.DUTCH, 301).values()) == 301


# ---------------------------------------------------------------------------------------------
# Database.


def _counts():
    from werkpad.accounts.models import Organisation, User
    from werkpad.participants.models import Participant, StatusChange

    return (
        Participant.objects.count(),
        StatusChange.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
    )


def test_seed_command_is_idempotent(db):
    out = StringIO()
    call_command("seed_demo", size=40, seed=3, stdout=out)
    first = _counts()
    assert first[0] == 40
    assert "werkpad-demo" in out.getvalue() and "coach" in out.getvalue()
    out = StringIO()
    call_command("seed_demo", size=40, seed=3, stdout=out)
    assert _counts() == first
    assert "already" in out.getvalue()
    assert "werkpad-demo" in out.getvalue()


def test_seeded_database_is_consistent(db):
    from werkpad.demo.seed import seed_database
    from werkpad.participants.models import Participant, StatusChange

    ctx = seed_database(80, seed=4, today=TODAY, extensions=False)
    assert Participant.objects.count() == 80
    for p in Participant.objects.select_related("regiehouder"):
        last = StatusChange.objects.filter(participant=p).order_by("date", "id").last()
        assert last is not None and last.status == p.status
        assert p.regiehouder.organisation_id == p.organisation_id
    assert ctx.users["coach"].regie_participants.exists()
    assert {"admin", "coach", "analyst", "nieuwkomer1"} <= {login[1] for login in ctx.logins}


def test_every_demo_user_can_log_in(db, client):
    from django.urls import reverse

    from werkpad.demo.seed import seed_database

    ctx = seed_database(60, seed=5)
    assert len(ctx.logins) >= 8
    for role, username, password, _what in ctx.logins:
        # Through the login form: the login throttle (django-axes) needs the request.
        credentials = {"username": username, "password": password}
        assert client.post(reverse("accounts:login"), credentials).status_code == 302, username
        response = client.get("/", follow=True)
        assert response.status_code == 200, (role, username, response.redirect_chain)
        client.logout()


def test_demo_coach_opens_a_file(db, client):
    from django.urls import reverse

    from werkpad.demo.seed import DEMO_PASSWORD, seed_database

    ctx = seed_database(60, seed=6, extensions=False)
    coach = ctx.users["coach"]
    participant = coach.regie_participants.first()
    client.post(reverse("accounts:login"), {"username": "coach", "password": DEMO_PASSWORD})
    response = client.get(reverse("participants:detail", args=[participant.public_id]))
    assert response.status_code == 200
    assert participant.last_name in response.text
    assert client.get(reverse("participants:caseload") + "?scope=all").status_code == 200


# ---------------------------------------------------------------------------------------------
# werkpad import-municipalities.


def test_import_municipalities_upserts_and_is_all_or_nothing(db, tmp_path):
    from werkpad.places.models import Municipality

    good = tmp_path / "gm.csv"
    good.write_text(
        "gm_code,gm_name,pv_code,pv_name,am_code,am_name,am_overlap,lat,lon,area_km2,population_2026\n"
        "GM0344,Utrecht,PV26,Utrecht,AM13,Midden-Utrecht,1.0,52.0915,5.07602,97.9,378121\n"
        'GM0820,"Nuenen, Gerwen en Nederwetten",PV30,Noord-Brabant,AM28,Zuidoost-Brabant,0.9,51.47,5.55,35.4,24473\n',
        encoding="utf-8",
    )
    call_command("import_municipalities", str(good), stdout=StringIO())
    call_command("import_municipalities", str(good), stdout=StringIO())  # idempotent
    assert Municipality.objects.count() == 2
    nuenen = Municipality.objects.get(code="GM0820")
    assert nuenen.name == "Nuenen, Gerwen en Nederwetten"
    assert nuenen.population == 24473 and nuenen.labour_market_region == "Zuidoost-Brabant"

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "gm_code,gm_name,lat,lon,population_2026\n"
        "GM0599,Rotterdam,51.9,4.3,673804\n"
        "XX1,Nergens,51.9,4.3,10\n"
        "GM0014,Groningen,530,6.6,abc\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="2 bad row"):
        call_command("import_municipalities", str(bad), stdout=StringIO(), stderr=err)
    assert "line 3" in err.getvalue() and "line 4" in err.getvalue()
    assert not Municipality.objects.filter(code="GM0599").exists()


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="shared CBS data not present")
def test_import_the_real_cbs_file(db):
    from werkpad.places.models import Municipality

    call_command("import_municipalities", str(SHARED_CSV), stdout=StringIO())
    assert Municipality.objects.count() == 342
    utrecht = Municipality.objects.get(code="GM0344")
    assert utrecht.province == "Utrecht" and utrecht.population > 300_000


def test_main_translates_dashed_command_names(monkeypatch):
    import werkpad.__main__ as cli

    seen = {}
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.setdefault("argv", argv),
    )
    cli.main(["werkpad", "import-municipalities", "x.csv"])
    assert seen["argv"][1] == "import_municipalities"


def test_coa_locations_have_an_asylum_population(people_2000):
    """Seeds [001] and [004]: residents waiting 6-15 months, W-documents, BSN requests,
    meldplicht, and the first TWV placements."""
    coa = [p for p in people_2000 if p.cohort == "coa"]
    assert len(coa) == 500
    assert all(p.residence == "azc" and p.organisation_key.startswith("coa:") for p in coa)
    asylum = [p for p in coa if p.phase == "asylum_seeker"]
    assert len(asylum) / len(coa) == pytest.approx(0.8, abs=0.06)
    for p in asylum:
        waiting = (TODAY - p.asylum_application_date).days
        assert 6 * 30 - 7 <= waiting <= 15 * 31, waiting
        assert p.w_document_expiry is not None
        assert any("Meldplicht" in a.description for a in p.appointments)
    assert any(p.w_document_expiry < TODAY for p in asylum)  # some expired: renewal needed
    assert {p.bsn_status for p in asylum} >= {"requested", "received"}
    assert sum(p.status == "startbaan" for p in asylum) > 0
    # Together with the trial population's azc residents, far more than a handful.
    assert shares(people_2000, "phase")["asylum_seeker"] > 20
