"""Import benchmark: big files through the real import page, while coaches keep opening files.

Run: ``.venv/bin/python tests/bench/bench_import.py [--rows 50000] [--viewers 20]
[--postgres URL]``. Builds a fresh database (SQLite in a temporary directory, or PostgreSQL at URL,
dropped and re-created), starts ``werkpad serve`` on a free port and then, over real HTTP:

1. imports a CSV of ``--rows`` valid vacancies (target: under 30 s) while ``--viewers`` threads,
   logged in as a coach, keep opening participant files (each view writes the access log and the
   session; target: every answer under 2 s, 0 errors);
2. re-imports the same file (every row unchanged);
3. imports ``--against-rows`` employer rows (half new, half updates by name) and as many vacancy
   rows against ``--against`` existing employers.

Prints the figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
PASSWORD = "bench-password-1234"
VACANCY_HEADER = (
    "employer,title,occupation,hours_per_week,roster,roster_flexible,contract_kind,"
    "contract_months,wage_hourly,dutch_level,certificates,language_rich,twv_willing,"
    "self_development,places,group_possible,start_date,status,description"
)
EMPLOYER_HEADER = "name,kind,sector,contact_name,contact_email,location_address,location_city"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--against", type=int, default=50_000, help="existing employers")
    parser.add_argument("--against-rows", type=int, default=20_000)
    parser.add_argument("--threads", type=int, default=24, help="waitress threads")
    parser.add_argument(
        "--wave", type=float, default=5.0, help="seconds between two waves of concurrent views"
    )
    parser.add_argument("--postgres", metavar="URL", help="e.g. postgres://...:5432/werkpad_bench")
    args = parser.parse_args()

    from _setup import bench_database  # tests/bench/_setup.py, next to this script

    db = bench_database(
        args.postgres,
        allowed_hosts="127.0.0.1,localhost",
        log_level="INFO",  # the import logs its phases
        extra_env={"WERKPAD_LOGIN_THROTTLE": "false"},
    )
    tmp, where = db.tmp, db.where
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    coach, participants = _population()
    print(f"{where}: migrate and seed {time.perf_counter() - t0:.1f} s")
    print(f"load average before measuring: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")

    from django.db import connections

    connections.close_all()
    port = _free_port()
    log_path = Path(tmp.name) / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "werkpad"),
            "serve",
            "--port",
            str(port),
            "--threads",
            str(args.threads),
        ],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url)
        session = Session(base_url, coach, PASSWORD)
        viewing = Session(base_url, coach, PASSWORD)  # the viewers' own login (and session)
        file_urls = [f"/participants/{p}/" for p in participants]

        _bulk_employers(1000)
        print("\n0. no import: the file views alone")
        _import_while_viewing(session, viewing, "", b"", file_urls, args)
        rows = _vacancy_rows(args.rows, _employer_names(1000))
        body = (VACANCY_HEADER + "\n" + "\n".join(rows) + "\n").encode()
        print(f"\n1. {args.rows:,} new vacancies ({len(body) / 1e6:.1f} MB CSV) during file views")
        _import_while_viewing(session, viewing, "vacancies", body, file_urls, args)
        print(f"\n2. the same file again ({args.rows:,} rows unchanged) during file views")
        _import_while_viewing(session, viewing, "vacancies", body, file_urls, args)

        print(f"\n3. {args.against_rows:,} rows against {args.against:,} existing employers")
        t = time.perf_counter()
        _bulk_employers(args.against)
        print(f"   (created {args.against:,} employers in {time.perf_counter() - t:.1f} s)")
        existing = _employer_names(args.against)
        half = args.against_rows // 2
        employer_rows = [
            f"{n.upper()},regulier,horeca,Contact {i},c{i}@example.org,Straat {i},Utrecht"
            for i, n in enumerate(random.Random(1).sample(existing, half))
        ] + [
            f"Nieuw bedrijf {i},regulier,logistiek,Contact {i},,Weg {i},Zeist" for i in range(half)
        ]
        body = (EMPLOYER_HEADER + "\n" + "\n".join(employer_rows) + "\n").encode()
        _import_while_viewing(session, viewing, "employers", body, file_urls, args, "employers")
        rows = _vacancy_rows(args.against_rows, existing, title="Schoonmaker")
        body = (VACANCY_HEADER + "\n" + "\n".join(rows) + "\n").encode()
        _import_while_viewing(session, viewing, "vacancies", body, file_urls, args, "vacancies")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print("\nthe server's account of each import:")
        for line in log_path.read_text().splitlines():
            if "import of" in line or "Error" in line or "locked" in line:
                print("  ", line[:400])


def _population() -> tuple[str, list[str]]:
    """A coach with 200 participants in the caseload (the demo generator's people)."""
    from werkpad.accounts.models import User
    from werkpad.demo.seed import seed_database

    seed_database(200, 2025, extensions=False)
    coach = User.objects.get(username="coach")
    coach.set_password(PASSWORD)
    coach.language = "en"  # the bench reads the English summary message
    coach.save()
    ids = [str(p.public_id) for p in coach.regie_participants.all()[:100]]
    return coach.username, ids


def _employer_names(n: int) -> list[str]:
    return [f"Bench werkgever {i:05d}" for i in range(n)]


def _bulk_employers(n: int) -> None:
    from werkpad.accounts.models import Organisation, OrganisationKind
    from werkpad.employers.models import Employer

    have = set(
        Organisation.objects.filter(name__startswith="Bench werkgever").values_list(
            "name", flat=True
        )
    )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=name, kind=OrganisationKind.EMPLOYER)
            for name in _employer_names(n)
            if name not in have
        ],
        batch_size=1000,
    )
    Employer.objects.bulk_create(
        [
            Employer(organisation=o, kind="regulier", sector="horeca", contact_name="Contact")
            for o in orgs
        ],
        batch_size=1000,
    )


def _vacancy_rows(n: int, employers: list[str], title: str = "Medewerker") -> list[str]:
    """``n`` valid vacancy rows, a distinct title per employer."""
    rng = random.Random(n)
    rows = []
    for i in range(n):
        employer = employers[i % len(employers)]
        hours = rng.choice((16, 24, 32, 36, 38))
        rows.append(
            f"{employer},{title} {i},magazijnmedewerker,{hours},mon_morning tue_morning,no,"
            f"fixed_term,12,{14 + rng.randint(40, 400) / 100:.2f},A1,vca,no,yes,some,"
            f"{rng.randint(1, 3)},no,2027-03-01,open,Een baan in de logistiek"
        )
    return rows


class Session:
    """A logged-in browser: cookies and the CSRF token, for urllib."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.opener.open(base + "/accounts/login/").read()
        status, _body = self.post("/accounts/login/", {"username": username, "password": password})
        if status != 302:
            raise SystemExit(f"login failed ({status})")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def post(
        self, path: str, fields: dict[str, str], file: tuple[str, bytes] | None = None
    ) -> tuple[int, str]:
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        if file is None:
            data = urllib.parse.urlencode(fields).encode()
            ctype = "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in fields.items()
            ]
            parts.append(
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                    f'filename="{file[0]}"\r\nContent-Type: text/csv\r\n\r\n'
                ).encode()
                + file[1]
                + f"\r\n--{boundary}--\r\n".encode()
            )
            data = b"".join(parts)
            ctype = f"multipart/form-data; boundary={boundary}"
        request = urllib.request.Request(
            self.base + path,
            data=data,
            headers={"Content-Type": ctype, "Referer": self.base + path},
        )
        try:
            with self.opener.open(request, timeout=600) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _import_while_viewing(
    session: Session,
    viewing: Session,
    what: str,
    body: bytes,
    file_urls: list[str],
    args: argparse.Namespace,
    label: str = "",
) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    done = threading.Event()
    cookie = viewing.cookie_header()
    viewers, wave = args.viewers, args.wave

    def viewer(seed: int) -> None:
        rng = random.Random(seed)
        start = time.perf_counter()
        while not done.is_set():
            # Waves: every viewer opens a file at the same moment, every ``wave`` seconds.
            wait = wave - (time.perf_counter() - start) % wave
            if done.wait(wait):
                break
            url = session.base + rng.choice(file_urls)
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    ok = response.status == 200
            except Exception as exc:  # every failure counts as an error
                ok, status = False, getattr(exc, "code", type(exc).__name__)
            else:
                status = 200
            latencies.append(time.perf_counter() - t)
            if not ok:
                errors.append(str(status))

    threads = [threading.Thread(target=viewer, args=(i,), daemon=True) for i in range(viewers)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # the views are under way before the upload starts
    if not what:  # no import: how the views answer on their own
        time.sleep(4 * wave)
        done.set()
        for thread in threads:
            thread.join()
        _print_views(latencies, errors, viewers, wave)
        return
    t = time.perf_counter()
    status, text = session.post(
        "/employers/import/", {"what": what}, file=(f"bench-{what}.csv", body)
    )
    elapsed = time.perf_counter() - t
    done.set()
    for thread in threads:
        thread.join()
    summary = _flash(session) if status == 302 else _problems(text)
    print(
        f"   import{' of ' + label if label else ''}: HTTP {status} in {elapsed:.1f} s"
        f" ({len(body.splitlines()) - 1:,} rows) — {summary or text[:200]}"
    )
    _print_views(latencies, errors, viewers, wave)


def _print_views(latencies: list[float], errors: list[str], viewers: int, wave: float) -> None:
    if latencies:
        ordered = sorted(latencies)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"   {viewers} concurrent file views every {wave:g} s: {len(latencies)} views, median "
            f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max "
            f"{ordered[-1] * 1000:.0f} ms, over 2 s: {sum(x > 2 for x in latencies)}, "
            f"errors: {len(errors)} {sorted(set(errors))[:5]}"
        )


def _problems(page: str) -> str:
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    return " | ".join(cells[:9]) or page[:300]


def _flash(session: Session) -> str:
    """The success message the import left in the session (shown on the next page)."""
    with session.opener.open(session.base + "/employers/vacancies/") as response:
        page = response.read().decode()
    match = re.search(r"(Import done:[^<]*|Nothing was imported[^<]*)", page)
    return match.group(1).strip() if match else ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


if __name__ == "__main__":
    main()
