"""Re-irradiation: cumulative dose across courses, and the tolerance rules just inside and outside their limits."""

from __future__ import annotations

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


def test_recovery_discount_is_applied_to_earlier_courses_and_shown() -> None:
    h = history(fr.Course.of("30 Gy/10"), fr.Course.of("6 Gy x 2", months_after=13, stereotactic=True))
    recovery = fr.Recovery(((6, 0.25), (12, 0.5)))
    table = fr.cumulative(h, [2], recovery=recovery)
    assert table["recovery_discount"].tolist()[:2] == [0.5, 0.0]
    assert table.iloc[0]["bed"] == pytest.approx(75 * 0.5)
    assert table.iloc[0]["bed_before_discount"] == 75
    checks = {c.rule.id: c for c in fr.check_plan(h, recovery=recovery)}
    assert checks["sahgal-2012-cumulative"].value == pytest.approx(37.5 * 0.5 + 24)
    assert checks["sahgal-2012-cumulative"].assumptions == (
        "recovery discount applied: 25% after 6 months, 50% after 12 months",
    )
    assert checks["nieder-2006-each-course"].assumptions == ()


def test_dates_give_the_intervals() -> None:
    h = history(
        fr.Course.of("20 Gy/5", date=datetime.date(2026, 1, 5)),
        fr.Course.of("8 Gy x 1", date=datetime.date(2026, 7, 6)),
    )
    assert h.intervals_days == [182.0]
    assert fr.cumulative(h, [2])["interval_months"].iloc[1] == pytest.approx(182 / (365.25 / 12))


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
        (lambda: fr.History.of([]), "a history needs at least one course"),
        (
            lambda: history(fr.Course.of("8 Gy x 1"), fr.Course.of("8 Gy x 1")),
            "course 2 \\(8 Gy x 1\\) needs an interval",
        ),
        (
            lambda: fr.Course.of("8 Gy x 1", months_after=-2),
            "months_after must be a number of months, 0 or more, got -2",
        ),
        (lambda: fr.Course.parse(""), "a course must be written as schemes joined by"),
        (lambda: fr.cumulative(history(fr.Course.of("8 Gy x 1")), []), "give at least one alpha/beta"),
        (lambda: fr.Recovery(((6, 1.0),)), "from 0 up to \\(not including\\) 1"),
        (
            lambda: history(
                fr.Course.of("8 Gy x 1", date=datetime.date(2026, 5, 1)),
                fr.Course.of("8 Gy x 1", date=datetime.date(2026, 1, 1)),
            ),
            "dated before",
        ),
        (
            lambda: history(
                fr.Course.of("8 Gy x 1", date=datetime.date(2026, 5, 1)), fr.Course.of("8 Gy x 1", months_after=2)
            ),
            "give every course a date",
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
