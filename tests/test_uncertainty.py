"""alpha/beta uncertainty as a distribution: seeded Monte Carlo intervals and the tornado's inputs."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import fractionation as fr
from tests.test_cli import run

tissue = fr.tissue


def hnscc() -> fr.Repopulation:
    return fr.repopulation("hnscc-pedicini-2015")


DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]


def test_same_seed_same_numbers_and_another_seed_other_numbers() -> None:
    first = fr.uncertainty(DOCUMENT, [tissue("tumour"), tissue("cord")], samples=2000, seed=7)
    again = fr.uncertainty(DOCUMENT, [tissue("tumour"), tissue("cord")], samples=2000, seed=7)
    other = fr.uncertainty(DOCUMENT, [tissue("tumour"), tissue("cord")], samples=2000, seed=8)
    assert first.equals(again)
    assert not np.allclose(first["eqd2_low"], other["eqd2_low"])


def test_a_tissue_draws_the_same_whatever_else_is_shown() -> None:
    """Each input has its own stream: the cord's interval does not depend on the tumour being shown."""
    alone = fr.uncertainty(["8 Gy x 1"], [tissue("cord")], samples=1000, seed=3)
    with_tumour = fr.uncertainty(["4 Gy x 5", "8 Gy x 1"], [tissue("tumour"), tissue("cord")], samples=1000, seed=3)
    row = with_tumour[(with_tumour["scheme"] == "8 Gy x 1") & (with_tumour["tissue"] == alone["tissue"][0])]
    assert row["eqd2_low"].item() == alone["eqd2_low"][0]
    assert row["eqd2_high"].item() == alone["eqd2_high"][0]


@pytest.mark.parametrize("tissue_id", ["tumour", "breast-early", "breast-late"])
def test_a_published_range_is_the_95_percent_interval(tissue_id: str) -> None:
    """EQD2 is monotonic in alpha/beta: its 2.5th and 97.5th percentiles are its values at the range's ends
    (compare(..., alpha_beta_ranges=True)), up to Monte Carlo error (0.5% with 200,000 draws)."""
    preset = tissue(tissue_id)
    schemes = ["8 Gy x 1", "4 Gy x 5", "3 Gy x 10"]
    drawn = fr.uncertainty(schemes, [preset], samples=200_000, seed=11)
    band = fr.compare(schemes, [preset], alpha_beta_ranges=True)
    np.testing.assert_allclose(drawn["eqd2_low"], band["eqd2_low"], rtol=5e-3)
    np.testing.assert_allclose(drawn["eqd2_high"], band["eqd2_high"], rtol=5e-3)
    geometric_mean = math.sqrt(preset.low * preset.high)  # type: ignore[operator]
    median = fr.compare(schemes, [geometric_mean])["eqd2"]
    np.testing.assert_allclose(drawn["eqd2_median"], median, rtol=5e-3)


def test_two_gray_fractions_have_no_alpha_beta_uncertainty() -> None:
    """EQD2 of 2 Gy fractions is the total dose whatever alpha/beta is: a zero-width interval."""
    table = fr.uncertainty(["2 Gy x 25"], [2, 10], samples=500)
    np.testing.assert_allclose(table[["eqd2_low", "eqd2_median", "eqd2_high"]], 50.0, rtol=1e-12)
    assert (table["bed_high"] > table["bed_low"]).all()


def test_without_a_range_half_to_twice_is_a_stated_teaching_assumption() -> None:
    (cord,) = fr.input_distributions([tissue("cord")])
    assert (cord.low, cord.median, cord.high) == (1.0, 2.0, 4.0)
    assert "teaching assumption" in cord.basis
    assert "no source" in cord.basis
    (tumour,) = fr.input_distributions([tissue("tumour")])
    assert (tumour.low, tumour.high) == (8.0, 12.0)
    assert "the preset's range" in tumour.basis
    assert "teaching assumption" in tumour.basis


def test_the_time_correction_widens_the_interval_past_the_kickoff() -> None:
    """35 fractions over 47 days pass Tk: Dprolif 0.52-0.86 Gy/day and Tk 15.1-23.3 d move EQD2 by several Gy."""
    plain = fr.uncertainty(["2 Gy x 35"], [tissue("tumour")], samples=20_000, seed=2)
    timed = fr.uncertainty(["2 Gy x 35"], [tissue("tumour")], repopulation=hnscc(), samples=20_000, seed=2)
    assert plain["eqd2_high"][0] - plain["eqd2_low"][0] == pytest.approx(0.0, abs=1e-9)
    assert timed["eqd2_high"][0] - timed["eqd2_low"][0] > 8
    # The median sits near the point value at the parameters' medians (normal: the published best estimates).
    assert timed["eqd2_median"][0] == pytest.approx(timed["eqd2_time_corrected"][0], abs=0.3)


def test_the_published_ranges_match_the_data_file() -> None:
    """PUBLISHED_RANGES quotes the preset's reading in schemes/repopulation.toml: the two must agree."""
    from fractionation._uncertainty import PUBLISHED_RANGES

    for preset_id, ranges in PUBLISHED_RANGES.items():
        preset = fr.repopulation(preset_id)
        assert preset.source is not None
        assert preset.source.reading is not None
        for symbol, parameter in (("Tk", "kickoff_days"), ("Dprolif", "dprolif_gy_per_day")):
            low, high = re.search(rf"{symbol} ([\d.]+)-([\d.]+)", preset.source.reading).groups()  # type: ignore[union-attr]
            assert ranges[parameter] == (float(low), float(high))
            assert ranges[parameter][0] < getattr(preset, parameter) < ranges[parameter][1]


def test_sensitivity_puts_the_widest_swing_first_and_its_central_value_is_the_medians() -> None:
    table = fr.sensitivity(["2 Gy x 35", "8 Gy x 1"], [tissue("tumour")], repopulation=hnscc())
    long_course = table[table["scheme"] == "2 Gy x 35"]
    assert list(long_course["swing"]) == sorted(long_course["swing"], reverse=True)
    assert long_course["parameter"].iloc[0] == "dprolif_gy_per_day"
    single = table[table["scheme"] == "8 Gy x 1"]  # T = 0: only alpha/beta matters
    assert single["parameter"].iloc[0] == "alpha_beta"
    assert single["swing"].iloc[1:].eq(0).all()
    ab = single.iloc[0]
    assert ab["eqd2_at_low"] == pytest.approx(fr.eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=8))
    assert ab["eqd2_at_high"] == pytest.approx(fr.eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=12))


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"samples": 10}, "samples"),
        ({"samples": 2.5}, "samples"),
        ({"samples": True}, "samples"),
        ({"seed": -1}, "seed"),
        ({"seed": "1"}, "seed"),
        ({"model": fr.USC()}, "USC"),
    ],
)
def test_bad_runs_are_refused(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(fr.FractionationError, match=argument):
        fr.uncertainty(["8 Gy x 1"], [10], **kwargs)  # type: ignore[arg-type]


def test_bad_alpha_betas_are_refused() -> None:
    with pytest.raises(fr.WrongTypeError):
        fr.uncertainty(["8 Gy x 1"], "cord")
    with pytest.raises(fr.FractionationError, match="alpha_betas"):
        fr.uncertainty(["8 Gy x 1"], [0])
    with pytest.raises(fr.FractionationError, match="at least one") as caught:
        fr.uncertainty([], [10])
    assert caught.value.argument == "schemes"


def test_lq_l_is_sampled_through_the_library() -> None:
    model = fr.LQL(transition_dose=6)
    table = fr.uncertainty(["20 Gy x 1"], [10], model=model, samples=500)
    assert table["eqd2_low"][0] < fr.eqd2(dose_per_fraction=20, n_fractions=1, alpha_beta=10, model=model)
    assert table["eqd2_median"][0] == pytest.approx(table["eqd2"][0], rel=0.02)


def test_cli_adds_the_interval_columns_to_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("compare", "--document", "--uncertainty", "--samples", "5000", "--seed", "4")
    library = fr.uncertainty(DOCUMENT, [tissue(t) for t in ("tumour", "late", "cord")], samples=5000, seed=4)
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0
    import json

    records = json.loads(out)
    assert [r["eqd2_low"] for r in records] == list(library["eqd2_low"])
    assert {"bed_low", "bed_median", "bed_high", "eqd2_median", "eqd2_high"} <= records[0].keys()
    assert "seed 4" in err
    assert "teaching assumption" in err
    for fmt, header in (("csv", "eqd2_low"), ("text", "EQD2 2.5% (Gy)"), ("markdown", "EQD2 97.5% (Gy)")):
        code, out, _ = run(capsys, *args, "--format", fmt)
        assert code == 0
        assert header in out.splitlines()[0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--samples", "5"), "samples must be a whole number from 100"),
        (("--samples", "many"), "invalid int value"),
        (("--seed", "-3"), "seed must be a whole number"),
        (("--model", "usc"), "USC fixes its own alpha/beta"),
    ],
)
def test_cli_refuses_bad_runs_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "compare", "8 Gy x 1", "--uncertainty", *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
