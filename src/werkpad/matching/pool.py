"""The open vacancies as core vacancies, kept per process and refreshed when the database changes.

Suggesting vacancies for one participant compares them with every open vacancy the user may see.
Reading those (about 17,600 at 100,000 participants, with employer, organisation, location and
municipality) and converting them to core :class:`~werkpad.core.matching.Vacancy` values took
seconds per request; the pool does it once per process and keeps a matcher fitted on them.

Correct with several processes: the row :class:`~werkpad.matching.models.VacancyPoolVersion`
gets a new random ``version`` from database triggers (migration ``matching.0006``) in the same
transaction as any change to a vacancy, employer, employer location, organisation or
municipality, whoever makes it (any app server, the admin, an import, SQL by hand). Every use
reads that one row (a primary-key lookup) and rebuilds the pool when it differs from the one the
pool was built at, or when the taxonomy bundle or the day changed (a vacancy without a start date
starts a fixed number of days from today). The matcher fitted on the pool is kept per weights.

The user's scope is not part of the pool: callers pass the ids of the vacancies the user may see
(one query on the scoped queryset) and the matcher ranks among those only
(:meth:`werkpad.core.matching.Matcher.rank_vacancies` with ``among``), which gives exactly the
ranking of a matcher fitted on the scoped vacancies alone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from django.db import connection

from werkpad.core.matching import Matcher, Vacancy, Weights
from werkpad.employers.choices import VacancyStatus
from werkpad.employers.models import Vacancy as VacancyRecord

from . import adapters
from .models import VacancyPoolVersion
from .taxonomy import TaxonomyBundle

#: Rows read per round trip while building the pool (bounds the model instances alive at once).
CHUNK = 2000


@dataclass
class Pool:
    version: str | None
    bundle: TaxonomyBundle
    day: date
    jobs: tuple[Vacancy, ...]
    no_location: frozenset[int]  # pks of open vacancies without any known location
    pks: npt.NDArray[np.int64] = field(init=False)  # the pk of each of ``jobs``, in order
    matchers: dict[str, Matcher] = field(default_factory=dict)  # by weights version

    def __post_init__(self) -> None:
        self.pks = np.fromiter((int(job.id) for job in self.jobs), dtype=np.int64)

    def matcher(self, weights: Weights, version: str) -> Matcher:
        fitted = self.matchers.get(version)
        if fitted is None:
            fitted = Matcher(weights=weights, skill_space=self.bundle.skill_space).fit(self.jobs)
            self.matchers = {version: fitted}  # one set of weights in use at a time
        return fitted


_lock = threading.Lock()
_pool: Pool | None = None


def supported() -> bool:
    """Whether the database has the triggers the pool relies on (PostgreSQL and SQLite)."""
    return connection.vendor in ("postgresql", "sqlite")


def database_version() -> str | None:
    """The version row as it is now (``None`` when the row is absent, e.g. after a flush)."""
    return VacancyPoolVersion.objects.filter(pk=1).values_list("version", flat=True).first()


def _build(version: str | None, bundle: TaxonomyBundle, day: date) -> Pool:
    jobs: list[Vacancy] = []
    missing: set[int] = set()
    records = (
        VacancyRecord.objects.filter(status=VacancyStatus.OPEN)
        .select_related("employer__organisation__municipality", "location__municipality")
        .order_by()
    )
    for record in records.iterator(chunk_size=CHUNK):
        job = adapters.vacancy_from_record(record, bundle, day)
        if job is None:
            missing.add(record.pk)
        else:
            jobs.append(job)
    jobs.sort(key=lambda job: job.id)
    return Pool(version, bundle, day, tuple(jobs), frozenset(missing))


def _fresh(pool: Pool | None, version: str | None, bundle: TaxonomyBundle, day: date) -> bool:
    return (
        pool is not None and pool.version == version and pool.bundle is bundle and pool.day == day
    )


def current(bundle: TaxonomyBundle, day: date) -> Pool:
    """The pool for ``bundle`` and ``day``, rebuilt when the database's version changed.

    The version is read before the rows: a change committed in between leaves the pool with the
    older version, so the next request rebuilds it (never the other way round)."""
    global _pool
    version = database_version()
    pool = _pool
    if pool is not None and _fresh(pool, version, bundle, day):
        return pool
    with _lock:
        pool = _pool
        if pool is None or not _fresh(pool, version, bundle, day):
            pool = _build(version, bundle, day)
            _pool = pool
    return pool


def fitted(pool: Pool, weights: Weights, version: str) -> Matcher:
    """The matcher fitted on ``pool`` with ``weights`` (fitted once per pool and weights)."""
    matcher = pool.matchers.get(version)
    if matcher is None:
        with _lock:
            matcher = pool.matchers.get(version)
            if matcher is None:
                matcher = pool.matcher(weights, version)
    return matcher


def warm() -> None:
    """Build this process's pool for today and fit the matcher with the weights in use, now.

    ``werkpad serve`` calls it before it listens, so that the first suggestions after a start
    do not wait for the build (2.3 s of CPU at 17,645 open vacancies). Later changes rebuild it
    as :func:`current` says."""
    from django.utils import timezone

    from .services import weights_version
    from .taxonomy import current as current_bundle
    from .weights import active_weights

    if not supported():
        return
    weights = active_weights()
    fitted(current(current_bundle(), timezone.localdate()), weights, weights_version(weights))


def clear() -> None:
    """Forget the pool of this process (tests)."""
    global _pool
    _pool = None
