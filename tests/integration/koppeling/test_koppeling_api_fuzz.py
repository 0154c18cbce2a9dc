"""Schemathesis on the koppeling's operations as the roles that get answers there: the COA
regievoerder (with households, a run and proposals in the database) and the household itself.
The suite-wide fuzz test (tests/integration/security/test_api_fuzz.py) covers every other role."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings

from tests.factories_koppeling import HALF_YEAR, kop_world
from tests.integration.security.test_api_fuzz import CHECKS, CSRF, api_schema  # noqa: F401
from werkpad.koppeling import actions


@pytest.mark.django_db
def test_koppeling_api_conforms_for_the_regievoerder_and_the_household(api_schema, world):  # noqa: F811
    kop = kop_world(world.participant, households=6)
    actions.run_batch(kop.rita, kop.households, half_year=HALF_YEAR)
    sessions = {}
    for name, user in (("rita", kop.rita), ("nadia", world.nadia)):
        client = Client()
        client.force_login(user)
        sessions[name] = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
    operations = [
        result.ok()
        for result in api_schema.get_all_operations()
        if result.ok().path.startswith("/api/koppeling/")
    ]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=2,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            for cookies in sessions.values():
                case.call_and_validate(
                    cookies=cookies, headers={"X-CSRFToken": CSRF}, checks=CHECKS
                )

        try:
            fuzz()
        except Exception as exc:
            raise AssertionError(f"{operation.label}: {exc}") from exc
