"""The coach's attention list in pages: counts per kind over the whole list, page 2 holds the next
items, a filter by kind, the JSON API's limit and offset, the access log per page view, and a
number of queries that does not grow with the caseload."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from werkpad import attention
from werkpad.audit.models import AccessLogEntry
from werkpad.pathway.care_views import ATTENTION_PAGE_SIZE
from werkpad.pathway.models import NewcomerContact, Plan, PlanStep


def _with_items(world, n: int, *, coach=None) -> list:
    """``n`` participants of ``coach`` (Anna), each with a W-document expiring, a follow-up and
    an open step due: three items each, from three sources."""
    today = timezone.localdate()
    people = []
    for i in range(n):
        p = ParticipantFactory(
            organisation=world.utrecht,
            regiehouder=coach or world.anna,
            w_document_expiry=today + timedelta(days=1 + i % 20),
        )
        NewcomerContact.objects.create(
            participant=p,
            on=today - timedelta(days=3),
            kind="gesprek",
            follow_up="Bel de school",
            follow_up_on=today + timedelta(days=i % 5),
        )
        plan = Plan.objects.create(participant=p)
        PlanStep.objects.create(
            plan=plan,
            position=0,
            type="work",
            title=f"Stap {i}",
            due_date=today - timedelta(days=i % 3),
            status="open",
        )
        people.append(p)
    return people


def _rows(html: str) -> list[str]:
    """The item links of a page, in order."""
    body = html.split('id="attention"', 1)[1].split("</table>", 1)[0]
    return [part.split('"', 1)[0] for part in body.split('<a href="')[1:]]


def test_the_day_is_paged_with_counts_of_the_whole_list(world, login):
    _with_items(world, 20)  # with Nadia's W-document: 60 items and more, over two pages
    today = timezone.localdate()
    items = attention.collect(world.anna, today)
    assert len(items) > ATTENTION_PAGE_SIZE
    client = login(world.anna)
    first = client.get(reverse("pathway:day"))
    second = client.get(reverse("pathway:day") + "?page=2")
    assert first.status_code == second.status_code == 200
    rows_1, rows_2 = _rows(first.text), _rows(second.text)
    assert len(rows_1) == ATTENTION_PAGE_SIZE
    assert len(rows_2) == len(items) - ATTENTION_PAGE_SIZE
    # Page 2 holds the next items, in the list's order (overdue first, then by date).
    assert rows_1 + rows_2 == [i.url for i in items]
    assert "Page 2 of 2" in second.text
    # The counts cover the whole list on every page.
    by_kind = {kind: n for kind, _label, n in attention.counts(items)}
    assert by_kind["step"] == 20 and by_kind["follow_up"] == 20 and by_kind["w_document"] >= 20
    for page in (first, second):
        assert "Steps due (20)" in page.text and "Follow-ups due (20)" in page.text


def test_the_day_filters_by_kind(world, login):
    _with_items(world, 20)
    page = login(world.anna).get(reverse("pathway:day") + "?kind=follow_up")
    rows = _rows(page.text)
    assert len(rows) == 20
    assert all("/contacts/" in url for url in rows)
    assert "Steps due (20)" in page.text  # the counts stay those of the whole list
    assert 'aria-current="page">Follow-ups due (20)' in page.text


def test_a_page_logs_only_the_participants_it_shows(world, login):
    people = _with_items(world, 30)
    client = login(world.anna)
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    page = client.get(reverse("pathway:day") + "?kind=follow_up")
    logged = set(
        AccessLogEntry.objects.filter(id__gt=baseline, what="attention list").values_list(
            "participant_id", flat=True
        )
    )
    shown = {p.pk for p in people if p.number in page.text}
    assert len(shown) == ATTENTION_PAGE_SIZE if len(people) > ATTENTION_PAGE_SIZE else 30
    assert logged == shown
    # One entry per participant shown, for this one page view.
    assert AccessLogEntry.objects.filter(id__gt=baseline, what="attention list").count() == len(
        shown
    )


def test_the_api_pages_with_limit_offset_and_total(world, login):
    _with_items(world, 10)
    client = login(world.anna)
    whole = attention.collect(world.anna, timezone.localdate())
    first = client.get("/api/care/attention?limit=7").json()
    second = client.get("/api/care/attention?limit=7&offset=7").json()
    assert first["total"] == second["total"] == len(whole)
    assert first["limit"] == 7 and second["offset"] == 7
    assert [i["url"] for i in first["items"] + second["items"]] == [i.url for i in whole[:14]]
    assert {c["kind"]: c["count"] for c in first["counts"]}["step"] == 10
    assert first["overdue"] == sum(1 for i in whole if i.severity == "overdue")
    steps = client.get("/api/care/attention?kind=step&limit=200").json()
    assert steps["total"] == 10 and {i["kind"] for i in steps["items"]} == {"step"}
    assert all(i["participant"] for i in steps["items"])
    # Limits are kept within bounds.
    assert client.get("/api/care/attention?limit=5000").json()["limit"] == 200
    assert client.get("/api/care/attention?offset=-3").json()["offset"] == 0


def test_the_coa_location_list_is_paged_and_filtered(world, login):
    from tests.factories import ConsentFactory, OrganisationFactory, UserFactory
    from werkpad.accounts.models import OrganisationKind, Role
    from werkpad.participants.models import Participant

    coa = OrganisationFactory(name="COA Utrecht", kind=OrganisationKind.COA)
    karin = UserFactory(username="karin", role=Role.COACH, organisation=coa)
    today = timezone.localdate()
    for i in range(ATTENTION_PAGE_SIZE + 5):
        resident = ParticipantFactory(
            organisation=coa,
            regiehouder=karin,
            coa_location=coa,
            w_document_expiry=today + timedelta(days=1 + i % 25),
        )
        ConsentFactory(participant=resident)  # a COA file opens on consent for guidance
    assert Participant.objects.filter(coa_location=coa).count() == ATTENTION_PAGE_SIZE + 5
    client = login(karin)
    first = client.get(reverse("pathway:location"))
    second = client.get(reverse("pathway:location") + "?page=2&kind=w_document")
    assert len(_rows(first.text)) == ATTENTION_PAGE_SIZE
    assert len(_rows(second.text)) == 5
    assert f"({ATTENTION_PAGE_SIZE + 5})" in second.text


@pytest.mark.parametrize("path", ["pathway:day", "api"])
def test_queries_do_not_grow_with_the_caseload(world, login, path):
    from tests.factories import UserFactory
    from werkpad.accounts.models import Role

    small = UserFactory(username="small", role=Role.COACH, organisation=world.utrecht)
    large = UserFactory(username="large", role=Role.COACH, organisation=world.utrecht)
    _with_items(world, 2, coach=small)
    _with_items(world, 40, coach=large)
    url = reverse("pathway:day") if path == "pathway:day" else "/api/care/attention"
    counted = {}
    for user in (small, large):
        client = login(user)
        assert client.get(url).status_code == 200  # sessions and caches settled
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counted[user.username] = len(queries)
    # The page's participants are read in one query, the access log is one bulk insert.
    assert counted["large"] == counted["small"], counted
    # collect() alone: one or two queries per source, however large the caseload.
    for user in (small, large):
        with CaptureQueriesContext(connection) as queries:
            attention.collect(user, timezone.localdate())
        assert len(queries) <= 2 * len(attention.sources()) + 2, len(queries)
