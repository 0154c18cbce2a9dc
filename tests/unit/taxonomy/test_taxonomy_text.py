"""Normalisation and n-gram features of the occupation search."""

from __future__ import annotations

import pytest

from werkpad.core.taxonomy.text import char_ngrams, normalize, word_ngrams, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coördinator", "coordinator"),
        ("chef-kok (m/v)", "chef kok m v"),
        ("  ICT_medewerker\t\n", "ict medewerker"),
        ("Straße", "strasse"),
        ("ﬁlmmaker", "filmmaker"),  # compatibility ligature
        ("Caissière", "caissiere"),
        ("مهندس", "مهندس"),  # other scripts are kept
        ("!!!", ""),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_words() -> None:
    assert words("chef kok") == ["chef", "kok"]
    assert words("") == []


def test_char_ngrams_cross_word_boundaries() -> None:
    assert char_ngrams("ab c", 2, 3) == [" a", "ab", "b ", " c", "c ", " ab", "ab ", "b c", " c "]
    assert char_ngrams("a", 4, 4) == [" a "]  # short texts give their padded form


def test_word_ngrams_stay_inside_words() -> None:
    assert word_ngrams("kok en", 4) == [" kok", "kok ", " en "]
    assert word_ngrams("", 4) == []
