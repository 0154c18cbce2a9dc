"""The caseload list (filters, sorting, pagination) and who may reach participant URLs at all."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import CoachLinkFactory, MunicipalityFactory, ParticipantFactory


@pytest.fixture
def login(db):
    def _login(user):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def caseload(world):
    """Anna's caseload: Nadia Haddad (world) plus five more, one of them of another organisation."""
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort")
    utrecht_gm = world.participant.municipality
    make = ParticipantFactory
    people = [
        make(
            first_name="Bilal",
            last_name="Ahmadi",
            phase="inburgering",
            dutch_spoken="A2",
            municipality=utrecht_gm,
            organisation=world.utrecht,
            regiehouder=world.anna,
        ),
        make(
            first_name="Chana",
            last_name="Berhe",
            phase="inburgering",
            dutch_spoken="B1",
            municipality=amersfoort,
            organisation=world.utrecht,
            regiehouder=world.anna,
        ),
        make(
            first_name="Dawit",
            last_name="Zerai",
            phase="after_inburgering",
            dutch_spoken="B1",
            municipality=amersfoort,
            organisation=world.utrecht,
            regiehouder=world.anna,
            status="mediation",
        ),
        make(
            first_name="Elif",
            last_name="Yilmaz",
            phase="asylum_seeker",
            dutch_spoken="A0",
            municipality=utrecht_gm,
            organisation=world.utrecht,
            regiehouder=world.anna,
        ),
    ]
    other_org = make(
        first_name="Farid",
        last_name="Karimi",
        phase="inburgering",
        dutch_spoken="A2",
        municipality=amersfoort,
        organisation=world.vwn,
        regiehouder=world.cees,
    )
    CoachLinkFactory(participant=other_org, coach=world.anna)
    ParticipantFactory(first_name="Not", last_name="Mine", organisation=world.utrecht)
    return [world.participant, *people, other_org]


def names(response):
    body = (
        response.text.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in response.text else ""
    )
    return re.findall(r'/">(\w+), \w+</a>', body)


def get(client, **params):
    return client.get(reverse("participants:caseload"), params)


def test_caseload_default_sorted_by_name(world, caseload, login):
    response = get(login(world.anna))
    assert response.status_code == 200
    assert names(response) == ["Ahmadi", "Berhe", "Haddad", "Karimi", "Yilmaz", "Zerai"]
    assert "Mine" not in response.text


def test_filters(world, caseload, login):
    anna = login(world.anna)
    assert names(get(anna, phase="inburgering")) == ["Ahmadi", "Berhe", "Karimi"]
    assert names(get(anna, dutch="B1")) == ["Berhe", "Zerai"]
    amersfoort = caseload[2].municipality
    assert names(get(anna, municipality=amersfoort.pk)) == ["Berhe", "Karimi", "Zerai"]
    assert names(get(anna, organisation=world.vwn.pk)) == ["Karimi"]
    assert names(get(anna, phase="inburgering", dutch="A2", organisation=world.utrecht.pk)) == [
        "Ahmadi"
    ]
    # Nonsense values are ignored, not an error.
    assert len(names(get(anna, phase="martian", dutch="Z9", municipality="x", sort="evil"))) == 6


def test_filter_options_only_from_visible_files(world, caseload, login):
    page = get(login(world.anna)).text
    assert "VluchtelingenWerk Amersfoort" in page  # Karimi is linked to anna
    assert "Bouwbedrijf De Vries" not in page


def test_sorting(world, caseload, login):
    anna = login(world.anna)
    assert names(get(anna, sort="-name")) == [
        "Zerai",
        "Yilmaz",
        "Karimi",
        "Haddad",
        "Berhe",
        "Ahmadi",
    ]
    # Phases and statuses sort in pipeline order, then by name.
    assert names(get(anna, sort="phase")) == [
        "Haddad",  # asylum seeker
        "Yilmaz",  # asylum seeker
        "Ahmadi",  # inburgering
        "Berhe",
        "Karimi",
        "Zerai",  # after inburgering
    ]
    assert names(get(anna, sort="status"))[-1] == "Zerai"  # in mediation comes after unknown
    numbers = names(get(anna, sort="number"))
    assert sorted(numbers) == sorted(names(get(anna)))


def test_pagination_keeps_filters(world, caseload, login, settings):
    settings.WERKPAD_PAGE_SIZE = 2
    anna = login(world.anna)
    first = get(anna, phase="inburgering")
    assert names(first) == ["Ahmadi", "Berhe"]
    assert "Page 1 of 2" in first.text
    assert "phase=inburgering&amp;page=2" in first.text
    second = get(anna, phase="inburgering", page=2)
    assert names(second) == ["Karimi"]
    assert names(get(anna, page=2)) == ["Haddad", "Karimi"]
    assert names(get(anna, page=3)) == ["Yilmaz", "Zerai"]
    assert names(get(anna, page=999)) == ["Yilmaz", "Zerai"]  # out of range: last page


def test_htmx_request_gets_only_the_table(world, caseload, login):
    response = login(world.anna).get(
        reverse("participants:caseload"), {"phase": "inburgering"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.text
    assert names(response) == ["Ahmadi", "Berhe", "Karimi"]


def test_scope_all_includes_consented_colleague_files(world, caseload, login):
    from tests.factories import ConsentFactory

    mine_not = ParticipantFactory(first_name="Gul", last_name="Noori", organisation=world.utrecht)
    ConsentFactory(participant=mine_not, scope="organisation")
    anna = login(world.anna)
    assert "Noori" not in names(get(anna))
    assert "Noori" in names(get(anna, scope="all"))


def test_caseload_list_is_logged(world, caseload, login):
    from werkpad.audit.models import AccessLogEntry

    get(login(world.anna))
    assert AccessLogEntry.objects.filter(user=world.anna, action="list").count() == 6


# Every participant URL refuses non-coaches.


def participant_urls(p):
    from werkpad.participants.models import Consent

    lang = p.languages.create(language="ar")
    consent = Consent.objects.create(participant=p, scope="research", given_at=p.created_at)
    link = p.coach_links.create(coach=p.regiehouder)
    pid = p.public_id
    get_urls = [
        reverse("participants:caseload"),
        reverse("participants:intake_start"),
        reverse("participants:detail", args=[pid]),
        reverse("participants:history", args=[pid]),
        reverse("participants:edit_section", args=[pid, "person"]),
        reverse("participants:intake_resume", args=[pid]),
        reverse("participants:intake_step", args=[pid, "languages"]),
        reverse("participants:row_add", args=[pid, "languages"]),
        reverse("participants:row_edit", args=[pid, "languages", lang.pk]),
        reverse("participants:status", args=[pid]),
        reverse("participants:consent_add", args=[pid]),
        reverse("participants:coach_link", args=[pid]),
        reverse("participants:regiehouder", args=[pid]),
    ]
    post_only = [
        reverse("participants:row_remove", args=[pid, "languages", lang.pk]),
        reverse("participants:consent_withdraw", args=[pid, consent.pk]),
        reverse("participants:coach_unlink", args=[pid, link.pk]),
    ]
    return get_urls, post_only


@pytest.mark.parametrize("who", ["eva", "ali", "ada", "nadia"])
def test_non_coaches_get_403_or_404_on_every_participant_url(world, login, who):
    p = world.participant
    get_urls, post_only = participant_urls(p)
    client = login(getattr(world, who))
    for u in get_urls:
        response = client.get(u)
        assert response.status_code in (403, 404), u
        # the page body shows nothing of the file (the header names the logged-in user: Nadia herself)
        assert "Haddad" not in response.text.split('id="main"', 1)[-1]
        response = client.post(u, {"first_name": "Hacked", "language": "x", "status": "ended"})
        assert response.status_code in (403, 404), u
    for u in post_only:
        assert client.post(u).status_code in (403, 404), u
    p.refresh_from_db()
    assert p.first_name == "Nadia" and p.status != "ended"
    assert p.languages.count() == 1 and p.coach_links.count() == 1
    assert p.consents.get().withdrawn_at is None


def test_coach_of_other_organisation_gets_404_everywhere(world, login):
    get_urls, post_only = participant_urls(world.participant)
    cees = login(world.cees)
    for u in get_urls[2:]:
        assert cees.get(u).status_code == 404, u
    for u in post_only:
        assert cees.post(u).status_code == 404, u


def test_the_count_of_an_unfiltered_list_is_that_of_the_list(world, caseload, login, settings):
    # Without filters the number comes from the pass that also gives the filter choices.
    from tests.factories import ConsentFactory
    from werkpad.participants import access

    settings.WERKPAD_PAGE_SIZE = 4
    colleague = ParticipantFactory(first_name="Gul", last_name="Noori", organisation=world.utrecht)
    ConsentFactory(participant=colleague, scope="organisation")
    anna = login(world.anna)
    mine = access.caseload(world.anna).count()
    everyone = access.visible_participants(world.anna).count()
    assert mine == 6 and everyone > mine
    assert f"{mine} participants" in get(anna).text
    assert "Page 1 of 2" in get(anna).text
    assert f"{everyone} participants" in get(anna, scope="all").text
    assert "3 participants" in get(anna, phase="inburgering").text
