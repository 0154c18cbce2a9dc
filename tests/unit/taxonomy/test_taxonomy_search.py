"""Occupation search on the demo taxonomy and on small hand-made taxonomies."""

from __future__ import annotations

import doctest
from collections.abc import Mapping

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import werkpad.core.taxonomy
from werkpad.core.taxonomy import (
    Labels,
    Occupation,
    OccupationIndex,
    SearchHit,
    SearchWeights,
    Taxonomy,
)
from werkpad.core.taxonomy.demo import demo_taxonomy
from werkpad.core.taxonomy.search import MAX_QUERY_LENGTH

DEMO = "urn:werkpad:demo:occupation:"


@pytest.fixture(scope="module")
def index() -> OccupationIndex:
    return OccupationIndex.build(demo_taxonomy())


def _taxonomy(
    labels: Mapping[str, Mapping[str, tuple[str, ...]]], descriptions: bool = False
) -> Taxonomy:
    """A taxonomy from ``{uri: {language: (preferred, *alternatives)}}``."""
    taxonomy = Taxonomy(language="en")
    for uri, per_language in labels.items():
        texts = per_language.get("en", ("",))
        taxonomy.occupations[uri] = Occupation(uri, "", "", texts[0], texts[1:])
        for language, (preferred, *alternatives) in per_language.items():
            description = f"about {preferred}" if descriptions else ""
            taxonomy.occupation_labels.setdefault(language, {})[uri] = Labels(
                preferred, tuple(alternatives), (), description
            )
    return taxonomy


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("heftruckchaufeur", "heftruckchauffeur"),  # typo
        ("heftrukchauffeur", "heftruckchauffeur"),
        ("verpleegkundge", "verpleegkundige"),
        ("programeur", "softwareontwikkelaar"),
        ("schoonmaakstr", "schoonmaker"),
        ("greenhous worker", "kassenmedewerker"),
        ("elektriciën", "elektricien"),  # accent
        ("CAISSIERE", "kassamedewerker"),  # case and accent
        ("Caissière", "kassamedewerker"),
        ("chauffeur heftruck", "heftruckchauffeur"),  # word order / compound split
        ("driver truck", "vrachtwagenchauffeur"),
        ("kassa medewerker", "kassamedewerker"),
        ("medewerker pedagogisch kinderopvang", "kinderopvang"),
        ("worker dairy farm", "melkveehouderij"),
        ("zorg en welzijn helpende", "helpendezorg"),
        ("  Kok!  ", "kok"),
    ],
)
def test_finds_typos_and_swapped_words(index: OccupationIndex, query: str, key: str) -> None:
    hits = index.search(query, k=3)
    assert hits[0].uri == DEMO + key, [hit.label for hit in hits]


def test_hit_fields(index: OccupationIndex) -> None:
    dutch = index.search("vorkheftruck", k=1)[0]
    assert dutch == SearchHit(
        uri=DEMO + "heftruckchauffeur",
        label="heftruckchauffeur",
        matched_label="vorkheftruckchauffeur",
        language="nl",
        score=dutch.score,
    )
    english = index.search("dish washer", k=1)[0]
    assert (english.uri, english.label, english.matched_label, english.language) == (
        DEMO + "keukenhulp",
        "kitchen assistant",
        "dishwasher",
        "en",
    )
    assert 0.0 < english.score <= 1.0


def test_exact_label_scores_high(index: OccupationIndex) -> None:
    hits = index.search("verpleegkundige", k=5)
    assert hits[0].uri == DEMO + "verpleegkundige"
    assert hits[0].score > 2 * hits[1].score


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-/-", "\u0301"])
def test_empty_queries(index: OccupationIndex, query: str) -> None:
    assert index.search(query) == []


def test_k(index: OccupationIndex) -> None:
    assert index.search("medewerker", k=0) == []
    assert index.search("medewerker", k=-1) == []
    assert len(index.search("medewerker", k=3)) == 3
    many = index.search("medewerker", k=1000)
    assert 3 < len(many) <= len(index)
    assert len({hit.uri for hit in many}) == len(many)


def test_unknown_features_give_no_hits() -> None:
    index = OccupationIndex.build(_taxonomy({"u:1": {"en": ("cook",)}}), ("en",))
    assert index.search("xyz") == []
    assert [hit.uri for hit in index.search("coo")] == ["u:1"]


def test_long_query_is_cut(index: OccupationIndex) -> None:
    hits = index.search("heftruckchauffeur " * 200, k=2)
    assert hits[0].uri == DEMO + "heftruckchauffeur"
    assert MAX_QUERY_LENGTH == 200


def test_ties_are_broken_by_taxonomy_order() -> None:
    taxonomy = _taxonomy(
        {f"u:{n}": {"en": ("welder",)} for n in (3, 1, 2)} | {"u:0": {"en": ("cook",)}}
    )
    index = OccupationIndex.build(taxonomy, ("en",))
    assert [hit.uri for hit in index.search("welder", k=2)] == ["u:3", "u:1"]
    assert [hit.uri for hit in index.search("welder", k=10)] == ["u:3", "u:1", "u:2"]


def test_deterministic_across_builds() -> None:
    first = OccupationIndex.build(demo_taxonomy()).search("medewerker", k=20)
    second = OccupationIndex.build(demo_taxonomy()).search("medewerker", k=20)
    assert first == second


def test_languages_and_missing_labels() -> None:
    taxonomy = _taxonomy(
        {
            "u:both": {"en": ("forklift operator",), "nl": ("heftruckchauffeur",)},
            "u:en": {"en": ("welder", "welding operator")},
            "u:none": {"en": ("",)},
        },
        descriptions=True,
    )
    index = OccupationIndex.build(taxonomy, ("nl", "nl", "en", "de"))
    assert index.languages == ("nl", "en", "de")
    assert index.uris == ["u:both", "u:en"]  # an occupation without labels is left out
    assert len(index) == 2
    hit = index.search("heftruck chauffeur", k=1)[0]
    assert (hit.uri, hit.language, hit.label) == ("u:both", "nl", "heftruckchauffeur")
    assert index.search("welding", k=1)[0].matched_label == "welding operator"

    dutch_only = OccupationIndex.build(taxonomy, ("nl",))
    assert dutch_only.uris == ["u:both"]
    assert [hit.uri for hit in dutch_only.search("welding")] == []


def test_description_alone_can_match() -> None:
    taxonomy = _taxonomy({"u:1": {"en": ("cook",)}, "u:2": {"en": ("welder",)}}, descriptions=True)
    taxonomy.occupation_labels["en"]["u:2"] = Labels("welder", (), (), "joins steel beams")
    hits = OccupationIndex.build(taxonomy, ("en",)).search("steel", k=5)
    assert [(hit.uri, hit.matched_label) for hit in hits] == [("u:2", "welder")]


def test_empty_index() -> None:
    index = OccupationIndex.build(Taxonomy(language="en"))
    assert len(index) == 0
    assert index.search("cook") == []
    total, labels = index.scores("cook")
    assert total.shape == (0,)
    assert labels.shape == (0,)


def test_scores_shape_and_weights(index: OccupationIndex) -> None:
    total, labels = index.scores("kok")
    assert total.shape == (len(index),)
    assert labels.shape[0] > len(index)
    assert float(total.max()) <= 1.0
    assert SearchWeights().total == pytest.approx(2.7)
    labels_only = OccupationIndex.build(demo_taxonomy(), weights=SearchWeights(1, 0, 0, 0))
    hit = labels_only.search("kok", k=1)[0]
    assert hit.score == pytest.approx(1.0)  # an exact label has cosine 1


def test_hidden_labels_are_searchable() -> None:
    taxonomy = _taxonomy({"u:1": {"en": ("general practitioner",)}, "u:2": {"en": ("nurse",)}})
    taxonomy.occupation_labels["en"]["u:1"] = Labels("general practitioner", (), ("g.p.",))
    hit = OccupationIndex.build(taxonomy, ("en",)).search("gp", k=1)[0]
    assert (hit.uri, hit.matched_label, hit.label) == ("u:1", "g.p.", "general practitioner")


def test_package_doctest() -> None:
    result = doctest.testmod(werkpad.core.taxonomy)
    assert result.attempted > 0
    assert result.failed == 0


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=300), k=st.integers(min_value=-2, max_value=60))
def test_search_never_crashes(index: OccupationIndex, query: str, k: int) -> None:
    hits = index.search(query, k=k)
    assert len(hits) <= max(k, 0)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < score <= 1.0 + 1e-6 for score in scores)
    assert len({hit.uri for hit in hits}) == len(hits)
    assert all(np.isfinite(score) for score in scores)
