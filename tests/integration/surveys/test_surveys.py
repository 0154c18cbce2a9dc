"""The survey of the 14 integration indicators through real HTTP: the newcomer answers in the
portal, the coach fills it in with them, analysts see aggregates only (issue 17)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories_surveys as fs
from tests.factories import ConsentFactory, ParticipantFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.participants.models import Consent
from werkpad.surveys import attention, instrument
from werkpad.surveys.models import Answer, Response

TODAY = timezone.localdate()


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def prog(world):
    return fs.programme("Proef startbanen", world.utrecht)


@pytest.fixture
def nadia_enrolled(world, prog):
    return fs.enrolment(world.participant, prog, TODAY - timedelta(days=10))


def _answers(code_value: dict[str, str]) -> dict[str, str]:
    return {f"q-{code}": value for code, value in code_value.items()}


def test_newcomer_answers_the_intake_survey_with_consent(world, nadia_enrolled):
    c = _client(world.nadia)
    home = c.get(reverse("surveys:portal_home"))
    assert home.status_code == 200
    url = reverse("surveys:portal_answer", args=[nadia_enrolled.public_id, "intake"])
    assert url in home.text
    form = c.get(url)
    assert form.status_code == 200
    # The 14 indicators and, at intake only, motivation: five faces and "no answer" each.
    assert form.text.count('type="radio"') == 15 * 6
    codes = [q.code for q in instrument.current().questions.all()]
    assert len(codes) == 15 and codes[-1] == "motivation"
    # Without consent: refused, every answer kept, the error next to the box.
    post = _answers(dict.fromkeys(codes, "4")) | {"q-housing": "2", "q-safety": "none"}
    refused = c.post(url, post)
    assert refused.status_code == 400
    assert "anonymous evaluation" in refused.text and 'id="id_consent_error"' in refused.text
    assert refused.text.count("checked") >= 14
    assert not Response.objects.exists()
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    done = c.post(url, post | {"consent": "yes"})
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.channel == "self" and response.moment == "intake"
    values = dict(Answer.objects.values_list("question__code", "value"))
    assert values["housing"] == 2 and values["safety"] is None and values["language"] == 4
    consent = Consent.objects.get(participant=world.participant, scope="research")
    assert consent.purpose_code == "evaluation" and consent.withdrawn_at is None
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, participant=world.participant, action="create"
    ).exists()
    # The moment is answered: the home page links to my answers; answering again is refused.
    home = c.get(reverse("surveys:portal_home"))
    mine = reverse("surveys:portal_answers", args=[response.public_id])
    assert mine in home.text and url not in home.text
    page = c.get(mine)
    assert page.status_code == 200 and "face-2.svg" in page.text
    again = c.post(url, post | {"consent": "yes"})
    assert again.status_code == 302 and Response.objects.count() == 1


def test_invalid_answers_are_all_shown_at_once(world, nadia_enrolled):
    c = _client(world.nadia)
    url = reverse("surveys:portal_answer", args=[nadia_enrolled.public_id, "intake"])
    page = c.post(url, {"q-housing": "9", "q-safety": "x", "consent": "yes"})
    assert page.status_code == 400
    assert 'id="q-safety-error"' in page.text
    page = c.post(url, {"q-housing": "9", "consent": "yes"})
    assert page.status_code == 400 and 'id="q-housing-error"' in page.text
    assert not Response.objects.exists()


def test_the_3_month_moment_appears_after_a_placement(world, nadia_enrolled):
    nadia_enrolled.intake_date = TODAY - timedelta(days=100)
    nadia_enrolled.save()
    c = _client(world.nadia)
    assert 'data-moment="m3"' not in c.get(reverse("surveys:portal_home")).text
    fs.placement(world.participant, nadia_enrolled, TODAY - timedelta(days=95))
    home = c.get(reverse("surveys:portal_home")).text
    assert 'data-moment="m3"' in home
    # The intake moment closed when work started (it measures the situation before work).
    assert 'data-moment="intake"' not in home
    # Motivation is asked at intake only.
    form = c.get(reverse("surveys:portal_answer", args=[nadia_enrolled.public_id, "m3"])).text
    assert form.count('class="survey-q') == 14 and 'id="q-motivation"' not in form


def test_declining_is_recorded_and_needs_no_consent(world, nadia_enrolled):
    c = _client(world.nadia)
    url = reverse("surveys:portal_answer", args=[nadia_enrolled.public_id, "intake"])
    assert c.post(url, {"decision": "decline"}).status_code == 302
    r = Response.objects.get()
    assert r.status == "declined" and not r.answers.exists()
    assert not Consent.objects.filter(scope="research").exists()


def test_coach_fills_it_in_with_the_newcomer_and_does_not_see_the_answers(world, nadia_enrolled):
    anna = _client(world.anna)
    file_page = anna.get(reverse("surveys:coach_file", args=[world.participant.public_id]))
    assert file_page.status_code == 200
    url = reverse(
        "surveys:coach_answer",
        args=[world.participant.public_id, nadia_enrolled.public_id, "intake"],
    )
    assert url in file_page.text
    codes = [q.code for q in instrument.current().questions.all()]
    assert (
        anna.post(url, _answers(dict.fromkeys(codes, "5")) | {"consent": "yes"}).status_code == 302
    )
    r = Response.objects.get()
    assert r.channel == "with_coach" and r.recorded_by == world.anna
    after = anna.get(reverse("surveys:coach_file", args=[world.participant.public_id])).text
    assert "Together with the coach" in after and "face-5" not in after
    # The newcomer sees it as filled in together.
    mine = _client(world.nadia).get(reverse("surveys:portal_answers", args=[r.public_id]))
    assert "together with your coach" in mine.text
    # A colleague without a link, another organisation's coach: 404, logged as denied.
    for other in (world.bram, world.cees):
        assert _client(other).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(
        user=world.cees, participant=world.participant, action="denied"
    ).exists()


def test_withdrawing_consent_keeps_my_answers_visible_to_me(world, nadia_enrolled):
    c = _client(world.nadia)
    url = reverse("surveys:portal_answer", args=[nadia_enrolled.public_id, "intake"])
    c.post(url, {"q-housing": "3", "consent": "yes"})
    r = Response.objects.get()
    c.post(reverse("surveys:portal_consent"), {"decision": "withdraw"})
    assert not Consent.objects.filter(scope="research", withdrawn_at__isnull=True).exists()
    assert c.get(reverse("surveys:portal_answers", args=[r.public_id])).status_code == 200


def test_others_cannot_reach_the_newcomer_pages(world, nadia_enrolled):
    for user in (world.anna, world.ali, world.eva):
        assert _client(user).get(reverse("surveys:portal_home")).status_code == 403
    other = ParticipantFactory(organisation=world.utrecht)
    e = fs.enrolment(other, nadia_enrolled.programme, TODAY - timedelta(days=5))
    r = fs.answered(e, "intake", 3)
    c = _client(world.nadia)
    assert c.get(reverse("surveys:portal_answers", args=[r.public_id])).status_code == 404
    assert c.get(reverse("surveys:portal_answer", args=[e.public_id, "intake"])).status_code == 404


# --- analysts -------------------------------------------------------------------------------------


@pytest.fixture
def populated(world):
    big = fs.programme("Groot programma", world.utrecht)
    small = fs.programme("Klein programma", world.utrecht)
    medium = fs.programme("Middel programma", world.utrecht)
    fs.respondents(big, world.utrecht, 12, 2, 4)
    lone = fs.respondents(small, world.utrecht, 3, 1, 5)
    fs.respondents(medium, world.utrecht, 6, 3, 3)
    fs.respondents(big, world.utrecht, 2, 5, 1, consent=False)  # not counted
    return {"big": big, "small": small, "medium": medium, "lone": lone}


def test_analyst_sees_paired_results_and_suppressed_cells(world, populated):
    c = _client(world.ali)
    page = c.get(reverse("surveys:results"))
    assert page.status_code == 200
    text = page.text
    big = text.split(f'data-group="{populated["big"].pk}"')[1].split("</section>")[0]
    assert '<td class="num">12</td>' in big  # 12 pairs, the two without consent left out
    assert "2.00" in big and "4.00" in big and "+2.00" in big
    small = text.split(f'data-group="{populated["small"].pk}"')[1].split("</section>")[0]
    assert "&lt;10" in small and "5.00" not in small and 'data-suppressed="yes"' in small
    rates = text.split('id="response-rates"')[1].split("</table>")[0]
    assert "40.7" in text  # the benchmark of seed 002
    assert 'data-moment="intake"' in rates
    for p in populated["lone"]:
        assert p.last_name not in text and p.number not in text
    assert _client(world.ada).get(reverse("surveys:results")).status_code == 200


def test_no_analyst_page_export_or_api_shows_an_individual_answer(world, populated):
    # One newcomer alone in a programme with an unmistakable answer pattern.
    alone = fs.programme("Eén persoon", world.utrecht)
    person = fs.respondents(alone, world.utrecht, 1, 1, 5)[0]
    c = _client(world.ali)
    outputs = []
    for by in ("programme", "gender", "age"):
        for after in ("m3", "m6", "m12"):
            q = f"?after={after}&by={by}"
            outputs.append(c.get(reverse("surveys:results") + q).text)
            outputs.append(c.get(reverse("surveys:results_csv") + q).content.decode())
            outputs.append(c.get(f"/api/surveys/results{q}").content.decode())
    outputs.append(c.get("/api/surveys/response-rates").content.decode())
    group = str(alone.pk)
    for out in outputs:
        assert person.last_name not in out and person.number not in out
        assert str(person.public_id) not in out
    api = json.loads(c.get("/api/surveys/results?by=programme").content)
    alone_group = next(g for g in api["groups"] if g["key"] == group)
    assert all(not r["shown"] and r["mean_before"] is None for r in alone_group["rows"])
    assert all(r["pairs"] == "<10" for r in alone_group["rows"])
    csv_rows = c.get(reverse("surveys:results_csv")).content.decode().splitlines()
    alone_rows = [r for r in csv_rows if r.startswith("programme,Eén persoon,")]
    assert len(alone_rows) == 14
    assert all(r.endswith(",<10,,,,,,") for r in alone_rows)
    # Every shown cell in any breakdown rests on at least the threshold of pairs.
    for by in ("programme", "gender", "age"):
        data = json.loads(c.get(f"/api/surveys/results?by={by}").content)
        for g in [*data["groups"], data["total"]]:
            for r in g["rows"]:
                if r["shown"]:
                    assert int(r["pairs"]) >= data["threshold"]


def test_results_are_for_analysts_and_administrators_only(world, populated):
    for user in (world.anna, world.nadia, world.eva):
        c = _client(user)
        assert c.get(reverse("surveys:results")).status_code == 403
        assert c.get(reverse("surveys:results_csv")).status_code == 403
        assert c.get("/api/surveys/results").status_code == 403
        assert c.get("/api/surveys/response-rates").status_code == 403


def test_withdrawn_consent_takes_answers_out_of_the_results(world, populated):
    c = _client(world.ali)
    before = json.loads(c.get("/api/surveys/results").content)["total"]["rows"][0]["pairs"]
    assert before == "21"
    Consent.objects.filter(participant__in=populated["lone"]).update(withdrawn_at=timezone.now())
    after = json.loads(c.get("/api/surveys/results").content)["total"]["rows"][0]["pairs"]
    assert after == "18"


# --- the API of the newcomer ----------------------------------------------------------------------


def test_newcomer_api_lists_and_answers_own_moments(world, nadia_enrolled):
    c = _client(world.nadia)
    listed = c.get("/api/surveys/mine").json()
    assert [(m["moment"], m["status"], m["open_now"]) for m in listed] == [("intake", "open", True)]
    url = f"/api/surveys/mine/{nadia_enrolled.public_id}/intake"
    refused = c.post(url, {"answers": {"housing": 3}}, content_type="application/json")
    assert refused.status_code == 400 and "consent" in refused.json()["errors"]
    bad = c.post(
        url,
        {"answers": {"housing": 7, "nope": 1}, "consent": True},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"housing", "answers"} <= set(bad.json()["errors"])
    ok = c.post(url, {"answers": {"housing": 3}, "consent": True}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["status"] == "completed"
    assert {"code": "housing", "value": 3} in ok.json()["answers"]
    assert _client(world.anna).get("/api/surveys/mine").status_code == 403


def test_instrument_falls_back_to_english_and_marks_review(world):
    current = instrument.current()
    ar = {q.code: q for q in instrument.questions_in(current, "ar")}
    assert ar["language"].language == "ar" and not ar["language"].needs_review
    ti = instrument.questions_in(current, "ti")
    assert ti[0].language == "en"  # no Tigrinya text yet: English, never an error
    fa = instrument.questions_in(current, "fa")
    assert fa[0].language == "fa" and fa[0].needs_review
    assert instrument.current().pk == current.pk  # loaded once


def test_a_changed_published_version_is_refused(world, tmp_path, monkeypatch):
    instrument.current()
    changed = tmp_path / "instrument.toml"
    changed.write_text(
        Path(instrument.DATA_FILE).read_text().replace("Hoe veilig", "Hoe erg veilig"),
        encoding="utf-8",
    )
    monkeypatch.setattr(instrument, "DATA_FILE", changed)
    with pytest.raises(ImproperlyConfigured, match="new version number"):
        instrument.current()


def test_attention_list_names_open_moments_of_the_caseload(world, nadia_enrolled):
    items = attention.surveys_due(world.anna, TODAY)
    assert len(items) == 1
    item = items[0]
    assert item.kind == "survey" and item.participant_id == world.participant.pk
    assert item.url == reverse("surveys:coach_file", args=[world.participant.public_id])
    assert attention.surveys_due(world.bram, TODAY) == []
    assert attention.surveys_due(world.ali, TODAY) == []
    fs.answered(nadia_enrolled, "intake", 3)
    assert attention.surveys_due(world.anna, TODAY) == []
    ConsentFactory(participant=world.participant, scope="research")
