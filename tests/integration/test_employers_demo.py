"""The employer desk's part of the demo population (called by ``seed_demo``)."""

from __future__ import annotations

from django.urls import reverse

from werkpad.demo.seed import seed_database
from werkpad.employers.choices import Sector
from werkpad.employers.demo import SECTOR_WEIGHTS
from werkpad.employers.models import Employer, Placement, TwvApplication, Vacancy
from werkpad.pathway.models import AftercareCheckIn


def test_demo_has_employers_vacancies_twv_and_placements(db, client):
    ctx = seed_database(size=120, seed=7)
    assert set(SECTOR_WEIGHTS) == set(Sector.values)
    assert set(Employer.objects.values_list("sector", flat=True)) == set(Sector.values)
    open_sectors = set(Vacancy.objects.filter(status="open").values_list("sector", flat=True))
    assert len(open_sectors) >= 6
    assert (
        Employer.objects.filter(kind="regulier").count()
        > Employer.objects.filter(kind="uitzendbureau").count()
    )
    # Vacancies: a demo-taxonomy occupation of the employer's sector, located where the
    # participants live, mostly A0-A2, flexible rosters with a window to plan in.
    from werkpad.core.taxonomy.demo import demo_sector_of
    from werkpad.demo import data
    from werkpad.employers.demo import TAXONOMY_SECTORS
    from werkpad.participants.models import Participant

    homes = set(Participant.objects.values_list("municipality_id", flat=True))
    levels = {}
    for v in Vacancy.objects.select_related("employer", "location"):
        sector = demo_sector_of(v.occupation_uri)
        assert sector is not None, v.occupation_uri
        assert data.TAXONOMY_SECTOR.get(sector, sector) in TAXONOMY_SECTORS[v.employer.sector]
        assert v.location.municipality_id in homes
        assert v.roster_mask, "fixed and flexible rosters both name dagdelen"
        levels[v.dutch_level] = levels.get(v.dutch_level, 0) + 1
    assert levels.get("B1", 0) < sum(levels.get(k, 0) for k in ("A0", "A1", "A2")) / 2
    placements = Placement.objects.all()
    assert placements.exists()
    assert placements.filter(lks=True).exists() and placements.filter(jobcoach=True).exists()
    for placement in placements:
        assert placement.participant.status in ("startbaan",)
    assert AftercareCheckIn.objects.filter(done_on__isnull=True, track="employer").exists()
    assert AftercareCheckIn.objects.filter(done_on__isnull=True, track="newcomer").exists()
    statuses = set(TwvApplication.objects.values_list("status", flat=True))
    assert {"prepared", "submitted", "granted"} <= statuses
    employer_logins = [login for login in ctx.logins if login[0] == "employer"]
    assert employer_logins
    credentials = {"username": employer_logins[0][1], "password": employer_logins[0][2]}
    assert client.post(reverse("accounts:login"), credentials).status_code == 302
    assert client.get(reverse("employers:portal_home")).status_code == 200


def test_demo_is_deterministic(transactional_db):
    seed_database(size=60, seed=3)
    first = sorted(Vacancy.objects.values_list("title", "employer__organisation__name"))
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    seed_database(size=60, seed=3)
    assert sorted(Vacancy.objects.values_list("title", "employer__organisation__name")) == first


def test_bulk_placements_carry_the_same_records_as_the_action(db, monkeypatch):
    """A large demo writes placements and shortlists after the first few in bulk: the same kinds
    of rows as the actions (placement on the startbaan enrolment, pathway's aftercare schedule
    with both tracks' check-ins, past ones done, the file's history)."""
    from werkpad.core.pathway import aftercare as core_aftercare
    from werkpad.employers import demo as employers_demo
    from werkpad.employers.models import Shortlist
    from werkpad.participants.models import ChangeRecord, Participant
    from werkpad.pathway.models import AftercareSchedule

    monkeypatch.setattr(employers_demo, "AUDITED_PLACEMENTS", 2)
    monkeypatch.setattr(employers_demo, "AUDITED_SHORTLISTS", 2)
    ctx = seed_database(size=120, seed=7)
    in_startbaan = Participant.objects.filter(status="startbaan")
    assert in_startbaan.count() > 3
    # Everyone in a startbaan has a placement, on an enrolment in its startbaan.
    assert not in_startbaan.exclude(placements__isnull=False).exists()
    placements = Placement.objects.select_related("enrolment", "aftercare")
    assert placements.count() > 3
    for placement in placements:
        assert placement.enrolment is not None
        schedule = AftercareSchedule.objects.get(placement=placement)
        assert schedule.participant_id == placement.participant_id
        planned = core_aftercare.schedule(
            placement.start_date,
            weekly_weeks=schedule.weekly_weeks,
            monthly_until_months=schedule.monthly_until_months,
        )
        check_ins = list(schedule.check_ins.all())
        assert sorted((c.track, c.due_on) for c in check_ins) == sorted(
            (m.track.value, m.due_on) for m in planned
        )
        assert {c.track for c in check_ins} == {"newcomer", "employer"}
        for c in check_ins:
            assert c.public_id is not None and c.issues == []
            if c.due_on >= ctx.today:
                assert c.done_on is None
            if c.done_on is not None:
                assert c.done_on == c.due_on and c.how == "good"
        assert ChangeRecord.objects.filter(
            participant_id=placement.participant_id, section="placement"
        ).exists()
    # Most past check-ins are recorded as done; public ids are distinct.
    past = AftercareCheckIn.objects.filter(due_on__lt=ctx.today)
    assert past.filter(done_on__isnull=False).count() > past.count() / 2
    ids = list(AftercareCheckIn.objects.values_list("public_id", flat=True))
    assert len(ids) == len(set(ids))
    # Shortlists written in bulk have their history too.
    for entry in Shortlist.objects.all():
        assert ChangeRecord.objects.filter(
            participant_id=entry.participant_id, section="shortlist"
        ).exists()
