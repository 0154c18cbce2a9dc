"""Load test of Werkpad with locust: a realistic mix of users against one or more servers.

Started by ``tests/bench/bench_load.py`` (which seeds, starts the servers and reports); by hand:

    WERKPAD_LOAD_HOSTS=http://127.0.0.1:8120,http://127.0.0.1:8121 \\
      .venv/bin/locust -f tests/bench/locustfile.py --headless -u 50 -r 10 -t 1m

Each simulated user signs in once with a demo account and is given one of the servers in turn
(round robin over ``WERKPAD_LOAD_HOSTS``), then waits 1-3 s between pages:

- coaches (30 of 50): caseload (plain, searched, filtered), a participant's file, the eligibility
  panel and the suggested vacancies of a participant from their caseload;
- employer contacts (8): their portal; newcomers (8): their portal; analysts (4): monitoring.

Pages are reported under a name per kind (``/participants/[id]/``), not per participant.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading

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
        self.client.base_url = HOSTS[_next(_host_turn) % len(HOSTS)]
        self.client.get("/accounts/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            data={
                "username": self.username(),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.client.base_url + "/accounts/login/"},
            name="login",
        )


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
        for q in (random.choice(SEARCHES), ""):
            self.client.post(
                "/participants/",
                data={"q": q, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
                headers={"Referer": self.client.base_url + "/participants/"},
                name="/participants/ POST q (search)",
            )

    @task(1)
    def caseload_filtered(self) -> None:
        self.client.get("/participants/?phase=inburgering", name="/participants/?phase=")

    @task(1)
    def caseload_everyone(self) -> None:
        self.client.get("/participants/?scope=all", name="/participants/?scope=all")

    @task(4)
    def participant_file(self) -> None:
        if pid := self._pick():
            self.client.get(f"/participants/{pid}/", name="/participants/[id]/ (file)")

    @task(2)
    def eligibility(self) -> None:
        if pid := self._pick():
            self.client.get(f"/eligibility/{pid}/panel/", name="/eligibility/[id]/panel/")

    @task(2)
    def suggestions(self) -> None:
        if pid := self._pick():
            self.client.get(
                f"/matching/participants/{pid}/vacancies/",
                name="/matching/participants/[id]/vacancies/",
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
