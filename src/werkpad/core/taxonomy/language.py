"""Which script and language a query is written in, and whether the sentence encoder reads it.

The multilingual encoder (:mod:`werkpad.core.taxonomy.semantic`) was trained on 16 languages:
Arabic, Chinese (simplified and traditional), Dutch, English, French, German, Italian, Japanese,
Korean, Polish, Portuguese, Russian, Spanish, Thai and Turkish. Text in another language still
produces a vector, but a meaningless one: searching with it returns confident-looking nonsense.
This module recognises the languages the newcomers of the reports write that it does not read
(Tigrinya and Amharic in the Ethiopic script, Farsi/Dari, Pashto, Sorani Kurdish and Urdu in the
Arabic script, Ukrainian in Cyrillic, Somali in the Latin script, and every other script) so that
the application can say so and offer a fallback instead.

It is a small rule set, not a statistical language identifier: per script, the letters that
only a language of that script uses, plus a few very frequent words of Somali and Farsi. Its
limits: a short Farsi word written only with letters Arabic shares (``نانوا``) reads as Arabic;
Latin-script languages other than Somali (Kurmanji, Tigrinya in Latin letters) read as supported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ENCODER_LANGUAGES", "Detection", "detect"]

#: ISO 639-1 codes of the languages the encoder was trained on.
ENCODER_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)

_PERSIAN_LETTERS = frozenset("پچژگکی")  # Farsi/Dari/Urdu/Pashto, never standard Arabic
_URDU_LETTERS = frozenset("ٹڈڑںےھ")
_PASHTO_LETTERS = frozenset("ټډړښږځڅ")
_SORANI_LETTERS = frozenset("ێۆڵڕە")
_PERSIAN_WORDS = frozenset({"را", "است", "کار", "کردم", "می", "من", "در", "با", "این", "هستم"})
_UKRAINIAN_LETTERS = frozenset("іїєґ")
_SOMALI_WORDS = frozenset(
    {
        "iyo",
        "waxaan",
        "ahaa",
        "ayaan",
        "shaqo",
        "shaqeeyay",
        "waan",
        "jiray",
        "sanadood",
        "waxay",
        "ayuu",
        "kuma",
        "hooyo",
        "dhakhtar",
        "darawal",
        "macalin",
    }
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Detection:
    """The result of :func:`detect`.

    ``script`` is a Unicode script name in lower case (``"latin"``, ``"arabic"``, ``"ethiopic"``,
    ...; ``""`` when the text has no letters), ``language`` an ISO 639-1/3 code when the rules
    recognise one (else ``""``), ``supported`` whether the encoder reads the text.
    """

    script: str
    language: str
    supported: bool


def _script(char: str) -> str:
    code = ord(char)
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return "ethiopic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0E00 <= code <= 0x0E7F:
        return "thai"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    name = unicodedata.name(char, "")
    if name.startswith("LATIN"):
        return "latin"
    return name.split(" ", 1)[0].lower() if name else "unknown"


def detect(text: str) -> Detection:
    """The main script of ``text`` and, where the rules tell, its language."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Detection("", "", True)
    script = max(sorted(counts), key=lambda name: counts[name])
    letters = set(text.casefold())
    found_words = set(_WORD.findall(text.casefold()))
    if script == "ethiopic":
        return Detection(script, "ti", False)
    if script == "arabic":
        if letters & _PASHTO_LETTERS:
            return Detection(script, "ps", False)
        if letters & _SORANI_LETTERS:
            return Detection(script, "ckb", False)
        if letters & _URDU_LETTERS:
            return Detection(script, "ur", False)
        if letters & _PERSIAN_LETTERS or found_words & _PERSIAN_WORDS:
            return Detection(script, "fa", False)
        return Detection(script, "ar", True)
    if script == "cyrillic":
        if letters & _UKRAINIAN_LETTERS:
            return Detection(script, "uk", False)
        return Detection(script, "ru", True)
    if script == "latin":
        hits = len(found_words & _SOMALI_WORDS)
        if hits >= 2 or (hits == 1 and len(found_words) <= 3):
            return Detection(script, "so", False)
        return Detection(script, "", True)
    if script == "thai":
        return Detection(script, "th", True)
    if script == "hangul":
        return Detection(script, "ko", True)
    if script in ("kana", "han"):
        return Detection(script, "ja" if "kana" in counts else "zh", True)
    return Detection(script, "", False)
