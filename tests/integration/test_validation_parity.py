"""Property: for random vacancy data, the form, the JSON API and the import accept and refuse
exactly the same values, with the same fields in error (issue 8, section 1).

All three reach the model's validation (``Vacancy.validate`` and ``werkpad.validation``); only the
names differ (the form's ``certificate_detail``, the API's and the import's ``certificates`` are the
model's ``required_certificates``).
"""

from __future__ import annotations

import json
import string
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories_employers import EmployerFactory
from werkpad.employers import tabular
from werkpad.employers.models import Vacancy

# Control characters that are not whitespace to Python (str.strip would remove those at the ends
# in the form and the import, a normalisation the API leaves to the client).
CONTROLS = "".join(chr(c) for c in [*range(0, 9), *range(14, 28), 127])
TEXT = st.text(alphabet=string.ascii_letters + string.digits + "-éë" + CONTROLS, max_size=210)
DETAIL = st.text(alphabet=string.ascii_letters + string.digits + CONTROLS, max_size=120)

VACANCIES = st.fixed_dictionaries(
    {
        "title": TEXT,
        "hours_per_week": st.decimals(min_value=0, max_value=70, places=1),
        "contract_months": st.none() | st.integers(min_value=-2, max_value=120),
        "wage_hourly": st.none() | st.decimals(min_value=-5, max_value=150, places=2),
        "places": st.integers(min_value=-1, max_value=600),
        "start_date": st.none()
        | st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)),
        "detail": DETAIL,
    }
)

CANONICAL = {"certificate_detail": "certificates", "required_certificates": "certificates"}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _by_form(client, v: dict) -> set[str] | None:
    response = client.post(
        reverse("employers:portal_vacancy_new"),
        {
            "title": v["title"],
            "occupation": "schilder",
            "sector": "bouw_techniek",
            "hours_per_week": _text(v["hours_per_week"]),
            "roster_flexible": "on",
            "contract_kind": "fixed_term",
            "contract_months": _text(v["contract_months"]),
            "wage_hourly": _text(v["wage_hourly"]),
            "dutch_level": "A2",
            "self_development": "some",
            "places": str(v["places"]),
            "start_date": v["start_date"].isoformat() if v["start_date"] else "",
            "certificates": ["diploma"],
            "certificate_detail": v["detail"],
            "intent": "submit",
        },
    )
    if response.status_code == 302:
        return None
    return {CANONICAL.get(k, k) for k in response.context["form"].errors}


def _by_api(client, v: dict) -> set[str] | None:
    payload = {
        "title": v["title"],
        "occupation": "schilder",
        "sector": "bouw_techniek",
        "hours_per_week": str(v["hours_per_week"]),
        "roster_flexible": True,
        "contract_kind": "fixed_term",
        "contract_months": v["contract_months"],
        "wage_hourly": None if v["wage_hourly"] is None else str(v["wage_hourly"]),
        "dutch_level": "A2",
        "self_development": "some",
        "places": v["places"],
        "start_date": v["start_date"].isoformat() if v["start_date"] else None,
        "certificates": [{"kind": "diploma", "detail": v["detail"]}],
        "status": "open",
    }
    response = client.post(
        "/api/employers/vacancies", data=json.dumps(payload), content_type="application/json"
    )
    if response.status_code == 201:
        return None
    assert response.status_code == 400, response.content
    return {CANONICAL.get(k, k) for k in response.json()["errors"]}


def _by_import(employer_name: str, v: dict) -> set[str] | None:
    header = [name for name, _doc in tabular.VACANCY_COLUMNS]
    row = dict.fromkeys(header, "")
    row.update(
        employer=employer_name,
        title=v["title"],
        occupation="schilder",
        sector="bouw_techniek",
        hours_per_week=_text(v["hours_per_week"]),
        roster_flexible="yes",
        contract_kind="fixed_term",
        contract_months=_text(v["contract_months"]),
        wage_hourly=_text(v["wage_hourly"]),
        dutch_level="A2",
        certificates=f"diploma:{v['detail']}" if v["detail"] else "diploma",
        self_development="some",
        places=str(v["places"]),
        start_date=v["start_date"].isoformat() if v["start_date"] else "",
        status="open",
    )
    table = tabular.validate("vacancies", [row], header)
    if not table.errors:
        return None
    return {CANONICAL.get(e.column, e.column) for e in table.errors}


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(v=VACANCIES)
def test_form_api_and_import_refuse_the_same_values(world, login, v):
    employer = Vacancy.employer.field.related_model.objects.filter(
        organisation=world.employer_org
    ).first() or EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    try:
        form = _by_form(client, v)
        Vacancy.objects.all().delete()
        api = _by_api(client, v)
        Vacancy.objects.all().delete()
        imported = _by_import(employer.name, v)
    finally:
        Vacancy.objects.all().delete()
    assert form == api == imported, (form, api, imported)


def test_examples_of_the_issue_are_refused_everywhere(world, login):
    """The issue's own values, as a fixed example of the property."""
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    v = {
        "title": "Schil\x00der",
        "hours_per_week": Decimal("24"),
        "contract_months": 5000,
        "wage_hourly": Decimal("-1"),
        "places": 0,
        "start_date": date(2001, 1, 1),
        "detail": "x" * 110,
    }
    expected = {"title", "contract_months", "wage_hourly", "places", "start_date", "certificates"}
    assert _by_form(client, v) == expected
    assert _by_api(client, v) == expected
    assert _by_import(world.employer_org.name, v) == expected
    assert not Vacancy.objects.exists()
