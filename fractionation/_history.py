"""Re-irradiation value types: a course, the history of courses one site received, a recovery assumption.

FOR TEACHING: the doses of a history are the doses the organ at risk receives (for the
spinal cord, its point maximum), not the prescription.

When a course was given is said one way, with the same keywords everywhere: either
every course has a ``date``, or every course after the first has ``months_after`` (the
months from the start of the previous course). An interval runs from the start of one
course to the start of the next.

Calendar months (clinical papers state intervals in them: 6 months after 1 January is
1 July). Between two dates, the whole months are the most k such that the start moved
on by k months is not after the end; moving a date on by months keeps its day of the
month, clamped to the last day of a shorter month (31 January + 1 month is 29 February
in a leap year, 28 February otherwise; 31 January to 30 April is 3 months). What is
left over counts as a fraction of the next month, by its days. The days are shown too.
An interval given in months stays exactly as given.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from fractionation._checks import (
    check_alpha_beta,
    check_collection,
    check_finite,
    check_flag,
    check_items,
    check_number,
    check_text,
)
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._lq import bed
from fractionation._models import Model, as_model
from fractionation._scheme import Scheme
from fractionation.bounds import ALPHA_BETA, MONTHS

__all__ = ["Course", "History", "Interval", "Recovery", "add_months", "calendar_months"]

RECOVERED_EXPECTED = "a fraction from 0 up to (not including) 1"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved on by whole ``months``, its day clamped to the last day of a shorter month.

    >>> add_months(datetime.date(2024, 1, 31), 1), add_months(datetime.date(2023, 1, 31), 1)
    (datetime.date(2024, 2, 29), datetime.date(2023, 2, 28))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def calendar_months(start: datetime.date, end: datetime.date) -> float:
    """Calendar months from ``start`` to ``end``: whole months, then the rest as a fraction of the next month.

    >>> calendar_months(datetime.date(2024, 1, 1), datetime.date(2024, 7, 1))
    6.0
    >>> calendar_months(datetime.date(2024, 1, 31), datetime.date(2024, 4, 30))  # the day clamps to April's last
    3.0
    >>> calendar_months(datetime.date(2024, 1, 1), datetime.date(2024, 1, 16))  # 15 of January's 31 days
    0.4838709677419355
    """
    for name, value in (("start", start), ("end", end)):
        _check_date(value, name)
    if end < start:
        raise FractionationError(argument="start, end", value=(start, end), expected="dates with end not before start")
    if end.year == datetime.MAXYEAR and end.month == 12:  # the month after end is past the calendar's end
        raise FractionationError(argument="end", value=end, expected="a date before December 9999")
    whole = (end.year - start.year) * 12 + end.month - start.month
    while whole > 0 and add_months(start, whole) > end:
        whole -= 1
    anchor, following = add_months(start, whole), add_months(start, whole + 1)
    return whole + (end - anchor).days / (following - anchor).days


@dataclass(frozen=True, slots=True, kw_only=True)
class Interval:
    """The time from the start of one course to the start of the next.

    ``months`` are calendar months between two dates, or the months as given; ``days``
    is None when the interval was given in months (a month has no fixed number of days).
    """

    months: float
    days: int | None = None

    def __str__(self) -> str:
        months = f"{self.months:.2f}".rstrip("0").rstrip(".")
        return f"{months} months" + ("" if self.days is None else f" ({self.days} days)")


def _check_date(value: object, argument: str) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise WrongTypeError(argument=argument, value=value, expected="a datetime.date")


@dataclass(frozen=True, slots=True, kw_only=True)
class Course:
    """One course: one or more parts (schemes), given on ``date`` or ``months_after`` the previous course.

    ``stereotactic`` marks an SBRT course, which the SBRT tolerance rules need: the
    technique cannot be told from the fractionation (8 Gy x 1 is usually conventional).

    >>> Course.parse("20 Gy/5 + 2 Gy x 5").bed(2)  # a boost: summed part by part
    80.0
    >>> Course.of("8 Gy x 1", months_after=6).months_after
    6.0
    """

    parts: tuple[Scheme, ...]
    date: datetime.date | None = None
    months_after: float | None = None
    name: str | None = None
    stereotactic: bool = False

    def __post_init__(self) -> None:
        parts = check_items(self.parts, "parts", Scheme, "one or more Scheme objects (a list or tuple)")
        object.__setattr__(self, "parts", parts)
        if self.date is not None:
            _check_date(self.date, "date")
        if self.months_after is not None:
            if self.date is not None:
                raise FractionationError(
                    argument="date, months_after",
                    value=(self.date, self.months_after),
                    expected="one of them, not both",
                )
            object.__setattr__(self, "months_after", check_number(self.months_after, "months_after", MONTHS))
        check_flag(self.stereotactic, "stereotactic")
        if self.name is not None:
            check_text(self.name, "name", optional=True)

    @classmethod
    def parse(
        cls, text: str, *, date: datetime.date | None = None, months_after: float | None = None,
        name: str | None = None, stereotactic: bool = False,
    ) -> Course:  # fmt: skip
        """Parts written as notations joined by '+': ``'20 Gy/5 + 2 Gy x 5'``."""
        if not isinstance(text, str) or not text.strip():
            expected = "schemes joined by '+', such as '20 Gy/5 + 2 Gy x 5'"
            error = WrongTypeError if not isinstance(text, str) else FractionationError
            raise error(argument="text", value=text, expected=expected)
        parts = tuple(Scheme.parse(part) for part in text.split("+"))
        return cls(parts=parts, date=date, months_after=months_after, name=name, stereotactic=stereotactic)

    @classmethod
    def of(
        cls, scheme: Scheme | str, *, date: datetime.date | None = None, months_after: float | None = None,
        name: str | None = None, stereotactic: bool | None = None,
    ) -> Course:  # fmt: skip
        """A course of one scheme (or several joined by '+'); a stereotactic Scheme makes an SBRT course."""
        if isinstance(scheme, Scheme):
            sbrt = scheme.intent == "stereotactic" if stereotactic is None else stereotactic
            return cls(parts=(scheme,), date=date, months_after=months_after, name=name, stereotactic=sbrt)
        if not isinstance(scheme, str):
            raise WrongTypeError(argument="scheme", value=scheme, expected="a Scheme or a notation such as '20 Gy/5'")
        return cls.parse(scheme, date=date, months_after=months_after, name=name, stereotactic=bool(stereotactic))

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

    def bed(self, alpha_beta: float, model: Model | None = None) -> float:
        """BED in Gy, summed fraction by fraction over the parts, under ``model`` (LQ by default)."""
        ratio = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
        return float(sum(bed(dose_per_fraction=p.dose_per_fraction, n_fractions=p.n_fractions, alpha_beta=ratio,
                             model=model) for p in self.parts))  # fmt: skip

    def eqd2(self, alpha_beta: float, model: Model | None = None) -> float:
        """EQD2 in Gy: the BED over the BED per Gy of 2 Gy fractions under the same model."""
        return eqd2_of_bed(self.bed(alpha_beta, model), alpha_beta, model)


def eqd2_of_bed(bed_gy: float, alpha_beta: float, model: Model | None = None) -> float:
    """EQD2 (Gy) of a BED (Gy) already summed or discounted: BED / (BED per Gy of 2 Gy fractions).

    >>> eqd2_of_bed(100.0, 2.0)
    50.0
    """
    chosen = as_model(model)
    ab = chosen.check_alpha_beta(check_alpha_beta(alpha_beta))
    return float(bed_gy / chosen.reference_bed_per_gy(2.0, ab))


@dataclass(frozen=True, slots=True)
class History:
    """The courses one site received, in order; the last is the course being planned.

    Either every course has a date, or every course after the first has ``months_after``.

    >>> h = History.of([Course.of("20 Gy/5", date=datetime.date(2024, 1, 1)),
    ...                 Course.of("8 Gy x 1", date=datetime.date(2024, 7, 1))])
    >>> [str(i) for i in h.intervals]
    ['6 months (182 days)']
    """

    courses: tuple[Course, ...]

    def __post_init__(self) -> None:
        courses = check_items(self.courses, "courses", Course, "one or more Course objects (a list or tuple)")
        object.__setattr__(self, "courses", courses)
        dated = [c.date is not None for c in courses]
        if any(dated) and not all(dated):
            index = dated.index(not dated[0])
            raise FractionationError(
                argument="courses", value=courses[index].label, index=index,
                expected="every course with a date, or every course after the first with months_after",
            )  # fmt: skip
        if all(dated):
            for index, (before, after) in enumerate(itertools.pairwise(courses), start=1):
                if after.date < before.date:  # type: ignore[operator]
                    raise FractionationError(
                        argument="courses", value=after.date, index=index,
                        expected=f"a date not before the course it follows ({before.date})",
                    )  # fmt: skip
            return
        if courses[0].months_after is not None:
            raise FractionationError(
                argument="courses", value=courses[0].months_after, index=0,
                expected="a first course without months_after (it follows none)",
            )  # fmt: skip
        for index, course in enumerate(courses[1:], start=1):
            if course.months_after is None:
                raise FractionationError(
                    argument="courses", value=course.label, index=index,
                    expected="a course with months_after (or every course with a date)",
                )  # fmt: skip

    @classmethod
    def of(cls, courses: Iterable[Course]) -> History:
        return cls(courses=tuple(check_collection(courses, "courses", "one or more Course objects (a list)")))

    @property
    def planned(self) -> Course:
        return self.courses[-1]

    @property
    def dated(self) -> bool:
        return self.courses[0].date is not None

    @property
    def intervals(self) -> tuple[Interval, ...]:
        """From each course to the next: calendar months and days between dates, or the months as given."""
        if self.dated:
            return tuple(
                Interval(months=calendar_months(a.date, b.date), days=(b.date - a.date).days)  # type: ignore[arg-type, operator]
                for a, b in zip(self.courses, self.courses[1:], strict=False)
            )
        return tuple(Interval(months=float(c.months_after or 0)) for c in self.courses[1:])

    def months_from_first(self) -> list[float]:
        """For each course, the months from the start of the first course to its start."""
        if self.dated:
            first = self.courses[0].date
            return [calendar_months(first, c.date) for c in self.courses]  # type: ignore[arg-type]
        starts = [0.0]
        for course in self.courses[1:]:
            starts.append(starts[-1] + float(course.months_after or 0))
        return starts

    def months_before_planned(self) -> list[float]:
        """For each course, the months from its start to the start of the planned course."""
        if self.dated:
            planned = self.planned.date
            return [calendar_months(c.date, planned) for c in self.courses]  # type: ignore[arg-type]
        starts = self.months_from_first()
        return [starts[-1] - start for start in starts]


@dataclass(frozen=True, slots=True)
class Recovery:
    """A discount on an earlier course's BED by the time to the planned course: ``(months, fraction)`` steps.

    The largest step the interval reaches applies. An assumption, always shown beside the
    undiscounted sum and never used to pass a rule whose limit was derived without it:
    e.g. 25% after 6 months and 50% after 12 months (Doi and Nieder, Strahlenther Onkol
    2021;197:463, as quoted in this project's reference).

    >>> Recovery(((6, 0.25), (12, 0.5))).fraction(8.0)
    0.25
    """

    steps: tuple[tuple[float, float], ...] = ((6.0, 0.25), (12.0, 0.5))

    def __post_init__(self) -> None:
        expected = "(months, fraction) pairs, such as ((6, 0.25), (12, 0.5))"
        steps = check_collection(self.steps, "steps", expected)
        for index, step in enumerate(steps):
            if not isinstance(step, list | tuple) or len(step) != 2:
                raise WrongTypeError(argument="steps", value=step, expected=expected, index=index)
            check_number(step[0], "steps", MONTHS)
            if not 0 <= check_finite(step[1], "steps") < 1:
                raise FractionationError(argument="steps", value=step[1], index=index, expected=RECOVERED_EXPECTED)
        object.__setattr__(self, "steps", tuple((float(months), float(part)) for months, part in steps))

    @classmethod
    def parse(cls, text: str, *, argument: str = "text") -> Recovery:
        """Steps written as ``"6:0.25, 12:0.5"`` (months:fraction, ...); errors name ``argument`` (``--recovery``).

        >>> str(Recovery.parse("6:0.25, 12:0.5"))
        '25% after 6 months, 50% after 12 months'
        """
        expected = "recovery steps written months:fraction, such as '6:0.25, 12:0.5'"
        if not isinstance(text, str):
            raise WrongTypeError(argument=argument, value=text, expected=expected)
        try:
            steps = tuple((float(m), float(f)) for m, f in (part.split(":") for part in text.split(",")))
        except ValueError:
            raise FractionationError(argument=argument, value=text, expected=expected) from None
        try:
            return cls(steps)
        except FractionationError as error:  # the step that is wrong, in the text's terms
            raise FractionationError(argument=argument, value=text, expected=expected, hint=str(error)) from None

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
