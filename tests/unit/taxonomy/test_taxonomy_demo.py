"""The built-in demo occupation set."""

from __future__ import annotations

from werkpad.core.taxonomy.demo import SECTORS, demo_sector_of, demo_taxonomy


def test_demo_taxonomy_is_consistent() -> None:
    taxonomy = demo_taxonomy()
    assert taxonomy.language == "nl"
    assert taxonomy.languages == ("nl", "en")
    assert 40 <= len(taxonomy.occupations) <= 50
    for uri, occupation in taxonomy.occupations.items():
        assert uri.startswith("urn:werkpad:demo:occupation:")
        assert occupation.alt_labels, uri
        assert taxonomy.labels_of(uri, "nl") == occupation.labels
        english = taxonomy.labels_of(uri, "en")
        assert english is not None
        assert english.alt_labels, uri
        assert len(taxonomy.essential_skills[uri]) >= 3
        assert taxonomy.optional_skills[uri]
        for skill_uri in taxonomy.skills_of(uri):
            assert skill_uri in taxonomy.skills
        group = taxonomy.isco_group_of(uri)
        assert group is not None
        assert taxonomy.occupation_broader[uri] == (group.uri,)
        assert occupation.code.startswith(group.code + ".D")
        assert demo_sector_of(uri) in SECTORS
    codes = [occupation.code for occupation in taxonomy.occupations.values()]
    assert len(set(codes)) == len(codes)
    for uri, skill in taxonomy.skills.items():
        assert uri.startswith("urn:werkpad:demo:skill:")
        assert taxonomy.skill_labels["nl"][uri].preferred_label == skill.preferred_label
        assert taxonomy.skill_labels["en"][uri].preferred_label
        assert skill.skill_type in {"skill/competence", "knowledge"}
    used = {skill for uri in taxonomy.occupations for skill in taxonomy.skills_of(uri)}
    assert used == set(taxonomy.skills)  # no unused skills


def test_every_sector_has_occupations() -> None:
    taxonomy = demo_taxonomy()
    sectors = {demo_sector_of(uri) for uri in taxonomy.occupations}
    assert sectors == set(SECTORS)
    assert demo_sector_of("urn:other") is None


def test_demo_taxonomy_is_fresh_and_stable() -> None:
    first, second = demo_taxonomy(), demo_taxonomy()
    assert first == second
    assert first is not second
    first.occupations.clear()
    assert second.occupations
