"""Employers invite or decline shortlisted candidates in the portal; the answers are learning
data for the matcher's weights."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.factories_employers import EmployerFactory, ShortlistFactory, VacancyFactory
from werkpad.accounts.models import OrganisationKind, Role
from werkpad.audit.models import AccessLogEntry
from werkpad.employers.models import EmployerResponse
from werkpad.matching import weights as learned
from werkpad.matching.models import MatchDecision


def test_employer_invites_and_declines_and_the_answers_are_learning_data(world, login):
    employer = EmployerFactory(organisation=world.employer_org)
    vacancy = VacancyFactory(employer=employer, title="Timmerman Utrecht")
    entry = ShortlistFactory(vacancy=vacancy, participant=world.participant, added_by=world.anna)
    MatchDecision.objects.create(
        coach=world.anna,
        participant=world.participant,
        vacancy=vacancy,
        decision="shortlist",
        reason_code="good_fit",
        score=0.6,
        shown={"components": [{"name": "skills", "value": 0.7}]},
        weights_version="w-test",
    )
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    eva = login(world.eva)
    page = eva.get(reverse("employers:portal_vacancy", args=[vacancy.pk]))
    assert "Invite for an interview" in page.text
    url = reverse("employers:portal_respond", args=[vacancy.pk, str(entry.public_id)])
    response = eva.post(url, {"decision": "invite", "reason_code": "good_fit"})
    assert response.status_code == 302
    bad = eva.post(url, {"decision": "decline", "reason_code": "other"}, follow=True)
    assert "Explain the reason" in bad.text  # kept out, told why
    eva.post(url, {"decision": "decline", "reason_code": "filled"})
    assert list(EmployerResponse.objects.order_by("id").values_list("decision", flat=True)) == [
        "invite",
        "decline",
    ]
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, user=world.eva, participant=world.participant
    ).exists()
    data = learned.observations()
    assert [o.positive for o in data] == [True, True, False]  # coach shortlist, invite, decline

    # another employer's contact cannot answer for this vacancy
    rival = OrganisationFactory(name="Zon", kind=OrganisationKind.EMPLOYER)
    zoe = UserFactory(username="zoe", role=Role.EMPLOYER, organisation=rival)
    EmployerFactory(organisation=rival)
    assert login(zoe).post(url, {"decision": "invite", "reason_code": "good_fit"}).status_code in (
        403,
        404,
    )
    assert EmployerResponse.objects.count() == 2


def test_employer_answers_through_the_api(world, login):
    employer = EmployerFactory(organisation=world.employer_org)
    vacancy = VacancyFactory(employer=employer)
    entry = ShortlistFactory(vacancy=vacancy, participant=world.participant, added_by=world.anna)
    eva = login(world.eva)
    url = f"/api/employers/vacancies/{vacancy.pk}/candidates/{entry.public_id}/respond"
    ok = eva.post(
        url, {"decision": "invite", "reason_code": "good_fit"}, content_type="application/json"
    )
    assert ok.status_code == 201 and ok.json()["decision"] == "invite"
    bad = eva.post(
        url, {"decision": "decline", "reason_code": "other"}, content_type="application/json"
    )
    assert bad.status_code == 422
    coach = login(world.anna).post(
        url, {"decision": "invite", "reason_code": "good_fit"}, content_type="application/json"
    )
    assert coach.status_code == 403
