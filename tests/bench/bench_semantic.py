"""Benchmark of the multilingual (lexical + semantic) occupation and skill search (issue 21).

Run from the repository root::

    .venv/bin/python tests/bench/bench_semantic.py [--holdout first|random] [--semantic 0.5]
        [--floor 0.3] [--quick]

Reads the official ESCO files from ``../shared/data/esco``; prints figures, asserts nothing about
time. Protocols:

1. **Dutch held-out alternative label** (as ``bench_taxonomy.py``): for every occupation with at
   least two Dutch alternative labels one is held out (the first; ``--holdout random`` for the
   tuning run) and removed, in every language, from the index -- lexical AND semantic: a label
   vector is only looked up for a text still in the masked taxonomy. Index: Dutch and English.
2. **English preferred label -> Dutch-only index**: every occupation's English preferred label
   is searched in an index of the Dutch labels only (no English text anywhere in it).
3. **Skills** (the Dutch skill labels are not in ``../shared/data``): (a) an English alternative
   skill label (the first of every skill with at least two) searched among the English
   *preferred* skill labels only (the production skill index), semantic score; (b) the same
   queries against an index of skills described only by their ESCO *descriptions* would need
   the descriptions embedded too -- not done. So the cross-lingual skill figure comes from the
   hand-written set of ``tests/unit/taxonomy/multilingual_cases.py`` (Dutch, Arabic, Turkish
   skill phrases) and is printed separately.
4. **Latency**: median and p95 of one query (encoding + both scores), one core.
5. **Import time with embeddings**: encoding every Dutch and English occupation label and every
   English skill preferred label, from nothing, and again with everything reused.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))


from werkpad.core.taxonomy import Labels, Taxonomy, add_labels, load_esco  # noqa: E402
from werkpad.core.taxonomy.search import OccupationIndex  # noqa: E402
from werkpad.core.taxonomy.semantic import (  # noqa: E402
    BlendWeights,
    HybridIndex,
    SemanticIndex,
    default_encoder,
    embed_texts,
    occupation_texts,
    skill_texts,
)
from werkpad.core.taxonomy.text import normalize  # noqa: E402

ESCO = REPO_ROOT.parent / "shared" / "data" / "esco"
EN_DIR = ESCO / "en_v1.1.1"
NL_FILE = ESCO / "nl" / "occupations_nl.csv"


def _without(labels: Labels, key: str) -> Labels:
    def keep(texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text for text in texts if normalize(text) != key)

    preferred = labels.preferred_label if normalize(labels.preferred_label) != key else ""
    return dataclasses.replace(
        labels,
        preferred_label=preferred,
        alt_labels=keep(labels.alt_labels),
        hidden_labels=keep(labels.hidden_labels),
    )


def masked(taxonomy: Taxonomy, held: dict[str, str]) -> Taxonomy:
    label_sets = {language: dict(labels) for language, labels in taxonomy.occupation_labels.items()}
    for uri, text in held.items():
        key = normalize(text)
        for label_set in label_sets.values():
            if uri in label_set:
                label_set[uri] = _without(label_set[uri], key)
    copy = dataclasses.replace(taxonomy, occupation_labels=label_sets)
    for uri, text in held.items():
        key = normalize(text)
        for label_set in label_sets.values():
            entry = label_set.get(uri)
            if entry is not None:
                texts = (entry.preferred_label, *entry.alt_labels, *entry.hidden_labels)
                assert key not in {normalize(t) for t in texts}, (uri, text)
    return copy


def ranks(search, queries: list[tuple[str, str]]) -> list[int]:
    out = []
    for uri, text in queries:
        found = [hit.uri for hit in search(text)]
        out.append(found.index(uri) if uri in found else 10)
    return out


def topk(ranks_: list[int]) -> str:
    n = len(ranks_)
    return (
        f"top-1 {100 * sum(r < 1 for r in ranks_) / n:5.1f} %  "
        f"top-5 {100 * sum(r < 5 for r in ranks_) / n:5.1f} %  "
        f"top-10 {100 * sum(r < 10 for r in ranks_) / n:5.1f} %  (n={n})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", choices=("first", "random"), default="first")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--semantic", type=float, default=BlendWeights().semantic)
    parser.add_argument("--floor", type=float, default=BlendWeights().floor)
    parser.add_argument("--quick", action="store_true", help="every 5th query only")
    args = parser.parse_args()
    if not (EN_DIR / "occupations_en.csv").is_file() or not NL_FILE.is_file():
        print(f"ESCO data not found under {ESCO}: nothing to benchmark")
        return 1
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    taxonomy = load_esco(EN_DIR)
    add_labels(taxonomy, NL_FILE, "nl")

    start = time.perf_counter()
    encoder = default_encoder()
    print(f"encoder load (from the installed package): {time.perf_counter() - start:.2f} s")
    occupation = occupation_texts(taxonomy, ("nl", "en"))
    skills = skill_texts(taxonomy)
    start = time.perf_counter()
    occupation_embeddings = embed_texts(occupation, encoder)
    middle = time.perf_counter()
    skill_embeddings = embed_texts(skills, encoder)
    end = time.perf_counter()
    print(
        f"embedding at import: {len(occupation)} occupation labels {middle - start:.1f} s, "
        f"{len(skills)} skill labels {end - middle:.1f} s, total {end - start:.1f} s"
    )
    start = time.perf_counter()
    embed_texts(occupation, encoder, previous=occupation_embeddings)
    print(f"re-import, all vectors reused: {time.perf_counter() - start:.2f} s")
    size = len(occupation_embeddings.to_bytes()) + len(skill_embeddings.to_bytes())
    print(f"stored vectors (float16): {size / 1e6:.1f} MB")
    blend = BlendWeights(semantic=args.semantic, floor=args.floor)
    step = 5 if args.quick else 1

    # 1. Dutch held-out alternative labels
    rng = random.Random(args.seed)
    held = {
        uri: (labels.alt_labels[0] if args.holdout == "first" else rng.choice(labels.alt_labels))
        for uri, labels in taxonomy.occupation_labels["nl"].items()
        if len(labels.alt_labels) >= 2
    }
    masked_taxonomy = masked(taxonomy, held)
    lexical = OccupationIndex.build(masked_taxonomy, ("nl", "en"))
    hybrid = HybridIndex(lexical, occupation_embeddings, encoder, masked_taxonomy, blend)
    queries = list(held.items())[::step]
    print(f"\n1. Dutch held-out alternative label ({args.holdout}), index nl+en")
    print(f"   lexical   {topk(ranks(lambda q: lexical.search(q, 10), queries))}")
    print(f"   blended   {topk(ranks(lambda q: hybrid.search(q, 10).hits, queries))}")

    # 2. English preferred label -> Dutch-only index
    lexical_nl = OccupationIndex.build(taxonomy, ("nl",))
    hybrid_nl = HybridIndex(lexical_nl, occupation_embeddings, encoder, taxonomy, blend)
    semantic_only = HybridIndex(
        lexical_nl, occupation_embeddings, encoder, taxonomy, BlendWeights(1.0, args.floor)
    )
    english = [
        (uri, taxonomy.occupation_labels["en"][uri].preferred_label)
        for uri in lexical_nl.uris
        if uri in taxonomy.occupation_labels.get("en", {})
    ][::step]
    print("\n2. English preferred label -> occupation, only Dutch labels indexed")
    print(f"   lexical   {topk(ranks(lambda q: lexical_nl.search(q, 10), english))}")
    print(f"   semantic  {topk(ranks(lambda q: semantic_only.search(q, 10).hits, english))}")
    print(f"   blended   {topk(ranks(lambda q: hybrid_nl.search(q, 10).hits, english))}")

    # 3. Skills: English alternative label -> English preferred labels only
    skill_uris = list(taxonomy.skills)
    skill_index = SemanticIndex(
        skill_uris, [[taxonomy.skills[uri].preferred_label] for uri in skill_uris], skill_embeddings
    )
    skill_queries = [
        (uri, skill.alt_labels[0])
        for uri, skill in taxonomy.skills.items()
        if len(skill.alt_labels) >= 2
        and normalize(skill.alt_labels[0]) != normalize(skill.preferred_label)
    ][:: step * 2]
    query_vectors = encoder.encode([text for _uri, text in skill_queries])

    def skill_ranks() -> list[int]:
        out = []
        for (uri, _text), vector in zip(skill_queries, query_vectors, strict=True):
            found = [hit[0] for hit in skill_index.search(vector, 10)]
            out.append(found.index(uri) if uri in found else 10)
        return out

    print("\n3. Skills: English alternative label -> skill, English preferred labels indexed")
    print(f"   semantic  {topk(skill_ranks())}")

    # 4. Latency
    sample = [text for _uri, text in queries[:300]] + [text for _uri, text in english[:300]]
    for text in sample[:20]:
        hybrid.search(text, 10)
    times = []
    for text in sample:
        start = time.perf_counter()
        hybrid.search(text, 10)
        times.append((time.perf_counter() - start) * 1000)
    encode_times = []
    for text in sample:
        start = time.perf_counter()
        encoder.encode([text])
        encode_times.append((time.perf_counter() - start) * 1000)
    times.sort()
    encode_times.sort()
    print(
        f"\n4. Latency, one query on one core (n={len(times)}): encoding median "
        f"{statistics.median(encode_times):.1f} ms, p95 {encode_times[int(0.95 * len(times))]:.1f} ms; "
        f"whole blended search median {statistics.median(times):.1f} ms, "
        f"p95 {times[int(0.95 * len(times))]:.1f} ms"
    )
    print(f"load average at end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
