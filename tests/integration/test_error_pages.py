"""Error pages are Werkpad's own, translated, and never show personal data."""

import uuid

from django.urls import reverse


def test_not_found_page_for_a_file_one_may_not_see(world, login):
    response = login(world.cees).get(
        reverse("participants:detail", args=[world.participant.public_id])
    )
    assert response.status_code == 404
    assert "may not see it" in response.text
    assert "Haddad" not in response.text and world.participant.number not in response.text


def test_not_found_for_unknown_id(world, login):
    response = login(world.anna).get(reverse("participants:detail", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_forbidden_page(world, login):
    response = login(world.anna).get(reverse("audit:log"))
    assert response.status_code == 403
    assert "no access" in response.text
