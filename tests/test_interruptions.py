"""Missed fractions: the tumour EQD2 lost, the options to make it up, and what each does to normal tissue."""

from __future__ import annotations

import datetime
import json

import pytest

import fractionation as fr
from tests.test_cli import run

tissue = fr.tissue


HN = fr.Repopulation(kickoff_days=21, dprolif_gy_per_day=0.9, name="test")


def test_the_cost_is_dprolif_per_day_of_extension_past_the_kickoff() -> None:
    """2 Gy x 35 from a Monday ends on day 46; a missed Friday pushes its fraction to the next Monday (49)."""
    gap = fr.missed_fractions("2 Gy x 35", missed=[4], repopulation=HN, normal_tissues=[3])
    assert gap.option("planned").overall_time_days == 46
    assert gap.option("uncompensated").overall_time_days == 49
    assert gap.eqd2_lost == pytest.approx(0.9 * 3)
    assert gap.option("planned").tumour_eqd2 == pytest.approx(70 - 0.9 * (46 - 21))


def test_keeping_the_overall_time_restores_the_tumour_exactly() -> None:
    gap = fr.missed_fractions("2 Gy x 35", missed=[14, 15], repopulation=HN, normal_tissues=[3])
    for option_id in ("days-off", "twice-daily"):
        option = gap.option(option_id)
        assert option.overall_time_days == 46
        assert option.n_fractions == 35
        assert option.tumour_change == pytest.approx(0.0, abs=1e-9)
    days_off = [d for d in gap.option("days-off").calendar if d.status == "day off used"]
    assert [d.date.strftime("%a %d") for d in days_off] == ["Sat 20", "Sun 21"]  # the first weekend after the gap
    assert gap.option("days-off").normal_change["α/β 3 Gy"] == pytest.approx(0.0, abs=1e-9)


def test_two_fractions_a_day_cost_the_normal_tissue_thames_incomplete_repair() -> None:
    """Two days of 2 x 2 Gy, 6 h apart, half-time 4 h: H_2 = phi = 2^-1.5, extra BED 2 d H d/(a/b) a day."""
    gap = fr.missed_fractions("2 Gy x 35", missed=[14, 15], repopulation=HN, normal_tissues=[3, 2],
                              interval_hours=6, repair_half_time_hours=4)  # fmt: skip
    h = 2**-1.5
    for ratio in (3, 2):
        extra_bed = 2 * (2 * 2 * h * 2 / ratio)
        expected = extra_bed / (1 + 2 / ratio)
        assert gap.option("twice-daily").normal_change[f"α/β {ratio} Gy"] == pytest.approx(expected)
    # A longer interval leaves less unrepaired.
    longer = fr.missed_fractions("2 Gy x 35", missed=[14, 15], repopulation=HN, normal_tissues=[3], interval_hours=8,
                                 repair_half_time_hours=4)  # fmt: skip
    assert (
        0 < longer.option("twice-daily").normal_change["α/β 3 Gy"] < gap.option("twice-daily").normal_change["α/β 3 Gy"]
    )


def test_extra_fractions_restore_the_tumour_at_the_normal_tissues_cost() -> None:
    gap = fr.missed_fractions("2 Gy x 35", missed=[14, 15], repopulation=HN, normal_tissues=[3])
    extend = gap.option("extend")
    assert extend.tumour_change >= 0
    extra = extend.n_fractions - 35
    assert extra >= 1
    assert extend.normal_change["α/β 3 Gy"] == pytest.approx(2.0 * extra)  # 2 Gy fractions: EQD2 is the dose
    # One fraction fewer would not have been enough.
    one_less = 35 + extra - 1
    overall = extend.overall_time_days - (1 if extend.calendar[-1].date.weekday() != 0 else 3)
    assert 2.0 * one_less - 0.9 * max(0, overall - 21) < gap.option("planned").tumour_eqd2


def test_before_the_kickoff_nothing_is_lost() -> None:
    """Palliative 3 Gy x 10 ends on day 11, long before Tk: a missed day costs the tumour nothing."""
    gap = fr.missed_fractions("3 Gy x 10", missed=[2])
    assert gap.eqd2_lost == 0
    assert gap.option("extend").n_fractions == 10
    assert "no extra fraction needed" in gap.option("extend").note


def test_what_does_not_fit_before_the_end_goes_after_it() -> None:
    gap = fr.missed_fractions("2 Gy x 10", missed=[7, 8], repopulation=HN, normal_tissues=[3])  # the last Mon, Tue
    days_off = gap.option("days-off")
    assert "2 of 2 missed fraction(s) did not fit" in days_off.note
    twice = gap.option("twice-daily")
    assert [d.fractions for d in twice.calendar if d.status == "second fraction"] == [2, 2]  # Wed and Thu


def test_dates_and_day_numbers_name_the_same_days_and_the_calendar_says_why() -> None:
    start = datetime.date(2026, 3, 2)  # a Monday
    by_number = fr.missed_fractions("2 Gy x 30", missed=[7, 8], start=start)
    by_date = fr.missed_fractions("2 Gy x 30", missed=[datetime.date(2026, 3, 9), datetime.date(2026, 3, 10)],
                                  start=start)  # fmt: skip
    assert by_number.table().equals(by_date.table())
    from fractionation._interruptions import DAY_STATUSES, OPTION_IDS
    from fractionation.charts import DAY_COLOURS

    statuses = {row["status"] for row in by_number.calendar_rows()}
    assert statuses == set(DAY_STATUSES) == set(DAY_COLOURS)  # every status has its colour in the calendar
    assert [option.id for option in by_number.options] == list(OPTION_IDS)
    assert set(by_number.changes()["status"]) == statuses - {"as planned"}


def test_the_assumptions_are_stated() -> None:
    text = " ".join(fr.missed_fractions("2 Gy x 35", missed=[3]).assumptions)
    for needed in ("Pedicini", "Dale et al., Clin Oncol 2002;14:382-393", "4th ed., 2019", "repair half-time 4 h",
                   "no time correction", "not confirmed"):  # fmt: skip
        assert needed in text


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"missed": [5]}, fr.FractionationError, "a Saturday"),
        ({"missed": []}, fr.FractionationError, "at least one"),
        ({"missed": 3}, fr.WrongTypeError, "list of dates"),
        ({"missed": ["3"]}, fr.WrongTypeError, "dates or day numbers"),
        ({"missed": [-2]}, fr.FractionationError, "from 0"),
        ({"missed": [3], "interval_hours": 5}, fr.FractionationError, "at least 6"),
        ({"missed": [3], "normal_tissues": []}, fr.FractionationError, "at least one"),
        ({"missed": [3], "normal_tissues": "cord"}, fr.WrongTypeError, "normal_tissues"),
        ({"missed": [3], "tumour": -1}, fr.FractionationError, "tumour"),
        ({"missed": [3], "repopulation": 0.7}, fr.WrongTypeError, "Repopulation"),
        ({"missed": [3], "repair_half_time_hours": 0}, fr.FractionationError, "repair_half_time_hours"),
    ],
)
def test_bad_input_is_refused_by_name(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        fr.missed_fractions("2 Gy x 35", **kwargs)  # type: ignore[arg-type]


def test_twice_daily_schedules_are_refused() -> None:
    with pytest.raises(fr.FractionationError, match="once a day"):
        fr.missed_fractions(fr.Scheme(dose_per_fraction=1.2, n_fractions=60, fractions_per_day=2), missed=[3])


def test_cli_matches_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "missed", "2 Gy x 35", "--missed", "2024-01-15,15", "--normal", "cord",
                          "--format", "json")  # fmt: skip
    assert code == 0
    shown = json.loads(out)
    library = fr.missed_fractions("2 Gy x 35", missed=[14, 15], normal_tissues=[tissue("cord")])
    assert [row["tumour_change"] for row in shown["options"]] == list(library.table()["tumour_change"])
    assert [row["cord: EQD2 change"] for row in shown["options"]] == list(library.table()["cord: EQD2 change"])
    assert "tumour EQD2 lost without compensation: 2.76 Gy" in err
    assert "Dale et al." in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--missed", "Monday"), "--missed must be a date"),
        (("--missed", "3", "--start", "01/03/2024"), "--start must be a date"),
        (("--missed", "5"), "must be a treatment day"),
        (("--missed", "3", "--tumour", "300 cGy"), "--tumour must be a number of Gy, not cGy"),
        (("--missed", "3", "--repopulation", "lung"), "argument --repopulation: invalid choice: 'lung'"),
    ],
)
def test_cli_refuses_odd_input_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "missed", "2 Gy x 35", *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_a_day_number_past_the_schedule_is_refused_before_any_date_arithmetic() -> None:
    # The generated CLI run found 2,913,174 raising OverflowError inside the date arithmetic.
    with pytest.raises(
        fr.FractionationError, match=r"missed must be day numbers from 0 .* to 0 \(the last\), got 2913174"
    ):
        fr.missed_fractions("8 Gy x 1", missed=[2913174])
