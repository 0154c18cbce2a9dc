"""Municipalities as destinations: the CBS list with labour-market regions and centroids, and the
taakstelling (housing quota) derived in proportion to population."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from werkpad.core.koppeling.model import FloatArray, IntArray

__all__ = ["Municipalities", "load_municipalities", "proportional_quotas"]

_COLUMNS = ("gm_code", "gm_name", "am_code", "am_name", "lat", "lon", "population_2026")


@dataclass(frozen=True, eq=False)
class Municipalities:
    codes: tuple[str, ...]
    names: tuple[str, ...]
    region: IntArray  # index into region_codes, one per municipality
    region_codes: tuple[str, ...]
    region_names: tuple[str, ...]
    points: FloatArray  # (municipalities, 2): latitude, longitude of the centroid
    population: IntArray

    def __len__(self) -> int:
        return len(self.codes)


def load_municipalities(path: Path) -> Municipalities:
    """Read the CBS layout of ``gemeenten_2025.csv`` (code, name, region, centroid, population)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or any(c not in rows[0] for c in _COLUMNS):
        raise ValueError(f"{path.name}: expected the columns {', '.join(_COLUMNS)}")
    region_codes = tuple(sorted({r["am_code"] for r in rows}))
    region_names = {r["am_code"]: r["am_name"] for r in rows}
    return Municipalities(
        codes=tuple(r["gm_code"] for r in rows),
        names=tuple(r["gm_name"] for r in rows),
        region=np.array([region_codes.index(r["am_code"]) for r in rows], dtype=np.int64),
        region_codes=region_codes,
        region_names=tuple(region_names[c] for c in region_codes),
        points=np.array([(float(r["lat"]), float(r["lon"])) for r in rows], dtype=np.float64),
        population=np.array([int(r["population_2026"]) for r in rows], dtype=np.int64),
    )


def proportional_quotas(population: IntArray, total: int) -> IntArray:
    """Whole quotas proportional to population that sum to exactly ``total`` (largest remainder).

    Each municipality first gets the whole part of its exact share; the persons left over go one
    each to the largest remainders (ties to the larger population, then the earlier row).
    """
    population = np.asarray(population, dtype=np.int64)
    if total < 0 or (population < 0).any() or population.sum() <= 0:
        raise ValueError("a total ≥ 0 and populations ≥ 0 with a positive sum are needed")
    exact = population.astype(np.float64) * total / population.sum()
    quotas: IntArray = np.floor(exact).astype(np.int64)
    left = int(total - quotas.sum())
    remainder = exact - quotas
    order = np.lexsort((np.arange(len(population)), -population, -remainder))
    quotas[order[:left]] += 1
    return quotas
