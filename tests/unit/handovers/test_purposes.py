"""The one table of purposes and grounds (participants/purposes.py)."""

from __future__ import annotations

from werkpad.participants.choices import ConsentScope
from werkpad.participants.purposes import (
    PURPOSE_OF_SCOPE,
    PURPOSES,
    ROW_SECTIONS,
    SECTIONS,
    Purpose,
    legal_ground_applies,
    section_fields,
)


def test_every_purpose_has_a_rule_within_the_file_sections():
    assert set(PURPOSES) == set(Purpose.values)
    for rule in PURPOSES.values():
        assert set(rule.sections) <= set(SECTIONS)
        assert bool(rule.legal_ground) == bool(rule.legal_receivers)
    assert set(ROW_SECTIONS.values()) <= set(SECTIONS)


def test_every_consent_scope_maps_to_a_purpose():
    assert set(PURPOSE_OF_SCOPE) == set(ConsentScope.values)
    assert set(PURPOSE_OF_SCOPE.values()) <= set(Purpose.values)


def test_legal_ground_only_for_the_organisations_that_hold_the_task():
    assert legal_ground_applies(Purpose.KOPPELING, "gemeente")
    assert not legal_ground_applies(Purpose.KOPPELING, "civil_society")
    assert not legal_ground_applies(Purpose.HANDOVER, "gemeente")
    assert not legal_ground_applies(Purpose.EMPLOYER, "employer")
    assert not legal_ground_applies(Purpose.RESEARCH, None)


def test_every_section_has_fields():
    for section in SECTIONS:
        assert section_fields(section), section
