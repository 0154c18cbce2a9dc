"""The ESCO CSV loader on the hand-made fixture (no real data needed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from werkpad.core.taxonomy import (
    EscoFormatError,
    IscoGroup,
    Labels,
    OccupationSkillRelation,
    SkippedRow,
    Taxonomy,
    add_labels,
    add_skill_labels,
    load_esco,
)

OCC = "urn:fixture:occupation:"
SKL = "urn:fixture:skill:"
GRP = "urn:fixture:skillgroup:"
ISCO = "urn:fixture:isco:C"


@pytest.fixture
def esco_copy(tmp_path: Path, fixture_dir: Path) -> Path:
    target = tmp_path / "esco"
    shutil.copytree(fixture_dir, target)
    return target


def test_occupations(fixture_taxonomy: Taxonomy) -> None:
    taxonomy = fixture_taxonomy
    assert taxonomy.language == "en"
    assert list(taxonomy.occupations) == [
        OCC + "forklift",
        OCC + "cook",
        OCC + "headcook",
        OCC + "cleaner",
    ]
    forklift = taxonomy.occupations[OCC + "forklift"]
    assert forklift.preferred_label == "forklift operator"
    # blank lines and exact duplicates in a multi-line cell are dropped, order kept
    assert forklift.alt_labels == ("forklift driver", "fork-lift truck operator")
    assert forklift.code == "8344.1"
    assert forklift.isco_group == "8344"
    cook = taxonomy.occupations[OCC + "cook"]
    assert cook.hidden_labels == ("kok",)
    assert cook.description == "Cooks prepare food,\nfrom starters to desserts."
    assert taxonomy.occupations[OCC + "cleaner"].alt_labels == ()


def test_skills_and_groups(fixture_taxonomy: Taxonomy) -> None:
    taxonomy = fixture_taxonomy
    assert len(taxonomy.skills) == 6
    skill = taxonomy.skills[SKL + "forklift"]
    assert skill.preferred_label == "operate forklift"
    assert skill.alt_labels == ("drive forklift", "use forklift")
    assert skill.skill_type == "skill/competence"
    assert skill.reuse_level == "sector-specific"
    assert skill.description == "Operate a forklift."
    assert taxonomy.skills[SKL + "clean"].reuse_level == ""
    # S and S6 from skillGroups_en.csv, S6.1 only from skillsHierarchy_en.csv
    assert set(taxonomy.skill_groups) == {GRP + "S", GRP + "S6", GRP + "S6.1"}
    assert taxonomy.skill_groups[GRP + "S6.1"].code == "S6.1"
    assert taxonomy.skill_groups[GRP + "S6.1"].preferred_label == "operating machinery"


def test_relations(fixture_taxonomy: Taxonomy) -> None:
    taxonomy = fixture_taxonomy
    assert taxonomy.essential_skills[OCC + "forklift"] == (SKL + "forklift", SKL + "warehouse")
    assert taxonomy.optional_skills[OCC + "forklift"] == (SKL + "safety",)
    # hygiene is both essential and optional for the cook: essential wins
    assert taxonomy.essential_skills[OCC + "cook"] == (SKL + "cook", SKL + "hygiene")
    assert taxonomy.optional_skills[OCC + "cook"] == (SKL + "safety",)
    # duplicated row kept once; every occupation has an entry
    assert taxonomy.essential_skills[OCC + "cleaner"] == (SKL + "clean",)
    assert taxonomy.optional_skills[OCC + "headcook"] == ()
    assert set(taxonomy.essential_skills) == set(taxonomy.occupations)
    assert taxonomy.skills_of(OCC + "cook") == (SKL + "cook", SKL + "hygiene", SKL + "safety")
    assert taxonomy.skills_of(OCC + "cook", include_optional=False) == (
        SKL + "cook",
        SKL + "hygiene",
    )
    assert taxonomy.skills_of(OCC + "nobody") == ()
    relations = list(taxonomy.relations())
    assert len(relations) == 8
    assert relations[0] == OccupationSkillRelation(OCC + "forklift", SKL + "forklift", "essential")
    assert relations[2] == OccupationSkillRelation(OCC + "forklift", SKL + "safety", "optional")


def test_hierarchies(fixture_taxonomy: Taxonomy) -> None:
    taxonomy = fixture_taxonomy
    assert taxonomy.occupation_broader[OCC + "headcook"] == (OCC + "cook",)
    assert taxonomy.occupation_broader[OCC + "forklift"] == (ISCO + "8344",)
    assert taxonomy.occupation_broader[ISCO + "8344"] == (ISCO + "8",)
    assert OCC + "ghost" not in taxonomy.occupation_broader
    assert taxonomy.skill_broader[SKL + "forklift"] == (GRP + "S6.1", SKL + "safety")
    assert SKL + "hygiene" not in taxonomy.skill_broader
    assert taxonomy.skill_ancestors(SKL + "forklift") == (
        GRP + "S6.1",
        SKL + "safety",
        GRP + "S6",
        GRP + "S",
    )
    assert taxonomy.skill_ancestors(SKL + "clean") == ()


def test_skill_ancestors_survives_cycles() -> None:
    taxonomy = Taxonomy(language="en")
    taxonomy.skill_broader = {"a": ("b",), "b": ("a", "c"), "c": ("b",)}
    assert taxonomy.skill_ancestors("a") == ("b", "c")


def test_isco_groups(fixture_taxonomy: Taxonomy) -> None:
    taxonomy = fixture_taxonomy
    assert len(taxonomy.isco_groups) == 5
    assert taxonomy.isco_group_of(OCC + "cook") == IscoGroup(ISCO + "5120", "5120", "Cooks")
    assert taxonomy.isco_group_of(OCC + "nobody") is None
    taxonomy.isco_groups.pop(ISCO + "9112")
    assert taxonomy.isco_group_of(OCC + "cleaner") is None  # index follows the mapping


def test_skipped_rows(fixture_taxonomy: Taxonomy) -> None:
    assert fixture_taxonomy.skipped == [
        SkippedRow("occupationSkillRelations.csv", 12, f"unknown occupation {OCC}ghost"),
        SkippedRow("occupationSkillRelations.csv", 13, f"unknown skill {SKL}ghost"),
        SkippedRow("broaderRelationsOccPillar.csv", 8, f"unknown concept {OCC}ghost"),
        SkippedRow("broaderRelationsSkillPillar.csv", 7, f"unknown broader concept {GRP}S9"),
        SkippedRow("occupations_nl.csv", 7, f"unknown concept {OCC}unknown"),
    ]


def test_labels_per_language(fixture_taxonomy: Taxonomy) -> None:
    taxonomy = fixture_taxonomy
    assert taxonomy.languages == ("en", "nl")
    nl = taxonomy.labels_of(OCC + "forklift", "nl")
    assert nl == Labels(
        "heftruckchauffeur",
        ("heftruckbestuurder", "vorkheftruckchauffeur"),
        (),
        "Heftruckchauffeurs verplaatsen goederen.",
    )
    assert nl.all_labels() == ("heftruckchauffeur", "heftruckbestuurder", "vorkheftruckchauffeur")
    assert taxonomy.labels_of(OCC + "cook", "en") == taxonomy.occupations[OCC + "cook"].labels
    assert taxonomy.labels_of(OCC + "cleaner", "nl") is None  # untranslated row ignored
    assert taxonomy.labels_of(OCC + "cook", "de") is None
    # Dutch labels never overwrite the base-language occupation values
    assert taxonomy.occupations[OCC + "forklift"].preferred_label == "forklift operator"


def test_add_labels_is_idempotent(fixture_taxonomy: Taxonomy, fixture_dir: Path) -> None:
    taxonomy = fixture_taxonomy
    before = (dict(taxonomy.occupation_labels["nl"]), list(taxonomy.skipped))
    assert add_labels(taxonomy, fixture_dir / "occupations_nl.csv", "nl") == 2
    assert (dict(taxonomy.occupation_labels["nl"]), list(taxonomy.skipped)) == before


def test_extra_labels_parameter(fixture_dir: Path, fixture_taxonomy: Taxonomy) -> None:
    taxonomy = load_esco(fixture_dir, extra_labels={"nl": fixture_dir / "occupations_nl.csv"})
    assert taxonomy == fixture_taxonomy


def test_add_labels_for_base_language_updates_occupations(fixture_dir: Path) -> None:
    taxonomy = load_esco(fixture_dir)
    add_labels(taxonomy, fixture_dir / "occupations_nl.csv", "en")
    assert taxonomy.occupations[OCC + "cook"].preferred_label == "kok"
    assert taxonomy.occupations[OCC + "cook"].code == "5120.1"
    assert taxonomy.labels_of(OCC + "cook", "en") == taxonomy.occupations[OCC + "cook"].labels


def test_optional_files_may_be_missing(esco_copy: Path) -> None:
    for name in (
        "ISCOGroups_en.csv",
        "skillGroups_en.csv",
        "skillsHierarchy_en.csv",
        "broaderRelationsOccPillar.csv",
        "broaderRelationsSkillPillar.csv",
    ):
        (esco_copy / name).unlink()
    taxonomy = load_esco(esco_copy)
    assert len(taxonomy.occupations) == 4
    assert taxonomy.isco_groups == {}
    assert taxonomy.occupation_broader == {}
    assert taxonomy.skill_broader == {}
    assert taxonomy.isco_group_of(OCC + "cook") is None


def test_v12_file_names_and_bom(esco_copy: Path) -> None:
    (esco_copy / "occupationSkillRelations.csv").rename(
        esco_copy / "occupationSkillRelations_en.csv"
    )
    path = esco_copy / "occupations_en.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    taxonomy = load_esco(esco_copy)
    assert taxonomy.occupations[OCC + "forklift"].alt_labels == (
        "forklift driver",
        "fork-lift truck operator",
    )
    assert len(list(taxonomy.relations())) == 8


def test_missing_required_file(esco_copy: Path) -> None:
    (esco_copy / "skills_en.csv").unlink()
    with pytest.raises(EscoFormatError, match=r"skills_en\.csv: required ESCO file not found"):
        load_esco(esco_copy)


def test_missing_column_names_file_line_and_column(esco_copy: Path) -> None:
    path = esco_copy / "occupations_en.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",altLabels,", ",otherLabels,", 1), encoding="utf-8")
    with pytest.raises(EscoFormatError) as caught:
        load_esco(esco_copy)
    error = caught.value
    assert error.path == path
    assert error.line == 1
    assert error.column == "altLabels"
    assert str(error) == f"{path}, line 1: missing required column 'altLabels'"


def test_missing_column_in_relations(esco_copy: Path) -> None:
    path = esco_copy / "occupationSkillRelations.csv"
    path.write_text("occupationUri,skillType,skillUri\n", encoding="utf-8")
    with pytest.raises(EscoFormatError, match=r"line 1: missing required column 'relationType'"):
        load_esco(esco_copy)


def test_empty_file(esco_copy: Path) -> None:
    (esco_copy / "skills_en.csv").write_text("", encoding="utf-8")
    with pytest.raises(EscoFormatError, match="line 1: empty file"):
        load_esco(esco_copy)


def test_empty_uri_reports_line_of_record(esco_copy: Path) -> None:
    path = esco_copy / "occupations_en.csv"
    text = path.read_text(encoding="utf-8")
    # the cook record starts on line 6 (the forklift record spans lines 2-5)
    path.write_text(text.replace("urn:fixture:occupation:cook,", ",", 1), encoding="utf-8")
    with pytest.raises(EscoFormatError) as caught:
        load_esco(esco_copy)
    assert (caught.value.line, caught.value.column) == (6, "conceptUri")


def test_invalid_relation_type(esco_copy: Path) -> None:
    path = esco_copy / "occupationSkillRelations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",optional,", ",sometimes,", 1), encoding="utf-8")
    with pytest.raises(EscoFormatError, match=r"line 4: relationType must be one of"):
        load_esco(esco_copy)


def test_blank_lines_and_short_rows_are_tolerated(esco_copy: Path) -> None:
    path = esco_copy / "skills_en.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nKnowledgeSkillCompetence,urn:fixture:skill:short,knowledge\n")
    taxonomy = load_esco(esco_copy)
    short = taxonomy.skills[SKL + "short"]
    assert (short.skill_type, short.preferred_label, short.alt_labels) == ("knowledge", "", ())


def test_add_labels_missing_column(fixture_taxonomy: Taxonomy, tmp_path: Path) -> None:
    path = tmp_path / "occupations_de.csv"
    path.write_text("conceptUri,preferredLabel\nurn:x,Koch\n", encoding="utf-8")
    with pytest.raises(EscoFormatError, match="missing required column 'altLabels'"):
        add_labels(fixture_taxonomy, path, "de")


def test_skill_labels(fixture_taxonomy: Taxonomy, fixture_dir: Path) -> None:
    taxonomy = fixture_taxonomy
    assert taxonomy.skill_labels["en"][SKL + "forklift"] == Labels(
        "operate forklift", ("drive forklift", "use forklift"), (), "Operate a forklift."
    )
    assert add_skill_labels(taxonomy, fixture_dir / "skills_nl.csv", "nl") == 2
    assert taxonomy.skill_labels["nl"][SKL + "forklift"] == Labels(
        "heftruck besturen",
        ("vorkheftruck besturen", "heftruck rijden"),
        (),
        "Een heftruck besturen.",
    )
    assert SKL + "clean" not in taxonomy.skill_labels["nl"]  # untranslated
    assert taxonomy.skipped[-1] == SkippedRow("skills_nl.csv", 6, f"unknown concept {SKL}ghost")
    assert taxonomy.skills[SKL + "forklift"].preferred_label == "operate forklift"
    before = (dict(taxonomy.skill_labels["nl"]), list(taxonomy.skipped))
    add_skill_labels(taxonomy, fixture_dir / "skills_nl.csv", "nl")
    assert (dict(taxonomy.skill_labels["nl"]), list(taxonomy.skipped)) == before


def test_skill_labels_for_base_language_update_skills(fixture_dir: Path) -> None:
    taxonomy = load_esco(fixture_dir)
    add_skill_labels(taxonomy, fixture_dir / "skills_nl.csv", "en")
    skill = taxonomy.skills[SKL + "cook"]
    assert (skill.preferred_label, skill.alt_labels, skill.skill_type) == (
        "maaltijden bereiden",
        ("koken",),
        "skill/competence",
    )


def test_not_utf8(esco_copy: Path) -> None:
    path = esco_copy / "skills_en.csv"
    path.write_bytes(
        path.read_bytes() + "KnowledgeSkillCompetence,urn:x,caf\xe9\n".encode("latin-1")
    )
    with pytest.raises(EscoFormatError, match=r"skills_en\.csv, line \d+: unreadable CSV"):
        load_esco(esco_copy)


def test_csv_error_names_the_line(esco_copy: Path) -> None:
    path = esco_copy / "occupationSkillRelations.csv"
    text = path.read_text(encoding="utf-8")
    huge = "x" * 200_000  # beyond csv.field_size_limit()
    path.write_text(text + f"urn:a,essential,knowledge,{huge}\n", encoding="utf-8")
    with pytest.raises(EscoFormatError) as caught:
        load_esco(esco_copy)
    assert caught.value.line == 14
    assert "unreadable CSV" in caught.value.message
