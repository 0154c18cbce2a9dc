"""Who may open which participant file, through real HTTP requests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CoachLinkFactory, ConsentFactory, ParticipantFactory
from werkpad.audit.models import AccessLogEntry


def detail_url(p):
    return reverse("participants:detail", args=[p.public_id])


def test_regiehouder_opens_file_and_read_is_logged(world, login):
    response = login(world.anna).get(detail_url(world.participant))
    assert response.status_code == 200
    assert "Nadia" in response.text
    entry = AccessLogEntry.objects.get(participant=world.participant, action="view")
    assert entry.user == world.anna
    assert entry.participant_number == world.participant.number


def test_coach_of_other_organisation_gets_404(world, login):
    response = login(world.cees).get(detail_url(world.participant))
    assert response.status_code == 404
    assert "Nadia" not in response.text
    assert AccessLogEntry.objects.filter(user=world.cees, action="denied").count() == 1


def test_colleague_needs_consent_for_organisation_access(world, login):
    client = login(world.bram)
    assert client.get(detail_url(world.participant)).status_code == 404
    consent = ConsentFactory(participant=world.participant, scope="organisation")
    assert client.get(detail_url(world.participant)).status_code == 200
    consent.withdrawn_at = consent.given_at
    consent.save()
    assert client.get(detail_url(world.participant)).status_code == 404


def test_linked_coach_of_other_organisation_may_open(world, login):
    CoachLinkFactory(participant=world.participant, coach=world.cees)
    assert login(world.cees).get(detail_url(world.participant)).status_code == 200


def test_consent_to_other_organisation_opens_file_to_its_coaches(world, login):
    ConsentFactory(participant=world.participant, scope="other_organisation", recipient=world.vwn)
    assert login(world.cees).get(detail_url(world.participant)).status_code == 200


@pytest.mark.parametrize("who", ["eva", "ali", "ada", "nadia"])
def test_non_coaches_cannot_open_files_or_caseload(world, login, who):
    client = login(getattr(world, who))
    assert client.get(detail_url(world.participant)).status_code in (403, 404)
    response = client.get(reverse("participants:caseload"))
    assert response.status_code in (403, 404)
    # the page body shows nothing of the file (the header names the logged-in user: Nadia herself)
    assert "Haddad" not in response.text.split('id="main"', 1)[-1]


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(detail_url(world.participant))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert str(world.participant.public_id) not in response["Location"].split("next=")[0]


def test_caseload_lists_only_own_participants(world, login):
    ParticipantFactory(
        first_name="Other", last_name="Person", organisation=world.vwn, regiehouder=world.cees
    )
    response = login(world.anna).get(reverse("participants:caseload"))
    assert response.status_code == 200
    assert "Haddad" in response.text
    assert "Person" not in response.text
    response = login(world.anna).get(reverse("participants:caseload") + "?scope=all")
    assert "Person" not in response.text


def test_search_terms_never_reach_the_url(world, login):
    client = login(world.anna)
    response = client.post(reverse("participants:caseload"), {"q": "Haddad"})
    assert response.status_code == 302
    assert "Haddad" not in response["Location"]
    page = client.get(response["Location"])
    assert "Haddad" in page.text
    page = client.get(reverse("participants:caseload"))
    assert "Haddad" in page.text  # kept in the session
    client.post(reverse("participants:caseload"), {"q": "Nobody"})
    assert "Haddad" not in client.get(reverse("participants:caseload")).text.split("<tbody>")[-1]


def test_edit_records_history_and_audit(world, login):
    client = login(world.anna)
    url = reverse("participants:edit_section", args=[world.participant.public_id, "languages"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "dutch_spoken": "A2",
            "dutch_written": "A1",
            "speaks_english": "unknown",
            "english_level": "",
            "education": "",
            "diploma_valuation": "",
        },
    )
    assert response.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.dutch_spoken == "A2"
    change = world.participant.changes.get(field="dutch_spoken")
    assert (change.old_value, change.new_value, change.user) == ("A1", "A2", world.anna)
    history = client.get(reverse("participants:history", args=[world.participant.public_id]))
    assert "A2" in history.text
    assert AccessLogEntry.objects.filter(
        participant=world.participant, action="update", user=world.anna
    ).exists()


def test_invalid_input_keeps_what_was_typed(world, login):
    client = login(world.anna)
    url = reverse("participants:edit_section", args=[world.participant.public_id, "situation"])
    response = client.post(url, {"postcode": "12AB", "children_count": "2", "household": "alone"})
    assert response.status_code == 200
    assert "postcode" in response.text.lower()
    assert 'value="12AB"' in response.text
    world.participant.refresh_from_db()
    assert world.participant.postcode == ""


def test_admin_sees_reads_and_writes_in_audit_log(world, login):
    login(world.anna).get(detail_url(world.participant))
    response = login(world.ada).get(
        reverse("audit:log") + f"?participant={world.participant.number}"
    )
    assert response.status_code == 200
    assert "anna" in response.text
    assert login(world.anna).get(reverse("audit:log")).status_code == 403


def test_django_admin_only_for_administrators(world, login):
    assert login(world.anna).get("/admin/").status_code == 302
    assert login(world.ada).get("/admin/").status_code == 200
