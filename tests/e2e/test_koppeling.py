"""Kansrijke koppeling in real browsers (issue 18's "done when"): the regievoerder runs a batch on
the demo households, opens one household's explanation and overrides the proposal with a reason;
the household sees its proposal in the portal, in Arabic, and objects with a reason; the analyst
opens the fairness report. axe-core finds nothing serious or critical on these pages."""

from __future__ import annotations

import pytest

from tests.e2e.login import log_in
from werkpad.koppeling.models import Proposal, Run
from werkpad.places.models import Municipality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_run_explain_override_answer_and_fairness(open_as, browser, live_server):
    from werkpad.demo.seed import DEMO_PASSWORD, seed_database

    seed_database(60, seed=7)

    # The regievoerder runs a batch on the demo households.
    rv = open_as("regievoerder", DEMO_PASSWORD)
    rv.goto(f"{live_server.url}/koppeling/")
    rv.click("button[name=run]")
    rv.wait_for_url("**/koppeling/runs/*/")
    assert rv.inner_text("#violations") == "0"
    run = Run.objects.get()
    assert run.report["placed_cases"] == run.proposals.count()

    # One household's explanation: chosen municipality, chance, alternatives, binding criteria.
    proposal = (
        Proposal.objects.filter(
            run=run, household__criteria__isnull=True, household__participant__user__isnull=True
        )
        .exclude(alternatives=[])
        .order_by("id")
        .first()
    )
    rv.click(f"a[href='/koppeling/proposals/{proposal.public_id}/']")
    rv.wait_for_selector("#explanation")
    assert proposal.municipality.name in rv.inner_text("#proposed")
    assert rv.locator("#alternatives li").count() >= 1
    assert _serious(rv) == []

    # Override with a reason (first without one: the error shows next to the field).
    other = next(a for a in proposal.alternatives if a["room"])
    target = Municipality.objects.get(code=other["code"])
    rv.select_option("select[name=municipality]", value=str(target.pk))
    rv.click("button[name=decide]")
    assert "Give the reason" in rv.inner_text("#decide-form")
    rv.fill("textarea[name=reason]", "Family support nearby (screening conversation)")
    rv.click("button[name=decide]")
    rv.wait_for_selector("#decision")
    assert "Overridden" in rv.inner_text("#decision")
    proposal.refresh_from_db()
    assert proposal.decision == "overridden" and proposal.decided_municipality == target
    assert proposal.events.filter(event="overridden").get().scores["chance"] == proposal.chance

    # The household sees its proposal in the portal, in its language (Arabic), and objects.
    mine = Proposal.objects.get(run=run, household__participant__user__username="nieuwkomer1")
    context, page = log_in(
        browser, live_server, "nieuwkomer1", password=DEMO_PASSWORD, language="ar", cookie=False
    )
    page.goto(f"{live_server.url}/koppeling/mine/")
    assert page.get_attribute("html", "lang") == "ar"
    assert mine.municipality.name in page.inner_text("#proposal")
    assert "COA" in page.inner_text("#proposal") and "proposes" not in page.inner_text("#proposal")
    assert _serious(page) == []
    page.check("input[name=response][value=object]")
    page.fill("textarea[name=reason]", "أخي يعيش في روتردام")
    page.click("button[name=answer]")
    page.wait_for_selector("#answered")
    mine.refresh_from_db()
    assert mine.response == "object" and mine.response_reason == "أخي يعيش في روتردام"
    context.close()

    # The analyst opens the fairness report.
    analyst = open_as("analyst", DEMO_PASSWORD)
    analyst.goto(f"{live_server.url}/koppeling/fairness/")
    analyst.click(f"a[href='/koppeling/runs/{run.public_id}/fairness/']")
    analyst.wait_for_selector("#fairness-summary")
    for name in ("gender", "household_size", "region_of_origin", "age_band"):
        assert analyst.locator(f"#breakdown-{name}").count() == 1
    assert _serious(analyst) == []
