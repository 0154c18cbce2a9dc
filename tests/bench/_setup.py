"""The bench database every database benchmark builds the same way (``bench_privacy``,
``bench_pages``, ``bench_import``): a fresh SQLite file in a temporary directory, or a PostgreSQL
database at a URL that is dropped and re-created; the environment the benchmarks share; Django set
up. Also the PostgreSQL helpers of ``bench_seed`` and ``bench_load``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
SECRET = "bench-only-secret-key-not-for-production"


@dataclass
class BenchDatabase:
    url: str
    where: str  # for the printout: "SQLite in /tmp/..." or "PostgreSQL werkpad_bench"
    tmp: tempfile.TemporaryDirectory[str]  # kept alive as long as the database is used


def pg_available(url: str) -> bool:
    """Whether a PostgreSQL server answers at ``url``'s server (its ``postgres`` database)."""
    import psycopg

    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def recreate_postgres(url: str, *, force: bool = False) -> None:
    """Drop (``force``: even with connections open) and create the database at ``url``."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"' + (" WITH (FORCE)" if force else ""))
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_database(
    postgres: str | None,
    *,
    allowed_hosts: str = "testserver,127.0.0.1,localhost",
    log_level: str | None = None,
    extra_env: dict[str, str] | None = None,
    setup: bool = True,
) -> BenchDatabase:
    """A fresh bench database (PostgreSQL at ``postgres``, else SQLite), the shared environment
    (testing mode, a bench secret key), and ``django.setup()`` unless ``setup`` is false."""
    tmp = tempfile.TemporaryDirectory(prefix="werkpad-bench-")
    if postgres:
        recreate_postgres(postgres)
        url, where = postgres, f"PostgreSQL {postgres.rsplit('/', 1)[1]}"
    else:
        url = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
        where = f"SQLite in {tmp.name}"
    os.environ["DATABASE_URL"] = url
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ["WERKPAD_ALLOWED_HOSTS"] = allowed_hosts
    os.environ.setdefault("WERKPAD_SECRET_KEY", SECRET)
    # The benchmarks sign in with force_login or a password and measure the pages, not the second
    # factor: without this every coach page answered the redirect to the 2FA enrolment (302).
    os.environ.setdefault("WERKPAD_2FA_ROLES", "")
    if log_level is None:
        os.environ.setdefault("WERKPAD_LOG_LEVEL", "WARNING")
    else:
        os.environ["WERKPAD_LOG_LEVEL"] = log_level
    os.environ.update(extra_env or {})
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"
    if setup:
        import django

        django.setup()
    return BenchDatabase(url=url, where=where, tmp=tmp)
