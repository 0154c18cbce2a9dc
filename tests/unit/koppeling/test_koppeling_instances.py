"""The HIAS instance loader (on small hand-written files) and municipality quotas."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkpad.core.koppeling import (
    CapacityMode,
    InstanceError,
    load_hias,
    load_municipalities,
    proportional_quotas,
    solve_exact,
)
from werkpad.core.koppeling.hias import affiliate_aliases

HEADER = "CA-LOS ANGELES,NY-NEW YORK CITY,OH-TOLEDO"
FILES = {
    "emp": f"case number,{HEADER}\n1,0.5,0.9,NA\n2,0.4,0.2,0.3\n3,0.1,NA,0.8\n",
    "Compatibility": f"Case Num,{HEADER}\n1,1,1,0\n2,1,0,1\n3,1,1,1\n",
    "size": "case,number of children,number of adults,number of seniors\n1,1,1,0\n2,0,1,0\n3,0,2,1\n",
    "cap": (
        "affiliate,stated capacity,actual resettled children,actual resettled adults,"
        "actual resettled seniors\nCA-Los Angeles,,0,1,0\nNY-HIAS New York,5,1,1,0\n"
        "OH-Toledo ,,0,2,1\n"
    ),
}


def write(folder: Path, **changes: str) -> Path:
    for name, text in {**FILES, **changes}.items():
        (folder / f"FYT_{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_semantics_weight_and_compatibility_and_names(tmp_path: Path) -> None:
    instance = load_hias(write(tmp_path), "FYT", "persons")
    p = instance.problem
    assert p.case_ids == ("1", "2", "3")
    # Allowed only where the weight is a number AND compatibility is 1.
    assert p.allowed.tolist() == [[True, True, False], [True, False, True], [True, False, True]]
    assert p.capacity.tolist() == [[1], [2], [3]]
    assert instance.affiliates == (
        ("CA-Los Angeles", "CA-LOS ANGELES"),
        ("NY-HIAS New York", "NY-NEW YORK CITY"),
        ("OH-Toledo", "OH-TOLEDO"),
    )
    # Case 1 (2 persons) to New York, case 3 (3 persons) to Toledo; case 2 to Los Angeles.
    solution = solve_exact(p)
    assert solution.destination.tolist() == [1, 0, 2]
    assert solution.objective == pytest.approx(0.9 + 0.4 + 0.8)
    categories = load_hias(tmp_path, "FYT", CapacityMode.CATEGORIES).problem
    assert categories.capacity.tolist() == [[0, 1, 0], [1, 1, 0], [0, 2, 1]]


def test_the_alias_mapping_is_data() -> None:
    assert affiliate_aliases() == {"ny-hias new york": "ny-new york city"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"cap": FILES["cap"].replace("NY-HIAS New York", "NY-Albany")},
            "'NY-Albany' has no column",
        ),
        ({"cap": FILES["cap"] + "OH-TOLEDO,,1,1,1\n"}, "twice"),
        ({"cap": FILES["cap"].replace("OH-Toledo ,,0,2,1\n", "")}, "no capacity for OH-TOLEDO"),
        ({"cap": FILES["cap"].replace(",0,1,0", ",x,1,0")}, "whole"),
        ({"emp": FILES["emp"].replace("0.5", "half")}, "not a number or NA"),
        ({"emp": FILES["emp"].replace("1,0.5,0.9,NA", "1,0.5,0.9")}, "3 cells, expected 4"),
        ({"emp": FILES["emp"].replace("3,0.1", "2,0.1")}, "a case number appears twice"),
        ({"emp": FILES["emp"].replace("OH-TOLEDO", "NY-NEW YORK CITY", 1)}, "appears twice"),
        (
            {"Compatibility": FILES["Compatibility"].replace("OH-TOLEDO", "WI-MADISON")},
            "other affiliates",
        ),
        ({"Compatibility": FILES["Compatibility"].replace("3,1,1,1", "4,1,1,1")}, "other cases"),
        ({"Compatibility": FILES["Compatibility"].replace("3,1,1,1", "3,1,2,1")}, "0, 1 or NA"),
        ({"size": FILES["size"].replace("3,0,2,1\n", "")}, "no size for case"),
        ({"size": FILES["size"].replace("3,0,2,1", "3,0,two,1")}, "whole numbers"),
        ({"size": FILES["size"].replace("3,0,2,1", "3,0,-2,1")}, "three counts"),
        ({"cap": ""}, "empty"),
    ],
)
def test_broken_files_are_refused_by_name(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    with pytest.raises(InstanceError, match=message):
        load_hias(write(tmp_path, **changes), "FYT", "persons")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InstanceError, match=r"FYX_emp\.csv: cannot read"):
        load_hias(tmp_path, "FYX", "persons")


def test_columns_in_another_order_are_matched_by_name(tmp_path: Path) -> None:
    swapped = "Case Num,OH-Toledo,NY-NEW YORK CITY,CA-LOS ANGELES\n1,0,1,1\n2,1,0,1\n3,1,1,1\n"
    p = load_hias(write(tmp_path, Compatibility=swapped), "FYT", "persons").problem
    assert p.allowed.tolist() == [[True, True, False], [True, False, True], [True, False, True]]


@given(
    st.lists(st.integers(0, 1_000_000), min_size=1, max_size=40).filter(lambda p: sum(p) > 0),
    st.integers(0, 50_000),
)
def test_quotas_sum_to_the_total_and_stay_within_one_of_the_share(
    population: list[int], total: int
) -> None:
    quotas = proportional_quotas(np.array(population), total)
    assert quotas.sum() == total
    exact = np.array(population) * total / sum(population)
    assert (quotas >= np.floor(exact) - 1e-9).all() and (quotas <= np.ceil(exact) + 1e-9).all()


def test_quota_input_is_checked() -> None:
    with pytest.raises(ValueError, match="positive sum"):
        proportional_quotas(np.array([0, 0]), 5)


def test_municipalities_file_is_read(tmp_path: Path) -> None:
    csv = tmp_path / "g.csv"
    csv.write_text(
        "gm_code,gm_name,pv_code,pv_name,am_code,am_name,am_overlap,lat,lon,area_km2,population_2026\n"
        "GM0014,Groningen,PV20,Groningen,AM01,Groningen,1.0,53.2,6.6,198.1,244427\n"
        "GM0034,Almere,PV24,Flevoland,AM11,Flevoland,0.99,52.4,5.2,139.9,232619\n",
        encoding="utf-8",
    )
    municipalities = load_municipalities(csv)
    assert len(municipalities) == 2
    assert municipalities.region_codes == ("AM01", "AM11")
    assert municipalities.region.tolist() == [0, 1]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\nGM1,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected the columns"):
        load_municipalities(bad)
