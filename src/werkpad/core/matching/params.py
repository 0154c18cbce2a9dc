"""Parameters of the matcher: component weights, travel limits and the skill model.

All three are frozen dataclasses with documented defaults; pass changed copies
(``dataclasses.replace``) to :class:`werkpad.core.matching.Matcher`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from werkpad.core.matching.model import DutchLevel, TransportMode
from werkpad.core.matching.results import ComponentName

__all__ = ["SkillParams", "TravelLimits", "Weights"]


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the soft-fit components, and the shape of the non-skill components.

    The score of an eligible pair is ``sum(weight * value) / sum(weight)`` over the components,
    every value in ``[0, 1]``, so the score is in ``[0, 1]`` too and only the ratios of the
    weights matter. A weight of 0 switches a component off (it is then not computed at all).

    Defaults and why:

    ``skills = 0.35``
        Whether the candidate can do the work is the first question of employer and coach, and the
        skill evidence (ESCO essential and optional skills) is the richest signal there is.
    ``occupation = 0.15``
        Having worked in the same occupation (or ISCO group) is strong, employer-legible evidence,
        but many newcomers change field, so it weighs less than the skills.
    ``experience = 0.10``
        Years in that occupation (group): the reports see recognition as a professional as key to
        retention, but years abroad are hard to verify, hence a modest weight.
    ``desired_occupation = 0.10``, ``desired_category = 0.10``
        Ambition. The Hague evaluation found 14 of 20 wanted a category-2 job while 10 of 15 jobs
        found were category 1, and fit with the person's goal drives durable placement ("from een
        baan to de baan"). Together as heavy as the occupation evidence.
    ``language_rich = 0.05``
        A language-rich workplace for people still learning Dutch: language classes are the only
        project feature with a measured positive effect in the DRS evaluation and "language
        learned at work" is a werkzaam element; small, because it is a bonus, not a fit.
    ``employer_experience = 0.05``
        Employers with experience with status holders keep people longer (Tabel 7 records it for
        a reason); small, because it says little about this particular pair.
    ``distance = 0.10``
        Within the hard travel limit, nearer is better: long travel is a named obstacle in the
        azc phase and costs hours on top of work, lessons and appointments.

    Shape parameters:

    ``occupation_same_group = 0.6``, ``occupation_same_minor_group = 0.3``
        Similarity of two occupations in the same ISCO-08 unit group (4 digits) or minor group
        (3 digits); the same ESCO occupation is 1. Used by the occupation, experience and
        desired-occupation components.
    ``experience_full_years = 2.0``
        Years of relevant experience that count as "fully experienced" when the vacancy does not
        say how many it wants: most startbanen are entry-level work.
    ``learning_dutch_below = B1``
        Candidates below this level (or with an unknown level) are "still learning Dutch" for the
        language-rich component; B1 is the inburgering exam level.
    """

    skills: float = 0.35
    occupation: float = 0.15
    experience: float = 0.10
    desired_occupation: float = 0.10
    desired_category: float = 0.10
    language_rich: float = 0.05
    employer_experience: float = 0.05
    distance: float = 0.10
    occupation_same_group: float = 0.6
    occupation_same_minor_group: float = 0.3
    experience_full_years: float = 2.0
    learning_dutch_below: DutchLevel = DutchLevel.B1

    def __post_init__(self) -> None:
        weights = [self.weight(name) for name in ComponentName]
        if any(value < 0 for value in weights) or sum(weights) <= 0:
            raise ValueError("weights must be non-negative and not all zero")
        if not (0 <= self.occupation_same_minor_group <= self.occupation_same_group <= 1):
            raise ValueError("need 0 <= occupation_same_minor_group <= occupation_same_group <= 1")
        if self.experience_full_years <= 0:
            raise ValueError("experience_full_years must be positive")

    def weight(self, name: ComponentName) -> float:
        value: float = getattr(self, name.value)
        return value

    @property
    def total(self) -> float:
        return sum(self.weight(name) for name in ComponentName)

    def only(self, *names: ComponentName) -> Weights:
        """A copy in which every component except ``names`` has weight 0."""
        changes: dict[str, Any] = {name.value: 0.0 for name in ComponentName if name not in names}
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class TravelLimits:
    """The furthest a candidate will travel to work, in km as the crow flies, per transport mode.

    A candidate's limit is the largest over the modes they can use (walking always included).

    ``walking = 3``: about 35 minutes. ``bicycle = 15``: 45 to 60 minutes on an ordinary bike,
    near the upper end of Dutch bicycle commuting. ``public_transport = 40``: about an hour door
    to door; many azc's are remote, so the adapter may lower it per location. ``car = 50``: the
    radius of the COA kansrijke koppeling for work nearby (RULES.md section 4).
    """

    walking: float = 3.0
    bicycle: float = 15.0
    public_transport: float = 40.0
    car: float = 50.0

    def __post_init__(self) -> None:
        if min(self.walking, self.bicycle, self.public_transport, self.car) < 0:
            raise ValueError("travel limits must not be negative")

    def limit(self, mode: TransportMode) -> float:
        value: float = getattr(self, TransportMode(mode).value)
        return value

    def limit_for(self, modes: Iterable[TransportMode]) -> float:
        """The limit for a candidate who can use ``modes`` (and walk)."""
        return max([self.walking, *(self.limit(mode) for mode in modes)])

    def best_mode(self, modes: Iterable[TransportMode]) -> TransportMode:
        """The mode that gives :meth:`limit_for` (walking on ties and when nothing else)."""
        best = TransportMode.WALKING
        for mode in sorted(modes):
            if self.limit(mode) > self.limit(best):
                best = mode
        return best


@dataclass(frozen=True, slots=True)
class SkillParams:
    """The skill-similarity model: a smoothed query-likelihood (log-likelihood ratio).

    Each vacancy ``v`` is a distribution over skills: an essential skill has probability
    ``essential / n_essential(v)``, an optional one ``optional / n_optional(v)``, and every skill
    also ``background * p(skill)``, where ``p`` is the skill's share of all ESCO
    occupation-skill relations (additively smoothed with ``smoothing``). The raw evidence of a
    candidate for ``v`` is the log-likelihood ratio of the candidate's skills under ``v``
    against the background, which is a sum over the matched skills only::

        raw(c, v) = sum_{s in skills(c)} q(s) * log(1 + P_v(s) / (background * p(s)))

    so a match on a rare skill weighs more than one on a common one (like an IDF), a match in a
    short skill list more than one in a long list (like BM25's length normalisation), and an
    essential match more than an optional one. ``q(s)`` is 1 for the candidate's own skills and
    ``broader_credit`` for the direct broader skill of an own skill in the ESCO skill hierarchy
    (someone who can "operate a forklift" partly has the broader skill). The component's value is
    ``1 - exp(-raw / evidence_scale)``: about three well-matched skills give 0.75, so a handful of
    matches saturates it and the other components decide between such vacancies.

    ``essential = 0.8``, ``optional = 0.1``, ``background = 0.1`` are standard Jelinek-Mercer
    proportions (per skill, an essential match weighs about eight optional ones).
    ``broader_credit = 0.05`` is deliberately small: on the ESCO benchmark it costs about 0.001
    MRR, and in practice it helps candidates whose skills were registered one level more precisely
    than the vacancy's.
    """

    essential: float = 0.8
    optional: float = 0.1
    background: float = 0.1
    broader_credit: float = 0.05
    smoothing: float = 1.0
    evidence_scale: float = 15.0

    def __post_init__(self) -> None:
        if min(self.essential, self.optional, self.broader_credit, self.smoothing) < 0:
            raise ValueError("skill parameters must not be negative")
        if self.background <= 0 or self.evidence_scale <= 0 or self.smoothing <= 0:
            raise ValueError("background, smoothing and evidence_scale must be positive")
        if self.broader_credit > 1:
            raise ValueError("broader_credit must be at most 1")
