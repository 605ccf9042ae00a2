"""The command line's options for several fractions a day: --fractions-per-day, --day-pattern, --interval-hours,
--repair-half-time (issue #10, point 4).

Hand computations (phi = 2^(-6/4) = 0.353553 for 6 h at a 4 h half-time; H_2 = phi):
- 69 x 1.2 Gy twice daily, alpha/beta 3: 34 days of two, then one. BED = 69 x 1.2 x (1 + 1.2/3)
  + (1.2^2/3) x phi x 68 = 115.92 + 11.54 = 127.46 (127.63 with H on all 69); EQD2 = 127.46 / (1 + 2/3) = 76.48.
- 1.8 Gy x 42 as '1x18, 2x12': H on the 24 fractions of the 12 two-fraction days only. BED = 42 x 1.8 x 1.6
  + (1.8^2/3) x phi x 24 = 120.96 + 9.16 = 130.12; EQD2 = 78.07.
- Three a day 8 h apart: the night is 24 - 2 x 8 = 8 h, not longer than the interval: refused.
  6 h apart: a 12 h night, 2^(-12/4) = 12.5% unrepaired: computed, with the caution.
"""

from __future__ import annotations

import json

import pytest

from tests.test_cli import run

REPAIR = ("--interval-hours", "6", "--repair-half-time", "4")


def record(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    (row,) = json.loads(out)
    return dict(row)


def test_twice_daily_takes_h_on_the_real_days(capsys: pytest.CaptureFixture[str]) -> None:
    row = record(capsys, "compare", "1.2 Gy x 69", "--alpha-beta", "3", "--fractions-per-day", "2", *REPAIR)
    assert round(float(row["bed"]), 2) == 127.46  # type: ignore[arg-type]
    assert round(float(row["eqd2"]), 2) == 76.48  # type: ignore[arg-type]
    assert row["model"] == "LQ, 2 a day 6 h apart, repair half-time 4 h (H = 0.3536)"
    code, out, err = run(capsys, "compare", "1.2 Gy x 69", "--alpha-beta", "3", "--fractions-per-day", "2", *REPAIR)
    assert code == 0
    assert err == ""  # an 18 h night at 4 h leaves 4.4%: no caution
    assert "127.46" in out
    assert "127.63" not in out
    # once a day, as before
    assert round(float(record(capsys, "compare", "1.2 Gy x 69", "--alpha-beta", "3")["bed"]), 2) == 115.92  # type: ignore[arg-type]


def test_the_schemes_named_are_scheduled_as_many_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    """69 fractions two a day, Monday to Friday: 35 treatment days, the last a Tuesday of the eighth week, day 46."""
    row = record(capsys, "compare", "1.2 Gy x 69", "--alpha-beta", "3", "--fractions-per-day", "2", *REPAIR,
                 "--repopulation", "hnscc-pedicini-2015")  # fmt: skip
    assert row["overall_time"] == 46
    code, _, err = run(capsys, "compare", "1.2 Gy x 69", "--document", "--fractions-per-day", "2", *REPAIR,
                       "--repopulation", "hnscc-pedicini-2015")  # fmt: skip
    assert code == 2
    assert err.startswith("fractionation: error: schemes must be scheduled 2 a day, as the model is")


def test_three_fractions_8_hours_apart_are_refused_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", "2 Gy x 30", "--alpha-beta", "3", "--fractions-per-day", "3",
                         "--interval-hours", "8", "--repair-half-time", "4")  # fmt: skip
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("fractionation: error: --interval-hours must be less than 8 hours with 3 fractions a day")
    assert "leave a night of 8 hours, no longer than the interval" in err
    assert "assumes complete repair overnight" in err


def test_a_short_night_is_computed_with_the_caution(capsys: pytest.CaptureFixture[str]) -> None:
    """2 Gy x 30, three a day 6 h apart: phi = 2^-1.5, H_3 = (2/3)(phi/(1-phi))(3 - (1-phi^3)/(1-phi)) = 0.5547."""
    code, out, err = run(capsys, "compare", "2 Gy x 30", "--alpha-beta", "3", "--fractions-per-day", "3", *REPAIR)
    assert code == 0
    assert err == ("note: The 12 h night leaves 12% of the damage unrepaired (repair half-time 4 h); Thames' H "
                   "assumes complete repair overnight, so this BED is an underestimate.\n")  # fmt: skip
    assert "122.19" in out  # 60 + (4/3) x (30 + 0.5547 x 30) = 60 + 62.19


def test_a_concomitant_boost_as_a_day_pattern(capsys: pytest.CaptureFixture[str]) -> None:
    row = record(capsys, "compare", "1.8 Gy x 42", "--alpha-beta", "3", "--day-pattern", "1x18, 2x12", *REPAIR)
    assert round(float(row["bed"]), 2) == 130.12  # type: ignore[arg-type]
    assert round(float(row["eqd2"]), 2) == 78.07  # type: ignore[arg-type]
    code, _, err = run(capsys, "compare", "2 Gy x 35", "--day-pattern", "1x18, 2x12", *REPAIR)
    assert code == 2
    assert (
        err == "fractionation: error: n_fractions must be the 42 fractions of the per-day pattern 1x18, 2x12, got 35\n"
    )


def test_solve_on_the_real_days(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "solve", "--target-bed", "127.46", "--n-fractions", "69", "--alpha-beta", "3",
                       "--fractions-per-day", "2", *REPAIR, "--format", "json")  # fmt: skip
    assert code == 0
    (solution,) = json.loads(out)
    assert solution["dose_per_fraction"] == pytest.approx(1.2, abs=1e-4)  # 127.46 is 1.2 Gy's BED, rounded
    code, out, _ = run(capsys, "solve", "--target-bed", "130.1241", "--n-fractions", "42", "--alpha-beta", "3",
                       "--day-pattern", "1x18,2x12", *REPAIR, "--format", "json")  # fmt: skip
    assert code == 0
    assert json.loads(out)[0]["dose_per_fraction"] == pytest.approx(1.8, abs=1e-5)
    code, _, err = run(capsys, "solve", "--target-bed", "130", "--dose-per-fraction", "1.8", "--alpha-beta", "3",
                       "--day-pattern", "1x18,2x12", *REPAIR)  # fmt: skip
    assert code == 2
    assert "the pattern fixes it at 42: solve for the dose per fraction in 42 fractions" in err


def test_solve_like_a_once_daily_scheme_in_twice_daily_fractions(capsys: pytest.CaptureFixture[str]) -> None:
    """The target keeps its own days (once a day: EQD2 70 at a/b 3); H is the solution's (d = 1.11038, by hand in
    tests/test_models.py)."""
    code, out, _ = run(capsys, "solve", "--like", "2 Gy x 35", "--n-fractions", "70", "--alpha-beta", "3",
                       "--fractions-per-day", "2", *REPAIR, "--format", "json")  # fmt: skip
    assert code == 0
    target, solution = json.loads(out)
    assert target["eqd2"] == pytest.approx(70.0)
    assert solution["dose_per_fraction"] == pytest.approx(1.11038, abs=1e-5)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fractions-per-day", "2"], "--interval-hours must be a number of hours when a day has more than one"),
        (["--fractions-per-day", "2", "--interval-hours", "6"], "--repair-half-time must be a number of hours when"),
        (["--fractions-per-day", "7", *REPAIR], "--fractions-per-day must be a whole number from 1 to 4, got 7"),
        (["--fractions-per-day", "two", *REPAIR], "argument --fractions-per-day: invalid int value: 'two'"),
        (
            ["--fractions-per-day", "2", "--interval-hours", "6", "--repair-half-time", "99"],
            "--repair-half-time must be a number of hours from 0.1 to 24, got 99.0",
        ),
        (
            ["--fractions-per-day", "2", "--interval-hours", "nan", "--repair-half-time", "4"],
            "--interval-hours must be a number of hours from 0.1 to 24, got nan",
        ),
        (
            ["--day-pattern", "1x18, 5x12", *REPAIR],
            "--day-pattern must be a per-day pattern: groups of 'fractions a "
            "day x days' separated by commas, such as '1x18, 2x12' (18 days of one fraction, then 12 days of two), got "
            "'1x18, 5x12' (group '5x12': 5 fractions a day; Thames' repair factor is for 1 to 4)",
        ),
        (["--day-pattern", "1x30", "--fractions-per-day", "2", *REPAIR], "not allowed with argument"),
        (REPAIR, "--interval-hours and --repair-half-time are for several fractions a day: give --fractions-per-day"),
        (["--day-pattern", "1x30", *REPAIR, "--model", "lql"], "are for --model lq"),
        (["--fractions-per-day", "2", *REPAIR, "--model", "usc"], "are for --model lq (LQ-L and USC are once a day)"),
        (
            ["--fractions-per-day", "2", *REPAIR, "--format", "pdf", "--output", "x.pdf"],
            "drop --fractions-per-day or --day-pattern",
        ),
    ],
)
def test_bad_repair_options_are_one_line_naming_the_option(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "compare", "2 Gy x 30", *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("fractionation: error: ")
    assert message in err
