"""Dose-response models for the BED of one fraction: LQ, LQ-L and USC.

Each model gives ``bed_per_fraction(d, a/b)`` (Gy) and its closed-form inverse, so
that BED, EQDx and the iso-effect solvers work the same way for all three:

    BED  = n * bed_per_fraction(d)
    EQDx = BED / (bed_per_fraction(x) / x)      reference fractions of x Gy, once a day

LQ (the default) is exact and fast through fractionation.bed and eqd2; LQ-L and
USC equal LQ below their transition dose and are continuous there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from fractionation._checks import (
    FloatOrArray,
    check_collection,
    check_number,
    check_whole_number,
)
from fractionation._errors import FractionationError, WrongTypeError, excerpt
from fractionation.bounds import (
    ALPHA_BETA,
    DOSE_PER_FRACTION,
    FRACTIONS_PER_DAY,
    INTERVAL_HOURS,
    MAX_N_FRACTIONS,
    MODEL_DOSE,
    MODEL_RATIO,
    RADIOSENSITIVITY,
    REPAIR_HALF_TIME_HOURS,
)

__all__ = ["LQ", "LQL", "USC", "Model", "bed_of_days", "parse_day_pattern"]


#: The bounds of the models' parameters (fractionation.bounds), by argument name.
_BOUNDS = {
    "interval_hours": INTERVAL_HOURS,
    "repair_half_time_hours": REPAIR_HALF_TIME_HOURS,
    "alpha": RADIOSENSITIVITY,
    "d0": MODEL_DOSE,
    "dq": MODEL_DOSE,
    "transition_dose": MODEL_DOSE,
    "slope_ratio": MODEL_RATIO,
    "alpha_beta": ALPHA_BETA,
}


def _positive(value: float, name: str, unit: str) -> float:
    if name in _BOUNDS:
        return check_number(value, name, _BOUNDS[name])
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise FractionationError(argument=name, value=value, expected=f"a finite number of {unit} greater than 0")
    return float(value)


def _float_if_scalar(value: Any) -> FloatOrArray:
    """np.where gives a 0-d array for scalar inputs; callers expect a float there."""
    return float(value) if np.ndim(value) == 0 else np.asarray(value, dtype=np.float64)


def _lq_root(per_fraction: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
    """The d >= 0 with d (1 + d/(a/b)) = per_fraction, in the form that avoids cancellation."""
    result: FloatOrArray = 2 * per_fraction / (1 + np.sqrt(1 + 4 * per_fraction / alpha_beta))
    return result


#: Thames' H assumes full repair overnight. The project cautions when the night still leaves
#: more than this share of the day's last fraction's repairable damage unrepaired: a
#: threshold chosen here, not taken from a source (at a 4 h half-time a night of 18 h
#: leaves 4.4%; of 12 h, 12.5%).
OVERNIGHT_UNREPAIRED_CAUTION = 0.05


def _check_per_day(fractions_per_day: object) -> int:
    return check_whole_number(fractions_per_day, "fractions_per_day", FRACTIONS_PER_DAY)


def _night_hours(fractions_per_day: int, interval_hours: float) -> float:
    """Hours from a day's last fraction to the next day's first, fractions ``interval_hours`` apart."""
    return 24 - (fractions_per_day - 1) * interval_hours


def _check_night(fractions_per_day: int, interval_hours: float) -> None:
    """Refuse a day whose night is not longer than its interval: Thames' H assumes full repair overnight.

    The night after m fractions ``interval_hours`` apart is 24 - (m - 1) interval; it is
    longer than the interval only for an interval below 24/m hours (8 h for 3 a day).
    """
    if fractions_per_day == 1:
        return
    night = _night_hours(fractions_per_day, interval_hours)
    if night <= 0:
        reason = f"{fractions_per_day} fractions a day {interval_hours:g} hours apart do not fit in a day"
    elif night <= interval_hours:
        reason = (f"{fractions_per_day} fractions a day {interval_hours:g} hours apart leave a night of {night:g} "
                  "hours, no longer than the interval: Thames' incomplete-repair factor assumes complete repair "
                  "overnight, so it does not apply to this schedule")  # fmt: skip
    else:
        return
    raise FractionationError(
        argument="interval_hours", value=interval_hours, hint=reason,
        expected=f"less than {24 / fractions_per_day:g} hours with {fractions_per_day} fractions a day, so that "
        "the night is longer than the interval",
    )  # fmt: skip


def _thames_h(*, fractions_per_day: int, interval_hours: float, repair_half_time_hours: float) -> float:
    """Thames' incomplete-repair factor H_m for m equal fractions a day at equal intervals.

    H_m = (2/m) (phi/(1 - phi)) (m - (1 - phi^m)/(1 - phi)), phi = exp(-mu * interval),
    mu = ln 2 / repair half-time (Thames 1985; as used by Voyant et al., Rep Pract Oncol
    Radiother 2014;19:47, eq. 5). H_1 = 0: one fraction a day repairs fully.

    >>> _thames_h(fractions_per_day=1, interval_hours=24, repair_half_time_hours=1.5)
    0.0
    >>> round(_thames_h(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5), 4)
    0.0625
    """
    m = _check_per_day(fractions_per_day)
    interval = _positive(interval_hours, "interval_hours", "hours")
    half_time = _positive(repair_half_time_hours, "repair_half_time_hours", "hours")
    if m == 1:
        return 0.0
    _check_night(m, interval)
    phi = math.exp(-math.log(2) / half_time * interval)
    return (2 / m) * (phi / (1 - phi)) * (m - (1 - phi**m) / (1 - phi))


#: What a per-day pattern looks like, for messages.
DAY_PATTERN_EXPECTED = (
    "a per-day pattern: groups of 'fractions a day x days' separated by commas, such as '1x18, 2x12' "
    "(18 days of one fraction, then 12 days of two)"
)
# One group: fractions that day ("2", "2 a day", "2/day"), then optionally "x" and a number of days ("x 12 days").
_GROUP = re.compile(
    r"(?P<per_day>\d+)\s*(?:(?:a|/|per)\s*day)?\s*(?:[x×*]\s*(?P<days>\d+)\s*(?:days?)?)?", re.IGNORECASE
)


def parse_day_pattern(text: str, *, argument: str = "day_pattern") -> tuple[int, ...]:
    """The number of fractions on each treatment day, in order, from the way a clinician writes it.

    Groups separated by commas, each ``F x D``: F fractions a day (1 to 4) on D
    treatment days; ``x``, ``×`` or ``*``, and the words ``a day`` and ``days``, are
    optional (``2 a day x 12 days``); a group without ``x D`` is one day. A concomitant
    boost of 30 treatment days whose last 12 carry a second fraction is ``1x18, 2x12``.
    Anything else raises :class:`FractionationError` naming ``argument``.

    >>> parse_day_pattern("1x3, 2x2")
    (1, 1, 1, 2, 2)
    >>> parse_day_pattern("1 a day x 2 days, 2") == parse_day_pattern("1, 1, 2")
    True
    >>> parse_day_pattern("1x18, 5x12")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: day_pattern must be a per-day pattern: ... got '1x18, 5x12' (group '5x12': ...
    """
    if not isinstance(text, str):
        raise WrongTypeError(argument=argument, value=text, expected=DAY_PATTERN_EXPECTED)
    days: list[int] = []
    for group in text.split(","):
        match = _GROUP.fullmatch(group.strip())
        if match is None:
            problem = f"cannot read {excerpt(group.strip())}" if group.strip() else "an empty group"
        else:
            per_day, count = int(match["per_day"]), int(match["days"] or 1)
            problem = ""
            if not FRACTIONS_PER_DAY.low <= per_day <= FRACTIONS_PER_DAY.high:
                problem = f"{per_day} fractions a day; Thames' repair factor is for 1 to {FRACTIONS_PER_DAY.high:g}"
            elif count < 1:
                problem = "no days"
            elif len(days) + count > MAX_N_FRACTIONS:
                problem = f"more than {MAX_N_FRACTIONS} days"
        if problem:
            where = "" if match is None else f"group {excerpt(group.strip())}: "
            raise FractionationError(argument=argument, value=text, expected=DAY_PATTERN_EXPECTED,
                                     hint=where + problem)  # fmt: skip
        days += [per_day] * count
    if sum(days) > MAX_N_FRACTIONS:
        raise FractionationError(argument=argument, value=text, expected=DAY_PATTERN_EXPECTED,
                                 hint=f"{sum(days)} fractions; at most {MAX_N_FRACTIONS}")  # fmt: skip
    return tuple(days)


def day_pattern_text(pattern: Sequence[int]) -> str:
    """A per-day pattern written back the short way :func:`parse_day_pattern` reads.

    >>> day_pattern_text((1, 1, 1, 2, 2)), day_pattern_text((2, 1))
    ('1x3, 2x2', '2x1, 1x1')
    """
    groups: list[list[int]] = []
    for per_day in pattern:
        if groups and groups[-1][0] == per_day:
            groups[-1][1] += 1
        else:
            groups.append([per_day, 1])
    return ", ".join(f"{per_day}x{count}" for per_day, count in groups)


def _check_pattern(pattern: object) -> tuple[int, ...]:
    expected = "a list of the fractions on each treatment day (1 to 4 each), or None"
    values = check_collection(pattern, "day_pattern", expected)
    if not values:
        raise FractionationError(argument="day_pattern", value=pattern, expected=expected)
    days = tuple(check_whole_number(v, "day_pattern", FRACTIONS_PER_DAY) for v in values)
    if sum(days) > MAX_N_FRACTIONS:
        raise FractionationError(argument="day_pattern", value=pattern,
                                 expected=f"a pattern of at most {MAX_N_FRACTIONS} fractions")  # fmt: skip
    return days


class Model(Protocol):
    """What every dose-response model gives: BED per fraction, the total BED of n fractions, and inverses.

    LQ, LQL and USC satisfy it; so can a model of the user's own.
    """

    @property
    def name(self) -> str: ...

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray: ...

    def bed(self, d: FloatOrArray, n: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray: ...

    def reference_bed_per_gy(self, x: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray: ...

    def dose_for(
        self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray, n_fractions: FloatOrArray | None = None
    ) -> FloatOrArray: ...

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray: ...


@dataclass(frozen=True, slots=True)
class LQ:
    """The linear-quadratic model: BED per fraction d (1 + (1 + H_m) d/(a/b)).

    With ``fractions_per_day`` above 1, ``interval_hours`` and ``repair_half_time_hours``
    give Thames' H_m for incomplete repair between fractions of the same day. H belongs
    to each day with its own number of fractions: when n is not a multiple of
    ``fractions_per_day``, the last day has fewer fractions and its own, smaller H (none
    for a lone fraction). A night no longer than the interval is refused (the model
    assumes complete repair overnight); :attr:`caution` says when the night leaves more
    than 5% unrepaired.

    ``day_pattern`` gives the fractions on each treatment day instead, for mixed days
    such as a concomitant boost (:func:`parse_day_pattern` reads ``"1x18, 2x12"``); each
    day then takes its own H, and ``fractions_per_day`` is the most on one day. Such a
    model is for schemes of exactly the pattern's number of fractions.

    >>> LQ().bed_per_fraction(8.0, 10.0)
    14.4
    >>> twice = LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    >>> round(twice.bed(1.2, 69, 3.0), 2)  # 34 days of two fractions, then one: H only on the 34 days
    127.46
    >>> boost = LQ(day_pattern=parse_day_pattern("1x3, 2x1"), interval_hours=6, repair_half_time_hours=4)
    >>> round(boost.bed(2.0, 5, 3.0), 4)  # 10 + (5 x 2^2 + 2 x 2 x 2 x 2^-1.5)/3: H_2 on the last day only
    17.6095
    """

    fractions_per_day: int = 1
    interval_hours: float | None = None
    repair_half_time_hours: float | None = None
    day_pattern: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        _check_per_day(self.fractions_per_day)
        if self.day_pattern is not None:
            pattern = _check_pattern(self.day_pattern)
            object.__setattr__(self, "day_pattern", pattern)
            if self.fractions_per_day not in (1, max(pattern)):
                raise FractionationError(
                    argument="fractions_per_day", value=self.fractions_per_day,
                    expected=f"1 or {max(pattern)} (the most fractions on one day of day_pattern)",
                )  # fmt: skip
            object.__setattr__(self, "fractions_per_day", max(pattern))
        if self.fractions_per_day != 1:
            for name in ("interval_hours", "repair_half_time_hours"):
                if getattr(self, name) is None:
                    raise FractionationError(  # no value: none was given (error.value is None all the same)
                        argument=name,
                        expected="a number of hours when a day has more than one fraction (Thames' repair factor "
                        "needs the interval and the repair half-time)",
                    )  # fmt: skip
        for name, unit in (("interval_hours", "hours"), ("repair_half_time_hours", "hours")):
            if getattr(self, name) is not None:
                _positive(getattr(self, name), name, unit)  # before any arithmetic on them
        _ = self.h  # checks the repair parameters now, not at first use

    def _h_of(self, m: int) -> float:
        if m <= 1:
            return 0.0
        return _thames_h(fractions_per_day=m, interval_hours=float(self.interval_hours or 0),
                         repair_half_time_hours=float(self.repair_half_time_hours or 0))  # fmt: skip

    @property
    def h(self) -> float:
        """Thames' H_m of a full day (0 for one fraction a day)."""
        return self._h_of(self.fractions_per_day)

    @property
    def name(self) -> str:
        if self.fractions_per_day == 1:
            return "LQ"
        repair = f"{self.interval_hours:g} h apart, repair half-time {self.repair_half_time_hours:g} h"
        if self.day_pattern is not None:
            return (f"LQ, fractions a day {day_pattern_text(self.day_pattern)}, {repair} "
                    f"(H_{self.fractions_per_day} = {self.h:.4f})")  # fmt: skip
        return f"LQ, {self.fractions_per_day} a day {repair} (H = {self.h:.4f})"

    @property
    def caution(self) -> str | None:
        """Why the incomplete-repair correction may understate the BED here; None when the night repairs fully.

        >>> print(LQ(fractions_per_day=3, interval_hours=6, repair_half_time_hours=4).caution)  # doctest: +ELLIPSIS
        The 12 h night leaves 12% of the damage unrepaired (repair half-time 4 h); Thames' H assumes ...
        """
        if self.fractions_per_day == 1:
            return None
        night = _night_hours(self.fractions_per_day, float(self.interval_hours or 0))
        unrepaired = 0.5 ** (night / float(self.repair_half_time_hours or 1))
        if unrepaired <= OVERNIGHT_UNREPAIRED_CAUTION:
            return None
        return (
            f"The {night:g} h night leaves {unrepaired:.0%} of the damage unrepaired (repair half-time "
            f"{self.repair_half_time_hours:g} h); Thames' H assumes complete repair overnight, so this BED "
            "is an underestimate."
        )

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED of one fraction on a full day of ``fractions_per_day`` fractions."""
        result: FloatOrArray = d * (1 + (1 + self.h) * d / alpha_beta)
        return result

    def mean_h(self, n: FloatOrArray) -> FloatOrArray:
        """H averaged over n fractions, day by day: full days of ``fractions_per_day``, then a day of the rest.

        With a ``day_pattern``, over its days; n must then be the pattern's number of fractions.

        >>> LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4).mean_h(3) * 3  # H_2 twice, H_1 once
        0.7071067811865475
        """
        if self.day_pattern is not None:
            return self._pattern_mean_h(n)
        m = self.fractions_per_day
        if m == 1:
            return 0.0
        full_days, rest = np.divmod(n, m)
        h_of_rest = np.array([self._h_of(k) for k in range(m)])[np.asarray(rest, dtype=np.int64)]
        return _float_if_scalar((full_days * m * self.h + rest * h_of_rest) / n)

    def _pattern_mean_h(self, n: FloatOrArray | None) -> FloatOrArray:
        pattern = self.day_pattern or ()
        total = sum(pattern)
        if n is not None and not np.all(np.asarray(n) == total):
            wrong = np.asarray(n)[np.asarray(n) != total].flat[0].item() if np.ndim(n) else n
            raise FractionationError(
                argument="n_fractions", value=int(wrong) if float(wrong).is_integer() else wrong,
                expected=f"the {total} fractions of the per-day pattern {day_pattern_text(pattern)}",
            )  # fmt: skip
        return float(sum(m * self._h_of(m) for m in pattern) / total)

    def bed(self, d: FloatOrArray, n: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED of n fractions of d Gy: full days of ``fractions_per_day``, then a last day of the rest."""
        if self.fractions_per_day == 1 and self.day_pattern is None:
            result: FloatOrArray = self.bed_per_fraction(d, alpha_beta) * n
            return result
        total: FloatOrArray = d * n * (1 + (1 + self.mean_h(n)) * d / alpha_beta)
        return _float_if_scalar(total)

    def reference_bed_per_gy(self, x: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED per Gy of reference fractions of x Gy given once a day."""
        result: FloatOrArray = 1 + x / alpha_beta
        return result

    def dose_for(
        self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray, n_fractions: FloatOrArray | None = None
    ) -> FloatOrArray:
        """The dose per fraction whose BED per fraction is ``per_fraction`` (the inverse).

        With ``n_fractions``, over those fractions day by day (a short last day has its own H);
        without, on full days (over the ``day_pattern``'s days, if given).
        """
        if self.day_pattern is not None:
            h = self._pattern_mean_h(n_fractions)
        else:
            h = self.h if n_fractions is None else self.mean_h(n_fractions)
        return _lq_root(per_fraction, alpha_beta / (1 + h))

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        return alpha_beta


def own_schedule(model: Any, scheme: Any) -> Any:
    """The model for ``scheme`` on its own schedule: LQ's incomplete repair follows the scheme's fractions a day.

    Thames' H describes the days of the schedule being computed. A reference scheme (the
    target of an iso-effect question, "as 2 Gy x 35") keeps its own days: once a day unless
    its ``fractions_per_day`` says otherwise, with the model's interval and half-time.
    Other models (LQ-L, USC) apply to every scheme alike.

    >>> twice = LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=4)
    >>> from fractionation._scheme import Scheme
    >>> own_schedule(twice, Scheme(dose_per_fraction=2, n_fractions=35)) is None  # once a day: plain LQ
    True
    """
    if not isinstance(model, LQ) or is_plain_lq(model):
        return model
    if scheme.fractions_per_day == model.fractions_per_day and model.day_pattern is None:
        return model
    if scheme.fractions_per_day == 1:
        return None
    return LQ(fractions_per_day=scheme.fractions_per_day, interval_hours=model.interval_hours,
              repair_half_time_hours=model.repair_half_time_hours)  # fmt: skip


def check_schedule(model: object, schemes: Sequence[Any]) -> None:
    """Refuse a time correction whose overall times would not be those of the model's days.

    The overall time of a scheme comes from its own schedule (``fractions_per_day``,
    ``fractions_per_week``); an LQ model with Thames' repair says how many fractions
    each day has. Where the two disagree, or where the model has a per-day pattern
    (whose calendar is not modelled), the time correction would use the wrong T.
    """
    if not isinstance(model, LQ) or is_plain_lq(model):
        return
    if model.day_pattern is not None:
        raise FractionationError(
            argument="repopulation", value="a time correction",
            expected="None with a per-day pattern (day_pattern): the overall time of its days is not modelled",
        )  # fmt: skip
    for scheme in schemes:
        if scheme.fractions_per_day != model.fractions_per_day:
            raise FractionationError(
                argument="schemes", value=str(scheme),
                expected=f"scheduled {model.fractions_per_day} a day, as the model is, for its overall time "
                f"(Scheme(..., fractions_per_day={model.fractions_per_day}))",
                hint=f"it is scheduled {scheme.fractions_per_day} a day",
            )  # fmt: skip


def bed_of_days(
    days: Sequence[Sequence[float]], *, alpha_beta: float, interval_hours: float | None = None,
    repair_half_time_hours: float | None = None,
) -> float:  # fmt: skip
    """BED (Gy) of a schedule written day by day: each day the doses (Gy) of its fractions, in order.

    For mixed days, such as a concomitant boost (one fraction most days, two on some).
    Fractions of one day are ``interval_hours`` apart and repair incompletely between
    them, with an exponential repair half-time; repair is complete overnight (a night
    no longer than the interval is refused). Unequal doses of one day interact through
    2 d_i d_j phi^(j - i), the general form of Thames' H (for m equal doses it is H_m):

        BED = sum d_i + (1/(a/b)) (sum d_i^2 + 2 sum_(i<j, same day) d_i d_j phi^(j-i)),
        phi = exp(-ln 2 interval / half-time)

    >>> round(bed_of_days([[1.8]] * 4 + [[1.8, 1.5]], alpha_beta=3, interval_hours=6, repair_half_time_hours=4), 4)
    17.2864
    >>> bed_of_days([[2.0]] * 25, alpha_beta=2)  # once a day: plain LQ, Nieder's 100 Gy2
    100.0
    """
    ab = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
    expected = "a list of days, each a list of 1 to 4 doses (Gy)"
    if isinstance(days, str | bytes) or not isinstance(days, Sequence) or not days:
        raise WrongTypeError(argument="days", value=days, expected=expected)
    checked: list[list[float]] = []
    for index, day in enumerate(days):
        if isinstance(day, str | bytes) or not isinstance(day, Sequence) or not 1 <= len(day) <= 4:
            raise WrongTypeError(argument="days", value=day, expected=expected, index=index)
        doses = []
        for position, dose in enumerate(day):
            try:
                doses.append(check_number(dose, "days", DOSE_PER_FRACTION._replace(low_open=True), hints_cgy=True))
            except FractionationError as error:  # the dose, by its day and place in the day
                raise type(error)(argument="days", value=dose, expected=error.expected, index=(index, position),
                                  hint=error.hint) from None  # fmt: skip
        checked.append(doses)
    most = max(len(day) for day in checked)
    phi = 0.0
    if most > 1:
        if interval_hours is None or repair_half_time_hours is None:
            raise FractionationError(
                argument="interval_hours" if interval_hours is None else "repair_half_time_hours", value=None,
                expected="a number of hours when a day has more than one fraction",
            )  # fmt: skip
        interval = _positive(interval_hours, "interval_hours", "hours")
        half_time = _positive(repair_half_time_hours, "repair_half_time_hours", "hours")
        _check_night(most, interval)
        phi = math.exp(-math.log(2) / half_time * interval)
    physical = quadratic = 0.0
    for day in checked:
        physical += sum(day)
        quadratic += sum(d * d for d in day)
        quadratic += 2 * sum(day[i] * day[j] * phi ** (j - i) for i in range(len(day)) for j in range(i + 1, len(day)))
    return physical + quadratic / ab


class _Piecewise:
    """What LQ-L and USC share: the reference fractions (x Gy) take the model's own BED per fraction."""

    __slots__ = ()

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        raise NotImplementedError

    def bed(self, d: FloatOrArray, n: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED of n fractions of d Gy, one a day."""
        result: FloatOrArray = self.bed_per_fraction(d, alpha_beta) * n
        return result

    def reference_bed_per_gy(self, x: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED per Gy of reference fractions of x Gy given once a day (LQ when x is below the transition)."""
        result: FloatOrArray = self.bed_per_fraction(x, alpha_beta) / x
        return result


@dataclass(frozen=True, slots=True)
class LQL(_Piecewise):
    """Linear-quadratic-linear (Astrahan, Med Phys 2008;35:4161): LQ up to ``transition_dose``, linear above.

    BED/n = dT (1 + dT/(a/b)) + slope (d - dT) for d above dT, where slope is
    gamma/alpha. Without ``slope_ratio`` the slope is 1 + 2 dT/(a/b), the LQ curve's
    own slope at dT, so that value and slope are continuous there (the tangent form).
    There is no default transition dose: the literature uses several (e.g. 2 a/b in
    Voyant 2014's library); choose and state one.

    >>> round(LQL(transition_dose=6).bed_per_fraction(12.0, 10.0), 10)  # 6 (1 + 6/10) + (1 + 12/10) (12 - 6)
    22.8
    """

    transition_dose: float
    slope_ratio: float | None = None

    def __post_init__(self) -> None:
        _positive(self.transition_dose, "transition_dose", "Gy")
        if self.slope_ratio is not None:
            _positive(self.slope_ratio, "slope_ratio", "(gamma/alpha)")

    @property
    def name(self) -> str:
        slope = "tangent" if self.slope_ratio is None else f"gamma/alpha {self.slope_ratio:g}"
        return f"LQ-L (dT {self.transition_dose:g} Gy, {slope})"

    def slope(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        if self.slope_ratio is not None:
            return self.slope_ratio
        result: FloatOrArray = 1 + 2 * self.transition_dose / alpha_beta
        return result

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        t = self.transition_dose
        linear = t * (1 + t / alpha_beta) + self.slope(alpha_beta) * (d - t)
        result: FloatOrArray = np.where(d <= t, d * (1 + d / alpha_beta), linear)
        return _float_if_scalar(result)

    def dose_for(
        self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray, n_fractions: FloatOrArray | None = None
    ) -> FloatOrArray:
        """The dose per fraction whose BED per fraction is ``per_fraction``; one a day, so n does not enter."""
        t = self.transition_dose
        at_transition = t * (1 + t / alpha_beta)
        linear = t + (per_fraction - at_transition) / self.slope(alpha_beta)
        result: FloatOrArray = np.where(per_fraction <= at_transition, _lq_root(per_fraction, alpha_beta), linear)
        return _float_if_scalar(result)

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        return alpha_beta


#: Park's beta as many codes and papers quote it, rounded (alpha/beta 8.68 Gy), beside the
#: 0.03835 /Gy^2 (alpha/beta 8.605 Gy) that continuity at the transition gives.
PARK_BETA_AS_QUOTED = 0.038


@dataclass(frozen=True, slots=True, kw_only=True)
class USC(_Piecewise):
    """The universal survival curve (Park et al., Int J Radiat Oncol Biol Phys 2008;70:847).

    LQ below the transition dose DT = 2 Dq / (1 - alpha D0); above it the multi-target
    line, BED/n = (d - Dq) / (alpha D0). The defaults are Park's NSCLC parameters,
    alpha 0.33/Gy, D0 1.25 Gy, Dq 1.8 Gy, as quoted by several codes (secondary in this
    project's reference).

    beta, two values in use, both accepted (:attr:`beta_basis` says which one a result used):

    ========================  ================  ===========  ============================
    beta                      alpha/beta        DT           where
    ========================  ================  ===========  ============================
    0.03835 /Gy^2 (derived)   8.605 Gy          6.13 Gy      (1 - alpha D0)^2 / (4 D0 Dq):
                                                             value and slope meet at DT
    0.038 /Gy^2 (stated)      8.68 Gy           6.13 Gy      Park's beta rounded, as many
                                                             codes and papers quote it
    ========================  ================  ===========  ============================

    By default beta is derived. Give ``beta`` (e.g. 0.038) or ``alpha_beta`` (e.g. 8.68)
    to use a stated value: the LQ branch then uses it, DT stays 2 Dq / (1 - alpha D0), and
    the two branches meet within about 0.4% (not exactly) at DT. The model fixes its
    own alpha/beta, so an alpha_beta passed with it must match that within 0.5%.

    >>> usc = USC()
    >>> round(usc.transition_dose, 2), round(usc.beta, 5), round(usc.alpha_beta, 3), usc.beta_basis
    (6.13, 0.03835, 8.605, 'derived')
    >>> quoted = USC(beta=0.038)
    >>> round(quoted.alpha_beta, 2), quoted.beta_basis
    (8.68, 'stated')
    >>> round(usc.bed_per_fraction(24.0, usc.alpha_beta), 1)  # 24 Gy x 1: (24 - 1.8) / (0.33 * 1.25)
    53.8
    """

    alpha: float = 0.33
    d0: float = 1.25
    dq: float = 1.8
    beta: float = None  # type: ignore[assignment]  # derived in __post_init__ unless stated
    alpha_beta: float = None  # type: ignore[assignment]  # alpha / beta
    _stated: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        _positive(self.alpha, "alpha", "1/Gy")
        _positive(self.d0, "d0", "Gy")
        _positive(self.dq, "dq", "Gy")
        if self.alpha * self.d0 >= 1:
            raise FractionationError(
                argument="alpha, d0", value=self.alpha * self.d0, expected="values with alpha * d0 below 1",
                hint="the line must be steeper than LQ's start",
            )  # fmt: skip
        stated_beta, stated_ratio = self.beta is not None, self.alpha_beta is not None
        if stated_beta and stated_ratio:
            raise FractionationError(
                argument="beta, alpha_beta", value=(self.beta, self.alpha_beta),
                expected="given one at a time (one follows from the other)",
            )  # fmt: skip
        if stated_beta:
            beta = _positive(self.beta, "beta", "1/Gy^2")
        elif stated_ratio:
            beta = self.alpha / _positive(self.alpha_beta, "alpha_beta", "Gy")
        else:
            beta = (1 - self.alpha * self.d0) ** 2 / (4 * self.d0 * self.dq)
        if not (beta > 0 and math.isfinite(self.alpha / beta)):  # a subnormal beta: alpha/beta overflows
            raise FractionationError(
                argument="beta" if stated_beta else "alpha, d0, dq", value=self.beta if stated_beta else beta,
                expected="a beta giving a finite alpha/beta",
            )  # fmt: skip
        object.__setattr__(self, "_stated", stated_beta or stated_ratio)
        object.__setattr__(self, "beta", beta)
        object.__setattr__(self, "alpha_beta", self.alpha / beta)

    @property
    def beta_basis(self) -> str:
        """'derived' (continuity at the transition) or 'stated' (a beta or alpha/beta given)."""
        return "stated" if self._stated else "derived"

    @property
    def transition_dose(self) -> float:
        return 2 * self.dq / (1 - self.alpha * self.d0)

    @property
    def name(self) -> str:
        return (f"USC (alpha {self.alpha:g}, D0 {self.d0:g}, Dq {self.dq:g}; beta {self.beta:.4g} {self.beta_basis}, "
                f"a/b {self.alpha_beta:.4g})")  # fmt: skip

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        off = np.abs(np.asarray(alpha_beta) / self.alpha_beta - 1) > 0.005
        if np.any(off):
            derived = self.beta_basis == "derived"  # the rounded beta as the way to another alpha/beta
            first = float(np.asarray(alpha_beta)[off].flat[0]) if np.ndim(alpha_beta) else float(alpha_beta)
            raise FractionationError(
                argument="alpha_beta", value=first,
                expected=f"{self.alpha_beta:.3f} Gy, the alpha/beta {self.name} implies",
                hint="USC's alpha/beta follows from its parameters, not from the tissue"
                + ("; for the beta many papers quote, rounded" if derived else ""),
                suggestion={"beta": PARK_BETA_AS_QUOTED} if derived else None,
            )  # fmt: skip
        return self.alpha_beta

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        ab = self.alpha_beta
        linear = (d - self.dq) / (self.alpha * self.d0)
        result: FloatOrArray = np.where(d <= self.transition_dose, d * (1 + d / ab), linear)
        return _float_if_scalar(result)

    def dose_for(
        self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray, n_fractions: FloatOrArray | None = None
    ) -> FloatOrArray:
        """The dose per fraction whose BED per fraction is ``per_fraction``; one a day, so n does not enter."""
        t = self.transition_dose
        at_transition = t * (1 + t / self.alpha_beta)
        linear = self.alpha * self.d0 * per_fraction + self.dq
        result: FloatOrArray = np.where(per_fraction <= at_transition, _lq_root(per_fraction, self.alpha_beta), linear)
        return _float_if_scalar(result)


def as_model(model: object) -> Model:
    """The model to use: LQ() for None, the model given otherwise; refuses anything that is not a model.

    >>> as_model(None)
    LQ(fractions_per_day=1, interval_hours=None, repair_half_time_hours=None, day_pattern=None)
    """
    if model is None:
        return LQ()
    if isinstance(model, LQ | LQL | USC) or (
        not isinstance(model, type) and all(callable(getattr(model, m, None)) for m in _MODEL_METHODS)
    ):
        return model  # type: ignore[return-value]  # checked by its methods: a Protocol is not runtime-checkable here
    raise WrongTypeError(argument="model", value=model, expected="LQ(), LQL(...), USC(...) or None")


_MODEL_METHODS = ("bed_per_fraction", "bed", "reference_bed_per_gy", "dose_for", "check_alpha_beta")


def is_plain_lq(model: Model) -> bool:
    """Whether ``model`` is LQ with one fraction a day, which the fast closed-form path computes."""
    return isinstance(model, LQ) and model.fractions_per_day == 1 and model.day_pattern is None
