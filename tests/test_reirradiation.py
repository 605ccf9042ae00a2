"""Re-irradiation: cumulative dose across courses, and the tolerance rules just inside and outside their limits."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

import fractionation as fr
from fractionation._data import schemes_dir


def history(*courses: fr.Course) -> fr.History:
    return fr.History.of(courses)


def test_published_figures() -> None:
    """Nieder 2006: 25 x 2 Gy is BED 100 Gy2 and 75 Gy4; Voyant 2014: two courses of 8 Gy x 1, EQD2 40 Gy at a/b 2."""
    course = fr.Course.of("2 Gy x 25")
    assert course.bed(2) == 100.0
    assert course.bed(4) == 75.0
    table = fr.cumulative(history(fr.Course.of("8 Gy x 1"), fr.Course.of("8 Gy x 1", months_after=3)), [2])
    assert table.iloc[-1]["eqd2"] == 40.0


def test_unequal_fractions_sum_per_fraction_not_through_an_average() -> None:
    boost = fr.Course.parse("20 Gy/5 + 2 Gy x 5")
    per_fraction = fr.bed(dose_per_fraction=4, n_fractions=5, alpha_beta=2) + fr.bed(
        dose_per_fraction=2, n_fractions=5, alpha_beta=2
    )
    average = fr.bed(dose_per_fraction=3, n_fractions=10, alpha_beta=2)
    assert boost.bed(2) == per_fraction == 80.0
    assert average == 75.0  # the average would understate it


def test_shares_intervals_and_tissues() -> None:
    h = history(fr.Course.of("30 Gy/10"), fr.Course.of("6 Gy x 2", months_after=8))
    table = fr.cumulative(h, [2, 4])
    cord = table[table["alpha_beta"] == 2]
    assert cord["eqd2"].tolist() == pytest.approx([37.5, 24.0, 61.5])
    assert cord["share"].tolist() == pytest.approx([37.5 / 61.5, 24 / 61.5, 1.0])
    assert cord["interval_months"].iloc[1] == pytest.approx(8.0)
    lumbar = table[table["alpha_beta"] == 4]
    assert lumbar.iloc[-1]["bed"] == pytest.approx(fr.Course.of("30 Gy/10").bed(4) + fr.Course.of("6 Gy x 2").bed(4))


def test_recovery_discount_is_shown_beside_the_undiscounted_sum() -> None:
    h = history(fr.Course.of("30 Gy/10"), fr.Course.of("6 Gy x 2", months_after=13, stereotactic=True))
    recovery = fr.Recovery(((6, 0.25), (12, 0.5)))
    table = fr.cumulative(h, [2], recovery=recovery)
    assert table["recovery_discount"].tolist()[:2] == [0.5, 0.0]
    assert table["bed"].tolist() == [75.0, 48.0, 123.0]  # the sum the limits were derived from
    assert table["bed_assuming_recovery"].tolist() == [37.5, 48.0, 85.5]
    assert table["eqd2_assuming_recovery"].iloc[-1] == pytest.approx(42.75)
    checks = {c.rule.id: c for c in fr.check_plan(h, recovery=recovery)}
    assert checks["sahgal-2012-cumulative"].value == 61.5
    assert checks["sahgal-2012-cumulative"].value_assuming_recovery == pytest.approx(37.5 * 0.5 + 24)
    assert checks["sahgal-2012-cumulative"].assumptions == (
        "assumption, not the limit's basis: recovery 25% after 6 months, 50% after 12 months",
    )
    assert checks["nieder-2006-each-course"].assumptions == ()
    assert checks["nieder-2006-each-course"].value_assuming_recovery is None
    assert "bed_assuming_recovery" not in fr.cumulative(h, [2]).columns


def test_the_issue_example_recovery_never_passes_a_rule_derived_without_it() -> None:
    """Issue #10: cord 2 Gy x 25, then 4 Gy x 5 twelve months later: BED 160 Gy2, Nieder EXCEEDED, with recovery too."""
    h = history(fr.Course.of("2 Gy x 25"), fr.Course.of("4 Gy x 5", months_after=12))
    for recovery in (None, fr.Recovery()):
        check = {c.rule.id: c for c in fr.check_plan(h, recovery=recovery)}["nieder-2006-cumulative"]
        assert check.value == 160.0
        assert check.holds is False
        assert str(check).startswith("Re-irradiation: cumulative BED: 160.00 Gy, limit at most 135.5 Gy: EXCEEDED")
    assert check.value_assuming_recovery == 110.0  # shown only as an assumption
    assert check.passes_only_assuming_recovery
    assert "an assumption the limit does not make" in str(check)
    report = fr.reirradiation_report(h, recovery=fr.Recovery())
    assert report.verdict.startswith("FAILS: 2 of 3 rules")
    assert "The recovery assumption would pass some of them" in report.verdict
    assert report.cumulative_eqd2 == 80.0
    assert report.cumulative_eqd2_assuming_recovery == 55.0


ISSUE_EXAMPLE = ("2 Gy x 25", "4 Gy x 5")


@pytest.mark.parametrize("model", [fr.USC(), fr.USC(beta=0.038), fr.LQL(transition_dose=1.0)], ids=str)
def test_the_issue_example_a_model_never_passes_a_rule_derived_with_lq(model: fr.Model) -> None:
    """Issue #10: BED 160 Gy2 fails Nieder under LQ at the cord's 2 Gy; USC (at its own 8.6) and LQ-L would pass it."""
    h = history(fr.Course.of(ISSUE_EXAMPLE[0]), fr.Course.of(ISSUE_EXAMPLE[1], months_after=12))
    checks = {c.rule.id: c for c in fr.check_plan(h, model=model)}
    cumulative, each = checks["nieder-2006-cumulative"], checks["nieder-2006-each-course"]
    assert (cumulative.value, each.value) == (160.0, 100.0)  # LQ at alpha/beta 2, the limits' basis
    assert not cumulative.holds
    assert not each.holds
    model_ab = getattr(model, "alpha_beta", 2.0)
    expected = sum(fr.Course.of(text).bed(model_ab, model) for text in ISSUE_EXAMPLE)
    assert cumulative.value_under_model == pytest.approx(expected)
    assert cumulative.value_under_model < 135.5  # the model alone would have passed it
    assert cumulative.passes_only_under_model
    assert each.passes_only_under_model
    assert (cumulative.model, cumulative.model_alpha_beta) == (model.name, model_ab)
    assert cumulative.mark_under_model == "holds"
    assert f"(under {model.name}: {expected:.2f} Gy, holds; an assumption the limit does not make)" in str(cumulative)
    assert checks["nieder-2006-interval"].value_under_model is None  # months: no model changes them
    report = fr.reirradiation_report(h, model=model)
    assert report.failing == (cumulative, each)
    assert report.verdict.startswith(
        "FAILS: 2 of 3 rules that apply do not hold (Re-irradiation: cumulative BED EXCEEDED; Re-irradiation: BED of "
        "each course EXCEEDED), on the limits' basis (LQ at the cord's alpha/beta 2 Gy). "
        f"Under {model.name}, 2 of them would hold"
    )  # fmt: skip
    assert "All 3" not in report.verdict
    assert (report.alpha_beta, report.model_alpha_beta) == (2.0, model_ab)
    assert report.courses["eqd2"].tolist() == [50.0, 30.0, 80.0]
    assert report.courses["bed_under_model"].iloc[-1] == pytest.approx(expected)
    assert report.cumulative_eqd2 == 80.0
    assert report.cumulative_eqd2_under_model == pytest.approx(report.courses["eqd2_under_model"].iloc[-1])
    assert report.timeline["cumulative_eqd2"].tolist()[:4] == [0.0, 50.0, 50.0, 80.0]
    assert report.timeline["cumulative_eqd2_under_model"].iloc[-1] == pytest.approx(report.cumulative_eqd2_under_model)
    assert [limit.eqd2 for limit in report.limits] == [135.5 / 2]  # the limit on its basis, LQ at 2 Gy
    table = report.checks_table()
    assert table["verdict"].tolist() == ["EXCEEDED", "EXCEEDED", "holds"]
    assert table["verdict_under_model"].tolist()[:2] == ["holds", "holds"]


def test_a_model_stricter_than_the_limits_basis_is_said_too() -> None:
    """Holding under LQ at 2 Gy but not under a steep LQ-L: the verdict holds, and says the model would not."""
    h = history(fr.Course.of("2 Gy x 20"), fr.Course.of("2 Gy x 10", months_after=12))
    steep = fr.LQL(transition_dose=1.0, slope_ratio=10.0)
    report = fr.reirradiation_report(h, model=steep)
    assert all(c.holds for c in report.checks)
    assert report.verdict == (
        "All 3 rules that apply hold, each on its source's basis (LQ at the cord's alpha/beta 2 Gy). Under LQ-L (dT 1 "
        "Gy, gamma/alpha 10), 2 of them would NOT hold (Re-irradiation: cumulative BED; Re-irradiation: BED of each "
        "course): this model is stricter here than the limits' basis; weigh it."
    )  # fmt: skip
    cumulative = report.checks[0]
    assert cumulative.value == 120.0
    assert cumulative.value_under_model == pytest.approx(30 * (1.5 + 10))
    assert cumulative.fails_only_under_model
    assert cumulative.mark_under_model == "EXCEEDED"
    assert fr.reirradiation_report(h).verdict == "All 3 rules that apply hold, each on its source's basis."


def test_under_lq_nothing_is_shown_beside() -> None:
    h = history(fr.Course.of(ISSUE_EXAMPLE[0]), fr.Course.of(ISSUE_EXAMPLE[1], months_after=12))
    report = fr.reirradiation_report(h, model=fr.LQ())
    assert all(c.value_under_model is None and c.mark_under_model is None for c in report.checks)
    assert "eqd2_under_model" not in report.courses.columns
    assert "cumulative_eqd2_under_model" not in report.timeline.columns
    assert report.cumulative_eqd2_under_model is None
    assert report.model_alpha_beta == report.alpha_beta == 2.0


@pytest.mark.parametrize("usc", [fr.USC(), fr.USC(beta=0.038)], ids=str)
def test_usc_own_alpha_beta_given_as_the_cord_is_refused(usc: fr.USC) -> None:
    """Before, USC took its own alpha/beta here; read now as the cord's, it would move the limits' basis: refused."""
    h = history(fr.Course.of(ISSUE_EXAMPLE[0]), fr.Course.of(ISSUE_EXAMPLE[1], months_after=12))
    for call in (fr.check_plan, fr.reirradiation_report):
        with pytest.raises(fr.FractionationError) as caught:
            call(h, alpha_beta=usc.alpha_beta, model=usc)
        assert caught.value.argument == "alpha_beta"
        assert "not USC's (8.605 Gy derived, 8.684 Gy as quoted)" in str(caught.value)
    lumbar = fr.reirradiation_report(h, alpha_beta=fr.tissue("cord-lumbar"), model=usc)
    assert (lumbar.alpha_beta, lumbar.model_alpha_beta) == (4.0, usc.alpha_beta)
    assert lumbar.checks[0].value == 75.0 + 5 * 4 * (1 + 4 / 4)  # LQ at the lumbar cord's 4 Gy


def test_a_rule_derived_with_recovery_sums_with_its_own_model() -> None:
    nieder = fr.tolerance_rule("nieder-2006-cumulative")
    with_recovery = dataclasses.replace(nieder, id="recovered", basis="summed with recovery",
                                        recovery=fr.Recovery(((6, 0.25), (12, 0.5))))  # fmt: skip
    h = history(fr.Course.of("2 Gy x 25"), fr.Course.of("4 Gy x 5", months_after=12))
    (check,) = fr.check_plan(h, rules=[with_recovery])
    assert check.value == 110.0
    assert check.holds
    assert check.assumptions == ("summed with the source's recovery model: 25% after 6 months, 50% after 12 months",)
    (same,) = fr.check_plan(h, rules=[with_recovery], recovery=fr.Recovery(((6, 0.25), (12, 0.5))))
    assert same.value_assuming_recovery is None  # the user's assumption is the rule's own basis
    with pytest.raises(fr.FractionationError, match="recovery must be a Recovery, got None"):
        dataclasses.replace(nieder, basis="summed with recovery")


def test_every_rule_states_its_basis() -> None:
    for rule in fr.tolerance_rules():
        if rule.applies == "de novo":
            assert rule.basis == "one course"
        else:
            assert rule.basis == "summed without recovery"
            assert "no recovery discount" in rule.basis_quote


# --- calendar intervals --------------------------------------------------------------------------


def dated(*pairs: tuple[str, datetime.date]) -> fr.History:
    return history(*(fr.Course.of(text, date=day) for text, day in pairs))


def test_dates_give_calendar_months_and_days() -> None:
    """Issue #10: 1 January to 1 July 2024 is 6 months (182 days), so Nieder's 6-month condition is met."""
    h = dated(("20 Gy/5", datetime.date(2024, 1, 1)), ("8 Gy x 1", datetime.date(2024, 7, 1)))
    assert h.intervals == (fr.Interval(months=6.0, days=182),)
    table = fr.cumulative(h, [2])
    assert table["interval_months"].iloc[1] == 6.0
    assert table["interval_days"].iloc[1] == 182
    assert {c.rule.id: c.holds for c in fr.check_plan(h)}["nieder-2006-interval"] is True
    a_day_short = dated(("20 Gy/5", datetime.date(2024, 1, 1)), ("8 Gy x 1", datetime.date(2024, 6, 30)))
    assert {c.rule.id: c.holds for c in fr.check_plan(a_day_short)}["nieder-2006-interval"] is False


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ((2024, 1, 31), (2024, 4, 30), 3.0),  # the day clamps to April's last
        ((2024, 1, 31), (2024, 2, 29), 1.0),  # leap year
        ((2023, 1, 31), (2023, 2, 28), 1.0),
        ((2024, 2, 29), (2025, 2, 28), 12.0),  # from a leap day: 29 February clamps to 28 February
        ((2024, 2, 29), (2024, 3, 29), 1.0),
        ((2023, 3, 31), (2023, 4, 30), 1.0),
        ((2024, 1, 1), (2024, 1, 1), 0.0),
        ((2024, 1, 1), (2024, 1, 16), 15 / 31),  # 15 of January's 31 days
        ((2024, 2, 1), (2024, 2, 15), 14 / 29),  # 14 of a leap February's 29 days
        ((2023, 2, 1), (2023, 2, 15), 14 / 28),
        ((2024, 1, 31), (2024, 2, 28), 28 / 29),  # not yet a month: 31 January + 1 month is 29 February
        ((2023, 12, 15), (2024, 6, 15), 6.0),  # across a year end
    ],
)
def test_calendar_months_at_month_ends_and_leap_years(start, end, months: float) -> None:  # type: ignore[no-untyped-def]
    assert fr.calendar_months(datetime.date(*start), datetime.date(*end)) == pytest.approx(months, abs=1e-12)


def test_an_interval_in_months_stays_as_given() -> None:
    h = history(fr.Course.of("20 Gy/5"), fr.Course.of("8 Gy x 1", months_after=6))
    assert h.intervals == (fr.Interval(months=6.0, days=None),)
    assert fr.cumulative(h, [2])["interval_months"].iloc[1] == 6.0  # exactly: no days-per-month round trip
    assert {c.rule.id: c.value for c in fr.check_plan(h)}["nieder-2006-interval"] == 6.0


def test_months_before_planned_count_from_each_date() -> None:
    h = dated(("8 Gy x 1", datetime.date(2023, 1, 31)), ("8 Gy x 1", datetime.date(2023, 7, 31)),
              ("8 Gy x 1", datetime.date(2024, 1, 31)))  # fmt: skip
    assert h.months_before_planned() == [12.0, 6.0, 0.0]
    assert fr.Recovery().discounts(h)
    assert fr.cumulative(h, [2], recovery=fr.Recovery())["recovery_discount"].tolist()[:3] == [0.5, 0.25, 0.0]


# --- every rule, just inside and just outside its limit ------------------------------------------

PRIOR = fr.Course.of("2 Gy x 10")  # BED 40 Gy2, EQD2 20 Gy


def plan_for(rule: fr.Rule, value: float) -> fr.History:
    """A history whose measured value for ``rule`` is ``value``, all else unremarkable."""
    n = rule.n_fractions or (2 if rule.stereotactic else 10)
    stereo = bool(rule.stereotactic)

    def course(target_bed: float, months: float | None = None) -> fr.Course:
        d = fr.solve_dose_per_fraction(n_fractions=n, alpha_beta=2, target_bed=target_bed)
        return fr.Course.of(fr.Scheme(dose_per_fraction=d, n_fractions=n), months_after=months, stereotactic=stereo)

    if rule.applies == "de novo":
        if rule.measure == "course_physical":
            return history(fr.Course.of(fr.Scheme(dose_per_fraction=value / n, n_fractions=n), stereotactic=stereo))
        return history(course(value * 2))  # course_eqd2 at a/b 2: BED = 2 EQD2
    if rule.measure == "course_eqd2":
        return history(PRIOR, course(value * 2, months=12))
    if rule.measure == "each_course_bed":
        d = fr.solve_dose_per_fraction(n_fractions=25, alpha_beta=2, target_bed=value)
        return history(fr.Course.of(fr.Scheme(dose_per_fraction=d, n_fractions=25)), course(20, months=12))
    if rule.measure == "cumulative_bed":
        return history(PRIOR, course(value - 40, months=12))
    if rule.measure == "cumulative_eqd2":
        return history(PRIOR, course(2 * (value - 20), months=12))
    if rule.measure == "planned_share":
        return history(PRIOR, course(2 * 20 * value / (1 - value), months=12))
    assert rule.measure == "shortest_interval_months"
    return history(PRIOR, course(20, months=value))


@pytest.mark.parametrize("rule", fr.tolerance_rules(), ids=lambda r: r.id)
@pytest.mark.parametrize("side", ["inside", "outside"])
def test_each_rule_just_inside_and_just_outside(rule: fr.Rule, side: str) -> None:
    step = 0.01 * (1 if rule.measure != "planned_share" else 0.1)
    inside = side == "inside"
    toward_safe = -step if rule.comparison == "at most" else step
    value = rule.limit + (toward_safe if inside else -toward_safe)
    checks = {c.rule.id: c for c in fr.check_plan(plan_for(rule, value))}
    assert rule.id in checks, f"{rule.id} did not apply to the plan built for it"
    assert checks[rule.id].value == pytest.approx(value, rel=1e-9)
    assert checks[rule.id].holds is inside


def test_every_rule_is_cited_and_states_its_quantity_and_alpha_beta() -> None:
    for rule in fr.tolerance_rules():
        assert rule.source.citation
        assert rule.quantity
        if rule.measure not in ("course_physical", "shortest_interval_months"):
            assert rule.alpha_beta == 2.0


# --- worked examples (README and docs) -----------------------------------------------------------


def verdicts(h: fr.History, **kw: object) -> dict[str, bool]:
    return {c.rule.id: c.holds for c in fr.check_plan(h, **kw)}  # type: ignore[arg-type]


def test_example_8_gy_then_20_gy_in_5_sc20() -> None:
    """SC.20 re-treated from 4 weeks on: the cumulative dose is fine, Nieder's 6-month interval is not met."""
    h = history(fr.Course.of("8 Gy x 1"), fr.Course.of("20 Gy/5", months_after=1))
    assert verdicts(h) == {
        "nieder-2006-cumulative": True,
        "nieder-2006-each-course": True,
        "nieder-2006-interval": False,
    }
    assert fr.cumulative(h, [2]).iloc[-1]["bed"] == 100.0


def test_example_30_gy_then_spine_sbrt_24_gy_in_2() -> None:
    """If the cord received the full 24 Gy/2 the SBRT rules fail; a cord maximum of 6 Gy x 2 passes."""
    at_prescription = history(fr.Course.of("30 Gy/10"), fr.Course.of("24 Gy/2", months_after=6, stereotactic=True))
    assert verdicts(at_prescription)["sahgal-2012-sbrt"] is False
    assert verdicts(at_prescription)["sahgal-2012-cumulative"] is False
    spared = history(fr.Course.of("30 Gy/10"), fr.Course.of("6 Gy x 2", months_after=6, stereotactic=True))
    assert all(verdicts(spared).values())


def test_example_20_gy_in_5_then_8_gy_after_3_months() -> None:
    h = history(fr.Course.of("20 Gy/5"), fr.Course.of("8 Gy x 1", months_after=3))
    assert verdicts(h) == {
        "nieder-2006-cumulative": True,
        "nieder-2006-each-course": True,
        "nieder-2006-interval": False,
    }


def test_lumbar_cord_uses_its_own_alpha_beta_and_says_so() -> None:
    h = history(fr.Course.of("20 Gy/5"), fr.Course.of("8 Gy x 1", months_after=8))
    (cumulative, *_) = fr.check_plan(h, alpha_beta=4)
    assert cumulative.value == pytest.approx(fr.Course.of("20 Gy/5").bed(4) + fr.Course.of("8 Gy x 1").bed(4))
    assert cumulative.assumptions == ("alpha/beta 4 Gy used; the source's figure assumes 2 Gy",)


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: fr.History.of([]), "courses must be one or more Course objects"),
        (
            lambda: history(fr.Course.of("8 Gy x 1"), fr.Course.of("8 Gy x 1")),
            "courses must be a course with months_after \\(or every course with a date\\), got '8 Gy x 1' at index 1",
        ),
        (
            lambda: fr.Course.of("8 Gy x 1", months_after=-2),
            "months_after must be a number of months from 0 to 1200, got -2",
        ),
        (lambda: fr.Course.parse(""), "text must be schemes joined by"),
        (
            lambda: fr.cumulative(history(fr.Course.of("8 Gy x 1")), []),
            "alpha_betas must be a list of alpha/beta values",
        ),
        (lambda: fr.Recovery(((6, 1.0),)), "from 0 up to \\(not including\\) 1"),
        (
            lambda: history(
                fr.Course.of("8 Gy x 1", date=datetime.date(2026, 5, 1)),
                fr.Course.of("8 Gy x 1", date=datetime.date(2026, 1, 1)),
            ),
            "courses must be a date not before the course it follows \\(2026-05-01\\)",
        ),
        (
            lambda: history(
                fr.Course.of("8 Gy x 1", date=datetime.date(2026, 5, 1)), fr.Course.of("8 Gy x 1", months_after=2)
            ),
            "courses must be every course with a date, or every course after the first with months_after",
        ),
        (lambda: fr.check_plan("30 Gy/10"), "history must be a History"),
    ],
)
def test_bad_input_is_refused(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.FractionationError, match=message):
        make()


def test_a_tolerance_file_with_a_missing_source_fails_naming_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (schemes_dir() / "tolerances.toml").read_text(encoding="utf-8")
    broken = tmp_path / "tolerances.toml"
    broken.write_text(text.replace('source = "nieder-2006"', 'source = "nieder-2007"', 1), encoding="utf-8")
    with pytest.raises(
        fr.DataFileError,
        match=r"tolerances.toml: rule\[8\] \('nieder-2006-cumulative'\): field 'source' must be one of",
    ):
        fr.tolerance_rules(path=broken)
    broken.write_text(text.replace('citation = "Nieder C', 'cite = "Nieder C'), encoding="utf-8")
    with pytest.raises(fr.DataFileError, match=r"sources\.nieder-2006: field 'cite' is not a known field"):
        fr.tolerance_rules(path=broken)


def test_limits_as_cumulative_eqd2_agree_with_the_checks() -> None:
    """The app draws these beside the cumulative EQD2: a plan at a line must sit at the BED limit."""
    by_measure = {r.measure: r for r in fr.tolerance_rules()}
    bed_rule, eqd2_rule = by_measure["cumulative_bed"], by_measure["cumulative_eqd2"]
    for ab in (2.0, 4.0):
        limit = bed_rule.limit_as_eqd2(ab)
        assert limit is not None
        assert limit * (1 + 2 / ab) == pytest.approx(bed_rule.limit, rel=1e-12)
    assert eqd2_rule.limit_as_eqd2(2.0) == eqd2_rule.limit
    assert by_measure["shortest_interval_months"].limit_as_eqd2(2.0) is None
    with pytest.raises(fr.FractionationError, match="alpha_beta"):
        bed_rule.limit_as_eqd2(0)


# --- the report ----------------------------------------------------------------------------------


def test_report_timeline_is_steps_from_zero_at_the_courses_dates() -> None:
    h = dated(("2 Gy x 25", datetime.date(2024, 1, 31)), ("4 Gy x 5", datetime.date(2025, 1, 31)))
    report = fr.reirradiation_report(h)
    steps = report.timeline
    assert steps["cumulative_eqd2"].tolist() == [0.0, 50.0, 50.0, 80.0, 80.0]  # jumps when a course is given
    assert steps["month"].tolist()[:4] == [0.0, 0.0, 12.0, 12.0]
    assert steps["date"].tolist()[:4] == [datetime.date(2024, 1, 31)] * 2 + [datetime.date(2025, 1, 31)] * 2
    assert steps["course"].dropna().tolist() == ["2 Gy x 25", "4 Gy x 5"]
    assert steps["month"].iloc[-1] > 12  # the total carries on after the last course
    assert report.cumulative_eqd2 == 80.0
    assert report.cumulative_eqd2_assuming_recovery is None


def test_report_limits_citations_and_the_checks_table() -> None:
    h = history(fr.Course.of("30 Gy/10"), fr.Course.of("24 Gy/2", months_after=6, stereotactic=True))
    report = fr.reirradiation_report(h, alpha_beta=4)
    assert [limit.rule_id for limit in report.limits] == ["nieder-2006-cumulative", "sahgal-2012-cumulative"]
    assert report.limits[0].eqd2 == pytest.approx(135.5 / 1.5)
    assert report.limits[0].label == (
        "Nieder 2006 [1]: cumulative BED, spinal cord at most 135.5 Gy (EQD2 90.3 Gy at α/β 4)"
    )
    assert report.limits[1].label == "Sahgal 2012 [2]: cumulative point maximum, thecal sac at most 70 Gy"
    assert not report.limits[1].holds
    assert len(report.citations) == len(set(report.citations)) == 2
    table = report.checks_table()
    assert table["verdict"].tolist() == [c.mark for c in report.checks]
    assert table["basis"].tolist()[0] == "summed without recovery"
    assert table["basis"].tolist()[1] == ""  # each course's own BED: no sum, no basis to state
    assert any("alpha/beta 4 Gy used" in a for a in table["assumptions"])
    assert report.cautions[0].startswith("LQ is less certain above 10 Gy per fraction")
    assert report.failing == tuple(c for c in report.checks if not c.holds)


def test_report_where_no_rule_applies() -> None:
    report = fr.reirradiation_report(history(fr.Course.of("8 Gy x 1")))
    assert report.checks == ()
    assert report.verdict == "No tolerance rule applies to this history: nothing was checked."
    assert report.limits == ()
    assert report.citations == ()
    assert report.checks_table().empty
    assert report.courses["eqd2"].tolist() == [20.0, 20.0]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: fr.Course.of("8 Gy x 1", date=datetime.date(2024, 1, 1), months_after=2),
            "date, months_after must be one of them, not both",
        ),
        (
            lambda: history(fr.Course.of("8 Gy x 1", months_after=2), fr.Course.of("8 Gy x 1", months_after=2)),
            "courses must be a first course without months_after \\(it follows none\\)",
        ),
        (
            lambda: fr.calendar_months(datetime.date(2024, 5, 1), datetime.date(2024, 1, 1)),
            "start, end must be dates with end not before start",
        ),
        (lambda: fr.calendar_months("2024-01-01", datetime.date(2024, 1, 1)), "start must be a datetime.date"),
        (lambda: fr.reirradiation_report("30 Gy/10"), "history must be a History"),
        (lambda: fr.check_plan(history(fr.Course.of("8 Gy x 1")), recovery="6:0.25"), "recovery must be a Recovery"),
    ],
)
def test_more_bad_input_is_refused(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.FractionationError, match=message):
        make()


def test_incomplete_repair_stays_in_the_verdict() -> None:
    """Thames' H is LQ's BED for twice-daily days, not an assumption beside: without it the plan would pass.

    Hand-computed, alpha/beta 2, 2 a day 6 h apart, repair half-time 4 h: H = 2**-1.5 =
    0.353553. 1.2 Gy x 40: 48 (1 + 0.6 x 1.353553) = 86.982; 1.2 Gy x 30: 65.237;
    cumulative 152.219 > 135.5. Once daily it would be 76.8 + 57.6 = 134.4, which holds.
    """
    history = fr.History.of([fr.Course.of("1.2 Gy x 40"), fr.Course.of("1.2 Gy x 30", months_after=12)])
    twice = fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    once = {c.rule.id: c for c in fr.check_plan(history)}
    checks = {c.rule.id: c for c in fr.check_plan(history, model=twice)}
    assert once["nieder-2006-cumulative"].value == pytest.approx(134.4, abs=1e-9)
    assert once["nieder-2006-cumulative"].holds
    cumulative = checks["nieder-2006-cumulative"]
    assert cumulative.value == pytest.approx(152.219, abs=1e-3)
    assert not cumulative.holds
    assert cumulative.value_under_model is None  # the basis itself, nothing beside
    report = fr.reirradiation_report(history, model=twice)
    assert report.verdict.startswith("FAILS: 1 of 3")
    assert report.cumulative_eqd2 == pytest.approx(152.219 / 2, abs=1e-3)


@pytest.mark.parametrize("alpha_beta", [8.605, 8.684, 8.68])
def test_usc_alpha_beta_derived_or_quoted_is_never_the_cords(alpha_beta: float) -> None:
    """Both of USC's alpha/beta values given as the cord's would move the limits' basis to LQ at 8.6 Gy and pass."""
    h = history(fr.Course.of("2 Gy x 25"), fr.Course.of("4 Gy x 5", months_after=12))
    with pytest.raises(fr.FractionationError) as raised:
        fr.reirradiation_report(h, alpha_beta=alpha_beta, model=fr.USC())
    assert raised.value.argument == "alpha_beta"
    assert "8.605 Gy derived, 8.684 Gy as quoted" in str(raised.value)


def test_a_pass_at_another_alpha_beta_than_the_sources_says_so() -> None:
    """A verdict that holds at an alpha/beta the sources did not assume does not claim their basis."""
    h = history(fr.Course.of("20 Gy/5"), fr.Course.of("8 Gy x 1", months_after=8))
    assert fr.reirradiation_report(h, alpha_beta=4).verdict == (
        "All 3 rules that apply hold, at the cord's alpha/beta 4 Gy; the sources' figures assume 2 Gy, so that "
        "alpha/beta is an input to check."
    )
