"""Per-page cost of the load-test mix on an existing (large) database, with the test client.

Run against a database that is already seeded (it is only read, apart from sessions and the
access log that the pages write themselves), e.g. a copy of the 100,000-participant demo:

    .venv/bin/python tests/bench/bench_scale_pages.py \\
        --database postgres://postgres@127.0.0.1:5432/werkpad_pages [--runs 5]

For every page of ``tests/bench/locustfile.py`` (signed in as the demo users it uses) it prints,
per request after one warm-up request: the CPU time of this process, the CPU time of the
PostgreSQL backend serving it (from ``/proc/<pid>/stat``, when the server runs on this machine),
their sum, the wall time and the number of SQL queries; medians over ``--runs`` requests. It
asserts nothing about time. Wall time is distorted when others use the machine: read CPU.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu(pid: int | None) -> float:
    """Seconds of CPU (user + system) the PostgreSQL backend ``pid`` used so far."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="DATABASE_URL of a seeded database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="measure only pages whose label has this")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database
    os.environ["WERKPAD_TESTING"] = "1"
    os.environ["WERKPAD_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("WERKPAD_2FA_ROLES", "")
    os.environ.setdefault("WERKPAD_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"
    import django

    django.setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkpad.accounts.models import User
    from werkpad.participants import access

    connection.ensure_connection()
    pid: int | None = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        if not Path(f"/proc/{pid}/stat").exists():
            pid = None  # the server runs elsewhere: its CPU cannot be read here
    print(
        f"{connection.vendor} {connection.settings_dict['NAME']}; load average "
        f"{os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs); {args.runs} runs per page"
    )
    print(f"{'page':<52} {'app CPU':>9} {'db CPU':>8} {'sum':>8} {'wall':>8} {'queries':>8}")

    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    def measure(
        label: str, client: Client, url: str, method: str = "get", fragment: bool = False
    ) -> None:
        if args.only and args.only not in label:
            return
        # A fragment is requested as htmx does in the browser (``HX-Request``).
        call = getattr(client, method)
        if fragment:
            call = functools.partial(call, headers={"HX-Request": "true"})
        data = {"q": "an"} if method == "post" else None
        response = call(url, data) if data else call(url)  # warm-up (and per-process caches)
        if response.status_code not in (200, 302):
            print(f"{label:<52} status {response.status_code}")
            return
        app, db, wall, queries = [], [], [], []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                c0, d0, w0 = time.process_time(), backend_cpu(pid), time.perf_counter()
                call(url, data) if data else call(url)
                c1, d1, w1 = time.process_time(), backend_cpu(pid), time.perf_counter()
            app.append((c1 - c0) * 1000)
            db.append((d1 - d0) * 1000)
            wall.append((w1 - w0) * 1000)
            queries.append(len(captured))
        a, d = statistics.median(app), statistics.median(db)
        print(
            f"{label:<52} {a:7.1f}ms {d:6.1f}ms {statistics.median([x + y for x, y in zip(app, db, strict=True)]):6.1f}ms "
            f"{statistics.median(wall):6.1f}ms {statistics.median(queries):8.0f}"
        )

    for username in ("coach", "coa", "partner"):
        client = client_for(username)
        user = User.objects.get(username=username)
        first = access.caseload(user).values_list("public_id", flat=True).first()
        if first is None:
            first = access.visible_participants(user).values_list("public_id", flat=True).first()
        print(f"-- {username}")
        measure(f"{username}: /participants/ (caseload)", client, "/participants/")
        measure(
            f"{username}: /participants/?phase=inburgering",
            client,
            "/participants/?phase=inburgering",
        )
        measure(f"{username}: /participants/?scope=all", client, "/participants/?scope=all")
        measure(f"{username}: POST /participants/ (search)", client, "/participants/", "post")
        measure(f"{username}: /participants/ (after search)", client, "/participants/")
        client.post("/participants/", {"q": ""})
        if first is not None:
            measure(f"{username}: /participants/[id]/ (file)", client, f"/participants/{first}/")
            measure(
                f"{username}: /eligibility/[id]/panel/",
                client,
                f"/eligibility/{first}/panel/",
                fragment=True,
            )
            measure(
                f"{username}: /matching/participants/[id]/vacancies/",
                client,
                f"/matching/participants/{first}/vacancies/",
                fragment=True,
            )
    print("-- others")
    measure("werkgever1: /employers/portal/", client_for("werkgever1"), "/employers/portal/")
    measure("nieuwkomer1: /portal/", client_for("nieuwkomer1"), "/portal/")
    measure("analyst: /monitoring/", client_for("analyst"), "/monitoring/")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
