"""``werkpad assign-instance`` on the public HIAS instances: the proven optimum, nothing violated,
never below greedy. Reads ../shared/data/resettlement from the repo root (present in CI)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTANCES = REPO_ROOT.parent / "shared" / "data" / "resettlement"

# Proven optima (HiGHS, mip_rel_gap=0: dual bound = objective), recorded to catch regressions.
OPTIMUM = {
    ("FY16", "persons"): 286.081470862,
    ("FY16", "categories"): 270.928396329,
    ("FY17", "persons"): 193.092295963,
    ("FY17", "categories"): 180.762670731,
}


@pytest.fixture(scope="module")
def instances() -> Path:
    if not (INSTANCES / "FY16_emp.csv").is_file():
        pytest.skip(
            f"the HIAS instances are not at {INSTANCES} (../shared/data from the repo root)"
        )
    return INSTANCES


def assign(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("assign_instance", *args, stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


@pytest.mark.parametrize(("year", "mode"), sorted(OPTIMUM))
def test_the_proven_optimum_in_both_modes(instances: Path, year: str, mode: str) -> None:
    result = assign(str(instances), "--year", year, "--capacity", mode, "--format", "json")
    objective = float(result["objective"])  # type: ignore[arg-type]
    bound = float(result["lp_bound"])  # type: ignore[arg-type]
    assert result["status"] == "optimal"
    assert result["gap"] is not None and float(result["gap"]) <= 1e-7  # type: ignore[arg-type]
    assert abs(bound - objective) <= 1e-6 * objective
    assert abs(objective - OPTIMUM[year, mode]) <= 1e-6 * OPTIMUM[year, mode]
    assert result["violations"] == 0
    assert objective >= float(result["greedy"])  # type: ignore[arg-type]
    assert float(result["greedy"]) > float(result["random"]) > 0  # type: ignore[arg-type]
    assert float(result["lp_relaxation"]) >= bound - 1e-9  # type: ignore[arg-type]
    placed = int(result["placed_cases"])  # type: ignore[call-overload]
    assert 0 < placed <= {"FY16": 499, "FY17": 329}[year]
    assert int(result["placed_persons"]) >= placed  # type: ignore[call-overload]
    assert float(result["seconds"]) > 0  # type: ignore[arg-type]


def test_the_command_line_prints_only_json(instances: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "werkpad.settings", "WERKPAD_TESTING": "1"}
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "werkpad"),
            "assign-instance",
            str(instances),
            "--year",
            "FY17",
            "--capacity",
            "persons",
            "--format",
            "json",
            "--details",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    )
    details = json.loads(completed.stdout)
    assert details["proven_optimal"] is True
    assert {"capacity_file": "NY-HIAS New York", "column": "NY-NEW YORK CITY"} in details[
        "affiliates"
    ]
    assert {"capacity_file": "OH-Toledo", "column": "OH-TOLEDO"} in details["affiliates"]
    used = sum(row["used"][0] for row in details["quota_use"])
    assert used == details["placed_persons"]
    assert all(row["used"][0] <= row["capacity"][0] for row in details["quota_use"])
    assert details["settings"]["mip_rel_gap"] == 0.0


def test_text_output_and_errors(instances: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "assign_instance", str(instances), "--year", "FY17", "--time-limit", "60", stdout=out
    )
    assert "objective:" in out.getvalue() and "violations: 0" in out.getvalue()
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("assign_instance", str(tmp_path / "nowhere"), "--year", "FY16")
    with pytest.raises(CommandError, match=r"FY99_emp\.csv: cannot read"):
        call_command("assign_instance", str(tmp_path), "--year", "FY99")
