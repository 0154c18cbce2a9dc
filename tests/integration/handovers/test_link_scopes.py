"""Scoped coach links: pages, API and exports, with refusals logged; the migration's scopes;
bulk reassignment never widens access (issue 12)."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ConsentFactory, ParticipantFactory, UserFactory
from werkpad.accounts.models import Role, User
from werkpad.audit.models import AccessLogEntry
from werkpad.handovers import actions
from werkpad.handovers.models import Notice
from werkpad.participants import access
from werkpad.participants.actions import link_coach
from werkpad.participants.models import CoachLink, Consent
from werkpad.participants.purposes import SECTIONS


def _denied(user, participant):
    return AccessLogEntry.objects.filter(user=user, participant=participant, action="denied")


def test_linked_coach_of_another_organisation_reads_but_does_not_edit(world, login):
    """Regression: a linked coach of another organisation could edit every section."""
    p = world.participant
    link_coach(world.anna, p, world.cees, "language coach")
    client = login(world.cees)
    url = reverse("participants:edit_section", args=[p.public_id, "person"])
    response = client.post(url, {"first_name": "Changed", "last_name": "Haddad"})
    assert response.status_code == 404
    p.refresh_from_db()
    assert p.first_name == "Nadia"
    assert _denied(world.cees, p).exists()
    assert client.get(reverse("participants:detail", args=[p.public_id])).status_code == 200
    # Nor manage the file: status, consents, coaches.
    assert client.get(reverse("participants:status", args=[p.public_id])).status_code == 404
    assert client.get(reverse("participants:consent_add", args=[p.public_id])).status_code == 404


def test_colleague_link_keeps_editing(world, login):
    p = world.participant
    link_coach(world.anna, p, world.bram)
    url = reverse("participants:edit_section", args=[p.public_id, "person"])
    assert login(world.bram).get(url).status_code == 200


def test_scope_set_by_the_regiehouder_holds_for_pages_api_and_exports(world, login):
    p = world.participant
    link = link_coach(world.anna, p, world.cees)
    response = login(world.anna).post(
        reverse("handovers:link_scope", args=[p.public_id, link.pk]),
        {"purpose": "guidance", "read_sections": ["work"], "edit_sections": ["languages"]},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.read_sections == ["languages", "work"] and link.edit_sections == ["languages"]
    assert p.changes.filter(section="coaches", label__icontains="scope").exists()
    client = login(world.cees)
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    # Pages.
    body = client.get(reverse("participants:detail", args=[p.public_id])).content.decode()
    assert "Documents" not in body
    assert (
        client.get(
            reverse("participants:edit_section", args=[p.public_id, "documents"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("participants:edit_section", args=[p.public_id, "work"])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("participants:edit_section", args=[p.public_id, "languages"])
        ).status_code
        == 200
    )
    assert (
        client.get(reverse("participants:row_add", args=[p.public_id, "certificates"])).status_code
        == 404
    )
    assert (
        client.get(reverse("participants:row_add", args=[p.public_id, "diplomas"])).status_code
        == 200
    )
    # The eligibility panel reads the procedure: outside this scope.
    assert client.get(reverse("eligibility:panel", args=[p.public_id])).status_code == 404
    # API.
    base = f"/api/participants/{p.public_id}/sections"
    assert client.get(f"{base}/documents").status_code == 404
    assert client.get(f"{base}/languages").status_code == 200
    put = client.put(f"{base}/procedure", {"phase": "inburgering"}, content_type="application/json")
    assert put.status_code == 404
    ok = client.put(f"{base}/languages", {"dutch_spoken": "A2"}, content_type="application/json")
    assert ok.status_code == 200, ok.content
    assert (
        client.put(
            f"/api/participants/{p.public_id}/links/{link.pk}",
            {
                "purpose": "guidance",
                "read_sections": list(SECTIONS),
                "edit_sections": list(SECTIONS),
            },
            content_type="application/json",
        ).status_code
        == 404
    )
    # Exports.
    documents = client.get(reverse("handovers:export", args=["documents"])).content.decode()
    assert p.number not in documents
    work = client.get(reverse("handovers:export", args=["languages"])).content.decode()
    assert p.number in work
    assert _denied(world.cees, p).filter(id__gt=baseline).count() >= 5
    assert AccessLogEntry.objects.filter(user=world.cees, action="export", id__gt=baseline).exists()


def test_regiehouder_sets_scope_through_the_api(world, login):
    p = world.participant
    link = link_coach(world.anna, p, world.cees)
    response = login(world.anna).put(
        f"/api/participants/{p.public_id}/links/{link.pk}",
        {"purpose": "employer", "read_sections": ["work"], "edit_sections": []},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["read_sections"] == ["work"]
    # A link for the employer purpose rests on the newcomer's consent for it (issue 19 point 2).
    assert access.scope_of(world.cees, p).read == frozenset()
    ConsentFactory(participant=p, scope="employer_profile")
    assert access.scope_of(world.cees, p).read == frozenset({"work"})


def test_migration_gives_existing_links_and_consents_a_scope(world):
    from importlib import import_module

    migration = import_module(
        "werkpad.participants.migrations.0007_link_scopes_and_consent_purposes"
    )
    p = world.participant
    other = CoachLink.objects.create(participant=p, coach=world.cees)
    colleague = CoachLink.objects.create(participant=p, coach=world.bram)
    consent = ConsentFactory(participant=p, scope="employer_profile", purpose_code="guidance")
    research = ConsentFactory(participant=p, scope="research", purpose_code="guidance")
    migration.forwards(django_apps, None)
    other.refresh_from_db()
    colleague.refresh_from_db()
    assert other.read_sections == list(SECTIONS) and other.edit_sections == []
    assert colleague.edit_sections == list(SECTIONS)
    assert Consent.objects.get(pk=consent.pk).purpose_code == "employer"
    assert Consent.objects.get(pk=research.pk).purpose_code == "evaluation"
    assert Consent.objects.count() == 2


def test_consent_of_another_organisation_is_read_only(world, login):
    p = world.participant
    ConsentFactory(participant=p, scope="other_organisation", recipient=world.vwn)
    client = login(world.cees)
    assert client.get(reverse("participants:detail", args=[p.public_id])).status_code == 200
    assert (
        client.get(reverse("participants:edit_section", args=[p.public_id, "person"])).status_code
        == 404
    )


@pytest.fixture
def coordinator(world):
    world.anna.user_permissions.add(Permission.objects.get(codename="reassign_caseload"))
    return User.objects.get(pk=world.anna.pk)


def test_bulk_reassignment_moves_a_caseload_with_history_and_notices(world, login, coordinator):
    files = [
        ParticipantFactory(organisation=world.utrecht, regiehouder=world.bram) for _ in range(3)
    ]
    dana = UserFactory(role=Role.COACH, organisation=world.utrecht)
    response = login(coordinator).post(
        reverse("handovers:reassign"), {"leaving": world.bram.pk, "to_coach": dana.pk}
    )
    assert response.status_code == 302
    for p in files:
        p.refresh_from_db()
        assert p.regiehouder == dana
        assert p.changes.filter(field="regiehouder").exists()
    assert Notice.objects.filter(user=dana).exists()
    assert Notice.objects.filter(user=world.bram).exists()


def test_bulk_reassignment_never_widens_access(world, coordinator):
    mine = ParticipantFactory(organisation=world.utrecht, regiehouder=world.bram)
    theirs = ParticipantFactory(organisation=world.vwn, regiehouder=world.bram)
    before = set(access.visible_participants(world.cees).values_list("pk", flat=True))
    moved, refused = actions.reassign_caseload(
        coordinator, world.bram, {mine.pk: world.cees, theirs.pk: world.anna}
    )
    # Cees is of another organisation: Utrecht's file stays; Anna is not of VWN: theirs stays.
    assert moved == [] and {p.pk for p in refused} == {mine.pk, theirs.pk}
    assert set(access.visible_participants(world.cees).values_list("pk", flat=True)) == before
    mine.refresh_from_db()
    assert mine.regiehouder == world.bram


def test_only_a_coordinator_reassigns(world, login):
    assert login(world.bram).get(reverse("handovers:reassign")).status_code == 403
    with pytest.raises(PermissionError):
        actions.reassign_caseload(world.bram, world.anna, {})


def test_linked_coach_of_another_organisation_cannot_change_the_path(world, login):
    from werkpad.pathway.actions import default_programme

    p = world.participant
    link_coach(world.anna, p, world.cees)
    programme = default_programme(world.vwn)
    response = login(world.cees).post(
        f"/api/pathway/participants/{p.public_id}/enrolments",
        {"programme": str(programme.public_id), "intake_date": "2026-11-01"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not p.enrolments.filter(programme=programme).exists()
    assert _denied(world.cees, p).exists()
