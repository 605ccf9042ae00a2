"""The app's incomplete-repair panel: fractions a day, interval, repair half-time and a per-day pattern.

Hand-computed values (issue #10, point 4), as in tests/test_models.py:
- 69 x 1.2 Gy, two a day 6 h apart, half-time 4 h, alpha/beta 3: phi = 2^-1.5, H_2 = phi on the 34 two-fraction
  days only; BED = 69 x 1.2 x 1.4 + (1.44/3) x phi x 68 = 115.92 + 11.54 = 127.46 (127.63 with H on all 69).
- 1.8 Gy x 42 as 18 days of one and 12 days of two: BED3 = 42 x 1.8 x 1.6 + 1.08 x phi x 24 = 130.12.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from fractionation.app.common import literal
from tests.conftest import REPO

APP = str(REPO / "app.py")


def page(custom: str, **inputs: object) -> AppTest:
    """The page with one added scheme and one alpha/beta of 3 Gy, the repair panel open, its inputs set."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in {"doc": "-", "tissue": "-", "custom": custom, "ab": "3"}.items():
        at.query_params[key] = value
    at.run()
    at.session_state["panel_repair"] = True
    for key, value in inputs.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def repair_table(at: AppTest, quantity: str = "BED") -> dict[str, str]:
    """The one scheme's row of the panel's EQD2 or BED table, at alpha/beta 3: 'once a day' and 'with H'."""
    tables = [t.value for t in at.table if "α/β 3 with H" in t.value.columns]
    assert len(tables) == 2  # the EQD2 tab, then the BED tab
    table = tables[["EQD2", "BED"].index(quantity)]
    assert len(table) == 1
    row = table.reset_index().iloc[0]
    return {"scheme": str(row["Scheme"]), "once": str(row["α/β 3 once a day"]), "H": str(row["α/β 3 with H"])}


def test_one_fraction_a_day_gives_today_s_numbers() -> None:
    row = repair_table(page("1.2 Gy x 69"))
    assert row["H"] == row["once"] == "115.92"  # 69 x 1.2 x (1 + 1.2/3)


def test_twice_daily_takes_h_on_the_real_days_only() -> None:
    at = page("1.2 Gy x 69", rep_per_day=2, rep_interval=6.0, rep_half_time=4.0)
    row = repair_table(at)
    assert row["scheme"] == "1.2 Gy x 69"
    assert row["once"] == "115.92"
    assert row["H"] == "127.46"  # not 127.63: the lone last fraction has no H
    assert repair_table(at, "EQD2") == {"scheme": "1.2 Gy x 69", "once": "69.55", "H": "76.48"}  # BED / (1 + 2/3)
    assert not at.warning  # an 18 h night at 4 h leaves 4.4%: no caution
    assert any("2 a day 6 h apart, repair half-time 4 h" in c.value for c in at.caption)


def test_a_night_no_longer_than_the_interval_is_refused_inline_with_the_reason() -> None:
    at = page("2 Gy x 30", rep_per_day=3, rep_interval=8.0, rep_half_time=4.0)
    (error,) = at.error
    assert error.value.startswith(literal("interval_hours must be less than 8 hours with 3 fractions a day"))
    assert literal("leave a night of 8 hours, no longer than the interval") in error.value
    assert literal("assumes complete repair overnight") in error.value
    assert not [t for t in at.table if "α/β 3 with H" in t.value.columns]


def test_a_short_night_is_cautioned_beside_the_numbers() -> None:
    at = page("2 Gy x 30", rep_per_day=3, rep_interval=6.0, rep_half_time=4.0)
    (warning,) = at.warning
    assert literal("The 12 h night leaves 12% of the damage unrepaired") in warning.value
    assert repair_table(at)["H"] != repair_table(at)["once"]


def test_a_per_day_pattern_concomitant_boost() -> None:
    at = page("1.8 Gy x 42", rep_interval=6.0, rep_half_time=4.0, rep_pattern="1x18, 2x12")
    assert repair_table(at)["H"] == "130.12"
    assert repair_table(at)["once"] == "120.96"


def test_a_scheme_that_does_not_fit_the_pattern_is_named_not_computed() -> None:
    at = page("2 Gy x 30", rep_interval=6.0, rep_half_time=4.0, rep_pattern="1x18, 2x12")
    (info,) = at.info
    assert info.value == literal("Not computed: 2 Gy x 30 (n_fractions must be the 42 fractions of the per-day "
                                 "pattern 1x18, 2x12).")  # fmt: skip


def test_bad_repair_inputs_are_refused_inline_naming_the_input() -> None:
    at = page("2 Gy x 30", rep_pattern="1x18, 7x12")
    (error,) = at.error
    assert error.value.startswith(literal("fractions on each treatment day must be a per-day pattern"))
    assert literal("group '7x12': 7 fractions a day") in error.value
    at = page("2 Gy x 30", rep_per_day=2, rep_interval=6.0, rep_half_time=-1.0)
    (error,) = at.error
    assert error.value.startswith(literal("repair_half_time_hours must be a number of hours"))
    at = page("2 Gy x 30", rep_per_day=9)
    (error,) = at.error
    assert error.value.startswith(literal("fractions_per_day must be a whole number from 1 to 4"))
    at = page("2 Gy x 30", rep_pattern="<b>[x](http://host)</b>")
    (error,) = at.error
    assert literal("<b>[x](http://host)</b>") in error.value  # shown literally, never as markup


def test_the_repair_inputs_survive_closing_the_panel() -> None:
    at = page("1.2 Gy x 69", rep_per_day=2, rep_interval=6.0, rep_half_time=4.0)
    at.session_state["panel_repair"] = False
    at.run()
    at.session_state["panel_repair"] = True
    at.run()
    assert repair_table(at)["H"] == "127.46"
