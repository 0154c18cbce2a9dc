"""The demo shows the privacy pages with something in them (``werkpad.privacy.demo``, run by
``seed_demo``): requests in the queue (one carried out, one open correction, one open erasure)
and a published report. Run here on the named test users instead of a whole demo population."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, UserFactory
from werkpad.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_demo_has_requests_in_the_queue_and_a_published_report(world, login, privacy_officer):
    from werkpad.privacy import demo
    from werkpad.privacy.models import DataRequest, PublishedReport

    users = {"nieuwkomer1": world.nadia, "admin": world.ada, "analyst": world.ali}
    for i in (2, 3):
        user = UserFactory(username=f"nieuwkomer{i}", role=Role.PARTICIPANT, organisation=None)
        ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna, user=user)
        users[user.username] = user
    demo.seed(SimpleNamespace(users=users))
    kinds = sorted(DataRequest.objects.values_list("kind", "state"))
    assert kinds == [("correction", "done"), ("correction", "open"), ("erasure", "open")]
    assert PublishedReport.objects.filter(kind="overview").count() == 1
    page = login(privacy_officer).get(reverse("privacy:queue"))
    assert page.status_code == 200 and "Erasure of my data" in page.content.decode()
    assert "Je coach heeft" in login(world.nadia).get(reverse("portal:my_data")).content.decode()
