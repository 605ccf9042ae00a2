"""LQ-L, USC, incomplete repair, iso-effect solving, time correction and alpha/beta ranges."""

from __future__ import annotations

import datetime
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import fractionation as fr
from tests.strategies import alpha_betas, fraction_counts, positive_doses_per_fraction

# --- models ----------------------------------------------------------------------------------------


def test_usc_published_values() -> None:
    """Park 2008 NSCLC parameters (as quoted; see fractionation._models.USC)."""
    usc = fr.USC()
    assert usc.beta == pytest.approx(0.0384, abs=5e-5)
    assert usc.transition_dose == pytest.approx(6.13, abs=5e-3)
    assert usc.alpha_beta == pytest.approx(8.6, abs=0.05)
    # 24 Gy x 1: BED 53.8 Gy (the published figure), tolerance half the last digit
    assert fr.bed(dose_per_fraction=24, n_fractions=1, alpha_beta=usc.alpha_beta, model=usc) == pytest.approx(
        53.8, abs=0.05
    )


def slopes_at(model: fr.LQL | fr.USC, point: float, alpha_beta: float, step: float = 1e-6) -> tuple[float, float]:
    left = (model.bed_per_fraction(point, alpha_beta) - model.bed_per_fraction(point - step, alpha_beta)) / step
    right = (model.bed_per_fraction(point + step, alpha_beta) - model.bed_per_fraction(point, alpha_beta)) / step
    return float(left), float(right)


@given(transition=st.floats(0.5, 25), alpha_beta=alpha_betas)
def test_lql_tangent_form_is_continuous_in_value_and_slope(transition: float, alpha_beta: float) -> None:
    model = fr.LQL(transition_dose=transition)
    below = model.bed_per_fraction(transition, alpha_beta)
    above = model.bed_per_fraction(transition + 1e-9, alpha_beta)
    assert above == pytest.approx(below, rel=1e-8)
    left, right = slopes_at(model, transition, alpha_beta)
    assert right == pytest.approx(left, rel=1e-4)


@given(alpha=st.floats(0.05, 1.0), d0=st.floats(0.3, 3.0), dq=st.floats(0.2, 5.0))
def test_usc_is_continuous_in_value_and_slope(alpha: float, d0: float, dq: float) -> None:
    assume(alpha * d0 < 0.95)
    model = fr.USC(alpha=alpha, d0=d0, dq=dq)
    t = model.transition_dose
    assume(t < 200)
    lq_side = t * (1 + t / model.alpha_beta)
    line_side = (t - dq) / (alpha * d0)
    assert line_side == pytest.approx(lq_side, rel=1e-9)
    left, right = slopes_at(model, t, model.alpha_beta, step=1e-7 * max(1.0, t))
    assert right == pytest.approx(left, rel=1e-4)


@given(d=positive_doses_per_fraction, n=fraction_counts, alpha_beta=alpha_betas)
def test_models_equal_lq_below_their_transition(d: float, n: int, alpha_beta: float) -> None:
    lql = fr.LQL(transition_dose=30.0)
    assert fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta, model=lql) == pytest.approx(
        fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta), rel=1e-12
    )
    usc = fr.USC()
    if d <= usc.transition_dose:
        plain = fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=usc.alpha_beta)
        assert fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=usc.alpha_beta, model=usc) == pytest.approx(
            plain, rel=1e-12
        )


def test_models_give_less_than_lq_above_the_transition() -> None:
    for model, ab in ((fr.LQL(transition_dose=6), 10.0), (fr.USC(), fr.USC().alpha_beta)):
        assert fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=ab, model=model) < fr.eqd2(
            dose_per_fraction=8, n_fractions=3, alpha_beta=ab
        )


def test_lql_with_a_chosen_slope() -> None:
    model = fr.LQL(transition_dose=6, slope_ratio=5)
    assert model.bed_per_fraction(8.0, 10.0) == pytest.approx(6 * 1.6 + 5 * 2)


def test_array_inputs_with_a_model_equal_scalars() -> None:
    model = fr.LQL(transition_dose=6)
    doses = np.array([2.0, 6.0, 8.0, 24.0])
    vector = fr.eqd2(dose_per_fraction=doses, n_fractions=3, alpha_beta=10, model=model)
    assert vector.tolist() == [fr.eqd2(dose_per_fraction=d, n_fractions=3, alpha_beta=10, model=model) for d in doses]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: fr.USC(alpha=0.9, d0=1.25), "USC needs alpha \\* d0 below 1"),
        (lambda: fr.USC(dq=-1), "dq must be a finite number of Gy greater than 0, got -1"),
        (lambda: fr.LQL(transition_dose=-2), "transition_dose must be a number of Gy greater than 0, got -2"),
        (lambda: fr.LQL(transition_dose=6, slope_ratio=0), "slope_ratio must be a finite number"),
        (lambda: fr.LQ(fractions_per_day=2), "needs interval_hours and repair_half_time_hours"),
        (lambda: fr.LQ(fractions_per_day=3, interval_hours=10, repair_half_time_hours=1.5), "do not fit in a day"),
        (
            lambda: fr.bed(dose_per_fraction=8, n_fractions=1, alpha_beta=3, model=fr.USC()),
            "implies alpha/beta = 8.605 Gy; got alpha_beta 3$",
        ),
        (lambda: fr.bed(dose_per_fraction=8, n_fractions=1, alpha_beta=3, model="usc"), "model must be LQ\\(\\), LQL"),
    ],
)
def test_impossible_parameters_are_refused(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.FractionationError, match=message):
        make()


def test_incomplete_repair_two_fractions_a_day() -> None:
    """For m = 2, Thames' H_2 reduces to phi = exp(-mu * interval)."""
    phi = math.exp(-math.log(2) / 1.5 * 6)
    assert fr.thames_h(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5) == pytest.approx(
        phi, rel=1e-12
    )
    model = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5)
    assert fr.bed(dose_per_fraction=2, n_fractions=10, alpha_beta=3, model=model) == pytest.approx(
        20 * (1 + (1 + phi) * 2 / 3)
    )
    # the reference for EQD2 is 2 Gy once a day: H does not enter it
    assert fr.eqd2(dose_per_fraction=2, n_fractions=10, alpha_beta=3, model=model) > 20


# --- solving ---------------------------------------------------------------------------------------

MODELS = [None, fr.LQL(transition_dose=6), fr.USC()]


@pytest.mark.parametrize("model", MODELS, ids=["LQ", "LQL", "USC"])
@given(d=positive_doses_per_fraction, n=fraction_counts, n2=fraction_counts, alpha_beta=alpha_betas)
def test_solve_then_compute_returns_the_target(model, d: float, n: int, n2: int, alpha_beta: float) -> None:  # type: ignore[no-untyped-def]
    ab = fr.USC().alpha_beta if isinstance(model, fr.USC) else alpha_beta
    target = fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=ab, model=model)
    solved = fr.solve_dose_per_fraction(n_fractions=n2, alpha_beta=ab, target_eqd2=target, model=model)
    assume(solved <= 30)
    again = fr.eqd2(dose_per_fraction=solved, n_fractions=n2, alpha_beta=ab, model=model)
    assert again == pytest.approx(target, rel=1e-9)
    target_bed = fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=ab, model=model)
    solved_bed = fr.solve_dose_per_fraction(n_fractions=n2, alpha_beta=ab, target_bed=target_bed, model=model)
    assert fr.bed(dose_per_fraction=solved_bed, n_fractions=n2, alpha_beta=ab, model=model) == pytest.approx(
        target_bed, rel=1e-9
    )


@given(d=positive_doses_per_fraction, n=fraction_counts, d2=st.floats(1.0, 20.0), alpha_beta=alpha_betas)
def test_solve_n_fractions_whole_scheme_hits_the_target(d: float, n: int, d2: float, alpha_beta: float) -> None:
    target = fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta)
    solution = fr.solve_n_fractions(dose_per_fraction=d2, alpha_beta=alpha_beta, target_eqd2=target)
    assert solution.exact * fr.eqd2(dose_per_fraction=d2, n_fractions=1, alpha_beta=alpha_beta) == pytest.approx(
        target, rel=1e-9
    )
    assert solution.n_fractions == max(1, round(solution.exact))
    assume(solution.dose_per_fraction <= 30)
    assert solution.scheme.eqd2(alpha_beta) == pytest.approx(target, rel=1e-9)


def test_isoeffective_scheme_reports_the_other_tissue() -> None:
    iso = fr.isoeffective_scheme(fr.Scheme.parse("3 Gy x 10"), n_fractions=5, alpha_beta=10, other_alpha_beta=2)
    assert iso.converted.eqd2(10) == pytest.approx(32.5, rel=1e-12)
    assert iso.other_eqd2_original == pytest.approx(37.5)
    assert iso.other_change == pytest.approx(iso.converted.eqd2(2) - 37.5)
    assert iso.other_change > 0  # fewer, larger fractions: more for the cord


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_fractions": 5, "alpha_beta": 10}, "give exactly one of target_eqd2 and target_bed"),
        ({"n_fractions": 5, "alpha_beta": 10, "target_eqd2": 30, "target_bed": 40}, "give exactly one"),
        (
            {"n_fractions": 5, "alpha_beta": 10, "target_eqd2": -3},
            "target_eqd2 must be a finite number of Gy greater than 0",
        ),
        ({"n_fractions": 0, "alpha_beta": 10, "target_eqd2": 30}, "n_fractions must be a whole number of at least 1"),
        (
            {"n_fractions": 5, "alpha_beta": 0, "target_eqd2": 30},
            "alpha_beta must be a finite number of Gy greater than 0",
        ),
    ],
)
def test_solver_refuses_bad_input(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(fr.FractionationError, match=message):
        fr.solve_dose_per_fraction(**kwargs)


# --- alpha/beta ranges -----------------------------------------------------------------------------


def test_range_over_alpha_beta_is_exact_for_eqd2() -> None:
    r = fr.over_alpha_beta(fr.eqd2, (8, 12), dose_per_fraction=8, n_fractions=3)
    assert r.low == fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=12)
    assert r.high == fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=8)
    with pytest.raises(fr.FractionationError, match="interval must run from low to high"):
        fr.over_alpha_beta(fr.eqd2, (12, 8), dose_per_fraction=8, n_fractions=3)


# --- schedule and overall time ---------------------------------------------------------------------


def test_overall_time_conventions_of_the_reference() -> None:
    assert fr.overall_time(n_fractions=3, fractions_per_week=3) == 4
    assert fr.overall_time(n_fractions=5, fractions_per_week=3) == 9
    assert fr.overall_time(n_fractions=28) == 37  # Mon-Fri from a Monday, days elapsed
    assert fr.overall_time(n_fractions=10, fractions_per_week=10, fractions_per_day=2) == 4
    assert fr.overall_time(n_fractions=3, weekdays=["Mon", "Wed", "Fri"]) == 4


def test_start_date_and_weekdays() -> None:
    friday = datetime.date(2026, 11, 27)
    dates = fr.treatment_dates(n_fractions=3, weekdays=("mon", "wed", "fri"), start=friday)
    assert [d.isoformat() for d in dates] == ["2026-11-27", "2026-11-30", "2026-12-02"]
    assert fr.overall_time(n_fractions=3, weekdays=(0, 2, 4), start=friday) == 5
    saturday = datetime.date(2026, 11, 28)
    assert fr.treatment_dates(n_fractions=1, start=saturday)[0].isoformat() == "2026-11-30"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weekdays": ["Funday"]}, "weekdays must be names"),
        ({"weekdays": []}, "at least one day"),
        ({"weekdays": ["Mon"], "fractions_per_week": 3}, "does not match 1 weekdays"),
        ({"fractions_per_week": 3, "fractions_per_day": 2}, "whole multiple of fractions_per_day"),
        ({"start": "2026-11-27"}, "start must be a date"),
    ],
)
def test_bad_schedules(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(fr.FractionationError, match=message):
        fr.treatment_dates(n_fractions=3, **kwargs)  # type: ignore[arg-type]


# --- time correction -------------------------------------------------------------------------------


def test_no_correction_before_the_kick_off_and_the_amount_is_shown() -> None:
    preset = fr.repopulation("hnscc-pedicini-2015")
    sbrt = fr.time_corrected_eqd2(
        dose_per_fraction=7, n_fractions=5, alpha_beta=10, overall_time_days=9, repopulation=preset
    )
    assert sbrt.subtracted == 0
    assert sbrt.value == sbrt.uncorrected
    assert sbrt.value == pytest.approx(35 * 17 / 12, rel=1e-12)
    assert "no correction" in str(sbrt)
    long = fr.time_corrected_eqd2(
        dose_per_fraction=2, n_fractions=35, alpha_beta=10, overall_time_days=46, repopulation=preset
    )
    assert long.subtracted == pytest.approx(0.69 * (46 - 19.2))
    assert long.value == pytest.approx(70 - 0.69 * 26.8)
    assert "less" in str(long)


def test_the_two_forms_of_the_correction_agree_for_pedicini_2015() -> None:
    """ln2 / (alpha Td) in BED per day, over 1 + 2/(a/b), is the published Dprolif (0.69 Gy/day)."""
    by_alpha = fr.Repopulation(kickoff_days=19.2, alpha_per_gy=0.24, tpot_days=3.5)
    per_day = by_alpha.eqd2_loss(overall_time_days=20.2, alpha_beta=10.6)
    assert per_day == pytest.approx(0.69, abs=0.005)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kickoff_days": 21}, "give either dprolif_gy_per_day"),
        ({"kickoff_days": 21, "dprolif_gy_per_day": 0.7, "alpha_per_gy": 0.3}, "give either"),
        ({"kickoff_days": -1, "dprolif_gy_per_day": 0.7}, "kickoff_days must be a finite number 0 or more"),
        ({"kickoff_days": 21, "alpha_per_gy": 0.3}, "tpot_days must be a finite number greater than 0"),
    ],
)
def test_bad_repopulation_parameters(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(fr.FractionationError, match=message):
        fr.Repopulation(**kwargs)


def test_compare_with_model_and_repopulation_columns() -> None:
    preset = fr.repopulation("hnscc-pedicini-2015")
    table = fr.compare(
        [fr.Scheme.parse("2 Gy x 35"), "7 Gy x 5"], [10], model=fr.LQL(transition_dose=6), repopulation=preset
    )
    assert table["model"].iloc[0].startswith("LQ-L")
    assert table["overall_time"].tolist() == [46, 4]  # 7 weeks Mon-Fri: the last is Friday, day 46
    assert table["eqd2_repopulation"].iloc[1] == 0
    assert table["eqd2_time_corrected"].iloc[0] == pytest.approx(table["eqd2"].iloc[0] - 0.69 * (46 - 19.2))
