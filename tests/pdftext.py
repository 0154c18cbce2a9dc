"""The text of a PDF that WeasyPrint wrote, in logical (reading) order — for tests.

Why not pypdf's or poppler's extraction: both return a line that mixes right-to-left letters with
digits or Latin in display order, put neutral full stops and colons at the wrong end, and poppler
turns the lam-alef ligature round. This reader does what those cannot do in general, for the PDFs
Werkpad makes, and refuses (AssertionError) what it cannot read exactly:

- Order of text: the content stream's order. WeasyPrint draws boxes in document order, so the
  Arabic column of a pair comes before the Dutch column, as in the HTML.
- A *segment* is what WeasyPrint draws after one text matrix: one line of one inline box. Its glyphs
  are in display order (left to right); each glyph's text comes from the font's ToUnicode map, in
  logical order (a ligature such as lam-alef maps to its two letters in reading order).
- A segment holding right-to-left letters (bidi class R or AL) is read by reversing its glyphs. That
  is exact only when the segment has one direction, so such a segment may not hold left-to-right
  letters or digits (classes L, EN, AN): the printable plan puts every number, date and name inside
  a right-to-left sentence in its own inline box (``pathway.printing._value``). A mixed segment
  fails the read instead of being guessed (the bidi reordering is not invertible in general).
"""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_TOKEN = re.compile(rb"/[^\s/\[\]<>()]+|<[0-9a-fA-F]*>|\(|\)|\[|\]|[-+.\d]+|[A-Za-z*'\"]+")
_MOVES = {b"BT", b"Tm", b"Td", b"TD", b"T*"}
RTL = {"R", "AL"}
LTR_OR_NUMBER = {"L", "EN", "AN"}


def _to_unicode(font: pypdf.generic.DictionaryObject) -> tuple[int, dict[int, str]]:
    data = font["/ToUnicode"].get_object().get_data()
    width = 2 if font["/Subtype"] == "/Type0" else 1
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in _BFCHAR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    assert b"beginbfrange" not in data, "ToUnicode ranges: not written by WeasyPrint"
    return width, mapping


def segments(data: bytes) -> list[list[list[str]]]:
    """Per page, the segments in drawing order, each a list of glyph texts in display order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        fonts = {n: _to_unicode(f.get_object()) for n, f in page["/Resources"]["/Font"].items()}
        out: list[list[str]] = []
        font: tuple[int, dict[int, str]] = (2, {})
        operands: list[bytes] = []
        for token in _TOKEN.findall(page.get_contents().get_data()):
            assert token != b"(", "literal strings: not written by WeasyPrint"
            if not (token[:1].isalpha() or token in (b"'", b'"')):
                operands.append(token)
                continue
            if token in _MOVES:
                out.append([])
            elif token == b"Tf":
                font = fonts[operands[-2].decode()]
            elif token in (b"TJ", b"Tj"):
                width, mapping = font
                for operand in operands:
                    if operand.startswith(b"<"):
                        raw = bytes.fromhex(operand[1:-1].decode())
                        for i in range(0, len(raw), width):
                            code = int.from_bytes(raw[i : i + width], "big")
                            out[-1].append(mapping.get(code, "\ufffd"))
            operands = []
        pages.append([s for s in out if s])
    return pages


def logical(segment: list[str]) -> str:
    classes = {unicodedata.bidirectional(c) for c in "".join(segment)}
    if not classes & RTL:
        return "".join(segment)
    mixed = classes & LTR_OR_NUMBER
    assert not mixed, f"a right-to-left segment mixes in {mixed}: {''.join(segment)!r}"
    return "".join(reversed(segment))


def normalise(text: str) -> str:
    """NFKC (presentation forms back to letters) and whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def page_texts(data: bytes) -> list[str]:
    """Each page's text in logical order, segments joined by a space, normalised."""
    return [normalise(" ".join(logical(s) for s in page)) for page in segments(data)]
