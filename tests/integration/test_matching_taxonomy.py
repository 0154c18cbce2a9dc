"""ESCO in the database: idempotent import, rebuild, the per-process cache, and occupation search."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from werkpad.core.taxonomy import load_esco
from werkpad.matching import models as m
from werkpad.matching.taxonomy import current, current_taxonomy, taxonomy_from_db

FIXTURE = Path(__file__).parent / "fixtures" / "esco_small"
NL_LABELS = FIXTURE / "nl" / "occupations_nl.csv"


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            m.Occupation,
            m.OccupationLabel,
            m.Skill,
            m.SkillGroup,
            m.IscoGroup,
            m.OccupationSkill,
            m.SkillBroader,
            m.OccupationBroader,
            m.TaxonomyVersion,
        )
    }


def _import(*extra: str) -> str:
    out = StringIO()
    call_command("import_esco", str(FIXTURE), "--labels", f"nl={NL_LABELS}", *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_esco_is_idempotent_and_rebuilds_the_same_taxonomy():
    first = _import()
    counts = _counts()
    assert counts == {
        "Occupation": 3,
        "OccupationLabel": 6,  # en and nl
        "Skill": 6,
        "SkillGroup": 2,
        "IscoGroup": 3,
        "OccupationSkill": 9,  # the relation to an unknown skill is left out
        "SkillBroader": 3,
        "OccupationBroader": 3,
        "TaxonomyVersion": 1,
    }
    assert "Taxonomy version" in first
    assert "1 rows of the files refer to unknown concepts" in first

    second = _import()
    assert _counts() == counts  # nothing new, not even a version
    assert "Nothing changed" in second
    assert "occupations" in second and " 3 " in second  # the counts are reported

    loaded = load_esco(FIXTURE, "en", extra_labels={"nl": NL_LABELS})
    stored = taxonomy_from_db()
    for name in (
        "occupations",
        "skills",
        "isco_groups",
        "skill_groups",
        "essential_skills",
        "optional_skills",
        "skill_broader",
        "occupation_broader",
        "occupation_labels",
    ):
        assert getattr(stored, name) == getattr(loaded, name), name


@pytest.mark.django_db
def test_import_updates_changed_rows_and_bumps_the_version(tmp_path):
    _import()
    version = m.TaxonomyVersion.objects.get()
    cook = m.Occupation.objects.get(uri="http://example.org/esco/occupation/cook")
    cook.preferred_label = "old label"
    cook.save()
    out = _import()
    assert m.Occupation.objects.get(pk=cook.pk).preferred_label == "cook"
    assert m.TaxonomyVersion.objects.count() == 2
    assert m.TaxonomyVersion.objects.first().pk != version.pk
    assert "Taxonomy version" in out


@pytest.mark.django_db
def test_current_taxonomy_is_the_demo_set_until_esco_is_imported():
    demo = current()
    assert demo.is_demo
    assert "urn:werkpad:demo:occupation:heftruckchauffeur" in demo.taxonomy.occupations
    assert current() is demo  # cached while the stamp is the same
    _import()
    stored = current()
    assert not stored.is_demo
    assert set(current_taxonomy().occupations) == {
        "http://example.org/esco/occupation/forklift-operator",
        "http://example.org/esco/occupation/warehouse-worker",
        "http://example.org/esco/occupation/cook",
    }
    hits = stored.search("heftruckchaufeur", k=1)  # Dutch label with a typo
    assert hits[0].uri == "http://example.org/esco/occupation/forklift-operator"


def test_search_endpoint_finds_a_typod_dutch_occupation(world, login):
    client = login(world.anna)
    response = client.get(reverse("matching:occupation_search"), {"q": "heftruckchaufeur"})
    assert response.status_code == 200
    first = response.text.split('data-occupation-option data-uri="')[1].split('"')[0]
    assert first == "urn:werkpad:demo:occupation:heftruckchauffeur"
    assert "forklift operator" in response.text  # the English label is shown too
    # the widget sends the field's own name as the query parameter
    response = client.get(
        reverse("matching:occupation_search"),
        {"field": "experiences-0-occupation", "experiences-0-occupation": "magazijnmedwerker"},
    )
    assert 'data-uri="urn:werkpad:demo:occupation:magazijnmedewerker"' in response.text


def test_search_api_and_login_required(world, client, login):
    assert client.get(reverse("matching:occupation_search"), {"q": "kok"}).status_code == 302
    client = login(world.eva)  # employers enter vacancy occupations too
    response = client.get("/api/matching/occupations/search", {"q": "vrachtwagenchaufeur"})
    assert response.status_code == 200
    hits = response.json()
    assert hits[0]["uri"] == "urn:werkpad:demo:occupation:vrachtwagenchauffeur"
    assert hits[0]["label_nl"] == "vrachtwagenchauffeur"
    assert hits[0]["label_en"] == "truck driver"


def test_forms_render_the_occupation_widget(world, login):
    client = login(world.anna)
    response = client.get(
        reverse("participants:edit_section", args=[world.participant.public_id, "work"])
    )
    assert response.status_code == 200
    assert 'role="combobox"' in response.text
    assert 'data-uri-name="desired_occupation_uri"' in response.text
    assert 'type="hidden" name="desired_occupation_uri"' in response.text


def test_saving_a_chosen_occupation_keeps_the_uri(world, login):
    client = login(world.anna)
    url = reverse("participants:edit_section", args=[world.participant.public_id, "work"])
    response = client.post(
        url,
        {
            "desired_occupation": "kok",
            "desired_occupation_uri": "urn:werkpad:demo:occupation:kok",
            "desired_self_development": "some",
        },
    )
    assert response.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.desired_occupation_uri == "urn:werkpad:demo:occupation:kok"
