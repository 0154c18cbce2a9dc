"""Skills from the newcomer's story: suggestions with their sentence, the coach decides, and only
confirmed skills enter matching."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from werkpad.matching import adapters
from werkpad.matching.models import SkillSuggestion, SuggestionStatus
from werkpad.matching.taxonomy import current
from werkpad.participants.models import Participant

FORKLIFT = "urn:werkpad:demo:skill:heftruck"
STORY = "Kardeşimin dükkanında kasada çalıştım. Forklift kullandım."  # Turkish


def _candidate_skills(participant):
    p = Participant.objects.get(pk=participant.pk)
    candidate = adapters.candidate_from_participant(p, current(), timezone.localdate())
    assert candidate is not None
    return candidate.skills


def test_only_confirmed_skills_from_the_story_enter_matching(world, login):
    client = login(world.anna)
    url = reverse("matching:participant_skills", args=[world.participant.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "Suggest skills" in page.text
    response = client.post(url, {"story": STORY})
    assert response.status_code == 200
    suggestion = SkillSuggestion.objects.get(participant=world.participant, skill_uri=FORKLIFT)
    assert suggestion.sentence == "Forklift kullandım."
    assert suggestion.status == SuggestionStatus.SUGGESTED
    assert "Forklift kullandım." in response.text
    assert FORKLIFT not in _candidate_skills(world.participant)  # suggested is not enough

    client.post(url, {"suggestion": suggestion.pk, "decision": "reject"})
    assert FORKLIFT not in _candidate_skills(world.participant)
    client.post(url, {"suggestion": suggestion.pk, "decision": "confirm"})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.CONFIRMED
    assert suggestion.decided_by == world.anna
    assert FORKLIFT in _candidate_skills(world.participant)

    # suggesting again keeps the coach's decision
    client.post(url, {"story": STORY})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.CONFIRMED


def test_a_story_in_farsi_gets_a_message_not_suggestions(world, login):
    client = login(world.anna)
    url = reverse("matching:participant_skills", args=[world.participant.public_id])
    response = client.post(url, {"story": "من در رستوران کار کردم و آشپزی کردم."})
    assert "cannot read Farsi or Dari yet" in response.text
    assert not SkillSuggestion.objects.filter(participant=world.participant).exists()


def test_others_cannot_open_the_skills_page(world, login):
    url = reverse("matching:participant_skills", args=[world.participant.public_id])
    assert login(world.eva).get(url).status_code == 404
    assert login(world.nadia).post(url, {"story": STORY}).status_code == 404
    assert not SkillSuggestion.objects.exists()


def test_the_intake_work_step_asks_about_unpaid_and_informal_work(world, login):
    client = login(world.anna)
    page = client.get(
        reverse("participants:intake_step", args=[world.participant.public_id, "work"])
    )
    assert page.status_code == 200
    assert 'name="informal_work"' in page.text
    assert "volunteer work" in page.text


def test_skills_api_suggests_and_decides(world, login):
    client = login(world.anna)
    base = f"/api/matching/participants/{world.participant.public_id}/skills"
    body = client.post(base, {"story": STORY}, content_type="application/json").json()
    assert not body["unsupported"]
    forklift = next(s for s in body["suggestions"] if s["skill_uri"] == FORKLIFT)
    assert forklift["status"] == "suggested" and forklift["sentence"] == "Forklift kullandım."
    decided = client.post(
        f"{base}/{forklift['id']}", {"decision": "confirm"}, content_type="application/json"
    ).json()
    assert decided["status"] == "confirmed"
    assert FORKLIFT in _candidate_skills(world.participant)
    listed = client.get(base).json()
    assert any(s["skill_uri"] == FORKLIFT and s["status"] == "confirmed" for s in listed)
    assert login(world.eva).get(base).status_code in (403, 404)
