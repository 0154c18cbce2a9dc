"""The ESCO taxonomy in the database: idempotent import, rebuild, and the per-process cache.

* :func:`import_taxonomy` stores a core :class:`~werkpad.core.taxonomy.Taxonomy` (as loaded by
  :func:`werkpad.core.taxonomy.load_esco`) by upserting on URI, in one transaction, with bulk
  inserts and updates of only the rows that differ. A second run with the same files changes
  nothing and leaves the version stamp alone.
* :func:`taxonomy_from_db` rebuilds the core value from the tables.
* :func:`current` returns the taxonomy the application uses: the stored one when any occupation is
  stored, else the built-in :func:`~werkpad.core.taxonomy.demo.demo_taxonomy` (so the demo runs
  without ESCO files). It is cached per process together with its search index and skill space,
  and checked against the database version stamp (newest :class:`TaxonomyVersion` id and the
  number of occupations) on every call, so every process picks up a new import on its next request
  and no shared in-memory state is needed for correctness.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Model

from werkpad.core.matching import SkillSpace
from werkpad.core.matching.esco import skill_space
from werkpad.core.taxonomy import (
    IscoGroup,
    Labels,
    Occupation,
    OccupationIndex,
    SearchHit,
    Skill,
    SkillGroup,
    Taxonomy,
)
from werkpad.core.taxonomy.demo import demo_taxonomy
from werkpad.core.taxonomy.semantic import (
    Embeddings,
    HybridIndex,
    SearchOutcome,
    SemanticIndex,
    default_encoder,
    embed_texts,
    occupation_texts,
    skill_texts,
)

from . import models as m

BATCH = 2000

# --- import -----------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """Rows created / updated / deleted per table, and the totals stored afterwards."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    version: int | None = None
    #: Label texts that had to be encoded by the sentence encoder (0: all vectors reused).
    embedded: int = 0

    @property
    def changed(self) -> bool:
        return (
            any(self.created.values()) or any(self.updated.values()) or any(self.deleted.values())
        )


def _sync_by_uri(
    report: ImportReport,
    name: str,
    model: type[Model],
    fields: tuple[str, ...],
    wanted: Mapping[str, tuple[Any, ...]],
    *,
    prune: bool,
) -> dict[str, int]:
    """Upsert ``wanted`` (uri -> values of ``fields``); return uri -> primary key of every row."""
    existing: dict[str, tuple[int, tuple[Any, ...]]] = {
        row[0]: (row[1], tuple(row[2:]))
        for row in model.objects.values_list("uri", "pk", *fields).iterator(chunk_size=BATCH)  # type: ignore[attr-defined]
    }
    to_create = [
        model(uri=uri, **dict(zip(fields, values, strict=True)))
        for uri, values in wanted.items()
        if uri not in existing
    ]
    to_update = []
    for uri, values in wanted.items():
        found = existing.get(uri)
        if found is not None and found[1] != values:
            to_update.append(model(pk=found[0], uri=uri, **dict(zip(fields, values, strict=True))))
    model.objects.bulk_create(to_create, batch_size=BATCH)  # type: ignore[attr-defined]
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)  # type: ignore[attr-defined]
    deleted = 0
    if prune:
        gone = [pk for uri, (pk, _values) in existing.items() if uri not in wanted]
        for start in range(0, len(gone), BATCH):
            deleted += (
                model.objects.filter(pk__in=gone[start : start + BATCH])
                .delete()[1]
                .get(  # type: ignore[attr-defined]
                    model._meta.label, 0
                )
            )
    report.created[name] = len(to_create)
    report.updated[name] = len(to_update)
    report.deleted[name] = deleted
    ids = dict(model.objects.values_list("uri", "pk").iterator(chunk_size=BATCH))  # type: ignore[attr-defined]
    report.totals[name] = len(ids)
    return ids


def _sync_pairs(
    report: ImportReport,
    name: str,
    model: type[Model],
    wanted: Iterable[tuple[str, str]],
    concepts: set[str],
) -> None:
    """Make the broader relations of ``concepts`` exactly ``wanted`` (other rows are kept)."""
    wanted_list = list(dict.fromkeys(wanted))  # file order, so that a rebuild keeps it
    wanted_set = set(wanted_list)
    existing = {
        (concept, broader): pk
        for pk, concept, broader in model.objects.values_list(  # type: ignore[attr-defined]
            "pk", "concept_uri", "broader_uri"
        ).iterator(chunk_size=BATCH)
    }
    to_create = [
        model(concept_uri=concept, broader_uri=broader)
        for concept, broader in wanted_list
        if (concept, broader) not in existing
    ]
    gone = [pk for pair, pk in existing.items() if pair[0] in concepts and pair not in wanted_set]
    model.objects.bulk_create(to_create, batch_size=BATCH)  # type: ignore[attr-defined]
    for start in range(0, len(gone), BATCH):
        model.objects.filter(pk__in=gone[start : start + BATCH]).delete()  # type: ignore[attr-defined]
    report.created[name] = len(to_create)
    report.updated[name] = 0
    report.deleted[name] = len(gone)
    report.totals[name] = len(existing) + len(to_create) - len(gone)


def _labels_values(labels: Labels) -> tuple[Any, ...]:
    return (
        labels.preferred_label,
        list(labels.alt_labels),
        list(labels.hidden_labels),
        labels.description,
    )


#: Languages of the occupation search index (and of the occupation label vectors).
SEARCH_LANGUAGES = ("nl", "en")


def load_embeddings(kind: str) -> Embeddings | None:
    """The stored label vectors of ``kind`` (``None`` when the import has not made any)."""
    row = m.TaxonomyEmbedding.objects.filter(kind=kind).first()
    if row is None:
        return None
    return Embeddings.from_bytes(row.encoder, row.texts, bytes(row.vectors))


def store_embeddings(taxonomy: Taxonomy) -> tuple[int, bool]:
    """Compute and store the label vectors of ``taxonomy`` (occupation labels in the search
    languages, skill preferred labels), reusing stored vectors of unchanged texts. Returns the
    number of texts that had to be encoded and whether a stored row changed."""
    encoder = default_encoder()
    encoded = 0
    changed = False
    for kind, texts in (
        (m.EmbeddingKind.OCCUPATION, occupation_texts(taxonomy, SEARCH_LANGUAGES)),
        (m.EmbeddingKind.SKILL, skill_texts(taxonomy)),
    ):
        previous = load_embeddings(kind)
        embeddings = embed_texts(texts, encoder, previous=previous)
        reused = previous is not None and previous.encoder == embeddings.encoder
        encoded += sum(
            not reused or previous.row(text) is None  # type: ignore[union-attr]
            for text in embeddings.texts
        )
        if reused and previous.texts == embeddings.texts:  # type: ignore[union-attr]
            continue
        changed = True
        m.TaxonomyEmbedding.objects.update_or_create(
            kind=kind,
            defaults={
                "encoder": embeddings.encoder,
                "texts": list(embeddings.texts),
                "vectors": embeddings.to_bytes(),
            },
        )
    return encoded, changed


@transaction.atomic
def import_taxonomy(taxonomy: Taxonomy, *, prune: bool = False, embed: bool = True) -> ImportReport:
    """Store ``taxonomy`` (upsert by URI). Relations of the imported concepts are made equal to
    the file's; with ``prune``, concepts missing from ``taxonomy`` are deleted too. With
    ``embed`` (the default) the label vectors of the multilingual search are brought up to date
    in the same transaction (see :func:`store_embeddings`)."""
    report = ImportReport()
    _sync_by_uri(
        report,
        "isco_groups",
        m.IscoGroup,
        ("code", "preferred_label"),
        {g.uri: (g.code, g.preferred_label) for g in taxonomy.isco_groups.values()},
        prune=prune,
    )
    _sync_by_uri(
        report,
        "skill_groups",
        m.SkillGroup,
        ("code", "preferred_label"),
        {g.uri: (g.code, g.preferred_label) for g in taxonomy.skill_groups.values()},
        prune=prune,
    )
    occupation_ids = _sync_by_uri(
        report,
        "occupations",
        m.Occupation,
        ("code", "isco_group", "preferred_label", "alt_labels", "hidden_labels", "description"),
        {
            o.uri: (o.code, o.isco_group, *_labels_values(o.labels))
            for o in taxonomy.occupations.values()
        },
        prune=prune,
    )
    skill_ids = _sync_by_uri(
        report,
        "skills",
        m.Skill,
        (
            "preferred_label",
            "alt_labels",
            "hidden_labels",
            "skill_type",
            "reuse_level",
            "description",
        ),
        {
            s.uri: (
                s.preferred_label,
                list(s.alt_labels),
                list(_skill_hidden(taxonomy, s.uri)),
                s.skill_type,
                s.reuse_level,
                s.description,
            )
            for s in taxonomy.skills.values()
        },
        prune=prune,
    )
    _sync_labels(report, taxonomy, occupation_ids)
    _sync_relations(report, taxonomy, occupation_ids, skill_ids)
    skill_concepts = set(taxonomy.skills) | set(taxonomy.skill_groups)
    _sync_pairs(
        report,
        "skill_broader",
        m.SkillBroader,
        ((c, b) for c, broader in taxonomy.skill_broader.items() for b in broader),
        skill_concepts,
    )
    occupation_concepts = set(taxonomy.occupations) | set(taxonomy.isco_groups)
    _sync_pairs(
        report,
        "occupation_broader",
        m.OccupationBroader,
        ((c, b) for c, broader in taxonomy.occupation_broader.items() for b in broader),
        occupation_concepts,
    )
    embedded, embeddings_changed = store_embeddings(taxonomy) if embed else (0, False)
    report.embedded = embedded
    if report.changed or embeddings_changed:
        version = m.TaxonomyVersion.objects.create(
            language=taxonomy.language,
            labels=list(taxonomy.languages),
            counts=report.totals,
            changes={
                "created": report.created,
                "updated": report.updated,
                "deleted": report.deleted,
            },
        )
        report.version = version.pk
    else:
        report.version = m.TaxonomyVersion.objects.values_list("pk", flat=True).first()
    return report


def _skill_hidden(taxonomy: Taxonomy, uri: str) -> tuple[str, ...]:
    labels = taxonomy.skill_labels.get(taxonomy.language, {}).get(uri)
    return labels.hidden_labels if labels is not None else ()


def _sync_labels(report: ImportReport, taxonomy: Taxonomy, occupation_ids: dict[str, int]) -> None:
    fields = ("preferred_label", "alt_labels", "hidden_labels", "description")
    existing = {
        (occupation_id, language): (pk, tuple(values))
        for pk, occupation_id, language, *values in m.OccupationLabel.objects.values_list(
            "pk", "occupation_id", "language", *fields
        ).iterator(chunk_size=BATCH)
    }
    to_create: list[m.OccupationLabel] = []
    to_update: list[m.OccupationLabel] = []
    for language, store in taxonomy.occupation_labels.items():
        for uri, labels in store.items():
            occupation_id = occupation_ids[uri]
            values = _labels_values(labels)
            found = existing.get((occupation_id, language))
            row = m.OccupationLabel(
                occupation_id=occupation_id,
                language=language,
                **dict(zip(fields, values, strict=True)),
            )
            if found is None:
                to_create.append(row)
            elif found[1] != values:
                row.pk = found[0]
                to_update.append(row)
    m.OccupationLabel.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        m.OccupationLabel.objects.bulk_update(to_update, fields, batch_size=500)
    report.created["occupation_labels"] = len(to_create)
    report.updated["occupation_labels"] = len(to_update)
    report.deleted["occupation_labels"] = 0
    report.totals["occupation_labels"] = len(existing) + len(to_create)


def _sync_relations(
    report: ImportReport,
    taxonomy: Taxonomy,
    occupation_ids: dict[str, int],
    skill_ids: dict[str, int],
) -> None:
    wanted: dict[tuple[int, int], str] = {}
    for relation in taxonomy.relations():
        key = (occupation_ids[relation.occupation_uri], skill_ids[relation.skill_uri])
        wanted[key] = relation.relation_type
    imported = {occupation_ids[uri] for uri in taxonomy.occupations}
    existing = {
        (occupation_id, skill_id): (pk, relation_type)
        for pk, occupation_id, skill_id, relation_type in m.OccupationSkill.objects.values_list(
            "pk", "occupation_id", "skill_id", "relation_type"
        ).iterator(chunk_size=BATCH)
    }
    to_create = [
        m.OccupationSkill(occupation_id=o, skill_id=s, relation_type=t)
        for (o, s), t in wanted.items()
        if (o, s) not in existing
    ]
    to_update = [
        m.OccupationSkill(pk=existing[key][0], relation_type=t)
        for key, t in wanted.items()
        if key in existing and existing[key][1] != t
    ]
    gone = [pk for key, (pk, _t) in existing.items() if key[0] in imported and key not in wanted]
    m.OccupationSkill.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        m.OccupationSkill.objects.bulk_update(to_update, ["relation_type"], batch_size=500)
    for start in range(0, len(gone), BATCH):
        m.OccupationSkill.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    report.created["occupation_skills"] = len(to_create)
    report.updated["occupation_skills"] = len(to_update)
    report.deleted["occupation_skills"] = len(gone)
    report.totals["occupation_skills"] = len(existing) + len(to_create) - len(gone)


# --- rebuild ----------------------------------------------------------------------------------------


def taxonomy_from_db() -> Taxonomy:
    """The stored taxonomy as a core :class:`Taxonomy` (empty when nothing is stored)."""
    version = m.TaxonomyVersion.objects.first()
    taxonomy = Taxonomy(language=version.language if version else "en")
    occupation_uris: dict[int, str] = {}
    for pk, uri, code, isco, preferred, alt, hidden, description in m.Occupation.objects.order_by(
        "pk"
    ).values_list(
        "pk",
        "uri",
        "code",
        "isco_group",
        "preferred_label",
        "alt_labels",
        "hidden_labels",
        "description",
    ):
        occupation_uris[pk] = uri
        taxonomy.occupations[uri] = Occupation(
            uri, code, isco, preferred, tuple(alt or ()), tuple(hidden or ()), description
        )
    for (
        occupation_id,
        language,
        preferred,
        alt,
        hidden,
        description,
    ) in m.OccupationLabel.objects.order_by("pk").values_list(
        "occupation_id",
        "language",
        "preferred_label",
        "alt_labels",
        "hidden_labels",
        "description",
    ):
        taxonomy.occupation_labels.setdefault(language, {})[occupation_uris[occupation_id]] = (
            Labels(preferred, tuple(alt or ()), tuple(hidden or ()), description)
        )
    base_labels = taxonomy.occupation_labels.setdefault(taxonomy.language, {})
    for uri, occupation in taxonomy.occupations.items():
        base_labels.setdefault(uri, occupation.labels)

    skill_uris: dict[int, str] = {}
    skill_labels: dict[str, Labels] = {}
    for pk, uri, preferred, alt, hidden, skill_type, reuse, description in m.Skill.objects.order_by(
        "pk"
    ).values_list(
        "pk",
        "uri",
        "preferred_label",
        "alt_labels",
        "hidden_labels",
        "skill_type",
        "reuse_level",
        "description",
    ):
        skill_uris[pk] = uri
        taxonomy.skills[uri] = Skill(
            uri, preferred, tuple(alt or ()), skill_type, reuse, description
        )
        skill_labels[uri] = Labels(preferred, tuple(alt or ()), tuple(hidden or ()), description)
    taxonomy.skill_labels = {taxonomy.language: skill_labels}
    for uri, code, preferred in m.IscoGroup.objects.order_by("pk").values_list(
        "uri", "code", "preferred_label"
    ):
        taxonomy.isco_groups[uri] = IscoGroup(uri, code, preferred)
    for uri, code, preferred in m.SkillGroup.objects.order_by("pk").values_list(
        "uri", "code", "preferred_label"
    ):
        taxonomy.skill_groups[uri] = SkillGroup(uri, code, preferred)

    essential: dict[str, list[str]] = {uri: [] for uri in taxonomy.occupations}
    optional: dict[str, list[str]] = {uri: [] for uri in taxonomy.occupations}
    for occupation_id, skill_id, relation_type in (
        m.OccupationSkill.objects.order_by("pk")
        .values_list("occupation_id", "skill_id", "relation_type")
        .iterator(chunk_size=10_000)
    ):
        target = essential if relation_type == m.RelationType.ESSENTIAL else optional
        target[occupation_uris[occupation_id]].append(skill_uris[skill_id])
    taxonomy.essential_skills = {uri: tuple(uris) for uri, uris in essential.items()}
    taxonomy.optional_skills = {uri: tuple(uris) for uri, uris in optional.items()}
    taxonomy.skill_broader = _pairs(m.SkillBroader)
    taxonomy.occupation_broader = _pairs(m.OccupationBroader)
    return taxonomy


def _pairs(model: type[Model]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for concept, broader in model.objects.order_by("pk").values_list(  # type: ignore[attr-defined]
        "concept_uri", "broader_uri"
    ):
        out.setdefault(concept, []).append(broader)
    return {uri: tuple(uris) for uri, uris in out.items()}


# --- the per-process cache ---------------------------------------------------------------------------


def version_stamp() -> tuple[Any, ...]:
    """What identifies the stored taxonomy: the newest version (id and time) and the number of
    occupations; ``("demo",)`` when none are stored."""
    count = m.Occupation.objects.count()
    if count == 0:
        return ("demo",)
    latest = m.TaxonomyVersion.objects.values_list("pk", "created_at").first()
    return (latest, count)


class TaxonomyBundle:
    """A taxonomy with what is derived from it, built lazily: the occupation search index, the
    skill space of the matcher, and occupation-text lookups."""

    #: A typed occupation without URI counts as a known occupation only above this search score.
    RESOLVE_MIN_SCORE = 0.5

    def __init__(self, taxonomy: Taxonomy, stamp: tuple[Any, ...]) -> None:
        self.taxonomy = taxonomy
        self.stamp = stamp
        self.is_demo = stamp == ("demo",)
        self._lock = threading.RLock()  # building the hybrid index builds the lexical one
        self._index: OccupationIndex | None = None
        self._hybrid: HybridIndex | None = None
        self._skill_index: SemanticIndex | None = None
        self._skill_space: SkillSpace | None = None
        self._resolved: dict[str, str | None] = {}

    def _build(self, attr: str, factory: Callable[[], Any]) -> Any:
        value = getattr(self, attr)
        if value is None:
            with self._lock:
                value = getattr(self, attr)
                if value is None:
                    value = factory()
                    setattr(self, attr, value)
        return value

    @property
    def index(self) -> OccupationIndex:
        index: OccupationIndex = self._build(
            "_index", lambda: OccupationIndex.build(self.taxonomy, ("nl", "en"))
        )
        return index

    @property
    def skill_space(self) -> SkillSpace:
        space: SkillSpace = self._build("_skill_space", lambda: skill_space(self.taxonomy))
        return space

    def _embeddings(self, kind: str) -> Embeddings | None:
        """Stored label vectors; the small built-in demo taxonomy (never stored) is encoded here,
        once per process (a few hundred labels, well under a second)."""
        if not self.is_demo:
            return load_embeddings(kind)
        texts = (
            occupation_texts(self.taxonomy, SEARCH_LANGUAGES)
            if kind == m.EmbeddingKind.OCCUPATION
            else skill_texts(self.taxonomy)
        )
        return embed_texts(texts, default_encoder())

    @property
    def hybrid(self) -> HybridIndex:
        """The blended lexical + multilingual semantic occupation search."""

        def build() -> HybridIndex:
            embeddings = self._embeddings(m.EmbeddingKind.OCCUPATION)
            encoder = default_encoder() if embeddings is not None else None
            return HybridIndex(self.index, embeddings, encoder, self.taxonomy)

        hybrid: HybridIndex = self._build("_hybrid", build)
        return hybrid

    @property
    def skill_index(self) -> SemanticIndex:
        """Skill vectors by skill (all preferred labels of a skill, every language stored)."""

        def build() -> SemanticIndex:
            embeddings = self._embeddings(m.EmbeddingKind.SKILL) or Embeddings(
                "", (), np.zeros((0, 512), dtype=np.float16)
            )
            uris = list(self.taxonomy.skills)
            labels = [
                [
                    self.taxonomy.skills[uri].preferred_label,
                    *(
                        store[uri].preferred_label
                        for store in self.taxonomy.skill_labels.values()
                        if uri in store
                    ),
                ]
                for uri in uris
            ]
            return SemanticIndex(uris, [list(dict.fromkeys(t)) for t in labels], embeddings)

        index: SemanticIndex = self._build("_skill_index", build)
        return index

    def search_outcome(self, query: str, k: int = 8) -> SearchOutcome:
        """Hits for ``query`` in any language the encoder reads, with the detected language and
        whether to offer the fallback (see :class:`HybridIndex`)."""
        return self.hybrid.search(query, k=k)

    def search(self, query: str, k: int = 8) -> list[SearchHit]:
        return self.search_outcome(query, k=k).hits

    def lexical_search(self, query: str, k: int = 8) -> list[SearchHit]:
        return self.index.search(query, k=k)

    def label(self, uri: str, language: str) -> str:
        """The occupation's preferred label in ``language`` (base language, else ``""``)."""
        for lang in (language, self.taxonomy.language, "en", "nl"):
            labels = self.taxonomy.labels_of(uri, lang)
            if labels is not None and labels.preferred_label:
                return labels.preferred_label
        return ""

    def skill_label(self, uri: str, language: str) -> str:
        for lang in (language, self.taxonomy.language):
            labels = self.taxonomy.skill_labels.get(lang, {}).get(uri)
            if labels is not None:
                return labels.preferred_label
        skill = self.taxonomy.skills.get(uri)
        return skill.preferred_label if skill else uri

    def resolve(self, uri: str, text: str) -> str | None:
        """The occupation URI for a record: its own URI when the taxonomy knows it, otherwise the
        best search hit for the typed text when it is a clear one (``None``: unknown)."""
        if uri and uri in self.taxonomy.occupations:
            return uri
        text = (text or "").strip()
        if not text:
            return None
        key = text.casefold()
        if key not in self._resolved:
            hits = self.lexical_search(text, k=1)
            self._resolved[key] = (
                hits[0].uri if hits and hits[0].score >= self.RESOLVE_MIN_SCORE else None
            )
        return self._resolved[key]


_lock = threading.Lock()
_current: TaxonomyBundle | None = None


def current() -> TaxonomyBundle:
    """The taxonomy in use (stored, else the demo set), rebuilt when the version stamp changes."""
    global _current
    stamp = version_stamp()
    bundle = _current
    if bundle is not None and bundle.stamp == stamp:
        return bundle
    with _lock:
        bundle = _current
        if bundle is None or bundle.stamp != stamp:
            taxonomy = demo_taxonomy() if stamp == ("demo",) else taxonomy_from_db()
            bundle = TaxonomyBundle(taxonomy, stamp)
            _current = bundle
    return bundle


def current_taxonomy() -> Taxonomy:
    """The core :class:`Taxonomy` the application uses (see :func:`current`)."""
    return current().taxonomy
