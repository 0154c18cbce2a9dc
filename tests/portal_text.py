"""Visible text of a page, piece by piece, to compare a translation with the English rendering.

Skipped: scripts, styles, hidden elements, and elements that say they are in another language
(``lang="nl"`` for the Dutch next to the reader's language, ``lang="en"`` for sources quoted in
English). Pieces that are names or numbers (people, employers, job titles from the file, amounts,
dates written in digits) are allow-listed by the caller."""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "title", "option"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
NUMBERISH = re.compile(r"^[\d\s.,:;/€%+\-–—·()×=<>≈#|]*$")


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # True: text inside is skipped
        self.pieces: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        skip = (
            (self.stack[-1] if self.stack else False)
            or tag in SKIP_TAGS
            or "hidden" in a
            or a.get("aria-hidden") == "true"
            or a.get("lang") in ("nl", "en")
            or a.get("translate") == "no"
        )
        self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1]:
            return
        text = " ".join(data.split())
        if text:
            self.pieces.append(text)


def pieces(html: str) -> list[str]:
    body = html.split("<body", 1)[-1].split(">", 1)[-1]
    parser = _Texts()
    parser.feed(body)
    return parser.pieces


def _parts(texts: list[str]) -> list[str]:
    """Each piece, and its parts between the separators "·" and ":" (a line such as
    "Language course · Who: Newcomer · Open" is several texts)."""
    out = []
    for text in texts:
        out.append(text)
        parts = [p.strip() for p in re.split(r"[·:]", text)]
        out += [p for p in parts if p and p != text]
    return out


def same_as_english(translated: str, english: str, allowed: set[str]) -> list[str]:
    """Pieces of ``translated`` that also occur, identical, in ``english`` — not numbers, not
    allow-listed names."""
    en = set(_parts(pieces(english)))
    out = []
    for piece in _parts(pieces(translated)):
        if piece in en and piece not in allowed and not NUMBERISH.match(piece):
            rest = piece
            for name in sorted(allowed, key=len, reverse=True):
                rest = rest.replace(name, "")
            if NUMBERISH.match(rest):
                continue
            out.append(piece)
    return out


ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def english_month_names(html: str) -> list[str]:
    """English month names in the visible text (dates must use the reader's month names)."""
    return [p for p in pieces(html) if any(m in p.split() for m in ENGLISH_MONTHS)]


LATIN_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’\-]+\b[\s,;:]+){3,}\b[A-Za-z][A-Za-z'’\-]+\b")


def latin_runs(html: str, allowed: set[str]) -> list[str]:
    """For languages in another script (ar, fa, ti, uk): pieces with a run of four or more
    Latin-script words — English left untranslated even where dates or numbers inside it were
    (names allow-listed)."""
    out = []
    for piece in pieces(html):
        rest = piece
        for name in sorted(allowed, key=len, reverse=True):
            rest = rest.replace(name, "")
        if LATIN_RUN.search(rest):
            out.append(piece)
    return out
