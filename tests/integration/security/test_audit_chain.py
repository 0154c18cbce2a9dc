"""The tamper-evident access log: entries are appended by real requests, sealed in blocks by
``werkpad seal-audit``, anchored in a file outside the database, and ``werkpad verify-audit``
names the first altered, deleted or inserted entry (issue 19, point 4). Runs on SQLite and on
PostgreSQL (where a trigger also refuses changes; the tests switch it off as an attacker with
database rights would)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from werkpad.audit import chain
from werkpad.audit.models import AccessLogEntry, AppendOnlyError, ChainLink, PersonKey, Seal

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def anchors(tmp_path, settings):
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


def _later():
    return timezone.now() + timedelta(minutes=5)


def _read_some_files(world, login):
    client = login(world.anna)
    url = reverse("participants:detail", args=[world.participant.public_id])
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert client.get(reverse("participants:caseload")).status_code == 200
    return list(AccessLogEntry.objects.order_by("pk"))


def _raw(sql, params):
    """Change the table behind the application's back, as someone with database rights could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # triggers off
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def _verify_fails_with(capsys, anchors, text):
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit", anchors=anchors)
    assert text in str(excinfo.value)
    return str(excinfo.value)


def test_seal_then_verify_is_clean(world, login, anchors):
    entries = _read_some_files(world, login)
    assert len(entries) >= 4
    sealed = chain.seal(now=_later())
    assert sealed is not None and sealed.entries == len(entries)
    assert ChainLink.objects.count() == len(entries)
    line = json.loads(anchors.read_text().splitlines()[0])
    assert line["chain"] == sealed.chain and line["last_entry_id"] == entries[-1].pk
    # The link stores a keyed pseudonym, never the participant number.
    links = {link.entry_id: link for link in ChainLink.objects.all()}
    with_person = [e for e in entries if e.participant_number]
    assert with_person
    for entry in with_person:
        assert entry.participant_number not in links[entry.pk].pseudonym
        assert len(links[entry.pk].pseudonym) == 64
    report = chain.verify()
    assert report.ok, report.problems
    assert report.checked == len(entries)
    # A second seal chains on from the first; nothing new means nothing sealed.
    assert chain.seal(now=_later()) is None
    _read_some_files(world, login)
    second = chain.seal(now=_later())
    assert second is not None
    assert chain.verify().ok
    call_command("verify_audit", anchors=anchors)


def test_young_entries_wait_for_the_next_seal(world, login, anchors):
    _read_some_files(world, login)
    assert chain.seal(grace_seconds=600) is None
    assert not ChainLink.objects.exists()


def test_an_altered_row_is_named(world, login, anchors, capsys):
    entries = _read_some_files(world, login)
    chain.seal(now=_later())
    victim = entries[1]
    _raw(
        f"UPDATE {AccessLogEntry._meta.db_table} SET action = %s WHERE id = %s", ["list", victim.pk]
    )
    message = _verify_fails_with(capsys, anchors, f"entry {victim.pk} was altered")
    assert message.startswith("Access log broken")


def test_a_deleted_row_is_named(world, login, anchors, capsys):
    entries = _read_some_files(world, login)
    chain.seal(now=_later())
    victim = entries[2]
    _raw(f"DELETE FROM {AccessLogEntry._meta.db_table} WHERE id = %s", [victim.pk])
    _verify_fails_with(capsys, anchors, f"entry {victim.pk} was deleted")


def test_a_row_moved_to_another_person_is_named(world, login, anchors, capsys):
    entries = _read_some_files(world, login)
    chain.seal(now=_later())
    victim = next(e for e in entries if e.participant_number)
    _raw(
        f"UPDATE {AccessLogEntry._meta.db_table} SET participant_number = %s WHERE id = %s",
        ["P-OTHER", victim.pk],
    )
    _verify_fails_with(capsys, anchors, f"entry {victim.pk}")


def test_a_rewritten_chain_is_caught_by_the_anchor(world, login, anchors, capsys):
    """Someone alters a row and recomputes every link and the seal in the database: the anchor
    outside the database still holds the old head."""
    entries = _read_some_files(world, login)
    chain.seal(now=_later())
    victim = entries[0]
    _raw(f"UPDATE {AccessLogEntry._meta.db_table} SET what = %s WHERE id = %s", ["x", victim.pk])
    previous = chain.GENESIS
    for entry in AccessLogEntry.objects.order_by("pk"):
        link = ChainLink.objects.get(entry_id=entry.pk)
        previous = chain.link(previous, chain.digest(entry, link.user_id, link.pseudonym))
        ChainLink.objects.filter(pk=link.pk).update(chain=previous)
    Seal.objects.update(chain=previous)
    _verify_fails_with(capsys, anchors, "anchor after entry")


def test_an_inserted_row_is_named(world, login, anchors, capsys):
    _read_some_files(world, login)
    chain.seal(now=_later())
    # A forged entry slipped in among the sealed ones (an id below the last seal).
    forged = AccessLogEntry.objects.create(action="view", what="file")
    _raw(f"UPDATE {AccessLogEntry._meta.db_table} SET id = 0 WHERE id = %s", [forged.pk])
    _verify_fails_with(capsys, anchors, "entry 0 was inserted after sealing")


def test_a_forged_anchor_line_is_refused(world, login, anchors, capsys):
    _read_some_files(world, login)
    chain.seal(now=_later())
    data = json.loads(anchors.read_text())
    data["chain"] = "f" * 64
    anchors.write_text(json.dumps(data) + "\n")
    _verify_fails_with(capsys, anchors, "wrong signature")


def test_erasing_the_person_key_keeps_the_chain_valid(world, login, anchors):
    """Erasure destroys the person's key and blanks the number: the stored pseudonym links to
    nobody, and the chain still verifies."""
    entries = _read_some_files(world, login)
    chain.seal(now=_later())
    number = world.participant.number
    assert chain.erase_person_key(number) == 1
    assert not PersonKey.objects.filter(participant_number=number).exists()
    report = chain.verify()
    assert not report.ok  # the entries still name the person: erasure must blank them too
    _raw(
        f"UPDATE {AccessLogEntry._meta.db_table} SET participant_number = '' WHERE participant_number = %s",
        [number],
    )
    report = chain.verify()
    assert report.ok, report.problems
    assert report.checked == len(entries)


def test_the_application_cannot_change_or_delete_entries(world, login):
    entries = _read_some_files(world, login)
    entry = entries[0]
    entry.what = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(what="x")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_postgres_trigger_refuses_raw_changes(world, login):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    entries = _read_some_files(world, login)
    table = AccessLogEntry._meta.db_table
    for sql in (
        f"UPDATE {table} SET what = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entries[0].pk])


def test_the_admin_offers_no_change_or_delete(world, login):
    entries = _read_some_files(world, login)
    client = login(world.ada)
    url = reverse("admin:audit_accesslogentry_change", args=[entries[0].pk])
    response = client.post(url, {"what": "changed"})
    assert response.status_code in (403, 302)
    delete = reverse("admin:audit_accesslogentry_delete", args=[entries[0].pk])
    assert client.post(delete, {"post": "yes"}).status_code in (403, 302)
    assert AccessLogEntry.objects.filter(pk=entries[0].pk).exists()
    assert AccessLogEntry.objects.get(pk=entries[0].pk).what == entries[0].what


def test_seal_and_verify_commands(world, login, anchors, capsys):
    _read_some_files(world, login)
    call_command("seal_audit", grace_seconds=0)
    assert "Sealed" in capsys.readouterr().out
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
