"""The loader and the search on the real ESCO v1.1.1 files (skipped when they are absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from werkpad.core.taxonomy import OccupationIndex, load_esco


def test_english_counts(real_esco_dir: Path) -> None:
    taxonomy = load_esco(real_esco_dir)
    assert len(taxonomy.occupations) == 3007
    assert len(taxonomy.skills) == 13896
    assert len(taxonomy.isco_groups) == 619
    assert len(taxonomy.skill_groups) == 647  # 640 + 7 named only in skillsHierarchy_en.csv
    relations = Counter(relation.relation_type for relation in taxonomy.relations())
    # occupationSkillRelations.csv has 123,855 rows; 67 belong to an occupation that is not in
    # occupations_en.csv (.../a9e54177-...) and are skipped, as is its one broader relation.
    assert relations == {"essential": 64891, "optional": 58897}
    skipped = Counter(row.file for row in taxonomy.skipped)
    assert skipped == {"occupationSkillRelations.csv": 67, "broaderRelationsOccPillar.csv": 1}
    assert sum(relations.values()) + skipped["occupationSkillRelations.csv"] == 123855
    assert len(taxonomy.occupation_broader) == 3007 + 609
    assert all(taxonomy.isco_group_of(uri) is not None for uri in taxonomy.occupations)


def test_dutch_labels_and_search(real_esco_dir: Path) -> None:
    dutch = real_esco_dir.parent / "nl" / "occupations_nl.csv"
    if not dutch.is_file():
        pytest.skip(f"Dutch ESCO labels not found at {dutch}")
    taxonomy = load_esco(real_esco_dir, extra_labels={"nl": dutch})
    assert len(taxonomy.occupation_labels["nl"]) == 3007
    index = OccupationIndex.build(taxonomy)
    assert len(index) == 3007
    forklift = next(
        uri
        for uri, labels in taxonomy.occupation_labels["nl"].items()
        if "heftruckchauffeur" in labels.all_labels()
    )
    assert forklift in [hit.uri for hit in index.search("heftruckchaufeur", k=5)]
    assert forklift in [hit.uri for hit in index.search("chauffeur heftruck", k=5)]
    assert forklift in [hit.uri for hit in index.search("fork lift operator", k=5)]
