"""LQ-L, USC, incomplete repair, iso-effect solving, time correction and alpha/beta ranges."""

from __future__ import annotations

import datetime
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import fractionation as fr
from fractionation._models import _thames_h
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
        (lambda: fr.USC(alpha=0.9, d0=1.25), "alpha, d0 must be values with alpha \\* d0 below 1, got 1.125"),
        (lambda: fr.USC(dq=-1), "dq must be a number of Gy from 0.01 to 100, got -1"),
        (lambda: fr.LQL(transition_dose=-2), "transition_dose must be a number of Gy from 0.01 to 100, got -2"),
        (lambda: fr.LQL(transition_dose=6, slope_ratio=0), "slope_ratio must be a number from 0.01 to 100, got 0"),
        (lambda: fr.LQ(fractions_per_day=2), "interval_hours must be a number of hours when a day has more than one"),
        (
            lambda: fr.LQ(fractions_per_day=2, interval_hours=6),
            "repair_half_time_hours must be a number of hours when a day has more than one",
        ),
        (lambda: fr.LQ(fractions_per_day=3, interval_hours=13, repair_half_time_hours=1.5), "do not fit in a day"),
        (
            lambda: fr.LQ(fractions_per_day=3, interval_hours=8, repair_half_time_hours=1.5),
            "3 fractions a day 8 hours apart leave a night of 8 hours, no longer than the interval: Thames'",
        ),
        (lambda: fr.USC(beta=0.038, alpha_beta=8.68), "beta, alpha_beta must be given one at a time"),
        (lambda: fr.USC(beta=0), "beta must be a finite number of 1/Gy\\^2 greater than 0, got 0"),
        (
            lambda: fr.bed(dose_per_fraction=8, n_fractions=1, alpha_beta=3, model=fr.USC()),
            "alpha_beta must be 8.605 Gy, the alpha/beta USC .* implies, got 3.0 \\(USC's alpha/beta follows from its "
            "parameters, not from the tissue; for the beta many papers quote, rounded: beta=0.038\\)$",
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
    assert _thames_h(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5) == pytest.approx(phi, rel=1e-12)
    model = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5)
    assert fr.bed(dose_per_fraction=2, n_fractions=10, alpha_beta=3, model=model) == pytest.approx(
        20 * (1 + (1 + phi) * 2 / 3)
    )
    # the reference for EQD2 is 2 Gy once a day: H does not enter it
    assert fr.eqd2(dose_per_fraction=2, n_fractions=10, alpha_beta=3, model=model) > 20


def test_h_follows_each_days_real_number_of_fractions() -> None:
    """Issue #10: 69 x 1.2 Gy twice daily, 6 h apart, half-time 4 h, a/b 3: 34 days of two, then one alone.

    By hand: phi = 2^(-6/4) = 0.353553; H_2 = phi. BED = 69 x 1.2 x (1 + 1.2/3)
    + (1.2^2/3) x H_2 x 68 (the 68 fractions of the two-fraction days) = 115.92 + 11.5401 = 127.46.
    Applying H to all 69 gives 127.63.
    """
    model = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    phi = 2 ** (-6 / 4)
    by_hand = 69 * 1.2 * (1 + 1.2 / 3) + 1.2**2 / 3 * phi * 68
    value = fr.bed(dose_per_fraction=1.2, n_fractions=69, alpha_beta=3, model=model)
    assert value == pytest.approx(by_hand, rel=1e-12)
    assert round(value, 2) == 127.46
    assert round(69 * 1.2 * (1 + (1 + phi) * 1.2 / 3), 2) == 127.63  # H on the lone last fraction too: not this
    # whole days: unchanged; arrays of n agree with scalars
    assert fr.bed(dose_per_fraction=1.2, n_fractions=68, alpha_beta=3, model=model) == pytest.approx(
        68 * 1.2 * (1 + (1 + phi) * 1.2 / 3), rel=1e-12
    )
    counts = np.array([1, 2, 3, 68, 69])
    vector = fr.bed(dose_per_fraction=1.2, n_fractions=counts, alpha_beta=3, model=model)
    assert vector.tolist() == pytest.approx(
        [fr.bed(dose_per_fraction=1.2, n_fractions=int(n), alpha_beta=3, model=model) for n in counts], rel=1e-15
    )
    assert fr.bed(dose_per_fraction=1.2, n_fractions=1, alpha_beta=3, model=model) == pytest.approx(1.2 * 1.4)


def test_solving_with_twice_daily_fractions_returns_the_target_on_the_real_days() -> None:
    model = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    for n in (68, 69):
        d = fr.solve_dose_per_fraction(n_fractions=n, alpha_beta=3, target_bed=127.46, model=model)
        assert fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=3, model=model) == pytest.approx(127.46, rel=1e-12)
    solution = fr.solve_n_fractions(dose_per_fraction=1.2, alpha_beta=3, target_bed=127.46, model=model)
    assert fr.bed(dose_per_fraction=solution.dose_per_fraction, n_fractions=solution.n_fractions, alpha_beta=3,
                  model=model) == pytest.approx(127.46, rel=1e-12)  # fmt: skip


def test_three_a_day_with_a_short_last_day() -> None:
    """3 a day, 4 h apart, half-time 2 h: 7 fractions are days of 3, 3, then 1; 8 are 3, 3, 2.

    phi = 2^(-2) = 0.25; H_3 = (2/3)(2 phi + phi^2) = 0.375; H_2 = phi = 0.25.
    """
    model = fr.LQ(fractions_per_day=3, interval_hours=4, repair_half_time_hours=2)
    d, ab = 2.0, 3.0
    q = d * d / ab
    assert fr.bed(dose_per_fraction=d, n_fractions=7, alpha_beta=ab, model=model) == pytest.approx(
        7 * d + q * (7 + 6 * 0.375)
    )
    assert fr.bed(dose_per_fraction=d, n_fractions=8, alpha_beta=ab, model=model) == pytest.approx(
        8 * d + q * (8 + 6 * 0.375 + 2 * 0.25)
    )


def test_a_night_not_clearly_longer_than_the_interval_is_refused_or_cautioned() -> None:
    with pytest.raises(fr.FractionationError, match="leave a night of 8 hours, no longer than the interval"):
        fr.LQ(fractions_per_day=3, interval_hours=8, repair_half_time_hours=4)
    with pytest.raises(fr.FractionationError, match="night of 8 hours"):
        fr.bed_of_days([[2.0, 2.0, 2.0]], alpha_beta=3, interval_hours=8, repair_half_time_hours=4)
    # a 12 h night at a 4 h half-time leaves 2^-3 = 12.5% unrepaired: a caution, with the reason
    caution = fr.LQ(fractions_per_day=3, interval_hours=6, repair_half_time_hours=4).caution
    assert caution is not None
    assert "12 h night leaves 12% of the damage unrepaired" in caution
    assert fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4).caution is None  # 18 h: 4.4%
    assert fr.LQ().caution is None


def test_the_overnight_refusal_names_the_interval_and_what_would_do() -> None:
    """Three fractions 8 h apart leave 24 - 2 x 8 = 8 h of night: not longer than the interval, refused.

    The largest interval that leaves a night longer than itself is below 24/m h: 8 h for 3 a day, 12 h for 2.
    """
    with pytest.raises(fr.FractionationError) as caught:
        fr.LQ(fractions_per_day=3, interval_hours=8, repair_half_time_hours=4)
    error = caught.value
    assert (error.argument, error.value) == ("interval_hours", 8)
    assert error.expected is not None
    assert error.expected.startswith("less than 8 hours with 3 fractions a day")
    assert error.hint is not None
    assert "complete repair overnight" in error.hint
    # just below: accepted, with the caution that says the 8.2 h night leaves 2^(-8.2/4) = 24% unrepaired
    near = fr.LQ(fractions_per_day=3, interval_hours=7.9, repair_half_time_hours=4)
    assert near.caution is not None
    assert "8.2 h night leaves 24% of the damage unrepaired" in near.caution
    with pytest.raises(fr.FractionationError) as caught:
        fr.LQ(fractions_per_day=2, interval_hours=12, repair_half_time_hours=4)
    assert caught.value.argument == "interval_hours"


def test_a_day_pattern_is_read_as_a_clinician_writes_it() -> None:
    assert fr.parse_day_pattern("1x18, 2x12") == (1,) * 18 + (2,) * 12
    assert fr.parse_day_pattern("1 a day x 18 days, 2/day × 12") == (1,) * 18 + (2,) * 12
    assert fr.parse_day_pattern("1, 1, 2") == (1, 1, 2)
    assert fr.parse_day_pattern(" 2 * 3 ") == (2, 2, 2)
    # written back the short way in the model's name
    model = fr.LQ(day_pattern=fr.parse_day_pattern("1 a day x 18, 2 a day x 12"), interval_hours=6,
                  repair_half_time_hours=4)  # fmt: skip
    assert model.name == "LQ, fractions a day 1x18, 2x12, 6 h apart, repair half-time 4 h (H_2 = 0.3536)"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1x18, 5x12", "group '5x12': 5 fractions a day; Thames' repair factor is for 1 to 4"),
        ("1x18,, 2x12", "an empty group"),
        ("", "an empty group"),
        ("1x0", "group '1x0': no days"),
        ("two a day", "cannot read 'two a day'"),
        ("1.5x4", "cannot read '1.5x4'"),
        ("1x99999999999999999999", "more than 1000 days"),
        ("4x300", "1200 fractions; at most 1000"),
    ],
)
def test_a_bad_day_pattern_is_refused_with_its_fields(text: str, hint: str) -> None:
    with pytest.raises(fr.FractionationError) as caught:
        fr.parse_day_pattern(text, argument="--day-pattern")
    error = caught.value
    assert (error.argument, error.value) == ("--day-pattern", text)
    assert error.expected is not None
    assert error.expected.startswith("a per-day pattern")
    assert error.hint is not None
    assert hint in error.hint
    with pytest.raises(fr.WrongTypeError):
        fr.parse_day_pattern([1, 2])  # type: ignore[arg-type]


def test_lq_with_a_day_pattern_concomitant_boost_by_hand() -> None:
    """1.8 Gy x 42 as 18 days of one fraction, then 12 days of two 6 h apart; half-time 4 h, a/b 3.

    By hand: phi = 2^-1.5 = 0.353553, H_2 = phi; only the 24 fractions of the 12 two-fraction days carry it.
    BED = 42 x 1.8 x (1 + 1.8/3) + (1.8^2/3) x H_2 x 24 = 120.96 + 1.08 x 0.353553 x 24 = 120.96 + 9.16410
    = 130.1241. With H on all 42 (LQ(fractions_per_day=2)'s full days): 120.96 + 1.08 x 0.353553 x 42 = 137.00.
    """
    pattern = fr.parse_day_pattern("1x18, 2x12")
    model = fr.LQ(day_pattern=pattern, interval_hours=6, repair_half_time_hours=4)
    phi = 2**-1.5
    value = fr.bed(dose_per_fraction=1.8, n_fractions=42, alpha_beta=3, model=model)
    assert value == pytest.approx(42 * 1.8 * 1.6 + 1.08 * phi * 24, rel=1e-12)
    assert round(value, 4) == 130.1241
    assert model.fractions_per_day == 2  # the most on one day
    assert "1x18, 2x12" in model.name
    # the same as writing the days out for bed_of_days
    days = [[1.8]] * 18 + [[1.8, 1.8]] * 12
    assert value == pytest.approx(fr.bed_of_days(days, alpha_beta=3, interval_hours=6, repair_half_time_hours=4))
    # EQD2: the reference is 2 Gy once a day; the solver finds 1.8 Gy back on the pattern's 42 fractions
    assert fr.eqd2(dose_per_fraction=1.8, n_fractions=42, alpha_beta=3, model=model) == pytest.approx(value / (5 / 3))
    solved = fr.solve_dose_per_fraction(n_fractions=42, alpha_beta=3, target_bed=value, model=model)
    assert solved == pytest.approx(1.8, rel=1e-12)
    # the pattern fixes the number of fractions: solving for it is refused, saying what to ask instead
    with pytest.raises(fr.FractionationError) as caught:
        fr.solve_n_fractions(dose_per_fraction=1.8, alpha_beta=3, target_bed=value, model=model)
    assert caught.value.argument == "model"
    assert "solve for the dose per fraction in 42 fractions" in str(caught.value)
    # a scheme of another number of fractions does not fit the pattern: refused, naming both
    with pytest.raises(fr.FractionationError) as caught:
        fr.bed(dose_per_fraction=2.0, n_fractions=30, alpha_beta=3, model=model)
    assert (caught.value.argument, caught.value.value) == ("n_fractions", 30)
    assert caught.value.expected == "the 42 fractions of the per-day pattern 1x18, 2x12"
    # a pattern of one a day is plain LQ, still only for its own number of fractions
    once = fr.LQ(day_pattern=(1, 1, 1))
    assert fr.bed(dose_per_fraction=2.0, n_fractions=3, alpha_beta=3, model=once) == pytest.approx(6 * (1 + 2 / 3))
    with pytest.raises(fr.FractionationError, match="n_fractions must be the 3 fractions"):
        fr.bed(dose_per_fraction=2.0, n_fractions=4, alpha_beta=3, model=once)


@pytest.mark.parametrize(
    ("make", "argument"),
    [
        (lambda: fr.LQ(day_pattern=(1, 5), interval_hours=6, repair_half_time_hours=4), "day_pattern"),
        (lambda: fr.LQ(day_pattern=(), interval_hours=6, repair_half_time_hours=4), "day_pattern"),
        (lambda: fr.LQ(day_pattern="1x18", interval_hours=6, repair_half_time_hours=4), "day_pattern"),
        (
            lambda: fr.LQ(fractions_per_day=3, day_pattern=(1, 2), interval_hours=6, repair_half_time_hours=4),
            "fractions_per_day",
        ),
        (lambda: fr.LQ(day_pattern=(1, 2)), "interval_hours"),
        (lambda: fr.LQ(day_pattern=(1, 3), interval_hours=8, repair_half_time_hours=4), "interval_hours"),
    ],
)
def test_a_bad_pattern_on_the_model_is_refused(make, argument: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.FractionationError) as caught:
        make()
    assert caught.value.argument == argument


def test_a_time_correction_uses_the_model_s_days_or_refuses() -> None:
    """Two a day, 69 fractions Monday to Friday: 35 treatment days, the last on day 46 (not 95, once a day)."""
    bid = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    hn = fr.repopulation("hnscc-pedicini-2015")
    twice = fr.Scheme.parse("1.2 Gy x 69", fractions_per_day=2)
    assert fr.compare([twice], [10], model=bid, repopulation=hn)["overall_time"].tolist() == [46]
    with pytest.raises(fr.FractionationError) as caught:  # a scheme scheduled once a day: its T is not the model's
        fr.compare(["1.2 Gy x 69"], [10], model=bid, repopulation=hn)
    assert (caught.value.argument, caught.value.value) == ("schemes", "1.2 Gy x 69")
    with pytest.raises(fr.FractionationError) as caught:
        fr.uncertainty(["1.2 Gy x 69"], [10], model=bid, repopulation=hn, samples=100)
    assert caught.value.argument == "schemes"
    boost = fr.LQ(day_pattern=fr.parse_day_pattern("1x18, 2x12"), interval_hours=6, repair_half_time_hours=4)
    with pytest.raises(fr.FractionationError) as caught:  # a pattern's calendar is not modelled
        fr.compare(["1.8 Gy x 42"], [10], model=boost, repopulation=hn)
    assert caught.value.argument == "repopulation"
    assert fr.compare(["1.8 Gy x 42"], [10], model=boost)["bed"].tolist() == pytest.approx(
        [42 * 1.8 * 1.18 + 1.8**2 / 10 * 2**-1.5 * 24]
    )


def test_an_iso_effect_target_keeps_its_own_days() -> None:
    """As 2 Gy x 35 once a day (EQD2 70 Gy at a/b 3, BED 116.67), in 70 fractions twice daily (H_2 = 2^-1.5).

    By hand: 70 d + 70 (1 + H_2) d^2 / 3 = 116.667, a = 31.5829, so d = (-70 + sqrt(70^2 + 4 a 116.667)) / (2 a)
    = 1.11038 Gy. Applying H to the once-daily target too would ask for BED 132.69 (EQD2 79.62) instead.
    """
    bid = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    table = fr.solve(like="2 Gy x 35", n_fractions=70, alpha_beta=3, model=bid, other_alpha_beta=10).set_index("role")
    assert table.loc["target", "eqd2"] == pytest.approx(70.0, rel=1e-12)
    a = 70 * (1 + 2**-1.5) / 3
    by_hand = (-70 + math.sqrt(70**2 + 4 * a * 70 * (1 + 2 / 3))) / (2 * a)
    assert table.loc["solution", "dose_per_fraction"] == pytest.approx(by_hand, rel=1e-12)
    assert round(by_hand, 5) == 1.11038
    assert table.loc["solution", "eqd2"] == pytest.approx(70.0, rel=1e-12)
    # the other tissue's EQD2 of the twice-daily solution takes H too: 70 d (d (1 + H_2) + 10) / 12
    d = by_hand
    assert table.loc["solution", "other_eqd2"] == pytest.approx(70 * d * (d * (1 + 2**-1.5) + 10) / 12, rel=1e-12)
    assert table.loc["target", "other_eqd2"] == pytest.approx(70.0, rel=1e-12)  # 2 Gy x 35 at any a/b


def test_mixed_days_concomitant_boost_by_hand() -> None:
    """Four days of 1.8 Gy, then a day of 1.8 Gy and a 1.5 Gy boost 6 h later; half-time 4 h, a/b 3.

    By hand: sum d = 10.5; sum d^2 = 5 x 3.24 + 2.25 = 18.45; cross term 2 x 1.8 x 1.5 x phi = 1.909188
    (phi = 2^-1.5 = 0.353553); BED = 10.5 + (18.45 + 1.909188)/3 = 17.286396.
    """
    days = [[1.8]] * 4 + [[1.8, 1.5]]
    value = fr.bed_of_days(days, alpha_beta=3, interval_hours=6, repair_half_time_hours=4)
    assert value == pytest.approx(10.5 + (18.45 + 2 * 1.8 * 1.5 * 2**-1.5) / 3, rel=1e-12)
    assert round(value, 4) == 17.2864
    # equal doses reduce to Thames' H day by day: the same as LQ(fractions_per_day=2) on 69 x 1.2 Gy
    twice = [[1.2, 1.2]] * 34 + [[1.2]]
    model = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    assert fr.bed_of_days(twice, alpha_beta=3, interval_hours=6, repair_half_time_hours=4) == pytest.approx(
        fr.bed(dose_per_fraction=1.2, n_fractions=69, alpha_beta=3, model=model), rel=1e-12
    )
    with pytest.raises(
        fr.FractionationError, match="interval_hours must be a number of hours when a day has more than one fraction"
    ):
        fr.bed_of_days(days, alpha_beta=3)
    with pytest.raises(
        fr.FractionationError,
        match="days must be a list of days, each a list of 1 to 4 doses \\(Gy\\), got list \\[\\] at index 1",
    ):
        fr.bed_of_days([[2.0], []], alpha_beta=3)


def test_usc_takes_a_stated_beta_or_alpha_beta_and_says_which() -> None:
    """Park's beta as quoted, 0.038 (a/b 8.68), beside the derived 0.03835 (a/b 8.605)."""
    derived, stated, by_ratio = fr.USC(), fr.USC(beta=0.038), fr.USC(alpha_beta=8.68)
    assert derived.beta == pytest.approx(0.03835, abs=1e-6)
    assert derived.beta_basis == "derived"
    assert stated.alpha_beta == pytest.approx(8.684, abs=5e-4)
    assert stated.beta_basis == "stated"
    assert by_ratio.beta == pytest.approx(0.33 / 8.68)
    assert by_ratio.beta_basis == "stated"
    assert "beta 0.038 stated" in stated.name
    assert "beta 0.03835 derived" in derived.name
    assert stated.transition_dose == derived.transition_dose
    # 8.68 is accepted with the stated beta; the LQ branch uses it; above DT the line is the same
    low = fr.bed(dose_per_fraction=2, n_fractions=30, alpha_beta=8.68, model=by_ratio)
    assert low == pytest.approx(60 * (1 + 2 / 8.68))
    assert fr.bed(dose_per_fraction=24, n_fractions=1, alpha_beta=8.68, model=by_ratio) == pytest.approx(
        fr.bed(dose_per_fraction=24, n_fractions=1, alpha_beta=derived.alpha_beta, model=derived)
    )


def test_models_follow_through_courses_tables_and_checks() -> None:
    usc = fr.USC()
    ab = usc.alpha_beta
    h = fr.History.of([fr.Course.of("3 Gy x 10"), fr.Course.of("24 Gy x 1", months_after=12, stereotactic=True)])
    sbrt = fr.bed(dose_per_fraction=24, n_fractions=1, alpha_beta=ab, model=usc)
    assert h.planned.bed(ab, usc) == pytest.approx(sbrt)
    assert sbrt < h.planned.bed(ab)
    table = fr.cumulative(h, [ab], model=usc)
    assert table["bed"].iloc[-1] == pytest.approx(30 * (1 + 3 / ab) + sbrt)
    assert table["eqd2"].iloc[-1] == pytest.approx(table["bed"].iloc[-1] / (1 + 2 / ab))
    checks = {c.rule.id: c for c in fr.check_plan(h, model=usc)}  # alpha_beta: the cord's 2 Gy, the limits' basis
    sahgal = checks["sahgal-2012-cumulative"]
    assert sahgal.value_under_model == pytest.approx(table["eqd2"].iloc[-1])  # USC at its own alpha/beta, beside
    assert sahgal.value == pytest.approx(fr.cumulative(h, [2.0])["eqd2"].iloc[-1])  # the verdict's: LQ at 2 Gy
    assert any("model USC" in a for a in sahgal.assumptions)
    lql = fr.LQL(transition_dose=6)
    report = fr.reirradiation_report(h, model=lql)
    assert report.model == lql.name
    assert report.courses["bed_under_model"].iloc[1] == pytest.approx(
        fr.bed(dose_per_fraction=24, n_fractions=1, alpha_beta=2, model=lql)
    )
    with pytest.raises(fr.FractionationError, match=r"not USC's \(8.605 Gy derived, 8.684 Gy as quoted\)"):
        fr.check_plan(h, alpha_beta=ab, model=usc)  # USC's own alpha/beta is not the cord's


def test_a_model_of_ones_own_satisfies_the_protocol() -> None:
    class Halved:
        name = "half of LQ"

        def bed_per_fraction(self, d, alpha_beta):  # type: ignore[no-untyped-def]
            return 0.5 * d * (1 + d / alpha_beta)

        def bed(self, d, n, alpha_beta):  # type: ignore[no-untyped-def]
            return self.bed_per_fraction(d, alpha_beta) * n

        def reference_bed_per_gy(self, x, alpha_beta):  # type: ignore[no-untyped-def]
            return 1 + x / alpha_beta

        def dose_for(self, per_fraction, alpha_beta, n_fractions=None):  # type: ignore[no-untyped-def]
            raise NotImplementedError

        def check_alpha_beta(self, alpha_beta):  # type: ignore[no-untyped-def]
            return alpha_beta

    model: fr.Model = Halved()
    assert fr.bed(dose_per_fraction=2, n_fractions=25, alpha_beta=2, model=model) == 50.0


# --- solving ---------------------------------------------------------------------------------------

MODELS = [None, fr.LQL(transition_dose=6), fr.USC()]


@pytest.mark.parametrize("model", MODELS, ids=["LQ", "LQL", "USC"])
@given(d=positive_doses_per_fraction, n=fraction_counts, n2=fraction_counts, alpha_beta=alpha_betas)
def test_solve_then_compute_returns_the_target(model, d: float, n: int, n2: int, alpha_beta: float) -> None:  # type: ignore[no-untyped-def]
    ab = fr.USC().alpha_beta if isinstance(model, fr.USC) else alpha_beta
    target = fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=ab, model=model)
    try:
        solved = fr.solve_dose_per_fraction(n_fractions=n2, alpha_beta=ab, target_eqd2=target, model=model)
    except fr.FractionationError as error:  # out of reach: more than 100 Gy per fraction
        assert error.argument == "target_eqd2"  # noqa: PT017
        assume(False)
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
    try:
        solution = fr.solve_n_fractions(dose_per_fraction=d2, alpha_beta=alpha_beta, target_eqd2=target)
    except fr.FractionationError as error:  # out of reach: more than 1000 fractions
        assert error.argument == "dose_per_fraction, target_eqd2"  # noqa: PT017
        assume(False)
    assert solution.exact * fr.eqd2(dose_per_fraction=d2, n_fractions=1, alpha_beta=alpha_beta) == pytest.approx(
        target, rel=1e-9
    )
    assert solution.n_fractions in (max(1, round(solution.exact)), math.ceil(solution.exact))
    assert solution.dose_per_fraction <= 100
    assert solution.scheme.eqd2(alpha_beta) == pytest.approx(target, rel=1e-9)


def test_isoeffective_scheme_reports_the_other_tissue() -> None:
    iso = fr.isoeffective_scheme(fr.Scheme.parse("3 Gy x 10"), n_fractions=5, alpha_beta=10, other_alpha_beta=2)
    assert iso.converted.eqd2(10) == pytest.approx(32.5, rel=1e-12)
    assert iso.other_eqd2_original == pytest.approx(37.5)
    assert iso.other_change == pytest.approx(iso.converted.eqd2(2) - 37.5)
    assert iso.other_change > 0  # fewer, larger fractions: more for the cord


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"n_fractions": 5, "alpha_beta": 10}, "target_eqd2, target_bed"),
        ({"n_fractions": 5, "alpha_beta": 10, "target_eqd2": 30, "target_bed": 40}, "target_eqd2, target_bed"),
        ({"n_fractions": 5, "alpha_beta": 10, "target_eqd2": -3}, "target_eqd2"),
        ({"n_fractions": 0, "alpha_beta": 10, "target_eqd2": 30}, "n_fractions"),
        ({"n_fractions": 5, "alpha_beta": 0, "target_eqd2": 30}, "alpha_beta"),
        ({"n_fractions": 1, "alpha_beta": 10, "target_eqd2": 1e300}, "target_eqd2"),  # once answered NaN
        ({"n_fractions": 1, "alpha_beta": 10, "target_eqd2": 5000}, "target_eqd2"),  # 270 Gy per fraction
    ],
)
def test_solver_refuses_bad_input(kwargs: dict[str, float], argument: str) -> None:
    with pytest.raises(fr.FractionationError) as caught:
        fr.solve_dose_per_fraction(**kwargs)
    assert caught.value.argument == argument


# --- alpha/beta ranges -----------------------------------------------------------------------------


def test_range_over_alpha_beta_is_exact_for_eqd2() -> None:
    r = fr.over_alpha_beta(fr.eqd2, (8, 12), dose_per_fraction=8, n_fractions=3)
    assert r.low == fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=12)
    assert r.high == fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=8)
    with pytest.raises(fr.FractionationError, match=r"^interval must be a pair \(low, high\) with low <= high"):
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
        ({"weekdays": ["Funday"]}, "weekdays must be a list of weekday names .*, got 'Funday' at index 0"),
        ({"weekdays": []}, "at least one, got \\[\\]"),
        ({"weekdays": ["Mon"], "fractions_per_week": 3}, "fractions_per_week must be 1: 1 weekdays x 1 a day, got 3"),
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
    ("kwargs", "argument"),
    [
        ({"kickoff_days": 21}, "dprolif_gy_per_day, alpha_per_gy, tpot_days"),
        (
            {"kickoff_days": 21, "dprolif_gy_per_day": 0.7, "alpha_per_gy": 0.3},
            "dprolif_gy_per_day, alpha_per_gy, tpot_days",
        ),
        ({"kickoff_days": -1, "dprolif_gy_per_day": 0.7}, "kickoff_days"),
        ({"kickoff_days": 21, "alpha_per_gy": 0.3}, "tpot_days"),
    ],
)
def test_bad_repopulation_parameters(kwargs: dict[str, float], argument: str) -> None:
    with pytest.raises(fr.FractionationError) as caught:
        fr.Repopulation(**kwargs)
    assert caught.value.argument == argument


def test_compare_with_model_and_repopulation_columns() -> None:
    preset = fr.repopulation("hnscc-pedicini-2015")
    table = fr.compare(
        [fr.Scheme.parse("2 Gy x 35"), "7 Gy x 5"], [10], model=fr.LQL(transition_dose=6), repopulation=preset
    )
    assert table["model"].iloc[0].startswith("LQ-L")
    assert table["overall_time"].tolist() == [46, 4]  # 7 weeks Mon-Fri: the last is Friday, day 46
    assert table["eqd2_repopulation"].iloc[1] == 0
    assert table["eqd2_time_corrected"].iloc[0] == pytest.approx(table["eqd2"].iloc[0] - 0.69 * (46 - 19.2))
