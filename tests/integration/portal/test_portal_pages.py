"""The newcomer portal through real requests: Mijn pad, documents, may I work, what do I keep,
jobs for me, consent, contact, invitations — and what the coach sees of it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests import portal_case
from werkpad.audit.models import AccessLogEntry
from werkpad.matching.models import MatchDecision
from werkpad.participants.models import Consent
from werkpad.pathway.models import PlanConfirmation, PlanStep
from werkpad.portal import attention
from werkpad.portal.models import Invitation, Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    return portal_case.build(world)


@pytest.fixture
def demo_rules(settings):
    from werkpad.eligibility import adapters

    settings.WERKPAD_RULES_FILE = str(portal_case.DEMO_RULES)
    adapters.clear_parameters_cache()
    yield
    adapters.clear_parameters_cache()


def _since():
    last = AccessLogEntry.objects.order_by("-id").first()
    return last.id if last else 0


def _logged(since, participant, action):
    """Entries since ``since`` (the log keeps one entry per file per request: the weightiest)."""
    return AccessLogEntry.objects.filter(id__gt=since, participant=participant, action=action)


def test_home_is_my_path_with_next_step_confirm_and_earlier_versions(world, login, case):
    client = login(world.nadia)
    assert client.get("/").url == reverse("portal:home")
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    text = page.text
    assert "My path" in text and "Taalcafé op dinsdag" in text and "CV maken" in text
    assert "What I do next" in text
    assert reverse("portal:plan_version", args=[1]) in text
    old = client.get(reverse("portal:plan_version", args=[1]))
    assert old.status_code == 200 and "CV maken" not in old.text
    assert client.get(reverse("portal:plan_version", args=[9])).status_code == 404
    since = _since()
    r = client.post(reverse("portal:confirm"), {"version": str(case.v2.public_id)})
    assert r.status_code == 302
    assert PlanConfirmation.objects.filter(version=case.v2, party="newcomer").exists()
    assert _logged(since, world.participant, "update").exists()


def test_own_step_comment_and_done(world, login, case):
    client = login(world.nadia)
    since = _since()
    bad = client.post(reverse("portal:add_step"), {"title": "", "due_date": "not a date"})
    assert bad.status_code == 400
    assert "Write what you want to do." in bad.text and "Choose a date." in bad.text
    assert client.post(reverse("portal:add_step"), {"title": "Fiets kopen"}).status_code == 302
    step = PlanStep.objects.get(title="Fiets kopen")
    assert step.owner == "newcomer"
    assert "Fiets kopen" in client.get(reverse("portal:home")).text
    r = client.post(reverse("portal:step_done", args=[case.my_step.public_id]))
    assert r.status_code == 302
    case.my_step.refresh_from_db()
    assert case.my_step.status == "done"
    # A coach's step cannot be marked done by the newcomer.
    coach_step = PlanStep.objects.get(title="CV maken")
    client.post(reverse("portal:step_done", args=[coach_step.public_id]))
    coach_step.refresh_from_db()
    assert coach_step.status == "open"
    assert (
        client.post(reverse("portal:comment"), {"body": "Dinsdag kan ik niet."}).status_code == 302
    )
    comment = Message.objects.get(kind="plan_comment")
    assert comment.from_newcomer and comment.plan_version == 2
    assert _logged(since, world.participant, "create").count() >= 2
    assert _logged(since, world.participant, "update").exists()


def test_documents_show_expiry_and_what_to_do(world, login, case):
    text = login(world.nadia).get(reverse("portal:documents")).text
    assert "expires soon" in text
    assert "You have a BSN." in text


def test_may_i_work_answers_in_the_second_person_with_the_myth(world, login, case):
    page = login(world.nadia).get(reverse("portal:may_i_work"))
    assert page.status_code == 200
    assert 'data-outcome="may_work"' in page.text
    assert "stop working" in page.text
    assert "Source" in page.text


def test_calculator_for_a_proposed_job_shows_euros_with_demo_values(world, login, case, demo_rules):
    client = login(world.nadia)
    page = client.get(reverse("portal:calculator"), {"vacancy": str(case.proposed.public_id)})
    assert page.status_code == 200
    kept = re.search(r'data-figure="kept".*?class="amount">([^<]+)<', page.text, re.S).group(1)
    assert "€" in kept
    assert "demo value" in page.text and "To COA (REBA)" in page.text
    typed = client.get(reverse("portal:calculator"), {"hours": "16", "wage": "15"})
    assert typed.status_code == 200 and "€" in typed.text
    bad = client.get(reverse("portal:calculator"), {"hours": "0", "wage": "abc"})
    assert bad.status_code == 400
    assert "Enter between 1 and 60 hours." in bad.text and "Enter an amount" in bad.text


def test_calculator_says_unknown_without_the_operator_parameters(world, login, case):
    page = login(world.nadia).get(reverse("portal:calculator"), {"hours": "16", "wage": "15"})
    assert page.status_code == 200
    net = re.search(r'data-figure="net".*?class="amount">([^<]+)<', page.text, re.S).group(1)
    assert net.strip() == "unknown"


def test_jobs_for_me_opt_in_interest_and_the_coach_sees_it(world, login, case):
    client = login(world.nadia)
    page = client.get(reverse("portal:vacancies"))
    assert "Heftruck nacht" in page.text  # the coach's proposal, with its details
    assert "Heftruck A1" not in page.text  # suggestions only after opting in
    client.post(reverse("portal:vacancies_opt_in"), {"wants": "yes"})
    page = client.get(reverse("portal:vacancies"))
    assert "Heftruck A1" in page.text and "hours a week" in page.text
    url = reverse("portal:interest", args=[case.fits.public_id])
    assert client.post(url, {"interested": "yes"}).status_code == 302
    bad = client.post(reverse("portal:interest", args=[case.other.public_id]), {"interested": "no"})
    assert bad.status_code == 302
    assert not MatchDecision.objects.filter(vacancy=case.other).exists()
    client.post(
        reverse("portal:interest", args=[case.other.public_id]),
        {"interested": "no", "reason": "Te ver fietsen"},
    )
    decisions = {d.vacancy_id: d for d in MatchDecision.objects.filter(actor="newcomer")}
    assert decisions[case.fits.pk].decision == "interested"
    assert decisions[case.other.pk].decision == "not_interested"
    assert decisions[case.other.pk].reason == "Te ver fietsen"
    file_page = login(world.anna).get(
        reverse("participants:detail", args=[world.participant.public_id])
    )
    assert "Te ver fietsen" in file_page.text


def test_consent_page_lists_every_purpose_and_withdraws(world, login, case):
    from werkpad.participants import actions as pa

    consent = pa.give_consent(world.anna, world.participant, "research", purpose_code="evaluation")
    client = login(world.nadia)
    page = client.get(reverse("portal:permissions"))
    assert page.status_code == 200
    for label in ("Guidance by my coach", "Handover to another coach", "Anonymous evaluation"):
        assert label in page.text
    assert "Participatiewet" in page.text  # the legal ground of the municipality
    since = _since()
    client.post(reverse("portal:permission_change"), {"withdraw": consent.pk})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert "withdrawn on" in client.get(reverse("portal:permissions")).text
    assert _logged(since, world.participant, "update").exists()
    client.post(reverse("portal:permission_change"), {"give": "research"})
    assert Consent.objects.filter(purpose_code="research", withdrawn_at__isnull=True).exists()


def test_contact_thread_checkin_email_and_attention(
    world, login, case, django_capture_on_commit_callbacks
):
    world.anna.email = "anna@example.nl"
    world.anna.save()
    client = login(world.nadia)
    bad = client.post(reverse("portal:contact"), {"kind": "message", "body": ""})
    assert bad.status_code == 400 and "Write a message." in bad.text
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("portal:contact"), {"kind": "message", "body": "Hallo Anna"})
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.nl"]
        assert "Hallo Anna" not in mail.outbox[0].body  # no content in the e-mail
    client.post(reverse("portal:contact"), {"kind": "checkin", "mood": "hard", "body": ""})
    assert Message.objects.filter(from_newcomer=True).count() == 2
    items = attention.unread_messages(world.anna, None)
    assert len(items) == 1 and items[0].severity == "overdue"
    assert attention.unread_messages(world.bram, None) == []
    coach = login(world.anna)
    file_page = coach.get(reverse("participants:detail", args=[world.participant.public_id]))
    assert "2 unread messages from the newcomer" in file_page.text
    thread = coach.get(items[0].url)
    assert "Hallo Anna" in thread.text
    assert attention.unread_messages(world.anna, None) == []
    coach.post(items[0].url, {"body": "Hoi Nadia, bel me even."})
    assert "Hoi Nadia" in login(world.nadia).get(reverse("portal:contact")).text


def test_invitation_link_works_once_and_logs_in(world, client, login, case):
    coach = login(world.anna)
    page = coach.post(reverse("portal:coach_invite", args=[world.participant.public_id]))
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.text
    url = re.search(r'id="invitation-link" href="([^"]+)"', page.text).group(1)
    path = url.split("testserver", 1)[1]
    coach.logout()
    from django.test import Client

    newcomer = Client()
    form = newcomer.get(path)
    assert form.status_code == 200 and "nadia" in form.text
    short = newcomer.post(path, {"password1": "kort", "password2": "kort"})
    assert short.status_code == 400
    r = newcomer.post(path, {"password1": "zonnebloem-2026", "password2": "zonnebloem-2026"})
    assert r.status_code == 302 and r.url == reverse("portal:home")
    assert newcomer.get(reverse("portal:home")).status_code == 200
    again = Client().get(path)
    assert again.status_code == 404
    inv = Invitation.objects.get()
    assert inv.used_at is not None and len(inv.token_hash) == 64
    assert path.rstrip("/").split("/")[-1] not in inv.token_hash


def test_invitation_makes_an_account_for_a_newcomer_without_one(world, login):
    from tests.factories import ParticipantFactory

    p = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    page = login(world.anna).post(reverse("portal:coach_invite", args=[p.public_id]))
    assert page.status_code == 200
    p.refresh_from_db()
    assert p.user is not None and p.user.is_participant and not p.user.has_usable_password()


def test_only_the_regiehouder_invites_and_reads_the_thread(world, login, case):
    for user in (world.bram, world.cees, world.eva, world.nadia):
        client = login(user)
        url = reverse("portal:coach_invite", args=[world.participant.public_id])
        assert client.post(url).status_code in (403, 404)
        thread = reverse("portal:coach_thread", args=[world.participant.public_id])
        assert client.get(thread).status_code in (403, 404)


def test_password_reset_by_email(world, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.nadia.email = "nadia@example.nl"
    world.nadia.save()
    r = client.post(reverse("portal:password_reset"), {"email": "nadia@example.nl"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1 and "/portal/password/reset/" in mail.outbox[0].body


def test_show_dutch_next_to_my_language(world, login, case):
    world.nadia.language = "ar"
    world.nadia.save()
    client = login(world.nadia)
    client.post(reverse("portal:preferences"), {"show_dutch": "yes", "next": "/portal/"})
    text = client.get(reverse("portal:home")).text
    assert 'lang="nl">Mijn pad<' in text
