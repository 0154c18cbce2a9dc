"""Streaming loader for the official ESCO CSV files (v1.1.x layout, v1.2 file names accepted).

Only the standard library ``csv`` module is used; rows are processed one at a time. Every file's
header is checked for the columns the loader needs, and a bad file raises :class:`EscoFormatError`
naming the file, the line and the column.

Files read from the ESCO directory (``{lang}`` is the ``language`` argument):

========================================  ========  =============================================
file                                      needed    gives
========================================  ========  =============================================
``occupations_{lang}.csv``                required  :class:`Occupation` values and their labels
``skills_{lang}.csv``                     required  :class:`Skill` values
``occupationSkillRelations[_{lang}].csv`` required  essential / optional skills per occupation
``ISCOGroups_{lang}.csv``                 optional  :class:`IscoGroup` values
``skillGroups_{lang}.csv``                optional  :class:`SkillGroup` values
``skillsHierarchy_{lang}.csv``            optional  skill groups missing from the file above
``broaderRelationsOccPillar[_{lang}].csv``  optional  occupation pillar hierarchy
``broaderRelationsSkillPillar[_{lang}].csv`` optional skill pillar hierarchy
========================================  ========  =============================================
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

from werkpad.core.taxonomy.model import (
    IscoGroup,
    Labels,
    Occupation,
    Skill,
    SkillGroup,
    SkippedRow,
    Taxonomy,
)

__all__ = ["EscoFormatError", "add_labels", "add_skill_labels", "load_esco"]

_RELATION_TYPES = ("essential", "optional")


class EscoFormatError(ValueError):
    """An ESCO CSV file is missing, lacks a required column or holds an invalid value."""

    def __init__(
        self, path: Path, line: int | None, message: str, column: str | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


def _split_labels(value: str) -> tuple[str, ...]:
    """ESCO keeps several labels in one cell, one per line; drop blanks and exact duplicates."""
    if not value:
        return ()
    return tuple(
        dict.fromkeys(label for label in (part.strip() for part in value.split("\n")) if label)
    )


def _rows(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    nonempty: Sequence[str] = (),
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Yield ``(line, values)`` per record, ``values`` in the order ``required + optional``.

    ``line`` is the physical line on which the record starts (records may span lines). Missing
    optional columns read as ``""``; an empty value in a ``nonempty`` column is an error.
    """
    columns = (*required, *optional)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        line = 1
        try:
            header = next(reader, None)
            if header is None:
                raise EscoFormatError(path, 1, "empty file, expected a header row")
            index = {name.strip(): position for position, name in enumerate(header)}
            for name in required:
                if name not in index:
                    raise EscoFormatError(path, 1, f"missing required column {name!r}", name)
            positions = tuple(index.get(name, -1) for name in columns)
            checks = tuple((columns.index(name), name) for name in nonempty)
            line = reader.line_num + 1
            for row in reader:
                if row:
                    width = len(row)
                    values = tuple(row[p] if 0 <= p < width else "" for p in positions)
                    for position, name in checks:
                        if not values[position].strip():
                            message = f"empty value in column {name!r}"
                            raise EscoFormatError(path, line, message, name)
                    yield line, values
                line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as error:
            raise EscoFormatError(path, line, f"unreadable CSV ({error})") from error


def _find(directory: Path, *names: str) -> Path | None:
    for name in names:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def _require(directory: Path, *names: str) -> Path:
    found = _find(directory, *names)
    if found is None:
        raise EscoFormatError(directory / names[0], None, "required ESCO file not found")
    return found


def load_esco(
    directory: Path, language: str = "en", *, extra_labels: Mapping[str, Path] | None = None
) -> Taxonomy:
    """Load an ESCO CSV download (one language's files) into a :class:`Taxonomy`.

    ``extra_labels`` maps other languages to their ``occupations_{lang}.csv`` files, merged in
    with :func:`add_labels`. Rows referring to concepts absent from the files are left out and
    listed in :attr:`Taxonomy.skipped`; format errors raise :class:`EscoFormatError`.
    """
    directory = Path(directory)
    taxonomy = Taxonomy(language=language)
    occupations_path = _require(directory, f"occupations_{language}.csv")
    skills_path = _require(directory, f"skills_{language}.csv")
    relations_path = _require(
        directory, "occupationSkillRelations.csv", f"occupationSkillRelations_{language}.csv"
    )

    _load_occupations(taxonomy, occupations_path)
    _load_skills(taxonomy, skills_path)
    isco_path = _find(directory, f"ISCOGroups_{language}.csv")
    if isco_path is not None:
        _load_isco_groups(taxonomy, isco_path)
    groups_path = _find(directory, f"skillGroups_{language}.csv")
    if groups_path is not None:
        _load_skill_groups(taxonomy, groups_path)
    hierarchy_path = _find(directory, f"skillsHierarchy_{language}.csv")
    if hierarchy_path is not None:
        _load_skills_hierarchy(taxonomy, hierarchy_path)
    _load_relations(taxonomy, relations_path)

    occ_pillar = _find(
        directory, "broaderRelationsOccPillar.csv", f"broaderRelationsOccPillar_{language}.csv"
    )
    if occ_pillar is not None:
        known_occ = taxonomy.occupations.keys() | taxonomy.isco_groups.keys()
        taxonomy.occupation_broader = _load_broader(taxonomy, occ_pillar, known_occ)
    skill_pillar = _find(
        directory, "broaderRelationsSkillPillar.csv", f"broaderRelationsSkillPillar_{language}.csv"
    )
    if skill_pillar is not None:
        known_skill = taxonomy.skills.keys() | taxonomy.skill_groups.keys()
        taxonomy.skill_broader = _load_broader(taxonomy, skill_pillar, known_skill)

    for other_language, path in (extra_labels or {}).items():
        add_labels(taxonomy, Path(path), other_language)
    return taxonomy


def _load_occupations(taxonomy: Taxonomy, path: Path) -> None:
    labels: dict[str, Labels] = {}
    occupations = taxonomy.occupations
    rows = _rows(
        path,
        required=("conceptUri", "preferredLabel", "altLabels", "iscoGroup", "code"),
        optional=("hiddenLabels", "description"),
        nonempty=("conceptUri",),
    )
    for _line, (uri, preferred, alt, isco, code, hidden, description) in rows:
        occupation = Occupation(
            uri=uri.strip(),
            code=code.strip(),
            isco_group=isco.strip(),
            preferred_label=preferred.strip(),
            alt_labels=_split_labels(alt),
            hidden_labels=_split_labels(hidden),
            description=description.strip(),
        )
        occupations[occupation.uri] = occupation
        labels[occupation.uri] = occupation.labels
    taxonomy.occupation_labels[taxonomy.language] = labels


def _load_skills(taxonomy: Taxonomy, path: Path) -> None:
    skills = taxonomy.skills
    labels: dict[str, Labels] = {}
    rows = _rows(
        path,
        required=("conceptUri", "preferredLabel", "altLabels", "skillType", "reuseLevel"),
        optional=("hiddenLabels", "description"),
        nonempty=("conceptUri",),
    )
    for _line, (uri, preferred, alt, skill_type, reuse, hidden, description) in rows:
        skill = Skill(
            uri=uri.strip(),
            preferred_label=preferred.strip(),
            alt_labels=_split_labels(alt),
            skill_type=skill_type.strip(),
            reuse_level=reuse.strip(),
            description=description.strip(),
        )
        skills[skill.uri] = skill
        labels[skill.uri] = Labels(
            skill.preferred_label, skill.alt_labels, _split_labels(hidden), skill.description
        )
    taxonomy.skill_labels[taxonomy.language] = labels


def _load_isco_groups(taxonomy: Taxonomy, path: Path) -> None:
    rows = _rows(path, required=("conceptUri", "code", "preferredLabel"), nonempty=("conceptUri",))
    for _line, (uri, code, preferred) in rows:
        group = IscoGroup(uri=uri.strip(), code=code.strip(), preferred_label=preferred.strip())
        taxonomy.isco_groups[group.uri] = group


def _load_skill_groups(taxonomy: Taxonomy, path: Path) -> None:
    rows = _rows(path, required=("conceptUri", "preferredLabel"), optional=("code",))
    for _line, (uri, preferred, code) in rows:
        if uri.strip():
            group = SkillGroup(
                uri=uri.strip(), code=code.strip(), preferred_label=preferred.strip()
            )
            taxonomy.skill_groups[group.uri] = group


def _load_skills_hierarchy(taxonomy: Taxonomy, path: Path) -> None:
    """Add the skill groups that only ``skillsHierarchy_{lang}.csv`` names (7 in v1.1.1)."""
    levels = range(4)
    columns = tuple(
        f"Level {level} {kind}" for level in levels for kind in ("URI", "preferred term", "code")
    )
    for _line, values in _rows(path, required=columns[:3], optional=columns[3:]):
        for level in levels:
            uri, label, code = (value.strip() for value in values[3 * level : 3 * level + 3])
            if uri and uri not in taxonomy.skill_groups and uri not in taxonomy.skills:
                taxonomy.skill_groups[uri] = SkillGroup(uri=uri, code=code, preferred_label=label)


def _load_relations(taxonomy: Taxonomy, path: Path) -> None:
    essential: dict[str, dict[str, None]] = {uri: {} for uri in taxonomy.occupations}
    optional: dict[str, dict[str, None]] = {uri: {} for uri in taxonomy.occupations}
    skills = taxonomy.skills
    rows = _rows(
        path,
        required=("occupationUri", "relationType", "skillUri"),
        nonempty=("occupationUri", "relationType", "skillUri"),
    )
    name = path.name
    for line, (occupation_uri, relation_type, skill_uri) in rows:
        occupation_uri = occupation_uri.strip()
        skill_uri = skill_uri.strip()
        relation_type = relation_type.strip()
        if relation_type == "essential":
            target = essential.get(occupation_uri)
        elif relation_type == "optional":
            target = optional.get(occupation_uri)
        else:
            raise EscoFormatError(
                path,
                line,
                f"relationType must be one of {_RELATION_TYPES}, not {relation_type!r}",
                "relationType",
            )
        if target is None:
            taxonomy.skipped.append(SkippedRow(name, line, f"unknown occupation {occupation_uri}"))
        elif skill_uri not in skills:
            taxonomy.skipped.append(SkippedRow(name, line, f"unknown skill {skill_uri}"))
        else:
            target[skill_uri] = None
    for uri, skill_uris in optional.items():
        # A skill both essential and optional for one occupation counts as essential only.
        for skill_uri in essential[uri]:
            skill_uris.pop(skill_uri, None)
    taxonomy.essential_skills = {uri: tuple(uris) for uri, uris in essential.items()}
    taxonomy.optional_skills = {uri: tuple(uris) for uri, uris in optional.items()}


def _load_broader(
    taxonomy: Taxonomy, path: Path, known: set[str] | frozenset[str]
) -> dict[str, tuple[str, ...]]:
    broader: dict[str, dict[str, None]] = {}
    rows = _rows(path, required=("conceptUri", "broaderUri"), nonempty=("conceptUri", "broaderUri"))
    name = path.name
    for line, (uri, broader_uri) in rows:
        uri = uri.strip()
        broader_uri = broader_uri.strip()
        if uri not in known:
            taxonomy.skipped.append(SkippedRow(name, line, f"unknown concept {uri}"))
        elif broader_uri not in known:
            taxonomy.skipped.append(
                SkippedRow(name, line, f"unknown broader concept {broader_uri}")
            )
        else:
            broader.setdefault(uri, {})[broader_uri] = None
    return {uri: tuple(uris) for uri, uris in broader.items()}


def add_labels(taxonomy: Taxonomy, occupations_csv: Path, language: str) -> int:
    """Merge the occupation labels of ``occupations_csv`` (ESCO ``occupations_{lang}.csv``
    columns) into ``taxonomy`` as ``language``; return how many occupations got labels.

    Idempotent: loading the same file again replaces the labels with equal ones. Rows of unknown
    occupations are recorded in :attr:`Taxonomy.skipped` (once); rows without a preferred label
    (not translated) are ignored. Adding the base language also replaces the labels on the
    :class:`Occupation` values.
    """
    store = taxonomy.occupation_labels.setdefault(language, {})
    occupations = taxonomy.occupations
    count = 0
    for uri, entry in _read_labels(taxonomy, Path(occupations_csv), occupations.keys()):
        store[uri] = entry
        count += 1
        if language == taxonomy.language:
            occupations[uri] = dataclasses.replace(
                occupations[uri],
                preferred_label=entry.preferred_label,
                alt_labels=entry.alt_labels,
                hidden_labels=entry.hidden_labels,
                description=entry.description,
            )
    return count


def add_skill_labels(taxonomy: Taxonomy, skills_csv: Path, language: str) -> int:
    """Merge the skill labels of ``skills_csv`` (ESCO ``skills_{lang}.csv`` columns) into
    :attr:`Taxonomy.skill_labels` as ``language``, like :func:`add_labels`."""
    store = taxonomy.skill_labels.setdefault(language, {})
    skills = taxonomy.skills
    count = 0
    for uri, entry in _read_labels(taxonomy, Path(skills_csv), skills.keys()):
        store[uri] = entry
        count += 1
        if language == taxonomy.language:
            skills[uri] = dataclasses.replace(
                skills[uri],
                preferred_label=entry.preferred_label,
                alt_labels=entry.alt_labels,
                description=entry.description,
            )
    return count


def _read_labels(
    taxonomy: Taxonomy, path: Path, known: Collection[str]
) -> Iterator[tuple[str, Labels]]:
    rows = _rows(
        path,
        required=("conceptUri", "preferredLabel", "altLabels"),
        optional=("hiddenLabels", "description"),
        nonempty=("conceptUri",),
    )
    already_skipped = set(taxonomy.skipped)
    for line, (uri, preferred, alt, hidden, description) in rows:
        uri = uri.strip()
        preferred = preferred.strip()
        if uri not in known:
            skipped = SkippedRow(path.name, line, f"unknown concept {uri}")
            if skipped not in already_skipped:
                taxonomy.skipped.append(skipped)
        elif preferred:
            yield (
                uri,
                Labels(preferred, _split_labels(alt), _split_labels(hidden), description.strip()),
            )
