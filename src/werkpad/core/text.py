"""Text folding for search: accents and case do not matter ("Hernandez" finds "Hernández").

Pure Python (``unicodedata``), so the same key is computed on SQLite and PostgreSQL and stored in
the database; the database then only compares plain lower-case text.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus accent.
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "`": "'",
    }
)


def fold(text: str) -> str:
    """Lower case without accents, whitespace collapsed: the form names are searched in.

    Letters of non-Latin scripts keep their identity (Arabic names stay Arabic; only their
    diacritics, such as harakat, are dropped).
    """
    # Decompose, fold case, decompose again: compatibility forms (superscripts, ligatures) and
    # case folding can each produce what the other one changes.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.translate(_EXTRA).split())
