"""The charts are valid Vega-Lite (the app skips altair's validation at run time; this test does it)."""

from __future__ import annotations

import pytest

import fractionation as fr
from fractionation import charts

pytest.importorskip("altair")


@pytest.mark.parametrize("big", [False, True])
def test_every_chart_validates(big: bool) -> None:
    schemes = fr.catalogue()[:6]
    table = fr.compare(schemes, [*fr.tissues()[:3], 4.5], alpha_beta_ranges=True)
    bars = charts.eqd2_bars(table, big=big).to_dict(validate=True)
    curve_table = fr.compare(schemes, charts.ALPHA_BETA_AXIS)
    curve = charts.eqd2_against_alpha_beta(curve_table, big=big, bands=[("tumour", 8, 12)]).to_dict(validate=True)
    strip = charts.schedule_strip([{"scheme": "8 Gy x 3", "day": d, "fractions": 1} for d in (0, 2, 4)], big=big)
    assert strip.to_dict(validate=True)["mark"]["type"] == "rect"
    assert bars["layer"][0]["encoding"]["x"]["field"] == "eqd2"
    assert bars["layer"][1]["encoding"]["x2"]["field"] == "eqd2_high"
    assert curve["layer"][1]["encoding"]["x"]["scale"]["domain"] == [0.5, 20.0]
    band_data = curve["datasets"][curve["layer"][0]["data"]["name"]]
    assert band_data == [{"band": "tumour", "low": 8, "high": 12}]


def test_bar_chart_data_are_the_compare_table() -> None:
    table = fr.compare(["8 Gy x 1", "3 Gy x 10"], [10, 2])
    spec = charts.eqd2_bars(table).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [round(v["eqd2"], 10) for v in values] == [round(x, 10) for x in table["eqd2"]]
    assert [v["tissue"] for v in values] == ["α/β 10 Gy", "α/β 2 Gy"] * 2


@pytest.mark.parametrize("big", [False, True])
def test_specifications_without_data_validate(big: bool) -> None:
    """The app caches these and supplies the data itself."""
    for chart in (charts.eqd2_bars(big=big), charts.eqd2_against_alpha_beta(big=big)):
        spec = charts.without_data(chart.to_dict(validate=True))
        assert "data" not in spec
        assert "datasets" not in spec
        assert spec["layer"]
        assert all("data" not in layer for layer in spec["layer"])


def test_axis_runs_from_half_to_twenty_gy() -> None:
    assert charts.ALPHA_BETA_AXIS[0] == 0.5
    assert charts.ALPHA_BETA_AXIS[-1] == 20.0
    assert len(charts.ALPHA_BETA_AXIS) == 40


def test_schedule_strip_shows_every_day_weekends_included() -> None:
    days = fr.treatment_days(n_fractions=5, fractions_per_week=3)
    spec = charts.schedule_strip([{"scheme": "6 Gy x 5", "day": d, "fractions": 1} for d in days]).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == list(range(10))


def test_a_cached_specification_keeps_the_band_inline_but_not_the_placeholder() -> None:
    spec = charts.without_data(charts.eqd2_against_alpha_beta(bands=[("tumour", 8, 12)]).to_dict())
    assert "data" not in spec
    assert "datasets" not in spec  # Streamlit would not bind its data to the lines otherwise
    band, lines, labels = spec["layer"]
    assert band["data"] == {"values": [{"band": "tumour", "low": 8, "high": 12}]}
    assert "data" not in lines
    assert "data" not in labels


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("dated", [False, True])
def test_cumulative_timeline_steps_limits_and_the_assumption_beside(big: bool, dated: bool) -> None:
    import datetime

    when = (
        [{"date": datetime.date(2024, 1, 1)}, {"date": datetime.date(2025, 1, 1)}]
        if dated
        else [{}, {"months_after": 12}]
    )
    history = fr.History.of(
        [fr.Course.of("2 Gy x 25", **when[0]), fr.Course.of("4 Gy x 5", stereotactic=True, **when[1])]  # type: ignore[arg-type]
    )
    report = fr.reirradiation_report(history, recovery=fr.Recovery())
    spec = charts.cumulative_timeline(report, big=big).to_dict(validate=True)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "point", "point", "rule", "text", "text"]  # the hollow point: the recovery assumption
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"][0] == 0  # the axis starts at 0
    assert spec["layer"][0]["encoding"]["x"]["type"] == ("temporal" if dated else "quantitative")
    limits = spec["datasets"][spec["layer"][3]["data"]["name"]]
    status = {row["label"].split(":")[0]: row["status"] for row in limits}
    assert status == {"Nieder 2006 [1]": "fails", "Sahgal 2012 [2]": "fails"}
    left, right = (spec["datasets"][spec["layer"][i]["data"]["name"]] for i in (4, 5))
    assert [row["eqd2"] for row in left + right] == [67.75, 70.0]  # close lines: labels at either end
    colours = spec["layer"][3]["encoding"]["color"]["scale"]
    assert colours["range"][colours["domain"].index("fails")] == "#c62828"  # red only for a failing rule
    assumed = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert assumed[0]["cumulative_eqd2"] == report.cumulative_eqd2_assuming_recovery


def test_one_colour_per_tissue_in_every_chart_and_none_for_schemes() -> None:
    """Tissues take Okabe-Ito colours by their place, the same in both charts; schemes share one neutral colour."""
    tissues = [("Tumour, early-responding tissue", 10.0), ("Spinal cord, cervical and thoracic", 2.0)]
    names = [n for n, _ in tissues]
    bars = charts.eqd2_bars(tissues=names).to_dict()
    curve = charts.eqd2_against_alpha_beta(tissues=tissues, bands=[(names[0], 8, 12)]).to_dict()
    expected = {"domain": names, "range": ["#0072B2", "#E69F00"]}
    assert {k: bars["layer"][0]["encoding"]["color"]["scale"][k] for k in expected} == expected
    band, marks, lines, _ = curve["layer"]
    assert {k: marks["encoding"]["color"]["scale"][k] for k in expected} == expected
    assert band["encoding"]["color"]["scale"]["domain"] == names
    assert "color" not in lines["encoding"]
    assert lines["mark"]["color"] == charts.SCHEME_COLOUR
    assert charts.TISSUE_COLOURS.index("#D55E00") >= 6  # vermillion, near the red of a failing check, comes late
