"""Treatment days and overall time of a schedule.

Convention (stated in shared/reference/radiobiology.md, section 2): treatment starts
on a Monday, day 0; the overall time T is the number of days elapsed from the first
to the last fraction. Three sessions a week are Monday, Wednesday and Friday, so 3
fractions give T = 4 days and 5 fractions T = 9 days; five a week are Monday to
Friday, so 28 fractions give T = 37 days. (The reference also quotes 39 days for
28 fractions, which is 28/5 weeks, not days elapsed under its own convention.)
"""

from __future__ import annotations

from fractionation._checks import check_n_fractions
from fractionation._errors import FractionationError

__all__ = ["WEEKDAY_PATTERNS", "overall_time", "treatment_days"]

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


def treatment_days(*, n_fractions: int, sessions_per_week: int = 5, sessions_per_day: int = 1) -> list[int]:
    """The day (0 = the first, a Monday) of each fraction.

    ``sessions_per_week`` counts fractions; with several sessions a day the
    fractions share a treatment day.

    >>> treatment_days(n_fractions=5, sessions_per_week=3)
    [0, 2, 4, 7, 9]
    >>> treatment_days(n_fractions=4, sessions_per_week=10, sessions_per_day=2)
    [0, 0, 1, 1]
    """
    count = int(check_n_fractions(n_fractions))
    if isinstance(sessions_per_day, bool) or not isinstance(sessions_per_day, int) or not 1 <= sessions_per_day <= 4:
        raise FractionationError(f"sessions_per_day must be a whole number from 1 to 4, got {sessions_per_day!r}")
    days_a_week, rest = divmod(sessions_per_week, sessions_per_day) if isinstance(sessions_per_week, int) else (0, 1)
    if isinstance(sessions_per_week, bool) or rest or days_a_week not in WEEKDAY_PATTERNS:
        raise FractionationError(
            f"sessions_per_week must be a whole multiple of sessions_per_day ({sessions_per_day}) "
            f"giving 1 to 7 treatment days a week, got {sessions_per_week!r}"
        )
    pattern = WEEKDAY_PATTERNS[days_a_week]
    days = []
    for fraction in range(count):
        treatment_day = fraction // sessions_per_day
        week, slot = divmod(treatment_day, days_a_week)
        days.append(7 * week + pattern[slot])
    return days


def overall_time(*, n_fractions: int, sessions_per_week: int = 5, sessions_per_day: int = 1) -> int:
    """Overall time T in days: elapsed from the first fraction to the last (first on day 0).

    >>> overall_time(n_fractions=3, sessions_per_week=3), overall_time(n_fractions=5, sessions_per_week=3)
    (4, 9)
    >>> overall_time(n_fractions=1)
    0
    """
    days = treatment_days(
        n_fractions=n_fractions, sessions_per_week=sessions_per_week, sessions_per_day=sessions_per_day
    )
    return days[-1] - days[0]
