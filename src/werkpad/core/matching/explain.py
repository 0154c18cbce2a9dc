"""Explanations: turn one evaluated pair into a :class:`PairScore` with translatable messages.

Only the pairs that are shown (the top k, near misses, a single pair) get here; the values and
the failed requirements come from the vectorised evaluation, this module adds the sentences and
the details (which skills, which dagdelen, which certificate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from werkpad.core.i18n import Message, gettext_noop, msg
from werkpad.core.matching._engine import (
    Block,
    CertificateVocabulary,
    dagdelen_needed,
    occupation_keys,
)
from werkpad.core.matching.model import Candidate, OccupationRef, TransportMode, Vacancy
from werkpad.core.matching.params import TravelLimits, Weights
from werkpad.core.matching.results import (
    Component,
    ComponentName,
    Exclusion,
    ExclusionCode,
    PairScore,
)
from werkpad.core.matching.skills import SkillIndex
from werkpad.core.schedule import slots_of

__all__ = ["Explainer", "dagdelen_message", "mode_message"]

_DAYS = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
_PARTS = (gettext_noop("morning"), gettext_noop("afternoon"), gettext_noop("evening"))
_MODES = {
    TransportMode.WALKING: gettext_noop("walking"),
    TransportMode.BICYCLE: gettext_noop("bicycle"),
    TransportMode.PUBLIC_TRANSPORT: gettext_noop("public transport"),
    TransportMode.CAR: gettext_noop("car"),
}


def dagdelen_message(mask: int) -> Message:
    """A translatable list of the dagdelen in ``mask`` ("Monday morning, Tuesday evening")."""
    result: Message | None = None
    for day, part in slots_of(mask):
        slot = msg(gettext_noop("%(day)s %(part)s"), day=msg(_DAYS[day]), part=msg(_PARTS[part]))
        result = (
            slot
            if result is None
            else msg(gettext_noop("%(list)s, %(item)s"), list=result, item=slot)
        )
    return result if result is not None else msg(gettext_noop("no dagdelen"))


def mode_message(mode: TransportMode) -> Message:
    return msg(_MODES[mode])


def _km(value: float) -> float:
    return round(float(value), 1)


@dataclass(frozen=True, slots=True)
class Explainer:
    """Builds :class:`PairScore` values for a fitted matcher's parameters."""

    weights: Weights
    travel: TravelLimits
    near_miss_max_steps: int
    hours_per_dagdeel: float

    def pair_score(
        self,
        candidate: Candidate,
        vacancy: Vacancy,
        block: Block,
        skills: SkillIndex,
        certificates: CertificateVocabulary,
    ) -> PairScore:
        """The :class:`PairScore` of the single pair evaluated in ``block`` (shape ``(1, 1)``)."""
        exclusions = self._exclusions(candidate, vacancy, block, certificates)
        components = tuple(
            self._component(name, float(values[0, 0]), candidate, vacancy, skills, block)
            for name, values in block.components.items()
        )
        near_miss = bool(block.near_miss(self.near_miss_max_steps)[0, 0])
        return PairScore(
            candidate_id=candidate.id,
            vacancy_id=vacancy.id,
            score=float(block.score[0, 0]),
            components=components,
            exclusions=exclusions,
            near_miss=near_miss,
            distance_km=float(block.distance_km[0, 0]),
        )

    # -- exclusions -------------------------------------------------------------------------

    def _exclusions(
        self,
        candidate: Candidate,
        vacancy: Vacancy,
        block: Block,
        certificates: CertificateVocabulary,
    ) -> tuple[Exclusion, ...]:
        out: list[Exclusion] = []
        for code, failed in block.fails.items():
            if bool(failed[0, 0]):
                out.append(
                    self._exclusion(code, candidate, vacancy, float(block.distance_km[0, 0]))
                )
        if block.missing_certificates is not None:
            words = [int(word) for word in block.missing_certificates[0, 0]]
            # A missing bit means no copy is valid on the start date: every copy held expired.
            expired: dict[str, date] = {}
            for cert in candidate.certificates:
                if cert.expires is not None:
                    expired[cert.code] = max(cert.expires, expired.get(cert.code, cert.expires))
            for cert_code in sorted(certificates.codes(words)):
                expiry = expired.get(cert_code)
                if expiry is None:
                    out.append(
                        Exclusion(
                            ExclusionCode.CERTIFICATE_MISSING,
                            msg(gettext_noop("Certificate %(name)s is required"), name=cert_code),
                            msg(gettext_noop("%(name)s needed"), name=cert_code),
                            cert_code,
                        )
                    )
                else:
                    out.append(
                        Exclusion(
                            ExclusionCode.CERTIFICATE_EXPIRED,
                            msg(
                                gettext_noop(
                                    "Certificate %(name)s expires on %(expires)s, before the "
                                    "start on %(start)s"
                                ),
                                name=cert_code,
                                expires=expiry,
                                start=vacancy.start,
                            ),
                            msg(gettext_noop("Renew %(name)s"), name=cert_code),
                            cert_code,
                        )
                    )
        return tuple(out)

    def _exclusion(
        self, code: ExclusionCode, candidate: Candidate, vacancy: Vacancy, distance: float
    ) -> Exclusion:
        if code is ExclusionCode.NOT_ALLOWED_TO_WORK:
            reason = candidate.permission.reason or msg(
                gettext_noop("May not work yet, or the right to work is unknown")
            )
            return Exclusion(code, reason)
        if code is ExclusionCode.STARTS_TOO_EARLY:
            assert candidate.permission.earliest_start is not None
            return Exclusion(
                code,
                msg(
                    gettext_noop(
                        "The job starts on %(start)s, before the first possible working "
                        "day %(earliest)s"
                    ),
                    start=vacancy.start,
                    earliest=candidate.permission.earliest_start,
                ),
            )
        if code is ExclusionCode.NO_TWV:
            return Exclusion(
                code,
                msg(
                    gettext_noop(
                        "A work permit (TWV) is needed and the employer does not apply for one"
                    )
                ),
            )
        if code is ExclusionCode.DUTCH_LEVEL:
            need = vacancy.min_dutch.name
            step = msg(gettext_noop("Dutch %(level)s needed"), level=need)
            if candidate.dutch is None:
                text = msg(gettext_noop("Dutch level unknown; the job needs %(need)s"), need=need)
            else:
                text = msg(
                    gettext_noop("Dutch level %(have)s is below the required %(need)s"),
                    have=candidate.dutch.name,
                    need=need,
                )
            return Exclusion(code, text, step, need)
        if code is ExclusionCode.ROSTER_UNAVAILABLE:
            slots = vacancy.roster & ~candidate.availability
            return Exclusion(
                code,
                msg(
                    gettext_noop(
                        "The roster needs %(dagdelen)s, when the candidate is not available"
                    ),
                    dagdelen=dagdelen_message(slots),
                ),
            )
        if code is ExclusionCode.ROSTER_LESSONS:
            return Exclusion(
                code,
                msg(
                    gettext_noop("The roster needs %(dagdelen)s, when the candidate has lessons"),
                    dagdelen=dagdelen_message(vacancy.roster & candidate.lessons),
                ),
            )
        if code is ExclusionCode.ROSTER_APPOINTMENTS:
            return Exclusion(
                code,
                msg(
                    gettext_noop(
                        "The roster needs %(dagdelen)s, when the candidate has a fixed appointment"
                    ),
                    dagdelen=dagdelen_message(vacancy.roster & candidate.appointments),
                ),
            )
        if code is ExclusionCode.TOO_FEW_DAGDELEN:
            return Exclusion(
                code,
                msg(
                    gettext_noop(
                        "%(hours)s hours a week need %(need)s dagdelen; the candidate "
                        "has %(free)s free in the job's working times"
                    ),
                    hours=vacancy.hours_per_week,
                    need=dagdelen_needed(vacancy.hours_per_week, self.hours_per_dagdeel),
                    free=(candidate.free & vacancy.roster).bit_count(),
                ),
            )
        if code is ExclusionCode.TOO_MANY_HOURS:
            assert candidate.max_hours_per_week is not None
            return Exclusion(
                code,
                msg(
                    gettext_noop("%(hours)s hours a week; the candidate can work at most %(max)s"),
                    hours=vacancy.hours_per_week,
                    max=candidate.max_hours_per_week,
                ),
            )
        assert code is ExclusionCode.TOO_FAR
        mode = self.travel.best_mode(candidate.transport)
        return Exclusion(
            code,
            msg(
                gettext_noop(
                    "%(km)s km from home; by %(mode)s the candidate travels at most %(limit)s km"
                ),
                km=_km(distance),
                mode=mode_message(mode),
                limit=self.travel.limit_for(candidate.transport),
            ),
        )

    # -- components -------------------------------------------------------------------------

    def _component(
        self,
        name: ComponentName,
        value: float,
        candidate: Candidate,
        vacancy: Vacancy,
        skills: SkillIndex,
        block: Block,
    ) -> Component:
        weight = self.weights.weight(name)
        explanation, evidence = self._explain(name, value, candidate, vacancy, skills, block)
        return Component(name, value, weight, explanation, evidence)

    def _explain(
        self,
        name: ComponentName,
        value: float,
        candidate: Candidate,
        vacancy: Vacancy,
        skills: SkillIndex,
        block: Block,
    ) -> tuple[Message, tuple[str, ...]]:
        if name is ComponentName.SKILLS:
            return self._explain_skills(candidate, vacancy, skills)
        if name is ComponentName.OCCUPATION:
            return self._explain_occupation(candidate, vacancy)
        if name is ComponentName.EXPERIENCE:
            years = round(
                max(
                    (
                        self._similarity(e.occupation, vacancy.occupation) * max(0.0, e.years)
                        for e in candidate.experience
                    ),
                    default=0.0,
                ),
                1,
            )
            if vacancy.years_experience > 0:
                text = msg(
                    gettext_noop(
                        "%(years)s years of relevant experience; the employer asks %(wanted)s"
                    ),
                    years=years,
                    wanted=vacancy.years_experience,
                )
            else:
                text = msg(gettext_noop("%(years)s years of relevant experience"), years=years)
            return text, ()
        if name is ComponentName.DESIRED_OCCUPATION:
            return self._explain_desired(candidate.desired_occupation, vacancy.occupation, value)
        if name is ComponentName.DESIRED_CATEGORY:
            if candidate.desired_category is None:
                return msg(gettext_noop("No wished self-development category recorded")), ()
            if vacancy.category is None:
                return msg(gettext_noop("The job's self-development category is not recorded")), ()
            if candidate.desired_category == vacancy.category:
                return msg(gettext_noop("The self-development category is the one wished for")), ()
            return msg(
                gettext_noop("Self-development category %(offer)s, wished %(wish)s"),
                offer=int(vacancy.category),
                wish=int(candidate.desired_category),
            ), ()
        if name is ComponentName.LANGUAGE_RICH:
            if value > 0:
                return msg(gettext_noop("Language-rich workplace: Dutch is practised at work")), ()
            if candidate.dutch is not None and candidate.dutch >= self.weights.learning_dutch_below:
                return msg(
                    gettext_noop("Already speaks Dutch at level %(level)s"),
                    level=candidate.dutch.name,
                ), ()
            return msg(gettext_noop("Not a language-rich workplace")), ()
        if name is ComponentName.EMPLOYER_EXPERIENCE:
            if value > 0:
                return msg(gettext_noop("The employer has experience with status holders")), ()
            return msg(gettext_noop("No recorded employer experience with status holders")), ()
        assert name is ComponentName.DISTANCE
        return msg(
            gettext_noop("%(km)s km from home (at most %(limit)s km)"),
            km=_km(float(block.distance_km[0, 0])),
            limit=self.travel.limit_for(candidate.transport),
        ), ()

    def _explain_skills(
        self, candidate: Candidate, vacancy: Vacancy, skills: SkillIndex
    ) -> tuple[Message, tuple[str, ...]]:
        essential = vacancy.essential_skills
        optional = vacancy.optional_skills - essential
        if not essential and not optional:
            return msg(gettext_noop("The vacancy lists no skills")), ()
        own = candidate.skills
        has_essential = sorted(own & essential)
        has_optional = sorted(own & optional)
        via_broader = skills.broader_matches(own, essential | optional)
        counts: dict[str, int] = {
            "essential": len(has_essential),
            "essential_total": len(essential),
            "optional": len(has_optional),
            "optional_total": len(optional),
        }
        if optional:
            text = msg(
                gettext_noop(
                    "Has %(essential)s of the %(essential_total)s essential and %(optional)s of "
                    "the %(optional_total)s optional skills"
                ),
                **counts,
            )
        else:
            text = msg(
                gettext_noop("Has %(essential)s of the %(essential_total)s essential skills"),
                essential=len(has_essential),
                essential_total=len(essential),
            )
        if via_broader:
            text = msg(
                gettext_noop("%(skills)s, and %(related)s more through a more specific skill"),
                skills=text,
                related=len(via_broader),
            )
        return text, (*has_essential, *has_optional, *via_broader)

    def _similarity(self, a: OccupationRef | None, b: OccupationRef | None) -> float:
        """Python twin of the vectorised occupation similarity, to find the evidence."""
        if a is None or b is None:
            return 0.0
        mine, theirs = occupation_keys(a, -2), occupation_keys(b, -1)
        if mine[0] == theirs[0]:
            return 1.0
        if mine[1] == theirs[1]:
            return self.weights.occupation_same_group
        if mine[2] == theirs[2]:
            return self.weights.occupation_same_minor_group
        return 0.0

    def _explain_occupation(
        self, candidate: Candidate, vacancy: Vacancy
    ) -> tuple[Message, tuple[str, ...]]:
        best: tuple[float, OccupationRef] | None = None
        for experience in candidate.experience:
            similarity = self._similarity(experience.occupation, vacancy.occupation)
            if similarity > 0 and (best is None or similarity > best[0]):
                best = (similarity, experience.occupation)
        if best is None:
            return msg(gettext_noop("No experience in this occupation or its group")), ()
        similarity, ref = best
        if similarity == 1.0:
            return msg(gettext_noop("Has worked in this occupation")), (ref.uri,)
        if similarity == self.weights.occupation_same_group:
            text = msg(
                gettext_noop("Has worked in the same occupation group (ISCO %(group)s)"),
                group=ref.isco_group[:4],
            )
        else:
            text = msg(
                gettext_noop("Has worked in a related occupation group (ISCO %(group)s)"),
                group=ref.isco_group[:3],
            )
        return text, (ref.uri,)

    def _explain_desired(
        self, desired: OccupationRef | None, offered: OccupationRef | None, value: float
    ) -> tuple[Message, tuple[str, ...]]:
        if desired is None:
            return msg(gettext_noop("No desired occupation recorded")), ()
        if value == 1.0:
            return msg(gettext_noop("This is the desired occupation")), (desired.uri,)
        if value > 0:
            return msg(gettext_noop("Close to the desired occupation (same ISCO group)")), (
                desired.uri,
            )
        return msg(gettext_noop("Not the desired occupation")), ()
