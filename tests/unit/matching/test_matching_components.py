"""Each soft-fit component, the weights and the skill model."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Set
from typing import Any

import pytest

from werkpad.core.matching import (
    Candidate,
    ComponentName,
    DutchLevel,
    Experience,
    Matcher,
    OccupationRef,
    PairScore,
    Point,
    SelfDevelopment,
    SkillParams,
    SkillSpace,
    TransportMode,
    TravelLimits,
    Vacancy,
    Weights,
)
from werkpad.core.matching.esco import occupation_ref, occupation_skills, skill_space
from werkpad.core.taxonomy import Occupation, Skill, Taxonomy

from .factories import UTRECHT, candidate, vacancy

Name = ComponentName
COOK = OccupationRef("esco:cook", "5120")
KITCHEN_HELP = OccupationRef("esco:kitchen-help", "9412")
DISHWASHER = OccupationRef("esco:dishwasher", "9412")
FAST_FOOD = OccupationRef("esco:fast-food", "9411")
DRIVER = OccupationRef("esco:driver", "8322")


def pair(c: Candidate, v: Vacancy, **params: Any) -> PairScore:
    return Matcher(**params).fit([v]).score_pair(c, v)


def value(c: Candidate, v: Vacancy, name: ComponentName, **params: Any) -> float:
    return pair(c, v, **params).component(name).value


# -- skills --------------------------------------------------------------------------------

SPACE = SkillSpace(
    {"s:knife": 2, "s:hygiene": 50, "s:clean": 80, "s:fry": 5, "s:forklift": 3, "s:lift": 10},
    broader={"s:forklift": ["s:lift", "s:unknown"], "s:fry": ["s:fry"]},
)


def skills_value(own: set[str], essential: set[str], optional: Set[str] = frozenset()) -> float:
    v = vacancy(essential_skills=frozenset(essential), optional_skills=frozenset(optional))
    return value(candidate(skills=frozenset(own)), v, Name.SKILLS, skill_space=SPACE)


def test_more_matching_skills_score_higher() -> None:
    job = {"s:knife", "s:hygiene", "s:fry"}
    values = [skills_value(set(), job), skills_value({"s:knife"}, job)]
    values.append(skills_value({"s:knife", "s:fry"}, job))
    values.append(skills_value({"s:knife", "s:fry", "s:hygiene"}, job))
    assert values[0] == 0.0
    assert values == sorted(values) and len(set(values)) == 4
    assert all(0.0 <= v < 1.0 for v in values)


def test_essential_match_beats_optional_match() -> None:
    essential = skills_value({"s:knife"}, {"s:knife", "s:clean"}, {"s:fry", "s:hygiene"})
    optional = skills_value({"s:fry"}, {"s:knife", "s:clean"}, {"s:fry", "s:hygiene"})
    assert essential > optional > 0


def test_rare_skill_match_beats_common_skill_match() -> None:
    job = {"s:knife", "s:clean"}
    assert skills_value({"s:knife"}, job) > skills_value({"s:clean"}, job)


def test_shorter_skill_list_gives_each_match_more_weight() -> None:
    assert skills_value({"s:knife"}, {"s:knife"}) > skills_value({"s:knife"}, {"s:knife", "s:fry"})


def test_a_narrower_skill_gives_partial_credit_for_its_broader_skill() -> None:
    credit = skills_value({"s:forklift"}, {"s:lift", "s:clean"})
    assert 0 < credit < skills_value({"s:lift"}, {"s:lift", "s:clean"})
    assert skills_value({"s:lift"}, {"s:forklift", "s:clean"}) == 0  # not the other way round
    no_credit = dataclasses.replace(SkillParams(), broader_credit=0.0)
    v = vacancy(essential_skills=frozenset({"s:lift"}))
    c = candidate(skills=frozenset({"s:forklift"}))
    assert value(c, v, Name.SKILLS, skill_space=SPACE, skill_params=no_credit) == 0


def test_skill_value_follows_the_log_likelihood_ratio_formula() -> None:
    params = SkillParams()
    counts = {"s:knife": 2.0, "s:other": 8.0}
    space = SkillSpace(counts)
    v = vacancy(essential_skills=frozenset({"s:knife", "s:other"}))
    got = value(candidate(skills=frozenset({"s:knife"})), v, Name.SKILLS, skill_space=space)
    background = params.background * (2 + params.smoothing) / (10 + params.smoothing * 2)
    raw = math.log1p(params.essential / 2 / background)
    assert got == pytest.approx(1 - math.exp(-raw / params.evidence_scale))


def test_skill_explanation_counts_and_lists_evidence() -> None:
    v = vacancy(essential_skills=frozenset({"s:knife", "s:lift"}), optional_skills={"s:fry"})
    c = candidate(skills=frozenset({"s:knife", "s:fry", "s:forklift"}))
    component = pair(c, v, skill_space=SPACE).component(Name.SKILLS)
    assert str(component.explanation) == (
        "Has 1 of the 2 essential and 1 of the 1 optional skills, and 1 more through a more "
        "specific skill"
    )
    assert component.evidence == ("s:knife", "s:fry", "s:lift")
    only_essential = vacancy(essential_skills=frozenset({"s:knife", "s:lift"}))
    text = str(pair(c, only_essential).component(Name.SKILLS).explanation)
    assert text == "Has 1 of the 2 essential skills"
    assert str(pair(c, vacancy()).component(Name.SKILLS).explanation) == (
        "The vacancy lists no skills"
    )


def test_without_a_skill_space_frequencies_come_from_the_vacancies() -> None:
    common = vacancy(id="a", essential_skills=frozenset({"x", "common"}))
    others = [vacancy(id=f"b{i}", essential_skills=frozenset({"common"})) for i in range(5)]
    matcher = Matcher().fit([common, *others])
    rare = matcher.score_pair(candidate(skills=frozenset({"x"})), common)
    usual = matcher.score_pair(candidate(skills=frozenset({"common"})), common)
    assert rare.component(Name.SKILLS).value > usual.component(Name.SKILLS).value


def test_score_pair_matches_skills_outside_the_fitted_vocabulary() -> None:
    matcher = Matcher(skill_space=SPACE).fit([vacancy(id="other")])
    v = vacancy(essential_skills=frozenset({"s:new", "s:knife"}))
    c = candidate(skills=frozenset({"s:new"}))
    assert matcher.score_pair(c, v).component(Name.SKILLS).value > 0


def test_skill_space_accessors_and_validation() -> None:
    assert len(SPACE) == 6 and "s:knife" in SPACE and "s:nope" not in SPACE
    assert SPACE.count("s:clean") == 80 and SPACE.count("s:nope") == 0
    assert SPACE.total == 150
    assert SPACE.broader("s:forklift") == ("s:lift",)  # unknown and self references dropped
    assert SPACE.broader("s:fry") == ()
    with pytest.raises(ValueError, match="negative"):
        SkillSpace({"a": -1})


def test_skill_params_validation() -> None:
    with pytest.raises(ValueError, match="negative"):
        SkillParams(essential=-1)
    with pytest.raises(ValueError, match="positive"):
        SkillParams(background=0)
    with pytest.raises(ValueError, match="at most 1"):
        SkillParams(broader_credit=2)


# -- occupation, experience, ambition ------------------------------------------------------


@pytest.mark.parametrize(
    ("worked", "expected"),
    [(KITCHEN_HELP, 1.0), (DISHWASHER, 0.6), (FAST_FOOD, 0.3), (DRIVER, 0.0), (None, 0.0)],
)
def test_occupation_similarity(worked: OccupationRef | None, expected: float) -> None:
    experience = () if worked is None else (Experience(worked, 1),)
    c = candidate(experience=experience)
    got = pair(c, vacancy(occupation=KITCHEN_HELP)).component(Name.OCCUPATION)
    assert got.value == expected
    assert got.evidence == (() if worked is None or expected == 0 else (worked.uri,))


def test_occupation_explanations() -> None:
    def text(worked: OccupationRef) -> str:
        c = candidate(experience=(Experience(worked, 1),))
        return str(pair(c, vacancy(occupation=KITCHEN_HELP)).component(Name.OCCUPATION).explanation)

    assert text(KITCHEN_HELP) == "Has worked in this occupation"
    assert text(DISHWASHER) == "Has worked in the same occupation group (ISCO 9412)"
    assert text(FAST_FOOD) == "Has worked in a related occupation group (ISCO 941)"
    assert text(DRIVER) == "No experience in this occupation or its group"


def test_best_experience_counts_and_unknown_isco_never_matches() -> None:
    c = candidate(experience=(Experience(DRIVER, 9), Experience(DISHWASHER, 2)))
    assert value(c, vacancy(occupation=KITCHEN_HELP), Name.OCCUPATION) == 0.6
    blank = candidate(experience=(Experience(OccupationRef("esco:x", ""), 3),))
    assert value(blank, vacancy(occupation=OccupationRef("esco:y", "")), Name.OCCUPATION) == 0
    odd = candidate(experience=(Experience(OccupationRef("esco:x", "94"), 3),))
    assert value(odd, vacancy(occupation=OccupationRef("esco:y", "94")), Name.OCCUPATION) == 0
    assert value(c, vacancy(occupation=None), Name.OCCUPATION) == 0


@pytest.mark.parametrize(
    ("years", "wanted", "expected"),
    [(1, 0, 0.5), (2, 0, 1.0), (5, 0, 1.0), (1, 4, 0.25), (0, 0, 0.0)],
)
def test_experience_years(years: float, wanted: float, expected: float) -> None:
    c = candidate(experience=(Experience(KITCHEN_HELP, years),))
    v = vacancy(occupation=KITCHEN_HELP, years_experience=wanted)
    assert value(c, v, Name.EXPERIENCE) == pytest.approx(expected)


def test_experience_in_the_group_counts_partly() -> None:
    c = candidate(experience=(Experience(DISHWASHER, 2),))
    component = pair(c, vacancy(occupation=KITCHEN_HELP, years_experience=4)).component(
        Name.EXPERIENCE
    )
    assert component.value == pytest.approx(0.6 * 2 / 4)
    assert str(component.explanation) == ("1.2 years of relevant experience; the employer asks 4")
    plain = pair(c, vacancy(occupation=KITCHEN_HELP)).component(Name.EXPERIENCE)
    assert str(plain.explanation) == "1.2 years of relevant experience"


@pytest.mark.parametrize(
    ("desired", "expected", "text"),
    [
        (KITCHEN_HELP, 1.0, "This is the desired occupation"),
        (DISHWASHER, 0.6, "Close to the desired occupation (same ISCO group)"),
        (DRIVER, 0.0, "Not the desired occupation"),
        (None, 0.0, "No desired occupation recorded"),
    ],
)
def test_desired_occupation(desired: OccupationRef | None, expected: float, text: str) -> None:
    component = pair(candidate(desired_occupation=desired), vacancy(occupation=KITCHEN_HELP))
    got = component.component(Name.DESIRED_OCCUPATION)
    assert got.value == expected and str(got.explanation) == text


@pytest.mark.parametrize(
    ("wish", "offer", "expected", "text"),
    [
        (2, 2, 1.0, "The self-development category is the one wished for"),
        (2, 1, 0.5, "Self-development category 1, wished 2"),
        (3, 1, 0.0, "Self-development category 1, wished 3"),
        (None, 1, 0.0, "No wished self-development category recorded"),
        (1, None, 0.0, "The job's self-development category is not recorded"),
    ],
)
def test_desired_category(wish: int | None, offer: int | None, expected: float, text: str) -> None:
    c = candidate(desired_category=None if wish is None else SelfDevelopment(wish))
    v = vacancy(category=None if offer is None else SelfDevelopment(offer))
    got = pair(c, v).component(Name.DESIRED_CATEGORY)
    assert got.value == expected and str(got.explanation) == text


@pytest.mark.parametrize(
    ("dutch", "rich", "expected", "text"),
    [
        (DutchLevel.A1, True, 1.0, "Language-rich workplace: Dutch is practised at work"),
        (None, True, 1.0, "Language-rich workplace: Dutch is practised at work"),
        (DutchLevel.A2, False, 0.0, "Not a language-rich workplace"),
        (DutchLevel.B1, True, 0.0, "Already speaks Dutch at level B1"),
    ],
)
def test_language_rich_workplace_for_people_learning_dutch(
    dutch: DutchLevel | None, rich: bool, expected: float, text: str
) -> None:
    got = pair(candidate(dutch=dutch), vacancy(language_rich=rich)).component(Name.LANGUAGE_RICH)
    assert got.value == expected and str(got.explanation) == text


def test_employer_experience() -> None:
    yes = pair(candidate(), vacancy(employer_status_holder_experience=True))
    no = pair(candidate(), vacancy())
    assert yes.component(Name.EMPLOYER_EXPERIENCE).value == 1.0
    assert no.component(Name.EMPLOYER_EXPERIENCE).value == 0.0
    assert "has experience" in str(yes.component(Name.EMPLOYER_EXPERIENCE).explanation)
    assert "No recorded" in str(no.component(Name.EMPLOYER_EXPERIENCE).explanation)


def test_distance_falls_linearly_to_the_limit() -> None:
    c = candidate(transport=frozenset({TransportMode.BICYCLE}))
    home = pair(c, vacancy()).component(Name.DISTANCE)
    assert home.value == 1.0
    assert str(home.explanation) == "0.0 km from home (at most 15.0 km)"
    # About 7.5 km north: half the bicycle limit.
    halfway = vacancy(location=Point(UTRECHT.lat + 7.5 / 111.195, UTRECHT.lon))
    assert value(c, halfway, Name.DISTANCE) == pytest.approx(0.5, abs=1e-3)
    zero = TravelLimits(walking=0.0)
    assert value(candidate(), vacancy(), Name.DISTANCE, travel=zero) == 0.0


# -- weights -------------------------------------------------------------------------------


def test_score_is_the_weighted_mean_of_the_components() -> None:
    c = candidate(
        skills=frozenset({"s:knife"}),
        experience=(Experience(DISHWASHER, 1),),
        desired_category=SelfDevelopment.SOME,
        dutch=DutchLevel.A1,
    )
    v = vacancy(
        essential_skills=frozenset({"s:knife", "s:clean"}),
        occupation=KITCHEN_HELP,
        category=SelfDevelopment.MINIMAL,
        language_rich=True,
    )
    result = pair(c, v, skill_space=SPACE)
    weights = Weights()
    expected = sum(comp.contribution for comp in result.components) / weights.total
    assert result.score == pytest.approx(expected, abs=1e-12)
    assert [comp.name for comp in result.components] == list(ComponentName)
    assert {comp.weight for comp in result.components if comp.name is Name.SKILLS} == {0.35}


def test_weights_only_and_zero_weights_are_not_computed() -> None:
    only = Weights().only(Name.SKILLS, Name.DISTANCE)
    assert only.total == pytest.approx(0.45)
    result = pair(candidate(skills=frozenset({"a"})), vacancy(essential_skills={"a"}), weights=only)
    assert [c.name for c in result.components] == [Name.SKILLS, Name.DISTANCE]


def test_weights_defaults_sum_to_one_and_validate() -> None:
    assert Weights().total == pytest.approx(1.0)
    with pytest.raises(ValueError, match="non-negative"):
        Weights(skills=-0.1)
    with pytest.raises(ValueError, match="non-negative"):
        Weights().only()
    with pytest.raises(ValueError, match="occupation_same"):
        Weights(occupation_same_group=0.2, occupation_same_minor_group=0.5)
    with pytest.raises(ValueError, match="experience_full_years"):
        Weights(experience_full_years=0)


def test_travel_limits() -> None:
    travel = TravelLimits()
    assert travel.limit_for([]) == 3.0
    assert travel.limit_for([TransportMode.BICYCLE, TransportMode.PUBLIC_TRANSPORT]) == 40.0
    assert travel.best_mode([]) is TransportMode.WALKING
    assert travel.best_mode([TransportMode.CAR, TransportMode.BICYCLE]) is TransportMode.CAR
    with pytest.raises(ValueError, match="negative"):
        TravelLimits(car=-1)


# -- ESCO bridge ---------------------------------------------------------------------------


def test_skill_space_and_refs_from_a_taxonomy() -> None:
    taxonomy = Taxonomy(language="en")
    for uri in ("s:a", "s:b", "s:c"):
        taxonomy.skills[uri] = Skill(uri, uri)
    taxonomy.occupations["o:1"] = Occupation("o:1", "9412.1", "9412", "kitchen help")
    taxonomy.occupations["o:2"] = Occupation("o:2", "8322.1", "8322", "driver")
    taxonomy.essential_skills = {"o:1": ("s:a", "s:b"), "o:2": ("s:a",)}
    taxonomy.optional_skills = {"o:1": ("s:c",), "o:2": ()}
    taxonomy.skill_broader = {"s:c": ("s:b", "group:1"), "group:1": ("group:0",)}
    space = skill_space(taxonomy)
    assert [space.count(uri) for uri in ("s:a", "s:b", "s:c")] == [2.0, 1.0, 1.0]
    assert space.broader("s:c") == ("s:b",)
    assert occupation_ref(taxonomy, "o:1") == OccupationRef("o:1", "9412")
    assert occupation_ref(taxonomy, "o:x") == OccupationRef("o:x", "")
    assert occupation_skills(taxonomy, "o:1") == (frozenset({"s:a", "s:b"}), frozenset({"s:c"}))
    assert occupation_skills(taxonomy, "o:x") == (frozenset(), frozenset())
