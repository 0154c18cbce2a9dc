"""Backup and restore (issue 20): back up a seeded database with access-log entries, restore the
backup into a fresh database, and find every record there (row count and checksum per table).

Runs on the database of the suite: SQLite (online backup API) or PostgreSQL (pg_dump/pg_restore;
skipped with a plain reason when the client tools are missing, failed under CI=true).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler
from django.test import override_settings

from werkpad.backup import BackupError, table_fingerprints


def _need_pg_tools() -> None:
    missing = [t for t in ("pg_dump", "pg_restore") if shutil.which(t) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install postgresql-client)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A second, empty database of the same kind, with its own connection handler (not an alias of the
    test run, so the test's database isolation does not apply to it)."""
    default = connections["default"].settings_dict
    settings = dict(default)
    settings["TEST"] = dict(default.get("TEST") or {})
    created: str | None = None
    if connections["default"].vendor == "sqlite":
        settings["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        _need_pg_tools()
        import psycopg

        created = f"{default['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        with connections["default"].cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{created}"')
        settings["NAME"] = created
    connection = ConnectionHandler({"default": settings})["default"]
    try:
        yield connection
    finally:
        connection.close()
        if created:
            with psycopg.connect(
                host=default.get("HOST") or None,
                port=default.get("PORT") or None,
                user=default.get("USER") or None,
                password=default.get("PASSWORD") or None,
                dbname="postgres",
                autocommit=True,
            ) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def _verify_audit_on(connection: BaseDatabaseWrapper, anchors: Path) -> subprocess.CompletedProcess:
    """``werkpad verify-audit`` in its own process against the restored database."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        user = settings_dict.get("USER") or "postgres"
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        url = f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "WERKPAD_TESTING": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "werkpad", "verify-audit", "--anchors", str(anchors)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _populate(client) -> None:
    """A small demo population and access-log entries written by real requests."""
    from werkpad.accounts.models import User
    from werkpad.audit.models import AccessLogEntry
    from werkpad.demo.seed import seed_database
    from werkpad.participants.models import Participant

    seed_database(size=40, seed=7)
    client.force_login(User.objects.get(username="coach"))
    for p in Participant.objects.filter(regiehouder__username="coach")[:3]:
        assert client.get(f"/participants/{p.public_id}/").status_code == 200
    assert AccessLogEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_into_a_fresh_database(client, tmp_path, fresh_database):
    if connections["default"].vendor == "postgresql":
        _need_pg_tools()
    _populate(client)
    # The access log's hash chain is sealed (anchors outside the database) before the backup.
    from werkpad.audit.chain import seal

    anchors = tmp_path / "anchors.jsonl"
    with override_settings(AUDIT_ANCHOR_FILE=str(anchors)):
        assert seal(grace_seconds=0) is not None

    before = table_fingerprints("default")
    backup_file = tmp_path / "werkpad.backup"

    call_command("backup", str(backup_file))
    assert backup_file.stat().st_size > 0

    from werkpad.backup import restore

    restore(backup_file, using=fresh_database)
    after = table_fingerprints(fresh_database)

    assert sorted(after) == sorted(before)
    for table, fingerprint in before.items():
        assert after[table] == fingerprint, table
    # Every kind of record the demo writes is there, not just empty tables that match.
    for table in ("participants_participant", "audit_accesslogentry", "accounts_user"):
        assert before[table].rows > 0, table

    # The restored database's chain verifies against the anchors written before the backup.
    fresh_database.close()
    result = _verify_audit_on(fresh_database, anchors)
    assert result.returncode == 0, result.stderr
    assert "Access log intact" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    if connections["default"].vendor == "postgresql":
        _need_pg_tools()
    backup_file = tmp_path / "werkpad.backup"
    call_command("backup", str(backup_file))
    from werkpad.backup import restore

    with pytest.raises(BackupError, match="not empty"):
        restore(backup_file)


@pytest.mark.django_db
def test_restore_command_names_a_missing_backup_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "missing.backup"))
