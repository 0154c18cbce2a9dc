"""Shared fixtures of the taxonomy tests: the hand-made ESCO fixture and the real ESCO data."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkpad.core.taxonomy import Taxonomy, add_labels, load_esco

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "esco"
REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_ESCO = REPO_ROOT.parent / "shared" / "data" / "esco"


@pytest.fixture
def fixture_dir() -> Path:
    return FIXTURE_DIR


@pytest.fixture
def fixture_taxonomy() -> Taxonomy:
    taxonomy = load_esco(FIXTURE_DIR)
    add_labels(taxonomy, FIXTURE_DIR / "occupations_nl.csv", "nl")
    return taxonomy


@pytest.fixture(scope="session")
def real_esco_dir() -> Path:
    directory = SHARED_ESCO / "en_v1.1.1"
    if not (directory / "occupations_en.csv").is_file():
        pytest.skip(f"real ESCO data not found at {directory} (../shared/data from the repo root)")
    return directory
