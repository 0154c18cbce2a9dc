"""Text normalisation and features for the occupation search."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["char_ngrams", "normalize", "word_ngrams", "words"]

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Case-fold, fold accents (``"Coördinator"`` -> ``"coordinator"``) and turn every run of
    punctuation or white space into one space (``"chef-kok (m/v)"`` -> ``"chef kok m v"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALNUM.sub(" ", folded).strip()


def words(text: str) -> list[str]:
    """The words of a normalised text."""
    return text.split()


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams (``low`` to ``high`` long) of a normalised text padded with spaces.

    The n-grams run across word boundaries, so ``"contact tracing"`` and ``"contacttracering"``
    still share most of their n-grams; short texts yield at least their whole padded form.
    """
    padded = f" {text} "
    length = len(padded)
    grams: list[str] = []
    for size in range(low, high + 1):
        grams.extend(padded[start : start + size] for start in range(max(1, length - size + 1)))
    return grams


def word_ngrams(text: str, size: int) -> list[str]:
    """Character n-grams of each word padded with spaces (``size`` long), as in descriptions."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        grams.extend(
            padded[start : start + size] for start in range(max(1, len(padded) - size + 1))
        )
    return grams
