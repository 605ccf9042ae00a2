"""The teaching sections of the app through AppTest: every number equals a direct library call."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import fractionation as fr
from tests.test_app import fresh


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_uncertainty_panel_shows_the_library_intervals_and_each_distribution() -> None:
    at = fresh(panels=("panel_uncertainty",))
    assert not at.exception
    schemes = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
    tissues = [fr.tissue(t) for t in ("tumour", "late", "cord")]
    expected = fr.uncertainty(schemes, tissues, samples=20_000, seed=0)
    shown = at.dataframe[0].value
    assert list(shown["eqd2_low"]) == list(expected["eqd2_low"])
    assert list(shown["eqd2_high"]) == list(expected["eqd2_high"])
    distributions = [str(d) for d in fr.input_distributions(tissues)]
    assert all(d in texts(at) for d in distributions)
    assert len(at.get("vega_lite_chart")) >= 4  # the two charts section's, the intervals and the tornado


def test_uncertainty_panel_follows_the_seed_and_the_time_correction() -> None:
    at = fresh({"doc": ["document-8gy-x1"], "custom": "2 Gy x 35", "tissue": "tumour"}, panels=("panel_uncertainty",))
    at.number_input(key="unc_seed").set_value(5)
    at.number_input(key="unc_samples").set_value(5000)
    at.selectbox(key="unc_repopulation").set_value("hnscc-pedicini-2015").run()
    assert not at.exception
    schemes = [s for s in fr.catalogue() if s.id == "document-8gy-x1"] + [fr.Scheme.parse("2 Gy x 35")]
    expected = fr.uncertainty(schemes, [fr.tissue("tumour")], samples=5000, seed=5,
                              repopulation=fr.repopulation("hnscc-pedicini-2015"))  # fmt: skip
    assert list(at.dataframe[0].value["eqd2_median"]) == list(expected["eqd2_median"])
    assert any("Dprolif" in t for t in texts(at))


def test_missed_fractions_panel_matches_the_library() -> None:
    at = fresh(panels=("panel_missed",))
    assert not at.exception
    gap = fr.missed_fractions("2 Gy x 35", missed=[14, 15], normal_tissues=[fr.tissue("late"), fr.tissue("cord")])
    table = at.dataframe[0].value
    assert list(table["tumour_change"]) == list(gap.table()["tumour_change"])
    assert list(table["cord: EQD2 change"]) == list(gap.table()["cord: EQD2 change"])
    assert any(f"{gap.eqd2_lost:.2f} Gy" in m.value for m in at.markdown)
    assert all(a in texts(at) for a in gap.assumptions)


@pytest.mark.parametrize("text", ["2 Gy x", "<b>35</b>"])
def test_missed_fractions_panel_shows_a_bad_scheme_literally(text: str) -> None:
    at = fresh(panels=("panel_missed",))
    at.text_input(key="gap_scheme").set_value(text).run()
    assert not at.exception
    assert at.error
    assert any(text in t for t in texts(at))
