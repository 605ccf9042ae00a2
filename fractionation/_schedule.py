"""Treatment days, dates and overall time of a schedule.

Convention (shared/reference/radiobiology.md, section 2): the overall time T is the
number of days elapsed from the first fraction to the last, the first on day 0.
Without a start date treatment starts on a Monday. Three sessions a week are
Monday, Wednesday and Friday, so 3 fractions give T = 4 days and 5 fractions
T = 9 days; five a week are Monday to Friday, so 28 fractions give T = 37 days. (The
reference also quotes 39 days for 28 fractions: that is 28/5 weeks, not the days
elapsed under its own convention.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from fractionation._checks import check_collection, check_instance, check_whole_number
from fractionation._errors import FractionationError
from fractionation.bounds import FRACTIONS_PER_DAY, N_FRACTIONS

__all__ = ["WEEKDAY_PATTERNS", "overall_time", "treatment_dates", "treatment_days"]

#: Weekdays used (0 = Monday) for each number of treatment days a week.
WEEKDAY_PATTERNS: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekdays(
    weekdays: Iterable[int | str] | None, fractions_per_week: int | None, fractions_per_day: int
) -> tuple[int, ...]:
    fractions_per_day = check_whole_number(fractions_per_day, "fractions_per_day", FRACTIONS_PER_DAY)
    if weekdays is not None:
        chosen = set()
        expected = "a list of weekday names (Mon ... Sun) or numbers 0-6 (0 = Monday), at least one"
        for index, day in enumerate(check_collection(weekdays, "weekdays", expected)):
            if isinstance(day, str) and day[:3].lower() in WEEKDAY_NAMES:
                chosen.add(WEEKDAY_NAMES.index(day[:3].lower()))
            elif isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6:
                chosen.add(day)
            else:
                raise FractionationError(argument="weekdays", value=day, expected=expected, index=index)
        if not chosen:
            raise FractionationError(argument="weekdays", value=weekdays, expected=expected)
        if fractions_per_week is not None and fractions_per_week != len(chosen) * fractions_per_day:
            raise FractionationError(
                argument="fractions_per_week", value=fractions_per_week,
                expected=f"{len(chosen) * fractions_per_day}: {len(chosen)} weekdays x {fractions_per_day} a day",
            )  # fmt: skip
        return tuple(sorted(chosen))
    per_week = 5 * fractions_per_day if fractions_per_week is None else fractions_per_week
    days_a_week, rest = divmod(per_week, fractions_per_day) if isinstance(per_week, int) else (0, 1)
    if isinstance(per_week, bool) or rest or days_a_week not in WEEKDAY_PATTERNS:
        raise FractionationError(
            argument="fractions_per_week", value=fractions_per_week,
            expected=f"a whole multiple of fractions_per_day ({fractions_per_day}) giving 1 to 7 treatment days a week",
        )  # fmt: skip
    return WEEKDAY_PATTERNS[days_a_week]


def treatment_dates(
    *,
    n_fractions: int,
    fractions_per_week: int | None = None,
    fractions_per_day: int = 1,
    weekdays: Iterable[int | str] | None = None,
    start: datetime.date | None = None,
) -> list[datetime.date]:
    """The date of each fraction: from ``start`` (default: a Monday) on the treatment weekdays.

    The weekdays are ``weekdays`` (names or 0-6, 0 = Monday), or else the usual
    pattern for ``fractions_per_week`` (default 5 a day's worth: Monday to Friday).
    If ``start`` is not a treatment day, the first fraction is on the next one.

    >>> [d.strftime("%a %d") for d in treatment_dates(n_fractions=3, weekdays=("Mon", "Wed", "Fri"),
    ...                                                start=datetime.date(2026, 11, 25))]
    ['Wed 25', 'Fri 27', 'Mon 30']
    """
    count = check_whole_number(n_fractions, "n_fractions", N_FRACTIONS)
    days = _weekdays(weekdays, fractions_per_week, fractions_per_day)
    if start is not None:
        check_instance(start, "start", datetime.date, "a datetime.date or None")
    day = start or datetime.date(2024, 1, 1)  # a Monday
    dates: list[datetime.date] = []
    try:
        while len(dates) < count:
            if day.weekday() in days:
                dates += [day] * min(fractions_per_day, count - len(dates))
            day += datetime.timedelta(days=1)
    except OverflowError:  # past 9999-12-31
        raise FractionationError(
            argument="start", value=start, expected=f"a date that leaves room for {count} fractions before 9999-12-31"
        ) from None
    return dates


def treatment_days(
    *,
    n_fractions: int,
    fractions_per_week: int | None = None,
    fractions_per_day: int = 1,
    weekdays: Iterable[int | str] | None = None,
    start: datetime.date | None = None,
) -> list[int]:
    """The day of each fraction, counted from the first (day 0); see :func:`treatment_dates`.

    >>> treatment_days(n_fractions=5, fractions_per_week=3)
    [0, 2, 4, 7, 9]
    >>> treatment_days(n_fractions=4, fractions_per_week=10, fractions_per_day=2)
    [0, 0, 1, 1]
    """
    dates = treatment_dates(n_fractions=n_fractions, fractions_per_week=fractions_per_week,
                            fractions_per_day=fractions_per_day, weekdays=weekdays, start=start)  # fmt: skip
    return [(d - dates[0]).days for d in dates]


def overall_time(
    *,
    n_fractions: int,
    fractions_per_week: int | None = None,
    fractions_per_day: int = 1,
    weekdays: Iterable[int | str] | None = None,
    start: datetime.date | None = None,
) -> int:
    """Overall time T in days: elapsed from the first fraction to the last (first on day 0).

    >>> overall_time(n_fractions=3, fractions_per_week=3), overall_time(n_fractions=5, fractions_per_week=3)
    (4, 9)
    >>> overall_time(n_fractions=28), overall_time(n_fractions=1)
    (37, 0)
    """
    days = treatment_days(n_fractions=n_fractions, fractions_per_week=fractions_per_week,
                          fractions_per_day=fractions_per_day, weekdays=weekdays, start=start)  # fmt: skip
    return days[-1]
