"""Loading the versioned instrument (``data/instrument.toml``) and reading it in a language.

The file is loaded into :class:`~werkpad.surveys.models.Instrument` and its questions the first
time a version is used (``current()``), in one transaction; a version already loaded is reused.
Its checksum is kept: a published version whose text was changed afterwards is refused (a
change needs a new version number), so answers always refer to the words they were given to.

Texts fall back to English, then Dutch, when the reader's language has none: a missing
translation never breaks a page.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from werkpad.core.survey import Anchor, MomentRule

from .models import Instrument, Moment, Question

DATA_FILE = Path(__file__).parent / "data" / "instrument.toml"
FALLBACK = ("en", "nl")


_cache: dict[tuple[Path, int], tuple[dict[str, Any], str]] = {}


def read_file(path: Path | None = None) -> tuple[dict[str, Any], str]:
    """The file's content (checked) and its checksum; read again when the file changes."""
    path = path or DATA_FILE
    key = (path, path.stat().st_mtime_ns)
    if key not in _cache:
        _cache.clear()
        _cache[key] = _read(path)
    data, checksum = _cache[key]
    return json.loads(json.dumps(data)), checksum


def _read(path: Path) -> tuple[dict[str, Any], str]:
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as ISO text, as stored in JSON
    check(data)
    return data, hashlib.sha256(raw).hexdigest()


def check(data: Mapping[str, Any]) -> None:
    """Refuse a file that cannot work: say which key."""

    def fail(message: str) -> None:
        raise ImproperlyConfigured(f"survey instrument: {message}")

    for key in ("version", "valid_from", "title", "source", "moments", "scales", "questions"):
        if key not in data:
            fail(f"'{key}' is missing")
    codes = {m["code"] for m in data["moments"]}
    if codes != set(Moment.values):
        fail(f"moments must be exactly {sorted(Moment.values)}")
    for m in data["moments"]:
        if m.get("anchor") not in set(Anchor):
            fail(f"moment {m['code']}: anchor must be one of {sorted(Anchor)}")
    for name, scale in data["scales"].items():
        n = len(scale.get("values", []))
        if n < 2 or len(scale.get("icons", [])) != n:
            fail(f"scale {name}: values and icons must have the same length (at least 2)")
        for lang, labels in scale.get("labels", {}).items():
            if len(labels) != n:
                fail(f"scale {name}: {n} labels needed in '{lang}'")
        if "nl" not in scale.get("labels", {}) or "en" not in scale.get("labels", {}):
            fail(f"scale {name}: labels in nl and en are required")
    seen = set()
    for q in data["questions"]:
        if q.get("code") in seen:
            fail(f"question {q.get('code')} appears twice")
        seen.add(q.get("code"))
        if q.get("scale") not in data["scales"]:
            fail(f"question {q.get('code')}: unknown scale '{q.get('scale')}'")
        if not set(q.get("moments", [])) <= set(Moment.values):
            fail(f"question {q.get('code')}: moments must be among {sorted(Moment.values)}")
        for part in ("text", "indicator"):
            if not {"nl", "en"} <= set(q.get(part, {})):
                fail(f"question {q.get('code')}: {part} in nl and en is required")


def current() -> Instrument:
    """The newest version of the data file, loaded into the database if it is not yet."""
    data, checksum = read_file()
    found = Instrument.objects.filter(version=data["version"]).first()
    if found is not None:
        if found.checksum != checksum:
            raise ImproperlyConfigured(
                f"survey instrument version {data['version']} was changed after it was loaded; "
                "give the changed file a new version number"
            )
        return found
    try:
        with transaction.atomic():
            return _load(data, checksum)
    except IntegrityError:  # loaded at the same moment by another request
        return Instrument.objects.get(version=data["version"])


def _load(data: dict[str, Any], checksum: str) -> Instrument:
    instrument = Instrument.objects.create(
        version=data["version"],
        title=data["title"],
        valid_from=date.fromisoformat(data["valid_from"]),
        source=data["source"],
        checksum=checksum,
        data=data,
    )
    Question.objects.bulk_create(
        Question(
            instrument=instrument,
            code=q["code"],
            position=i,
            scale=q["scale"],
            indicator=q["indicator"],
            text=q["text"],
            moments=q.get("moments", []),
        )
        for i, q in enumerate(data["questions"])
    )
    return instrument


def moment_rules(instrument: Instrument) -> list[MomentRule]:
    return [
        MomentRule(m["code"], Anchor(m["anchor"]), int(m["months"]), int(m["window_days"]))
        for m in instrument.data["moments"]
    ]


def in_language(texts: Mapping[str, Any], language: str) -> tuple[Any, str]:
    """The text for ``language`` (its base language too: ``ar`` for ``ar-ma``), else English,
    else Dutch; with the language actually used."""
    base = (language or "").split("-")[0].lower()
    for code in (base, *FALLBACK):
        if code in texts:
            return texts[code], code
    code = next(iter(texts))
    return texts[code], code


@dataclass(frozen=True)
class Option:
    value: int
    icon: str
    label: str


@dataclass(frozen=True)
class ShownQuestion:
    """A question as one reader sees it."""

    question: Question
    code: str
    indicator: str
    text: str
    language: str  # the language of ``text`` (differs from the reader's when it fell back)
    needs_review: bool
    options: Sequence[Option]
    no_answer: str


def questions_in(
    instrument: Instrument, language: str, moment: str | None = None
) -> list[ShownQuestion]:
    """The questions (of ``moment``, or all) as a reader of ``language`` sees them."""
    review = set(instrument.data.get("needs_review", []))
    out = []
    for q in instrument.questions.all():
        if moment is not None and not q.asked_at(moment):
            continue
        scale = instrument.data["scales"][q.scale]
        labels, _lang = in_language(scale["labels"], language)
        no_answer, _lang = in_language(scale.get("no_answer", {"en": "—"}), language)
        text, used = in_language(q.text, language)
        indicator, _lang = in_language(q.indicator, language)
        out.append(
            ShownQuestion(
                question=q,
                code=q.code,
                indicator=indicator,
                text=text,
                language=used,
                needs_review=used in review,
                options=[
                    Option(value, icon, label)
                    for value, icon, label in zip(
                        scale["values"], scale["icons"], labels, strict=True
                    )
                ],
                no_answer=no_answer,
            )
        )
    return out


def indicator_names(
    instrument: Instrument, language: str, moments: Sequence[str] = ()
) -> dict[str, str]:
    """Indicator names by code: of the questions asked at every one of ``moments``."""
    return {
        q.code: in_language(q.indicator, language)[0]
        for q in instrument.questions.all()
        if all(q.asked_at(m) for m in moments)
    }
