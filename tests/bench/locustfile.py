"""Load test of Werkpad with locust: a realistic mix of users against one or more servers.

Started by ``tests/bench/bench_load.py`` (which seeds, starts the servers and reports); by hand:

    WERKPAD_LOAD_HOSTS=http://127.0.0.1:8120,http://127.0.0.1:8121 \\
      .venv/bin/locust -f tests/bench/locustfile.py --headless -u 50 -r 10 -t 1m

Each simulated user signs in once with a demo account (a failed login is reported as a failure
of "login") and is given one of the servers in turn (round robin over ``WERKPAD_LOAD_HOSTS``), then
waits 1-3 s (uniform, mean 2 s) between page views.

A page view is what the browser requests for it, not one request: static files are cached after
the first view (WhiteNoise, far-future headers), so they are left out, but every htmx fragment a
page loads by itself is requested after it, as the browser does:

- coaches (30 of 50): caseload (plain, filtered by phase, "everyone I may see"); a search (the
  POST and the redirected GET, then the same to clear it); a participant's file, which loads the
  eligibility panel (``/eligibility/<id>/panel/``) and the suggested vacancies
  (``/matching/participants/<id>/vacancies/``) with ``hx-trigger="load"``: 3 requests a view;
- employer contacts (8): their portal; newcomers (8): their portal; analysts (4): monitoring.

So a coach makes about 2.1 requests per page view (weights below) and the others 1: with 50 users
and a mean wait of 2 s the mix can reach about 30 x 2.1 / 2 + 20 / 2 = 41 requests per second when
every answer is instant, and less as answers take time (each user waits for its answer before
its next wait). Throughput is what locust measures, not this estimate.

Pages are reported under a name per kind (``/participants/[id]/``), not per participant.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time

import gevent
from locust import HttpUser, between, task

HOSTS = [
    h.strip()
    for h in os.environ.get("WERKPAD_LOAD_HOSTS", "http://127.0.0.1:8120").split(",")
    if h.strip()
]
PASSWORD = os.environ.get("WERKPAD_LOAD_PASSWORD", "werkpad-demo")
COACHES = os.environ.get("WERKPAD_LOAD_COACHES", "coach,coa,partner,wsp,taal,jobcoach").split(",")
EMPLOYERS = int(os.environ.get("WERKPAD_LOAD_EMPLOYERS", "200"))
NEWCOMERS = ("nieuwkomer1", "nieuwkomer2", "nieuwkomer3")
FILE_LINK = re.compile(r'href="/participants/([0-9a-f-]{36})/"')
SEARCHES = ("a", "el", "mo", "sa", "an")

_lock = threading.Lock()
_host_turn = itertools.count()
_account_turn = itertools.count()
# The measurement window (WERKPAD_LOAD_SECONDS) starts when every user has signed in: signing in
# (PBKDF2 by design, about half a second of CPU each) happens once per user and would otherwise
# fill a short window. Sign-in times are written to WERKPAD_LOAD_SIGNINS (JSON) apart.
WINDOW = float(os.environ.get("WERKPAD_LOAD_SECONDS", "0"))
SIGNINS_FILE = os.environ.get("WERKPAD_LOAD_SIGNINS", "")
_signins: list[float] = []


def _signed_in(user: HttpUser, seconds: float) -> None:
    with _lock:
        _signins.append(seconds)
        done = len(_signins)
    runner = user.environment.runner
    if WINDOW and runner is not None and done == runner.target_user_count:
        user.environment.stats.reset_all()
        if SIGNINS_FILE:
            with open(SIGNINS_FILE, "w") as fh:
                json.dump({"seconds": _signins, "window_started": time.time()}, fh)
        gevent.spawn_later(WINDOW, runner.quit)


def _next(counter: itertools.count) -> int:  # type: ignore[type-arg]
    with _lock:
        return next(counter)


class WerkpadUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    host = HOSTS[0]

    def username(self) -> str:
        raise NotImplementedError

    def on_start(self) -> None:
        started = time.monotonic()
        self.client.base_url = HOSTS[_next(_host_turn) % len(HOSTS)]
        self.client.get("/accounts/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username(),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.client.base_url + "/accounts/login/"},
            name="login",
            catch_response=True,
        ) as response:
            # A failed login answers the form again (200) instead of redirecting away from it.
            if "/accounts/login/" in response.url:
                response.failure("login refused")
        _signed_in(self, time.monotonic() - started)


class Coach(WerkpadUser):
    weight = 30

    def username(self) -> str:
        return COACHES[_next(_account_turn) % len(COACHES)]

    def on_start(self) -> None:
        super().on_start()
        self.files: list[str] = []
        self.caseload()

    def _pick(self) -> str | None:
        return random.choice(self.files) if self.files else None

    @task(3)
    def caseload(self) -> None:
        response = self.client.get("/participants/", name="/participants/ (caseload)")
        found = FILE_LINK.findall(response.text or "")
        if found:
            self.files = found

    @task(1)
    def caseload_search(self) -> None:
        # Search terms travel in the POST body and the session (never the URL); cleared after.
        # The POST answers with a redirect to the caseload, which the browser then loads: two
        # requests, each counted.
        for q in (random.choice(SEARCHES), ""):
            response = self.client.post(
                "/participants/",
                data={"q": q, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
                headers={"Referer": self.client.base_url + "/participants/"},
                name="/participants/ POST q (search)",
                allow_redirects=False,
            )
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location:
                self.client.get(location, name="/participants/ (after search)")

    @task(1)
    def caseload_filtered(self) -> None:
        self.client.get("/participants/?phase=inburgering", name="/participants/?phase=")

    @task(1)
    def caseload_everyone(self) -> None:
        self.client.get("/participants/?scope=all", name="/participants/?scope=all")

    @task(4)
    def participant_file(self) -> None:
        # The file page, then the two fragments it loads itself (hx-trigger="load").
        if pid := self._pick():
            response = self.client.get(f"/participants/{pid}/", name="/participants/[id]/ (file)")
            page = response.text or ""
            # As htmx sends them: the fragment, not a whole page.
            hx = {
                "HX-Request": "true",
                "HX-Current-URL": f"{self.client.base_url}/participants/{pid}/",
            }
            if f"/eligibility/{pid}/panel/" in page:
                self.client.get(
                    f"/eligibility/{pid}/panel/", name="/eligibility/[id]/panel/", headers=hx
                )
            if f"/matching/participants/{pid}/vacancies/" in page:
                self.client.get(
                    f"/matching/participants/{pid}/vacancies/",
                    name="/matching/participants/[id]/vacancies/",
                    headers=hx,
                )


class EmployerContact(WerkpadUser):
    weight = 8

    def username(self) -> str:
        return f"werkgever{_next(_account_turn) % EMPLOYERS + 1}"

    @task
    def portal(self) -> None:
        self.client.get("/employers/portal/", name="/employers/portal/")


class Newcomer(WerkpadUser):
    weight = 8

    def username(self) -> str:
        return NEWCOMERS[_next(_account_turn) % len(NEWCOMERS)]

    @task
    def portal(self) -> None:
        self.client.get("/portal/", name="/portal/")


class Analyst(WerkpadUser):
    weight = 4

    def username(self) -> str:
        return "analyst"

    @task
    def monitoring(self) -> None:
        self.client.get("/monitoring/", name="/monitoring/")
