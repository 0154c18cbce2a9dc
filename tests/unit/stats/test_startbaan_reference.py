"""The startbaan report on the reference registry (../shared/data/reference/startbanen_2025):
the published counts of seed 003, Bijlage 1, come out exactly; where the report's own figures
cannot all hold, Werkpad's figure stands with the report's beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from werkpad.core.stats.startbaan import REPORT_DEVIATIONS, ReportCell, report
from werkpad.monitoring.registry import read_registry

REGISTRY = (
    Path(__file__).resolve().parents[3].parent / "shared" / "data" / "reference" / "startbanen_2025"
)
PEILDATUM = date(2025, 10, 31)


@pytest.fixture(scope="module")
def cells() -> dict[tuple[int, str, str, str], ReportCell]:
    if not REGISTRY.is_dir():
        pytest.fail(
            f"the reference registry is not at {REGISTRY} (../shared/data from the repo root)"
        )
    reg = read_registry(REGISTRY, PEILDATUM)
    assert reg.errors == []
    assert len(reg.persons) == 607
    return {
        (c.tabel, c.kolom, c.variabele, c.categorie): c
        for c in report(reg.persons.values(), PEILDATUM, 0)
    }


def n(cells: dict[tuple[int, str, str, str], ReportCell], *key: object) -> int:
    return cells[key].n  # type: ignore[index]


def test_tabel_2_all_eight_statuses(cells) -> None:
    expected = {
        "onbekend": 131,
        "nog_voortraject_nodig": 41,
        "bezig_met_voortraject": 103,
        "in_bemiddeling": 39,
        "startbaan": 191,
        "on_hold": 6,
        "uitval": 45,
        "einde": 51,
    }
    for code, count in expected.items():
        assert n(cells, 2, "alle", "status_peildatum", code) == count, code
    assert cells[(2, "alle", "status_peildatum", "startbaan")].pct == Decimal("31.5")


def test_tabel_3_started_completed_mean_weeks(cells) -> None:
    assert n(cells, 3, "alle", "voortraject", "ja") == 289
    assert n(cells, 3, "alle", "voortraject", "nee") == 164
    assert n(cells, 3, "alle", "voortraject", "onbekend") == 154
    assert n(cells, 3, "alle", "afgerond", "ja") == 172
    assert n(cells, 3, "alle", "afgerond", "nee") == 117
    assert cells[(3, "alle", "afgerond", "ja")].pct == Decimal("38.8")
    vw = cells[(3, "voortrajecten", "duur_weken", "gemiddelde_vrijwilligerswerk")]
    ws = cells[(3, "voortrajecten", "duur_weken", "gemiddelde_onbetaalde_werkstage")]
    assert (vw.pct, ws.pct) == (Decimal("25.6"), Decimal("18.8"))
    assert n(cells, 3, "voortrajecten", "type", "vrijwilligerswerk") == 42
    assert n(cells, 3, "voortrajecten", "type", "onbetaalde_werkstage") == 130


def test_tabel_4_placed_and_how_many(cells) -> None:
    assert n(cells, 4, "alle", "startbaan", "ja") == 269
    assert n(cells, 4, "alle", "aantal_startbanen", "2") == 27
    assert n(cells, 4, "alle", "aantal_startbanen", "3") == 3
    # The report's split of the 338 into "nee" 335 and "onbekend" 3 cannot be derived: shown beside.
    assert n(cells, 4, "alle", "startbaan", "nee") == 338
    assert any(
        d.tabel == 4 and d.categorie == "nee" and d.report_n == 335 for d in REPORT_DEVIATIONS
    )


@pytest.mark.parametrize(
    ("variabele", "expected"),
    [
        ("uren_per_week", {"0-16": 73, "17-24": 61, "25-32": 63, "33-40": 40}),
        ("hoe_gekregen", {"onbekend": 4, "zelf_gevonden": 87, "bemiddeling": 178}),
        ("loonkostensubsidie", {"onbekend": 32, "ja": 117, "nee": 120}),
        ("jobcoach", {"onbekend": 41, "ja": 87, "nee": 141}),
        ("werkcoach", {"onbekend": 49, "ja": 99, "nee": 121}),
        ("harrie", {"onbekend": 106, "ja": 5, "nee": 158}),
        ("uren_type", {"onbekend": 20, "vast": 177, "flexibel": 72}),
        ("contractduur_maanden", {"onbekend": 53, "1-6": 50, "7-12": 160, "13-24": 6, "25+": 0}),
        ("soort", {"onbekend": 3, "betaald": 261, "betaalde_werkstage": 2}),
    ],
)
def test_tabel_6(cells, variabele: str, expected: dict[str, int]) -> None:
    for categorie, count in expected.items():
        assert n(cells, 6, "alle", variabele, categorie) == count, categorie


def test_tabel_6_anders_against_the_report(cells) -> None:
    assert n(cells, 6, "alle", "soort", "anders") == 3
    dev = next(d for d in REPORT_DEVIATIONS if d.tabel == 6 and d.categorie == "anders")
    assert dev.report_n == 6 and "272" in dev.reason


def test_tabel_7(cells) -> None:
    soort = {
        "onbekend": 2,
        "regulier": 192,
        "gedetacheerd_vanuit_werkleerbedrijf": 9,
        "werkleerbedrijf": 38,
        "uitzendbureau": 21,
        "anders": 7,
    }
    sector = {
        "onbekend": 15,
        "logistiek": 67,
        "horeca_catering": 44,
        "bouw_techniek": 37,
        "productie_industrie": 23,
        "detailhandel": 21,
        "schoonmaak_facilitair": 17,
        "zorg_welzijn": 16,
        "anders": 29,
    }
    omvang = {
        "onbekend": 104,
        "<5": 8,
        "5-9": 17,
        "10-19": 34,
        "20-49": 28,
        "50-99": 42,
        "100-199": 14,
        "200-499": 5,
        ">=500": 17,
    }
    ervaring = {"onbekend": 115, "ja": 132, "nee": 22}
    for variabele, expected in [
        ("werkgever_soort", soort),
        ("sector", sector),
        ("omvang", omvang),
        ("ervaring_statushouders", ervaring),
    ]:
        for categorie, count in expected.items():
            assert n(cells, 7, "alle", variabele, categorie) == count, (variabele, categorie)


def test_tabel_8_reasons(cells) -> None:
    assert n(cells, 8, "alle", "on_hold", "ja") == 17
    for categorie, count in {"familie": 2, "medisch": 6, "zwangerschap": 4, "anders": 5}.items():
        assert n(cells, 8, "alle", "reden", categorie) == count


def test_tabel_9_reasons_kept_apart_and_merged(cells) -> None:
    merged = {
        "taal_onderwijs": 12,
        "zwangerschap": 3,
        "medisch": 14,
        "partner_boven_bijstandsnorm": 5,
        "anders": 44,
    }
    for categorie, count in merged.items():
        assert n(cells, 9, "rapport", "reden", categorie) == count
    assert n(cells, 9, "alle", "reden", "anders") == 29
    assert n(cells, 9, "alle", "reden", "inburgering_afgerond") == 15
    assert cells[(9, "rapport", "uitval_of_einde", "ja")].pct == Decimal("10.4")
    uitval = sum(c.n for k, c in cells.items() if k[:3] == (9, "uitval", "reden"))
    assert uitval == 45


def test_tabel_1_within_the_listed_deviations(cells) -> None:
    def pct(var: str, cat: str, kolom: str = "alle") -> Decimal | None:
        return cells[(1, kolom, var, cat)].pct

    assert n(cells, 1, "alle", "deelname", "verplicht") == 372
    assert n(cells, 1, "alle", "deelname", "vrijwillig") == 235
    assert (pct("geslacht", "man"), pct("geslacht", "vrouw")) == (Decimal("67.5"), Decimal("31.8"))
    assert pct("geboortedatum", "25-44") == Decimal("63.8")  # report 64.3: listed
    assert pct("opleiding", "primair_middelbaar") == Decimal("46.5")  # report 46.3: listed
    assert pct("taalniveau_instroom", "A0") == Decimal("54.2")  # report 54.0: listed
    assert pct("verblijf", "woning") == Decimal("85.2")
    assert n(cells, 1, "alle", "vervoer", "ov") == 360  # 59.3 %; the report rounds to 59.4


def test_tabel_5_working_participants(cells) -> None:
    total = sum(c.n for k, c in cells.items() if k[:3] == (5, "werkend", "geslacht"))
    assert total == 269
    assert cells[(5, "werkend", "geslacht", "man")].pct == Decimal("84.8")
