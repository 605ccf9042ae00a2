"""Re-irradiation: courses, cumulative BED and EQD2, and checks against cited tolerance figures.

FOR TEACHING: the tolerance figures (schemes/tolerances.toml) must be checked against
the institution's protocol. The doses of a history are the doses the organ at risk
receives (for the spinal cord, its point maximum), not the prescription.

Conventions: an interval runs from the start of one course to the start of the next;
a month is 365.25/12 days. A course whose fractions differ (a boost, an unequal split)
is a list of parts, and its BED sums fraction by fraction, never through an average
dose per fraction.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fractionation._checks import check_alpha_beta
from fractionation._data import tolerance_rules
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._lq import bed, eqd2_of_bed
from fractionation._scheme import Scheme
from fractionation._source import Source

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Course", "History", "Recovery", "Rule", "RuleCheck", "check_plan", "cumulative"]

DAYS_PER_MONTH = 365.25 / 12
MEASURES = ("course_physical", "course_eqd2", "each_course_bed", "cumulative_bed", "cumulative_eqd2",
            "planned_share", "shortest_interval_months")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Course:
    """One course: one or more parts (schemes), given on ``date`` or ``interval_days`` after the previous course.

    ``stereotactic`` marks an SBRT course, which the SBRT tolerance rules need: the
    technique cannot be told from the fractionation (8 Gy x 1 is usually conventional).

    >>> Course.parse("20 Gy/5 + 2 Gy x 5").bed(2)  # a boost: summed part by part
    80.0
    """

    parts: tuple[Scheme, ...]
    date: datetime.date | None = None
    interval_days: float | None = None
    name: str | None = None
    stereotactic: bool = False

    def __post_init__(self) -> None:
        if not self.parts or not all(isinstance(p, Scheme) for p in self.parts):
            raise FractionationError("a course needs at least one part, each a Scheme")
        if self.date is not None and not isinstance(self.date, datetime.date):
            raise WrongTypeError(f"date must be a datetime.date, got {type(self.date).__name__} {self.date!r}")
        if self.interval_days is not None:
            ok = isinstance(self.interval_days, int | float) and not isinstance(self.interval_days, bool)
            if not ok or not math.isfinite(self.interval_days) or self.interval_days < 0:
                raise FractionationError(
                    f"interval_days must be a number of days, 0 or more, got {self.interval_days!r}"
                )

    @classmethod
    def parse(cls, text: str, **fields: Any) -> Course:
        """Parts written as notations joined by '+': ``'20 Gy/5 + 2 Gy x 5'``."""
        if not isinstance(text, str) or not text.strip():
            raise FractionationError(f"a course must be written as schemes joined by '+', got {text!r}")
        return cls(parts=tuple(Scheme.parse(part) for part in text.split("+")), **fields)

    @classmethod
    def of(cls, scheme: Scheme | str, *, months_after: float | None = None, **fields: Any) -> Course:
        """A course of one scheme (or several joined by '+'), ``months_after`` the previous course."""
        days = None if months_after is None else _months(months_after, "months_after") * DAYS_PER_MONTH
        if isinstance(scheme, Scheme):
            fields.setdefault("stereotactic", scheme.intent == "stereotactic")
            return cls(parts=(scheme,), interval_days=days, **fields)
        return cls.parse(scheme, interval_days=days, **fields)

    @property
    def label(self) -> str:
        return self.name or " + ".join(p.label for p in self.parts)

    @property
    def n_fractions(self) -> int:
        return sum(p.n_fractions for p in self.parts)

    @property
    def total_dose(self) -> float:
        return sum(p.total_dose for p in self.parts)

    @property
    def max_dose_per_fraction(self) -> float:
        return max(p.dose_per_fraction for p in self.parts)

    def bed(self, alpha_beta: float) -> float:
        """BED in Gy, summed fraction by fraction over the parts."""
        return float(sum(bed(dose_per_fraction=p.dose_per_fraction, n_fractions=p.n_fractions, alpha_beta=alpha_beta)
                         for p in self.parts))  # fmt: skip

    def eqd2(self, alpha_beta: float) -> float:
        return eqd2_of_bed(self.bed(alpha_beta), alpha_beta)


def _months(value: Any, name: str) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or value < 0:
        raise FractionationError(f"{name} must be a number of months, 0 or more, got {value!r}")
    return float(value)


@dataclass(frozen=True, slots=True)
class History:
    """The courses one site received, in order; the last is the course being planned.

    Either every course has a date, or every course after the first has an interval.
    """

    courses: tuple[Course, ...]

    def __post_init__(self) -> None:
        if not self.courses:
            raise FractionationError("a history needs at least one course")
        if not all(isinstance(c, Course) for c in self.courses):
            raise WrongTypeError("a history's courses must be Course objects")
        dated = [c.date is not None for c in self.courses]
        if any(dated) and not all(dated):
            raise FractionationError("give every course a date, or every course after the first an interval")
        if all(dated):
            for before, after in zip(self.courses, self.courses[1:], strict=False):
                if after.date < before.date:  # type: ignore[operator]
                    raise FractionationError(f"course {after.label!r} is dated before the course it follows")
            return
        for number, course in enumerate(self.courses[1:], start=2):
            if course.interval_days is None:
                raise FractionationError(
                    f"course {number} ({course.label}) needs an interval after the previous course"
                )

    @classmethod
    def of(cls, courses: Iterable[Course]) -> History:
        return cls(courses=tuple(courses))

    @property
    def planned(self) -> Course:
        return self.courses[-1]

    @property
    def intervals_days(self) -> list[float]:
        """Days from each course to the next."""
        if self.courses[0].date is not None:
            return [float((b.date - a.date).days) for a, b in zip(self.courses, self.courses[1:], strict=False)]  # type: ignore[operator]
        return [float(c.interval_days or 0) for c in self.courses[1:]]

    def months_before_planned(self) -> list[float]:
        """For each course, the months from its start to the start of the planned course."""
        gaps = self.intervals_days
        return [sum(gaps[i:]) / DAYS_PER_MONTH for i in range(len(self.courses))]


@dataclass(frozen=True, slots=True)
class Recovery:
    """A discount on an earlier course's BED by the time to the planned course: ``(months, fraction)`` steps.

    The largest step the interval reaches applies. An assumption, always shown when used:
    e.g. 25% after 6 months and 50% after 12 months (Doi and Nieder, Strahlenther Onkol
    2021;197:463, as quoted in this project's reference).

    >>> Recovery(((6, 0.25), (12, 0.5))).fraction(8.0)
    0.25
    """

    steps: tuple[tuple[float, float], ...] = ((6.0, 0.25), (12.0, 0.5))

    def __post_init__(self) -> None:
        for months, part in self.steps:
            _months(months, "recovery months")
            if not (isinstance(part, int | float) and 0 <= part < 1):
                raise FractionationError(f"a recovery fraction must be from 0 up to (not including) 1, got {part!r}")

    @classmethod
    def parse(cls, text: str) -> Recovery:
        """Steps written as ``"6:0.25, 12:0.5"`` (months:fraction, ...).

        >>> str(Recovery.parse("6:0.25, 12:0.5"))
        '25% after 6 months, 50% after 12 months'
        """
        try:
            steps = tuple((float(m), float(f)) for m, f in (part.split(":") for part in str(text).split(",")))
        except ValueError:
            raise FractionationError(
                f"recovery steps must look like 6:0.25, 12:0.5 (months:fraction), got {text!r}"
            ) from None
        return cls(steps)

    def discounts(self, history: History) -> bool:
        """Whether any earlier course of ``history`` is discounted: its time before the planned one reaches a step.

        >>> h = History.of([Course.of("20 Gy/5"), Course.of("8 Gy x 1", months_after=3)])
        >>> Recovery().discounts(h), Recovery(((2, 0.1),)).discounts(h)
        (False, True)
        """
        return any(self.fraction(months) > 0 for months in history.months_before_planned()[:-1])

    def fraction(self, months: float) -> float:
        reached = [part for after, part in self.steps if months >= after]
        return max(reached, default=0.0)

    def __str__(self) -> str:
        return ", ".join(f"{part:.0%} after {months:g} months" for months, part in sorted(self.steps))


def cumulative(history: History, alpha_betas: Sequence[float], *, recovery: Recovery | None = None) -> pd.DataFrame:
    """One row per course and alpha/beta, then a total row per alpha/beta: BED, EQD2, discount and share.

    >>> h = History.of([Course.of("8 Gy x 1"), Course.of("8 Gy x 1", months_after=2)])
    >>> cumulative(h, [2])[["course", "eqd2", "share"]]
         course  eqd2  share
    0  8 Gy x 1  20.0    0.5
    1  8 Gy x 1  20.0    0.5
    2     total  40.0    1.0
    """
    import pandas as pd

    if not isinstance(history, History):
        raise WrongTypeError(f"history must be a History, got {type(history).__name__}")
    ratios = [float(check_alpha_beta(ab)) for ab in alpha_betas]
    if not ratios:
        raise FractionationError("give at least one alpha/beta (Gy) for the tissue")
    months = history.months_before_planned()
    intervals = [math.nan, *(d / DAYS_PER_MONTH for d in history.intervals_days)]
    rows: list[dict[str, Any]] = []
    for ab in ratios:
        course_rows: list[dict[str, Any]] = []
        for index, course in enumerate(history.courses):
            earlier = index < len(history.courses) - 1
            discount = recovery.fraction(months[index]) if (recovery and earlier) else 0.0
            raw = course.bed(ab)
            course_rows.append({
                "course": course.label, "alpha_beta": ab, "interval_months": intervals[index],
                "months_before_planned": months[index], "bed": raw * (1 - discount), "bed_before_discount": raw,
                "recovery_discount": discount,
            })  # fmt: skip
        total = sum(r["bed"] for r in course_rows)
        for r in course_rows:
            r["eqd2"] = eqd2_of_bed(r["bed"], ab)
            r["share"] = r["bed"] / total
        rows += course_rows
        rows.append({"course": "total", "alpha_beta": ab, "bed": total, "eqd2": eqd2_of_bed(total, ab), "share": 1.0,
                     "bed_before_discount": sum(r["bed_before_discount"] for r in course_rows)})  # fmt: skip
    columns = ["course", "alpha_beta", "interval_months", "months_before_planned", "bed", "eqd2", "share",
               "recovery_discount", "bed_before_discount"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A tolerance figure: the quantity it limits, the limit, when it applies and its source.

    ``comparison`` is "at most" or "at least": how the value is held against ``limit``.
    The source's ``note`` gives the figure's context.
    """

    id: str
    name: str
    applies: str
    measure: str
    quantity: str
    comparison: str
    limit: float
    source: Source
    alpha_beta: float | None = None
    n_fractions: int | None = None
    max_n_fractions: int | None = None
    max_dose_per_fraction: float | None = None
    stereotactic: bool | None = None

    def limit_as_eqd2(self, alpha_beta: float) -> float | None:
        """The limit as a cumulative EQD2 (Gy) at ``alpha_beta``, to draw beside the cumulative EQD2.

        A cumulative BED limit converted, a cumulative EQD2 limit as it is; None for a
        rule on another measure.

        >>> nieder = next(r for r in tolerance_rules() if r.measure == "cumulative_bed")
        >>> nieder.limit, nieder.limit_as_eqd2(2.0)
        (135.5, 67.75)
        """
        ab = float(check_alpha_beta(alpha_beta))
        if self.measure == "cumulative_eqd2":
            return self.limit
        return eqd2_of_bed(self.limit, ab) if self.measure == "cumulative_bed" else None

    def applies_to(self, history: History) -> bool:
        planned = history.planned
        if (self.applies == "de novo") != (len(history.courses) == 1):
            return False
        if self.stereotactic is not None and planned.stereotactic != self.stereotactic:
            return False
        if self.n_fractions is not None and planned.n_fractions != self.n_fractions:
            return False
        if self.max_n_fractions is not None and planned.n_fractions > self.max_n_fractions:
            return False
        return self.max_dose_per_fraction is None or planned.max_dose_per_fraction <= self.max_dose_per_fraction


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """One rule applied to a plan: the value, the limit, whether it holds, and where the limit comes from."""

    rule: Rule
    value: float
    holds: bool
    unit: str
    assumptions: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        mark = "holds" if self.holds else "EXCEEDED" if self.rule.comparison == "at most" else "NOT MET"
        unit, rule = f" {self.unit}" if self.unit else "", self.rule
        return f"{rule.name}: {self.value:.2f}{unit}, limit {rule.comparison} {rule.limit:g}{unit}: {mark}"


def _measure(rule: Rule, history: History, alpha_beta: float, totals: Callable[[], pd.DataFrame]) -> tuple[float, str]:
    ab, planned = alpha_beta, history.planned
    if rule.measure == "course_physical":
        return planned.total_dose, "Gy"
    if rule.measure == "course_eqd2":
        return planned.eqd2(ab), "Gy"
    if rule.measure == "each_course_bed":
        return max(c.bed(ab) for c in history.courses), "Gy"
    if rule.measure == "shortest_interval_months":
        return min(history.intervals_days) / DAYS_PER_MONTH, "months"
    table = totals()
    total = table.iloc[-1]
    if rule.measure == "cumulative_bed":
        return float(total["bed"]), "Gy"
    if rule.measure == "cumulative_eqd2":
        return float(total["eqd2"]), "Gy"
    return float(table.iloc[-2]["share"]), ""  # planned_share


def check_plan(
    history: History, *, alpha_beta: float = 2.0, recovery: Recovery | None = None, rules: Sequence[Rule] | None = None
) -> list[RuleCheck]:
    """Every tolerance rule that applies to the planned (last) course of ``history``, checked.

    ``alpha_beta`` (Gy) is the cord's: 2 for the cervical and thoracic cord, 4 for the
    lumbar cord (Nieder 2006). With a ``recovery`` discount the cumulative measures
    use the discounted BED, and each check says so.

    >>> h = History.of([Course.of("20 Gy/5"), Course.of("8 Gy x 1", months_after=3)])
    >>> for check in check_plan(h):
    ...     print(check)
    Re-irradiation: cumulative BED: 100.00 Gy, limit at most 135.5 Gy: holds
    Re-irradiation: BED of each course: 60.00 Gy, limit at most 98 Gy: holds
    Re-irradiation: interval between courses: 3.00 months, limit at least 6 months: NOT MET
    """
    if not isinstance(history, History):
        raise WrongTypeError(f"history must be a History, got {type(history).__name__}")
    ab = float(check_alpha_beta(alpha_beta))
    checks = []

    @functools.cache
    def totals() -> pd.DataFrame:  # the cumulative table, computed once whatever the number of rules using it
        return cumulative(history, [ab], recovery=recovery)

    discounted = recovery is not None and recovery.discounts(history)
    for rule in tolerance_rules() if rules is None else rules:
        if not rule.applies_to(history):
            continue
        value, unit = _measure(rule, history, ab, totals)
        holds = value <= rule.limit if rule.comparison == "at most" else value >= rule.limit
        notes = []
        if rule.alpha_beta is not None and ab != rule.alpha_beta:
            notes.append(f"alpha/beta {ab:g} Gy used; the source's figure assumes {rule.alpha_beta:g} Gy")
        if discounted and rule.measure in ("cumulative_bed", "cumulative_eqd2", "planned_share"):
            notes.append(f"recovery discount applied: {recovery}")
        checks.append(RuleCheck(rule, value, holds, unit, tuple(notes)))
    return checks
