"""Issue 19 point 2, purposes enforced: every way a coach reaches a file serves a purpose and must
rest on a ground (the newcomer's consent or a documented legal task). Without one the file is
left out of lists and exports and refused (404) on pages and API, logged as ``denied`` with
"no ground". Through real HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConsentFactory, OrganisationFactory, ParticipantFactory, UserFactory
from werkpad.accounts.models import OrganisationKind, Role
from werkpad.audit.models import AccessLogEntry, Action
from werkpad.handovers import actions as handover_actions
from werkpad.participants.choices import ConsentScope

pytestmark = pytest.mark.django_db


def _baseline():
    last = AccessLogEntry.objects.order_by("-pk").first()
    return last.pk if last else 0


@pytest.fixture
def coa_file(world):
    """A file of a COA location (no legal task for guidance in Werkpad's purpose table): its
    casemanager may work in it only with the newcomer's consent for guidance."""
    coa = OrganisationFactory(name="COA azc Amersfoort", kind=OrganisationKind.COA)
    casemanager = UserFactory(username="coos", role=Role.COACH, organisation=coa)
    p = ParticipantFactory(last_name="Zonderbasis", organisation=coa, regiehouder=casemanager)
    return casemanager, p


def _reach(client, p):
    """What the coach reaches of file ``p``: the file page, the API, the caseload, an export."""
    return {
        "page": client.get(reverse("participants:detail", args=[p.public_id])).status_code,
        "api": client.get(f"/api/participants/{p.public_id}/sections/person").status_code,
        "caseload": p.last_name in client.get(reverse("participants:caseload")).content.decode(),
        "export": p.number
        in client.get(reverse("handovers:export", args=["person"])).content.decode(),
    }


def test_without_consent_or_legal_ground_the_regiehouder_is_refused(world, login, coa_file):
    casemanager, p = coa_file
    client = login(casemanager)
    baseline = _baseline()
    assert _reach(client, p) == {"page": 404, "api": 404, "caseload": False, "export": False}
    denied = AccessLogEntry.objects.filter(
        pk__gt=baseline, user=casemanager, participant=p, action=Action.DENIED
    )
    assert denied.exists() and all(e.what.endswith("(no ground)") for e in denied)

    consent = ConsentFactory(participant=p, scope=ConsentScope.ORGANISATION)  # for guidance
    assert _reach(client, p) == {"page": 200, "api": 200, "caseload": True, "export": True}

    # Consent for another purpose does not ground guidance; withdrawing ends it at once.
    consent.withdrawn_at = timezone.now()
    consent.save()
    ConsentFactory(participant=p, scope="research")
    assert _reach(client, p) == {"page": 404, "api": 404, "caseload": False, "export": False}


def test_a_municipality_file_rests_on_the_legal_task(world, login):
    """Gemeente Utrecht guides under Participatiewet art. 7: Anna needs no consent, and a coach
    she links (Cees of VluchtelingenWerk) works under the same task."""
    from tests.factories import CoachLinkFactory

    assert not world.participant.consents.exists()
    assert _reach(login(world.anna), world.participant)["page"] == 200
    CoachLinkFactory(participant=world.participant, coach=world.cees)
    assert _reach(login(world.cees), world.participant)["page"] == 200


def test_a_link_for_another_purpose_needs_its_own_ground(world, login):
    """A link for a handover rests on consent for a handover; a link for research never opens
    the file on the casework pages, whatever the consent (the pages state casework purposes)."""
    from tests.factories import CoachLinkFactory

    link = CoachLinkFactory(
        participant=world.participant,
        coach=world.cees,
        purpose="handover",
        read_sections=["person"],
        edit_sections=[],
    )
    client = login(world.cees)
    assert _reach(client, world.participant)["page"] == 404
    ConsentFactory(
        participant=world.participant,
        scope=ConsentScope.ORGANISATION_OTHER,
        recipient=world.vwn,
        purpose_code="handover",
    )
    assert _reach(client, world.participant)["page"] == 200
    link.purpose = "research"
    link.save()
    ConsentFactory(participant=world.participant, scope="research", purpose_code="research")
    assert _reach(client, world.participant)["page"] == 404


def test_handover_receiver_loses_the_file_when_consent_is_withdrawn(world, login):
    consent = ConsentFactory(
        participant=world.participant,
        scope=ConsentScope.ORGANISATION_OTHER,
        recipient=world.vwn,
        purpose_code="handover",
    )
    h = handover_actions.propose(
        world.anna, world.participant, world.cees, shared_sections=["person", "work"]
    )
    handover_actions.accept(world.cees, h)
    client = login(world.cees)
    assert _reach(client, world.participant)["page"] == 200
    consent.withdrawn_at = timezone.now()
    consent.save()
    baseline = _baseline()
    assert _reach(client, world.participant) == {
        "page": 404,
        "api": 404,
        "caseload": False,
        "export": False,
    }
    assert AccessLogEntry.objects.filter(
        pk__gt=baseline, user=world.cees, action=Action.DENIED, what__endswith="(no ground)"
    ).exists()


def test_a_handover_does_not_open_the_file_for_guidance_work(world, login):
    """Purpose limitation: the receiver of an accepted handover reads the shared sections, but
    the file is no candidate on the receiver's vacancy pages (matching serves guidance)."""
    from tests.factories_employers import VacancyFactory
    from werkpad.participants import access

    ConsentFactory(
        participant=world.participant,
        scope=ConsentScope.ORGANISATION_OTHER,
        recipient=world.vwn,
        purpose_code="handover",
    )
    h = handover_actions.propose(
        world.anna, world.participant, world.cees, shared_sections=["work"]
    )
    handover_actions.accept(world.cees, h)
    assert access.visible_participants(world.cees).filter(pk=world.participant.pk).exists()
    assert not access.visible_participants(world.cees, access.GUIDANCE_ONLY).exists()
    assert not access.scope_of(world.cees, world.participant, access.GUIDANCE_ONLY).read
    vacancy = VacancyFactory()
    page = login(world.cees).get(reverse("matching:vacancy_candidates", args=[vacancy.pk]))
    assert world.participant.last_name not in page.content.decode()
