"""Benchmark of the ESCO loader and the occupation search (acceptance figures of issue 5).

Run from the repository root::

    .venv/bin/python tests/bench/bench_taxonomy.py [--holdout first|random] [--seed 0]

Reads the official ESCO files from ``../shared/data/esco`` (relative to the repository root) and
prints figures; it asserts nothing about timing.

Held-out-label test: for every occupation of ``occupations_nl.csv`` with at least two
alternative labels, ONE alternative label is held out -- by default the first one in file order
(``--holdout random`` picks one with ``random.Random(seed)`` instead). The index is built once
from a copy of the taxonomy from which every held-out label has been removed: for each such
occupation, every Dutch *and* English label whose normalised form equals the held-out label's is
dropped (checked before building), so no query can find its own text in the index. Each
held-out label is then searched for, and the rank of its occupation recorded. The IDF statistics
are computed on the masked index too.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "src"))

from werkpad.core.taxonomy import Labels, Taxonomy, add_labels, load_esco  # noqa: E402
from werkpad.core.taxonomy.search import OccupationIndex, SearchWeights  # noqa: E402
from werkpad.core.taxonomy.text import normalize  # noqa: E402

ESCO = REPO_ROOT.parent / "shared" / "data" / "esco"
EN_DIR = ESCO / "en_v1.1.1"
NL_FILE = ESCO / "nl" / "occupations_nl.csv"


def choose_held_out(taxonomy: Taxonomy, mode: str, seed: int) -> dict[str, str]:
    """Occupation URI -> held-out Dutch alternative label."""
    rng = random.Random(seed)
    held: dict[str, str] = {}
    for uri, labels in taxonomy.occupation_labels["nl"].items():
        if len(labels.alt_labels) >= 2:
            held[uri] = labels.alt_labels[0] if mode == "first" else rng.choice(labels.alt_labels)
    return held


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
    """A copy of ``taxonomy`` whose occupation labels no longer contain the held-out labels."""
    label_sets = {language: dict(labels) for language, labels in taxonomy.occupation_labels.items()}
    for uri, text in held.items():
        key = normalize(text)
        for label_set in label_sets.values():
            if uri in label_set:
                label_set[uri] = _without(label_set[uri], key)
    copy = dataclasses.replace(taxonomy, occupation_labels=label_sets)
    for uri, text in held.items():  # honesty check: the held-out text is gone
        key = normalize(text)
        for label_set in label_sets.values():
            if uri in label_set:
                entry = label_set[uri]
                all_texts = (entry.preferred_label, *entry.alt_labels, *entry.hidden_labels)
                assert key not in {normalize(t) for t in all_texts}, (uri, text)
    return copy


def evaluate(index: OccupationIndex, held: dict[str, str]) -> dict[str, float]:
    for text in list(held.values())[:50]:  # warm-up
        index.search(text, k=10)
    ranks: list[int] = []
    times: list[float] = []
    for uri, text in held.items():
        start = time.perf_counter()
        hits = index.search(text, k=10)
        times.append((time.perf_counter() - start) * 1000.0)
        found = [hit.uri for hit in hits]
        ranks.append(found.index(uri) if uri in found else 10)
    times.sort()
    n = len(ranks)
    return {
        "queries": n,
        "top1": 100.0 * sum(rank < 1 for rank in ranks) / n,
        "top5": 100.0 * sum(rank < 5 for rank in ranks) / n,
        "top10": 100.0 * sum(rank < 10 for rank in ranks) / n,
        "median_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (n - 1))],
        "max_ms": times[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", choices=("first", "random"), default="first")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the label-only run")
    args = parser.parse_args()
    if not (EN_DIR / "occupations_en.csv").is_file() or not NL_FILE.is_file():
        print(f"ESCO data not found under {ESCO}: nothing to benchmark")
        return 1

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    load_times = []
    for _ in range(3):
        start = time.perf_counter()
        taxonomy = load_esco(EN_DIR)
        load_times.append(time.perf_counter() - start)
    relations = sum(1 for _ in taxonomy.relations())
    runs = ", ".join(f"{seconds:.2f}" for seconds in load_times)
    print(
        f"load_esco(en): {min(load_times):.2f} s best of 3 (runs: {runs}); "
        f"{len(taxonomy.occupations)} occupations, {len(taxonomy.skills)} skills, "
        f"{relations} relations, {len(taxonomy.skipped)} rows skipped"
    )
    start = time.perf_counter()
    add_labels(taxonomy, NL_FILE, "nl")
    print(f"add_labels(nl): {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    OccupationIndex.build(taxonomy, ("nl", "en"))
    print(f"OccupationIndex.build(nl, en), full taxonomy: {time.perf_counter() - start:.2f} s")

    held = choose_held_out(taxonomy, args.holdout, args.seed)
    test_taxonomy = masked(taxonomy, held)
    how = "first alternative label" if args.holdout == "first" else f"random (seed {args.seed})"
    print(f"held-out labels: {len(held)} occupations, one {how} each, masked from the index")

    configurations = [("default", SearchWeights())]
    if not args.no_baseline:
        configurations.append(("label-only baseline", SearchWeights(1.0, 0.0, 0.0, 0.0)))
    for name, weights in configurations:
        start = time.perf_counter()
        index = OccupationIndex.build(test_taxonomy, ("nl", "en"), weights=weights)
        build = time.perf_counter() - start
        figures = evaluate(index, held)
        print(
            f"{name} {weights}: build {build:.2f} s; {figures['queries']:.0f} queries: "
            f"top1 {figures['top1']:.1f} %, top5 {figures['top5']:.1f} %, "
            f"top10 {figures['top10']:.1f} %; per query median {figures['median_ms']:.2f} ms, "
            f"p95 {figures['p95_ms']:.2f} ms, max {figures['max_ms']:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
