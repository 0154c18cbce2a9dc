"""The printable plan: Arabic and Tigrinya next to Dutch, really shaped (issue 11).

The extracted text, NFKC-normalised, equals the source text line by line; and the embedded Arabic
font subset holds contextual forms (initial, medial, final glyphs) — proof that HarfBuzz shaped the
text, which the extracted text alone does not give (an unshaped PDF extracts the same letters).
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from werkpad.pathway import actions, printing
from werkpad.pathway.models import Programme, StepTemplate

weasyprint = pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")
ttLib = pytest.importorskip("fontTools.ttLib")


def _norm(text: str) -> str:
    """NFKC (Arabic presentation forms back to letters), one space, and without the neutral
    full stop and colon, which the bidi algorithm puts at the other end of a right-to-left line,
    and without the zero-width non-joiner of Persian (shaped in the PDF, lost in its text)."""
    text = unicodedata.normalize("NFKC", text).replace(".", " ").replace(":", " ")
    text = text.replace("\u200c", "")
    return " ".join(text.split())


@pytest.fixture
def version(world):
    programme = Programme.objects.create(
        name="Proef", kind="startbaan", start_date=date(2024, 1, 1)
    )
    programme.organisations.add(world.utrecht)
    StepTemplate.objects.create(programme=programme, position=0, title="Taalcursus A2")
    actions.enrol(world.anna, world.participant, programme, intake_date=date(2026, 1, 5))
    plan = actions.start_plan(world.anna, world.participant, programme=programme)
    step = plan.steps.get()
    step.type = "taalcursus"
    actions.save_step(world.anna, step)
    return actions.save_version(world.anna, plan)


def _pdf(version, participant, language):
    data = printing.plan_pdf(version, participant, language)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return data, reader


def _source_lines(version, participant, language) -> list[str]:
    """The newcomer-language texts of the PDF, each a single run of one direction (a line that
    mixes Arabic with digits is extracted in visual order, which no extractor undoes)."""
    context = printing.plan_context(version, participant, language)
    o = context["other"]
    step = context["rows"][0]["other"]
    keys = ["title", "goal", "droombaan", "steps", "who", "expect", "no_guarantee"]
    keys += ["offers", "not_offers", "contact", "agreed"]
    return [o[k] for k in keys] + [step["type"], step["owner"], step["status"]]


def _extracted(reader) -> str:
    return _norm(" ".join(page.extract_text() or "" for page in reader.pages))


@pytest.mark.parametrize(
    ("language", "script_sample"),
    [
        ("ar", "خطة خطواتي"),
        ("ti", "ናተይ መደብ ስጉምትታት"),
        ("fa", "برنامهٔ گام‌های من"),
        ("uk", "Мій покроковий план"),
    ],
)
def test_the_pdf_text_in_the_newcomers_language_equals_the_source(
    world, version, language, script_sample
):
    _data, reader = _pdf(version, world.participant, language)
    text = _extracted(reader)
    lines = _source_lines(version, world.participant, language)
    assert script_sample in lines[0]  # really translated, not the Dutch fallback
    for line in lines:
        assert _norm(line) in text, line
    with translation.override("nl"):
        assert _norm("Er is geen baangarantie.") in text  # Dutch next to it
    fonts = _fonts(reader)
    family = {"ar": "NotoSansArabic", "fa": "NotoSansArabic", "ti": "NotoSansEthiopic"}.get(
        language, "NotoSans"
    )
    assert any(family in name for name in fonts), fonts


def _fonts(reader) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            for desc_font in font.get("/DescendantFonts", [font]):
                d = desc_font.get_object()
                descriptor = d.get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                name = str(d.get("/BaseFont", ""))
                if stream is not None:
                    found[name.replace("-", "")] = stream.get_object().get_data()
    return found


ARABIC_TTF = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"


def _form(name: str, cmap: dict[str, int]) -> str:
    """``initial`` / ``medial`` / ``final`` / ``isolated`` / "" for a glyph of the original font
    (named by its presentation-form code point, e.g. uniFEA3, or with a .init suffix)."""
    for suffix, form in ((".init", "initial"), (".medi", "medial"), (".fina", "final")):
        if suffix in name:
            return form
    code = cmap.get(name)
    if code is None:
        return ""
    label = unicodedata.name(chr(code), "")
    for form in ("initial", "medial", "final", "isolated"):
        if f"{form.upper()} FORM" in label:
            return form
    return ""


def test_the_arabic_font_subset_holds_contextual_forms(world, version):
    import os

    if not os.path.exists(ARABIC_TTF):
        pytest.skip("fonts-noto-core is not installed (.ci/run installs it)")
    _data, reader = _pdf(version, world.participant, "ar")
    subsets = [data for name, data in _fonts(reader).items() if "NotoSansArabic" in name]
    assert subsets
    original = ttLib.TTFont(ARABIC_TTF)
    order = original.getGlyphOrder()
    cmap = {name: code for code, name in original.getBestCmap().items()}
    forms: set[str] = set()
    for data in subsets:
        subset = ttLib.TTFont(io.BytesIO(data))
        glyf = subset["glyf"]
        # WeasyPrint's subset keeps the glyph ids of the original font (the others left empty).
        assert len(subset.getGlyphOrder()) <= len(order)
        for gid, name in enumerate(subset.getGlyphOrder()):
            if glyf[name].numberOfContours != 0:
                forms.add(_form(order[gid], cmap))
    # Shaping chose initial, medial and final forms; unshaped text would have none of them.
    assert {"initial", "medial", "final"} <= forms, forms


def test_coach_and_newcomer_download_the_pdf(world, version):
    anna = Client()
    anna.force_login(world.anna)
    r = anna.get(reverse("pathway:plan_pdf", args=[world.participant.public_id]) + "?lang=ti")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    nadia = Client()
    nadia.force_login(world.nadia)
    r = nadia.get(reverse("portal:plan_pdf"))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    cees = Client()
    cees.force_login(world.cees)
    assert (
        cees.get(reverse("pathway:plan_pdf", args=[world.participant.public_id])).status_code == 404
    )
