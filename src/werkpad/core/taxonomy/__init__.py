"""The ESCO taxonomy: model, CSV loader and occupation search (pure Python, no Django).

>>> from werkpad.core.taxonomy.demo import demo_taxonomy
>>> index = OccupationIndex.build(demo_taxonomy())
>>> index.search("heftruckchaufeur", k=1)[0].label
'heftruckchauffeur'
"""

from werkpad.core.taxonomy.loader import EscoFormatError, add_labels, add_skill_labels, load_esco
from werkpad.core.taxonomy.model import (
    IscoGroup,
    Labels,
    Occupation,
    OccupationSkillRelation,
    RelationType,
    Skill,
    SkillGroup,
    SkippedRow,
    Taxonomy,
)
from werkpad.core.taxonomy.search import OccupationIndex, SearchHit, SearchWeights

__all__ = [
    "EscoFormatError",
    "IscoGroup",
    "Labels",
    "Occupation",
    "OccupationIndex",
    "OccupationSkillRelation",
    "RelationType",
    "SearchHit",
    "SearchWeights",
    "Skill",
    "SkillGroup",
    "SkippedRow",
    "Taxonomy",
    "add_labels",
    "add_skill_labels",
    "load_esco",
]
