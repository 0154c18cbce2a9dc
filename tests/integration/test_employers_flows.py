"""Coach-side flows of the employer desk through real HTTP: shortlist, TWV, placement, aftercare."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.factories_employers import EmployerFactory, ShortlistFactory, TwvFactory, VacancyFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.employers import terms
from werkpad.employers.models import Employer, Placement, Shortlist, Vacancy
from werkpad.pathway import aftercare
from werkpad.pathway.models import AftercareCheckIn


@pytest.fixture
def vacancy(world):
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.bram)
    return VacancyFactory(employer=employer, title="Timmerman Utrecht", places=1)


def test_coach_creates_employer_and_vacancy_with_errors_kept(world, login):
    client = login(world.anna)
    response = client.post(
        reverse("employers:employer_new"),
        {"name": "Logistiek BV", "kind": "uitzendbureau", "sector": "logistiek"},
    )
    assert response.status_code == 200  # contact person missing
    assert "Logistiek BV" in response.text  # what was typed is kept
    response = client.post(
        reverse("employers:employer_new"),
        {
            "name": "Logistiek BV",
            "kind": "uitzendbureau",
            "sector": "logistiek",
            "contact_name": "Jan",
            "experience_with_status_holders": "unknown",
        },
    )
    employer = Employer.objects.get(organisation__name="Logistiek BV")
    assert response.status_code == 302
    assert employer.organisation.kind == "employer"
    bad = client.post(
        reverse("employers:vacancy_new") + f"?employer={employer.pk}",
        {"title": "Orderpicker", "occupation": "orderpicker", "hours_per_week": "80"},
    )
    assert bad.status_code == 200
    assert "Orderpicker" in bad.text
    assert "Enter between 1 and 60 hours a week." in bad.text
    assert "Tick the dagdelen of the roster, or mark it flexible." in bad.text
    ok = client.post(
        reverse("employers:vacancy_new") + f"?employer={employer.pk}",
        {
            "title": "Orderpicker",
            "occupation": "orderpicker",
            "sector": "logistiek",
            "hours_per_week": "24",
            "roster": ["mon_morning", "tue_afternoon"],
            "contract_kind": "temp_agency",
            "dutch_level": "A1",
            "self_development": "minimal",
            "places": "3",
            "status": "open",
            "certificates": ["forklift", "driving_licence"],
            "driving_licence_category": "b",
        },
    )
    assert ok.status_code == 302, ok.text
    vacancy = Vacancy.objects.get(title="Orderpicker")
    assert vacancy.roster_mask == (1 << 0) | (1 << 4)
    assert {"kind": "driving_licence", "detail": "B"} in vacancy.required_certificates
    listing = client.get(reverse("employers:vacancy_list") + "?status=open&sector=logistiek")
    assert "Orderpicker" in listing.text


def test_shortlist_only_participants_the_coach_may_see(world, login, vacancy):
    stranger = ParticipantFactory(first_name="Omar", organisation=world.vwn)
    client = login(world.anna)
    page = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk]))
    assert "Nadia Haddad" in page.text and "Omar" not in page.text
    client.post(
        reverse("employers:shortlist_add", args=[vacancy.pk]),
        {"participant": str(stranger.public_id)},
    )
    assert not Shortlist.objects.filter(participant=stranger).exists()
    client.post(
        reverse("employers:shortlist_add", args=[vacancy.pk]),
        {"participant": str(world.participant.public_id), "reason": "Ervaring in de bouw"},
    )
    entry = Shortlist.objects.get(participant=world.participant)
    assert entry.added_by == world.anna
    assert world.participant.changes.filter(section="shortlist").exists()


def test_twv_tracked_to_granted_with_expected_dates_from_parameters(world, login, vacancy):
    client = login(world.anna)
    response = client.post(
        reverse("employers:twv_new"),
        {
            "participant": str(world.participant.public_id),
            "vacancy": vacancy.pk,
            "prepared_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    twv = world.participant.twv_applications.get()
    today = timezone.localdate()
    future = client.post(
        reverse("employers:twv_step", args=[twv.public_id, "submit"]),
        {"submitted_on": (today + timedelta(days=3)).isoformat()},
    )
    assert future.status_code == 400
    assert "This date lies in the future." in future.text
    client.post(
        reverse("employers:twv_step", args=[twv.public_id, "submit"]),
        {"submitted_on": today.isoformat(), "uwv_reference": "UWV-123"},
    )
    twv.refresh_from_db()
    expected = terms.expected_twv_decision(today)
    assert twv.status == "submitted"
    assert twv.expected == expected
    assert expected.legal == today + timedelta(weeks=expected.legal_weeks)
    detail = client.get(reverse("employers:twv_detail", args=[twv.public_id]))
    assert expected.source in detail.text
    client.post(
        reverse("employers:twv_step", args=[twv.public_id, "decide"]),
        {"outcome": "granted", "decided_on": today.isoformat()},
    )
    twv.refresh_from_db()
    assert twv.status == "granted" and twv.decided_on == today
    labels = list(
        world.participant.changes.filter(section="twv").values_list("new_value", flat=True)
    )
    assert labels[0] == "Granted"


def test_overdue_twv_is_flagged_for_coach_and_account_manager(world, login, vacancy):
    late = TwvFactory(participant=world.participant, vacancy=vacancy, submitted_long_ago=True)
    TwvFactory(
        participant=ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna),
        vacancy=vacancy,
        submitted_recently=True,
    )
    assert late.overdue_level(timezone.localdate()) == "practical"
    page = login(world.anna).get(reverse("employers:twv_list"))
    assert "1 application is past its decision term." in page.text
    # Bram manages the employer but may not open Nadia's file: flagged, pseudonymised.
    ShortlistFactory(vacancy=vacancy, participant=world.participant)
    dash = login(world.bram).get(reverse("employers:dashboard"))
    assert "Past the practical term" in dash.text
    assert "Nadia" not in dash.text


def test_register_placement_sets_status_and_plans_aftercare(world, login, vacancy):
    ShortlistFactory(vacancy=vacancy, participant=world.participant)
    client = login(world.anna)
    form = client.get(
        reverse("employers:placement_new", args=[world.participant.public_id])
        + f"?vacancy={vacancy.pk}"
    )
    assert form.status_code == 200
    start = timezone.localdate()
    response = client.post(
        reverse("employers:placement_new", args=[world.participant.public_id]),
        {
            "employer": vacancy.employer_id,
            "vacancy": vacancy.pk,
            "kind": "paid",
            "found_via": "service",
            "start_date": start.isoformat(),
            "contract_months": "12",
            "hours_kind": "fixed",
            "hours_per_week": "32",
            "wage_hourly": "14.80",
            "lks": "on",
            "jobcoach": "on",
        },
    )
    assert response.status_code == 302, response.text
    placement = Placement.objects.get()
    world.participant.refresh_from_db()
    assert world.participant.status == "startbaan"
    assert world.participant.status_changes.filter(status="startbaan", date=start).exists()
    assert placement.occupation == vacancy.occupation and placement.sector == vacancy.sector
    assert placement.instruments == [
        "Wage-cost subsidy (loonkostensubsidie)",
        "Job coach",
    ]
    planned = aftercare.planned_dates(start)
    moments = list(AftercareCheckIn.objects.filter(schedule__placement=placement, track="employer"))
    assert len(moments) == len(planned) > 0
    assert {m.owner for m in moments} == {world.bram}
    assert moments[0].due_on == planned[0][1]
    # The newcomer gets the same rhythm, held by the regiehouder.
    theirs = AftercareCheckIn.objects.filter(schedule__placement=placement, track="newcomer")
    assert [c.due_on for c in theirs] == [d for _p, d in planned]
    assert {c.owner for c in theirs} == {world.anna}
    assert Shortlist.objects.get().status == "hired"
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"
    # One access-log entry per participant per request: the request created records in the file
    # (here first the enrolment the placement moves, then the placement).
    assert AccessLogEntry.objects.filter(participant=world.participant, action="create").exists()
    # The account manager's dashboard shows the first moment.
    dash = login(world.bram).get(reverse("employers:dashboard"))
    assert "weekly aftercare" in dash.text
    # Bram manages the employer but may not open Nadia's file: the placement, not her name.
    assert "Nadia" not in dash.text
    # Recording the check-in takes it off the list of due moments.
    first = moments[0]
    client = login(world.bram)
    client.post(
        reverse("pathway:check_in", args=[first.public_id]),
        {"done_on": timezone.localdate().isoformat(), "how": "good", "note": "Gaat goed"},
    )
    first.refresh_from_db()
    assert first.done_on == timezone.localdate() and first.how == "good"


def test_placement_form_errors_keep_input(world, login, vacancy):
    other = EmployerFactory()
    response = login(world.anna).post(
        reverse("employers:placement_new", args=[world.participant.public_id]),
        {
            "employer": other.pk,
            "vacancy": vacancy.pk,
            "found_via": "service",
            "kind": "paid",
            "start_date": timezone.localdate().isoformat(),
            "hours_kind": "fixed",
            "hours_per_week": "75",
        },
    )
    assert response.status_code == 200
    assert "Choose a vacancy of this employer." in response.text
    assert "Enter between 0 and 60 hours a week." in response.text
    assert not Placement.objects.exists()
    world.participant.refresh_from_db()
    assert world.participant.status != "startbaan"


def test_end_placement_cancels_future_aftercare(world, login, vacancy):
    from werkpad.employers import actions

    placement = actions.register_placement(
        world.anna,
        world.participant,
        employer=vacancy.employer,
        vacancy=vacancy,
        found_via="service",
        start_date=timezone.localdate() - timedelta(days=30),
        hours_kind="fixed",
        hours_per_week=24,
    )
    end = timezone.localdate()
    response = login(world.anna).post(
        reverse("employers:placement_detail", args=[placement.public_id]),
        {"end_date": end.isoformat(), "reason": "contract_ended", "new_status": "mediation"},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.end_date == end
    assert not AftercareCheckIn.objects.filter(
        schedule__placement=placement, due_on__gt=end
    ).exists()
    assert AftercareCheckIn.objects.filter(schedule__placement=placement).exists()
    world.participant.refresh_from_db()
    assert world.participant.status == "mediation"
    vacancy.refresh_from_db()
    assert vacancy.status == "open"


def test_participant_file_shows_employer_desk_section(world, login, vacancy):
    ShortlistFactory(vacancy=vacancy, participant=world.participant)
    page = login(world.anna).get(reverse("participants:detail", args=[world.participant.public_id]))
    assert "Jobs, TWV and placements" in page.text
    assert "Timmerman Utrecht" in page.text


def test_employer_submits_and_closes_vacancy_in_portal(world, login):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    data = {
        "title": "Stukadoor",
        "occupation": "stukadoor",
        "sector": "bouw_techniek",
        "hours_per_week": "36",
        "roster_flexible": "on",
        "contract_kind": "permanent",
        "dutch_level": "A2",
        "self_development": "some",
        "places": "2",
    }
    response = client.post(reverse("employers:portal_vacancy_new"), {**data, "intent": "submit"})
    assert response.status_code == 302
    vacancy = Vacancy.objects.get(title="Stukadoor")
    assert vacancy.status == "open" and vacancy.created_by == world.eva
    client.post(
        reverse("employers:portal_vacancy_edit", args=[vacancy.pk]), {**data, "intent": "close"}
    )
    vacancy.refresh_from_db()
    assert vacancy.status == "closed"
    assert client.get(reverse("employers:twv_checklist")).status_code == 200


def test_checklist_is_bilingual_with_terms_from_parameters(world, login):
    page = login(world.anna).get(reverse("employers:twv_checklist"))
    expected = terms.expected_twv_decision(timezone.localdate())
    assert "Checklist tewerkstellingsvergunning (TWV)" in page.text
    assert "Checklist work permit (TWV)" in page.text
    assert f"wettelijk {expected.legal_weeks} weken" in page.text
    assert f"{expected.practical_weeks} weeks" in page.text
    assert login(world.ali).get(reverse("employers:twv_checklist")).status_code == 403


def test_home_lands_employer_and_newcomer_on_their_pages(world, login):
    EmployerFactory(organisation=world.employer_org)
    assert login(world.eva).get("/").url == reverse("employers:portal_home")
    assert login(world.nadia).get("/").url == reverse("portal:home")


def test_coach_pages_render_and_log_named_reads(world, login, vacancy):
    from werkpad.employers import actions

    ShortlistFactory(vacancy=vacancy, participant=world.participant)
    TwvFactory(participant=world.participant, vacancy=vacancy, submitted_recently=True)
    placement = actions.register_placement(
        world.anna,
        world.participant,
        employer=vacancy.employer,
        found_via="self",
        occupation="timmerman",
        start_date=timezone.localdate(),
        hours_kind="flexible",
        hours_per_week=20,
    )
    client = login(world.anna)
    for url in [
        reverse("employers:employer_list") + "?sector=bouw_techniek&kind=regulier&q=vries",
        reverse("employers:employer_detail", args=[vacancy.employer_id]),
        reverse("employers:employer_edit", args=[vacancy.employer_id]),
        reverse("employers:location_new", args=[vacancy.employer_id]),
        reverse("employers:vacancy_list") + "?status=",
        reverse("employers:vacancy_edit", args=[vacancy.pk]),
        reverse("employers:twv_list") + "?status=",
        reverse("employers:twv_new") + f"?participant={world.participant.public_id}",
        reverse("employers:placement_detail", args=[placement.public_id]),
        reverse("employers:dashboard"),
        reverse("employers:import"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, what="twv list"
    ).exists()
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, what="employer"
    ).exists()
    import uuid

    assert client.get(reverse("employers:twv_detail", args=[uuid.uuid4()])).status_code == 404


def test_location_postcode_is_validated(world, login, vacancy):
    response = login(world.anna).post(
        reverse("employers:location_new", args=[vacancy.employer_id]),
        {"address": "Kade 1", "postcode": "12345", "latitude": "52.1"},
    )
    assert response.status_code == 200
    assert "Enter a Dutch postcode such as 3511AB." in response.text
    assert "Enter both latitude and longitude, or neither." in response.text


def test_employer_cannot_reopen_a_filled_vacancy(world, login):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    data = {
        "title": "Stukadoor (gewijzigd)",
        "occupation": "stukadoor",
        "sector": "bouw_techniek",
        "hours_per_week": "36",
        "roster_flexible": "on",
        "contract_kind": "permanent",
        "dutch_level": "A2",
        "self_development": "some",
        "places": "1",
    }
    client.post(reverse("employers:portal_vacancy_new"), {**data, "intent": "submit"})
    vacancy = Vacancy.objects.get(title="Stukadoor (gewijzigd)")
    Vacancy.objects.filter(pk=vacancy.pk).update(status="filled", title="Stukadoor")
    for intent in ("submit", "draft"):
        response = client.post(
            reverse("employers:portal_vacancy_edit", args=[vacancy.pk]), {**data, "intent": intent}
        )
        assert response.status_code == 302, response.context["form"].errors
        vacancy.refresh_from_db()
        assert vacancy.status == "filled", intent
    assert vacancy.title == "Stukadoor (gewijzigd)"  # the details were saved
    client.post(
        reverse("employers:portal_vacancy_edit", args=[vacancy.pk]), {**data, "intent": "close"}
    )
    vacancy.refresh_from_db()
    assert vacancy.status == "closed"


def test_vacancy_without_a_creator_can_be_edited(world, login):
    """Imported vacancies (and those whose creator's account is gone) have no creator."""
    employer = EmployerFactory(organisation=world.employer_org)
    vacancy = VacancyFactory(employer=employer, title="Stukadoor", created_by=None)
    data = {
        "title": "Stukadoor Zuid",
        "occupation": "stukadoor",
        "sector": "bouw_techniek",
        "hours_per_week": "36",
        "roster_flexible": "on",
        "contract_kind": "permanent",
        "dutch_level": "A2",
        "self_development": "some",
        "places": "1",
    }
    response = login(world.eva).post(
        reverse("employers:portal_vacancy_edit", args=[vacancy.pk]), {**data, "intent": "submit"}
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Stukadoor Zuid"
