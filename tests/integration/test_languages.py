"""Every user-facing string goes through gettext: Dutch is complete, the newcomer portal speaks
English and Arabic (right-to-left), and a missing or broken translation falls back, never crashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from werkpad.core.i18n import gettext_noop, msg

LOCALE = Path(__file__).resolve().parents[2] / "src" / "werkpad" / "locale"


def _entries(po: Path) -> list[tuple[str, list[str]]]:
    """(msgid, msgstrs) for every entry of a PO file, without the header."""
    entries, msgid, strs, current = [], None, [], None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            msgid, strs, current = line[6:], [], "id"
        elif line.startswith("msgid_plural"):
            current = "plural"
        elif line.startswith("msgstr"):
            strs.append(line.split(" ", 1)[1])
            current = "str"
        elif line.startswith('"') and current == "str":
            strs[-1] += line
        elif line.startswith('"') and current == "id":
            msgid += line
        elif not line.strip() and msgid is not None:
            if msgid != '""':
                entries.append((msgid, [s.replace('""', "") for s in strs]))
            msgid, current = None, None
    return entries


def test_dutch_catalogue_is_complete_and_compiled():
    po = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
    entries = _entries(po)
    assert len(entries) > 1000
    untranslated = [m for m, strs in entries if any(s in ('""', "") for s in strs)]
    assert untranslated == []
    assert "#, fuzzy" not in po.read_text(encoding="utf-8"), "fuzzy entries are guesses and unused"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1, "run `make messages`"


def test_placeholders_survive_translation():
    for lang in ("nl", "ar"):
        for msgid, strs in _entries(LOCALE / lang / "LC_MESSAGES" / "django.po"):
            wanted = set(re.findall(r"%\(\w+\)[sd]", msgid))
            for s in strs:
                if s not in ('""', ""):
                    assert set(re.findall(r"%\(\w+\)[sd]", s)) <= wanted, (lang, msgid, s)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("nl", "Inloggen bij Werkpad"), ("en", "Log in to Werkpad"), ("ar", 'dir="rtl"')],
)
def test_login_page_in_each_language(db, lang, text):
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.text
    assert text in response.text


def test_professional_pages_in_dutch(world):
    client = Client()
    world.anna.language = "nl"
    world.anna.save()
    client.force_login(world.anna)
    caseload = client.get(reverse("participants:caseload"))
    assert "Mijn caseload" in caseload.text
    file = client.get(reverse("participants:detail", args=[world.participant.public_id]))
    assert file.status_code == 200
    assert "Geschiedenis" in file.text


def test_newcomer_portal_in_arabic_is_right_to_left(world):
    client = Client()
    world.nadia.language = "ar"
    world.nadia.save()
    client.force_login(world.nadia)
    response = client.get(reverse("portal:consent"))
    assert response.status_code == 200
    assert 'lang="ar"' in response.text and 'dir="rtl"' in response.text
    assert re.search(r"[\u0600-\u06FF]{3,}", response.text), "no Arabic text on the portal page"
    # the language menu offers Arabic to newcomers, not only Dutch and English
    assert 'value="ar"' in response.text


def test_professionals_are_offered_dutch_and_english_only(world):
    client = Client()
    client.force_login(world.anna)
    response = client.get(reverse("participants:caseload"))
    assert 'value="nl"' in response.text and 'value="en"' in response.text
    assert 'value="ar"' not in response.text


def test_core_messages_fall_back_when_a_translation_is_broken():
    message = msg(gettext_noop("Hello %(name)s"), name="Amal")
    assert message.render(lambda s: "Hallo %(naam)s") == "Hello Amal"
    with translation.override("nl"):
        assert message.render(translation.gettext) == "Hello Amal"  # no entry: the English text
