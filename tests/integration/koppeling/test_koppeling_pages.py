"""The koppeling through real HTTP: the regievoerder runs, explains, overrides; others get 404
(logged); the household answers in the portal; the analyst reads the fairness report; evidence is
checked on upload and served only through the file's access rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories_koppeling import HALF_YEAR, kop_world
from werkpad.audit.models import AccessLogEntry
from werkpad.koppeling.models import Evidence, Proposal, Run


@pytest.fixture
def kop(world):
    return kop_world(world.participant)


def _baseline() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_regievoerder_runs_explains_and_overrides(client, world, kop):
    client.force_login(kop.rita)
    assert client.get(reverse("koppeling:home")).status_code == 200
    response = client.post(
        reverse("koppeling:home"), {"half_year": HALF_YEAR, "maximise_cases_first": "on"}
    )
    run = Run.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "koppeling:run", args=[run.public_id]
    )
    page = client.get(response["Location"]).content.decode()
    assert 'id="violations">0<' in page
    proposal = Proposal.objects.get(run=run, household=kop.households[1])
    url = reverse("koppeling:proposal", args=[proposal.public_id])
    page = client.get(url).content.decode()
    assert proposal.municipality.name in page and 'id="alternatives"' in page
    assert proposal.events.filter(event="explanation shown").exists()
    other = next(m for m in kop.municipalities.values() if m != proposal.municipality)
    page = client.post(url, {"municipality": other.pk, "reason": ""}).content.decode()
    assert "Give the reason" in page  # the error next to the field, input kept
    response = client.post(url, {"municipality": other.pk, "reason": "Closer to the family"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.decision == "overridden" and proposal.decided_municipality == other


def test_others_get_404_and_refusals_are_logged(client, world, kop):
    run = __import__("werkpad.koppeling.actions", fromlist=["run_batch"]).run_batch(
        kop.rita, kop.households, half_year=HALF_YEAR
    )
    proposal = Proposal.objects.get(run=run, household=kop.households[0])
    baseline = _baseline()
    for user in (world.anna, world.ali, world.nadia, world.eva):
        client.force_login(user)
        assert client.get(reverse("koppeling:home")).status_code == 404
        assert (
            client.get(reverse("koppeling:proposal", args=[proposal.public_id])).status_code == 404
        )
        assert client.get(reverse("koppeling:run", args=[run.public_id])).status_code == 404
    denied = AccessLogEntry.objects.filter(
        id__gt=baseline, action="denied", what="koppeling proposal"
    )
    assert denied.count() == 4
    # The fairness report: the analyst and the regievoerder, nobody else.
    url = reverse("koppeling:fairness", args=[run.public_id])
    client.force_login(world.ali)
    page = client.get(url).content.decode()
    assert 'id="breakdown-gender"' in page and "&lt;10" in page
    client.force_login(kop.rita)
    assert client.get(url).status_code == 200
    for user in (world.anna, world.nadia):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_household_answers_in_the_portal(client, world, kop):
    from werkpad.koppeling import actions

    run = actions.run_batch(kop.rita, kop.households, half_year=HALF_YEAR)
    proposal = Proposal.objects.get(run=run, household=kop.households[0])
    client.force_login(world.nadia)
    url = reverse("koppeling:portal_proposal")
    page = client.get(url).content.decode()
    assert proposal.municipality.name in page
    page = client.post(url, {"response": "object", "reason": ""}).content.decode()
    assert "Tell us why" in page
    assert (
        client.post(url, {"response": "object", "reason": "My sister lives in Zeist"}).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.response == "object" and proposal.response_reason == "My sister lives in Zeist"
    # In Arabic.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="ar"' in page


def test_evidence_is_checked_stored_privately_and_served_only_through_access(client, world, kop):
    household = kop.households[0]
    client.force_login(kop.rita)
    url = reverse("koppeling:household", args=[household.public_id])
    bad = SimpleUploadedFile(
        "contract.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    page = client.post(url, {"upload": "1", "kind": "contract", "file": bad}).content.decode()
    assert "Upload a PDF, PNG or JPEG file." in page
    assert not Evidence.objects.exists()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (settings.WERKPAD_EVIDENCE_MAX_BYTES + 1))
    page = client.post(url, {"upload": "1", "kind": "contract", "file": big}).content.decode()
    assert "larger than" in page
    pdf = SimpleUploadedFile(
        "Nadia contract.pdf", b"%PDF-1.4\n%fake\n", content_type="application/pdf"
    )
    assert client.post(url, {"upload": "1", "kind": "contract", "file": pdf}).status_code == 302
    doc = Evidence.objects.get()
    stored = Path(doc.file.path)
    assert stored.is_relative_to(Path(settings.WERKPAD_PRIVATE_FILES))
    assert "Nadia" not in stored.name
    download = reverse("koppeling:evidence", args=[doc.public_id])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    baseline = _baseline()
    client.force_login(world.anna)
    assert client.get(download).status_code == 404
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, action="denied", what="koppeling evidence"
    ).exists()


def test_regievoerder_adds_a_household_and_its_criteria(client, world, kop):
    from tests.factories import CoachLinkFactory, ParticipantFactory
    from werkpad.koppeling.models import Household

    newcomer = ParticipantFactory(organisation=kop.coa, phase="status_holder_azc")
    CoachLinkFactory(participant=newcomer, coach=kop.rita)
    client.force_login(kop.rita)
    url = reverse("koppeling:household_new")
    page = client.post(
        url, {"participant": newcomer.pk, "half_year": "2026-X", "adults": 2}
    ).content.decode()
    assert "Enter a half-year like 2026-H2." in page and 'value="2"' in page  # input kept
    response = client.post(
        url,
        {
            "participant": newcomer.pk,
            "half_year": HALF_YEAR,
            "adults": 2,
            "children": 1,
            "seniors": 0,
        },
    )
    household = Household.objects.get(participant=newcomer)
    assert response["Location"] == reverse("koppeling:household", args=[household.public_id])
    assert household.persons == 3
    detail = reverse("koppeling:household", args=[household.public_id])
    groningen = kop.municipalities["GM0014"]
    response = client.post(
        detail,
        {
            "add_criterion": "1",
            "kind": "work",
            "municipality": groningen.pk,
            "hours_per_week": "16",
            "contract_signed": "yes",
            "payslip_shown": "",
        },
    )
    assert response.status_code == 302
    c = household.criteria.get()
    assert c.contract_signed is True and c.payslip_shown is None and c.hours_per_week == 16
    # A participant rita may not see cannot be chosen.
    hidden = ParticipantFactory(organisation=kop.coa)
    page = client.post(
        url,
        {
            "participant": hidden.pk,
            "half_year": HALF_YEAR,
            "adults": 1,
            "children": 0,
            "seniors": 0,
        },
    ).content.decode()
    assert not Household.objects.filter(participant=hidden).exists()
