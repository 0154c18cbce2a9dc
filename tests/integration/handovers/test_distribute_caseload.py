"""Bulk reassignment over several coaches (issue 12): previewed, balanced or chosen per file,
with history and notices, and never widening access — through the page and the API."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ConsentFactory, ParticipantFactory, UserFactory
from werkpad.accounts.models import Role, User
from werkpad.handovers import actions
from werkpad.handovers.models import Notice
from werkpad.participants import access
from werkpad.participants.actions import link_coach
from werkpad.participants.models import CoachLink, Participant


@pytest.fixture
def team(world):
    """Anna coordinates; Bram leaves with 5 Utrecht files and 1 of VWN (where he once worked);
    Dana already holds 2 files, Eef none."""
    world.anna.user_permissions.add(Permission.objects.get(codename="reassign_caseload"))
    coordinator = User.objects.get(pk=world.anna.pk)
    dana = UserFactory(username="dana", role=Role.COACH, organisation=world.utrecht)
    eef = UserFactory(username="eef", role=Role.COACH, organisation=world.utrecht)
    for _ in range(2):
        ParticipantFactory(organisation=world.utrecht, regiehouder=dana)
    files = [
        ParticipantFactory(organisation=world.utrecht, regiehouder=world.bram) for _ in range(5)
    ]
    foreign = ParticipantFactory(organisation=world.vwn, regiehouder=world.bram)
    # Guidance by a coach outside the file's organisation rests on the newcomer's consent.
    ConsentFactory(participant=foreign, scope="other_organisation", recipient=world.utrecht)
    link_coach(world.bram, files[0], world.cees, "language coach")
    return coordinator, dana, eef, files, foreign


def _visible(user):
    return set(access.visible_participants(user).values_list("pk", flat=True))


def test_the_preview_balances_and_moves_nothing(world, team):
    coordinator, dana, eef, files, foreign = team
    proposal = dict(actions.propose_distribution(coordinator, world.bram, [dana, eef]))
    assert proposal[foreign] is None  # another organisation's file: a handover, not this
    got = [c for p, c in proposal.items() if p != foreign]
    # Dana holds 2 already: Eef gets the first two, then they alternate (ties to Dana, named
    # first): Eef 3 new files, Dana 2, both end with 3-4.
    assert (got.count(eef), got.count(dana)) == (3, 2)
    assert set(Participant.objects.filter(regiehouder=world.bram)) == {*files, foreign}


def test_coordinator_distributes_per_file_on_the_page(world, team, login):
    coordinator, dana, eef, files, foreign = team
    client = login(coordinator)
    data = {"leaving": world.bram.pk, "receivers": [dana.pk, eef.pk]}
    preview = client.post(reverse("handovers:reassign"), {**data, "preview": ""})
    assert preview.status_code == 200
    assert "another organisation" in preview.text  # the foreign file stays, said so
    before = {u: _visible(u) for u in (world.cees, dana, eef)}
    # The coordinator changes the proposal: the first two to Dana, file 2 stays, the rest Eef.
    choice = {
        **{f"to_{p.public_id}": dana.pk for p in files[:2]},
        f"to_{files[2].public_id}": "",
        **{f"to_{p.public_id}": eef.pk for p in files[3:]},
        f"to_{foreign.public_id}": eef.pk,  # forged: not offered, refused by the action
    }
    response = client.post(reverse("handovers:reassign"), {**data, **choice, "confirm": ""})
    assert response.status_code == 302
    holders = {p.pk: Participant.objects.get(pk=p.pk).regiehouder for p in [*files, foreign]}
    assert [holders[p.pk] for p in files] == [dana, dana, world.bram, eef, eef]
    assert holders[foreign.pk] == world.bram
    # History per moved file, a notice per receiving coach and to the leaving coach.
    assert all(p.changes.filter(field="regiehouder").exists() for p in files[:2] + files[3:])
    assert not files[2].changes.filter(field="regiehouder").exists()
    assert Notice.objects.filter(user=dana).count() == 1
    assert Notice.objects.filter(user=eef).count() == 1
    assert Notice.objects.filter(user=world.bram).exists()
    # Never widening: receivers gain exactly their new files; others gain nothing; Bram keeps
    # only what stayed; Cees's link (scope) is unchanged.
    assert _visible(dana) - before[dana] == {files[0].pk, files[1].pk}
    assert _visible(eef) - before[eef] == {files[3].pk, files[4].pk}
    assert _visible(world.cees) == before[world.cees]
    assert _visible(world.bram) == {files[2].pk, foreign.pk}
    assert CoachLink.objects.filter(participant=files[0], coach=world.cees).exists()


def test_the_api_previews_and_distributes_never_across_organisations(world, team, login):
    coordinator, dana, _eef, files, foreign = team
    client = login(coordinator)

    def post(url, data):
        return client.post(url, json.dumps(data), content_type="application/json")

    r = post("/api/handovers/reassign/preview", {"leaving": "bram", "receivers": ["dana", "eef"]})
    assert r.status_code == 200, r.content
    plan = {row["participant"]: row["coach"] for row in r.json()}
    assert plan[str(foreign.public_id)] is None
    assert set(plan.values()) == {"dana", "eef", None}
    r = post("/api/handovers/reassign/preview", {"leaving": "bram", "receivers": ["cees"]})
    assert r.status_code == 400 and "receivers" in r.json()["errors"]
    r = post("/api/handovers/reassign/preview", {"leaving": "bram", "receivers": ["nobody"]})
    assert r.status_code == 400
    before = _visible(world.cees)
    r = post(
        "/api/handovers/reassign",
        {
            "leaving": "bram",
            "assignments": [
                {"participant": str(files[0].public_id), "coach": "cees"},  # other organisation
                {"participant": str(foreign.public_id), "coach": "dana"},  # other organisation
                {"participant": str(files[1].public_id), "coach": "eef"},
            ],
        },
    )
    assert r.status_code == 200, r.content
    assert r.json()["moved"] == [str(files[1].public_id)]
    assert set(r.json()["stayed"]) == {str(files[0].public_id), str(foreign.public_id)}
    assert _visible(world.cees) == before
    # Only a coordinator.
    r = login(dana).post(
        "/api/handovers/reassign/preview",
        json.dumps({"leaving": "bram", "receivers": ["eef"]}),
        content_type="application/json",
    )
    assert r.status_code == 403
