"""Backup and restore of the whole database: ``werkpad backup FILE`` and ``werkpad restore FILE``.

- SQLite: the online backup API (``sqlite3.Connection.backup``), page by page, safe while the
  application serves requests (WAL); the backup is itself an SQLite database file.
- PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore`` (Debian package ``postgresql-client``,
  of the server's major version or newer), with the connection of ``DATABASE_URL``.

``table_fingerprints`` gives per table the number of rows and a checksum over their contents; the
backup test compares them between the original and a database restored from the backup.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from werkpad.db_maintenance import refresh_planner_statistics


class BackupError(Exception):
    """A backup or restore that cannot be done (missing tool, refused target, failed command)."""


@dataclass(frozen=True)
class Fingerprint:
    rows: int
    checksum: str


def _connection(using: str | BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    return connections[using] if isinstance(using, str) else using


def _pg_env(settings: dict[str, Any]) -> dict[str, str]:
    environ = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings.get(key):
            environ[var] = str(settings[key])
    return environ


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client)"
        )
    return path


def backup(target: Path, using: str | BaseDatabaseWrapper = "default") -> None:
    """Write a consistent copy of the database ``using`` (alias or connection) to ``target``."""
    connection = _connection(using)
    target = Path(target)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = connection.connection
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        settings = dict(connection.settings_dict)
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(target),
                "--dbname",
                str(settings["NAME"]),
            ],
            settings,
        )
    else:
        raise BackupError(f"no backup for the {connection.vendor} database")


def restore(source: Path, using: str | BaseDatabaseWrapper = "default") -> None:
    """Restore the backup ``source`` into the database ``using``, which must be empty (fresh)."""
    connection = _connection(using)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if connection.introspection.table_names():
        raise BackupError(
            "the target database is not empty: restore into a freshly created database"
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    elif connection.vendor == "postgresql":
        settings = dict(connection.settings_dict)
        connection.close()
        _run(
            [
                _tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                str(settings["NAME"]),
                str(source),
            ],
            settings,
        )
        # A dump holds no planner statistics and the restored pages are not yet all-visible.
        refresh_planner_statistics(connection)
    else:
        raise BackupError(f"no restore for the {connection.vendor} database")


def _run(command: list[str], settings: dict[str, Any]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        command, env=_pg_env(settings), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed ({result.returncode}): {result.stderr.strip()[:2000]}")


def table_fingerprints(using: str | BaseDatabaseWrapper = "default") -> dict[str, Fingerprint]:
    """Per table: the row count and a SHA-256 over all rows (order-independent)."""
    connection = _connection(using)
    out: dict[str, Fingerprint] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            lines = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
            out[table] = Fingerprint(len(lines), digest)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    return value
