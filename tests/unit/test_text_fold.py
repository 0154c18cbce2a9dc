"""The search key of names: accents and case never matter, and folding is stable."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from werkpad.core.text import fold


def test_examples():
    assert fold("Hernández") == fold("HERNANDEZ") == "hernandez"
    assert fold("  José   María ") == "jose maria"
    assert fold("Øyvind Łukasz Straße") == "oyvind lukasz strasse"
    assert fold("Şahin Çelik Ödemiş") == "sahin celik odemis"
    assert fold("O’Brien") == fold("O'Brien")
    assert fold("محمّد") == "محمد"  # Arabic stays Arabic; the shadda is dropped


names = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "M", "Zs"]), max_size=30)


@given(names)
def test_fold_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


@given(names)
def test_case_and_accents_do_not_matter(name):
    upper = name.upper()
    decomposed = unicodedata.normalize("NFD", name)
    assert fold(upper) == fold(name.lower()) or len(upper) != len(name)
    assert fold(decomposed) == fold(unicodedata.normalize("NFC", name))


@given(names, names)
def test_a_folded_part_is_found_in_the_folded_whole(first, last):
    whole = fold(f"{first} {last}")
    for part in fold(last).split():
        assert part in whole
