"""The occupation widget in the intake answers in Arabic and shows how each hit matched; a
Tigrinya entry gets the ISCO groups instead of hits; the coach turns the participant's story
into confirmed skills. axe-core finds nothing serious on either page."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from werkpad.matching.models import SkillSuggestion, SuggestionStatus
from werkpad.participants.models import Participant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_occupation_in_arabic_tigrinya_fallback_and_skills_from_the_story(world, open_as):
    anna = open_as("anna", PASSWORD)
    public_id = world.participant.public_id
    origin = "/".join(anna.url.split("/")[:3])

    anna.goto(f"{origin}/participants/{public_id}/intake/work/")
    field = anna.locator("#id_desired_occupation")
    field.fill("سائق شاحنة")  # Arabic: truck driver
    option = anna.locator("[data-occupation-option]").first
    option.wait_for()
    assert "vrachtwagenchauffeur" in option.inner_text()
    assert "matched by meaning" in option.inner_text()
    assert _serious(anna) == []
    option.click()
    assert anna.input_value("#id_desired_occupation_uri") == (
        "urn:werkpad:demo:occupation:vrachtwagenchauffeur"
    )

    field.fill("heftruck chaufeur")  # Dutch, with a typo: the coach sees the matched words
    anna.locator(".matched-words mark").first.wait_for()
    assert "heftruck" in anna.locator(".matched-words").first.inner_text()

    field.fill("ሰራሕተኛ ጽሬት")  # Tigrinya: no hits, the groups instead
    anna.locator(".occupation-fallback").wait_for()
    assert anna.locator("[data-occupation-option]").count() == 0
    assert "Tigrinya" in anna.locator(".occupation-fallback").inner_text()
    anna.get_by_role("button", name="Machine operators and drivers").click()
    anna.locator('[data-uri="urn:werkpad:demo:occupation:vrachtwagenchauffeur"]').wait_for()
    anna.locator('[data-uri="urn:werkpad:demo:occupation:vrachtwagenchauffeur"]').click()

    anna.fill("#id_informal_work", "Kardeşimin dükkanında kasada çalıştım. Forklift kullandım.")
    anna.get_by_role("button", name="Save and next").click()
    anna.wait_for_load_state()
    saved = Participant.objects.get(pk=world.participant.pk)
    assert saved.desired_occupation_uri == "urn:werkpad:demo:occupation:vrachtwagenchauffeur"
    assert "Forklift" in saved.informal_work

    anna.goto(f"{origin}/matching/participants/{public_id}/skills/")
    assert "Forklift kullandım." in anna.input_value("#id_story")
    anna.get_by_role("button", name="Suggest skills").click()
    row = anna.locator("tr", has_text="Forklift kullandım.").first
    row.wait_for()
    assert _serious(anna) == []
    row.get_by_role("button", name="Confirm").click()
    anna.wait_for_load_state()
    confirmed = SkillSuggestion.objects.get(
        participant=world.participant, skill_uri="urn:werkpad:demo:skill:heftruck"
    )
    assert confirmed.status == SuggestionStatus.CONFIRMED
