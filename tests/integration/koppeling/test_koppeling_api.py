"""The koppeling's JSON API: households, runs, proposals, decisions and the household's answer,
over the same access layer and actions as the pages."""

from __future__ import annotations

import pytest

from tests.factories_koppeling import HALF_YEAR, kop_world


@pytest.fixture
def kop(world):
    return kop_world(world.participant)


def test_api_run_explain_decide_and_answer(client, world, kop):
    client.force_login(kop.rita)
    households = client.get("/api/koppeling/households").json()
    assert len(households) == len(kop.households)
    assert (
        client.post(
            "/api/koppeling/runs", {"half_year": "1999-H1"}, content_type="application/json"
        ).status_code
        == 400
    )
    response = client.post(
        "/api/koppeling/runs", {"half_year": HALF_YEAR}, content_type="application/json"
    )
    assert response.status_code == 201
    run = response.json()
    assert run["violations"] == 0 and run["lp_bound"] is not None and run["gap"] is not None
    assert len(run["proposals"]) == len(kop.households)
    assert client.get(f"/api/koppeling/runs/{run['id']}").json()["id"] == run["id"]
    fairness = client.get(f"/api/koppeling/runs/{run['id']}/fairness").json()
    assert set(fairness["breakdowns"]) == {
        "gender",
        "household_size",
        "region_of_origin",
        "age_band",
    }
    # The household answers first.
    client.force_login(world.nadia)
    mine = client.get("/api/koppeling/mine").json()
    assert (
        client.post(
            "/api/koppeling/mine/response", {"response": "agree"}, content_type="application/json"
        ).status_code
        == 200
    )
    # The regievoerder confirms.
    client.force_login(kop.rita)
    proposal = client.get(f"/api/koppeling/proposals/{mine['id']}").json()
    assert proposal["response"] == "agree" and len(proposal["alternatives"]) <= 3
    response = client.post(
        f"/api/koppeling/proposals/{mine['id']}/decision", {}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["decision"] == "confirmed"
    # Others: 404.
    client.force_login(world.anna)
    assert client.get(f"/api/koppeling/proposals/{mine['id']}").status_code == 404
    assert client.get(f"/api/koppeling/runs/{run['id']}/fairness").status_code == 404
    assert client.get("/api/koppeling/households").json() == []
    client.force_login(world.ali)
    assert client.get(f"/api/koppeling/runs/{run['id']}/fairness").status_code == 200
