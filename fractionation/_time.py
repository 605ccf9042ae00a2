"""Overall-time correction for repopulation (Dale), in BED or EQD2 terms.

    BED_T  = BED  - ln2 * max(0, T - Tk) / (alpha * Tpot)       alpha in 1/Gy, Tpot in days
    EQD2_T = EQD2 - Dprolif * max(0, T - Tk)                    Dprolif in Gy/day, EQD2 terms

with T the overall time in days (first fraction on day 0, see fractionation.overall_time)
and Tk the kick-off time. The two are one correction: Dprolif = ln2 / (alpha Tpot) /
(1 + 2/(a/b)). Bone metastasis courses (1 to 10 fractions) end long before the
Tk of about 3 weeks seen for head and neck cancer, so their correction is zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fractionation._errors import FractionationError
from fractionation._lq import bed, eqd2, eqd2_of_bed
from fractionation._source import Source

if TYPE_CHECKING:
    from fractionation._models import Model

__all__ = ["Repopulation", "TimeCorrected", "time_corrected_bed", "time_corrected_eqd2"]


def _days(value: Any, name: str, *, allow_zero: bool) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        expected = "0 or more" if allow_zero else "greater than 0"
        raise FractionationError(f"{name} must be a finite number {expected}, got {value!r}")
    return float(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Repopulation:
    """Repopulation after a kick-off time, by ``dprolif_gy_per_day`` (EQD2 terms) or ``alpha_per_gy`` and ``tpot_days``.

    >>> hn = Repopulation(kickoff_days=19.2, dprolif_gy_per_day=0.69)
    >>> round(hn.eqd2_loss(overall_time_days=40, alpha_beta=10), 6)  # 0.69 Gy/day for 20.8 days
    14.352
    >>> hn.eqd2_loss(overall_time_days=9, alpha_beta=10)   # before the kick-off: nothing
    0.0

    A preset (:func:`fractionation.repopulations`) has an ``id``, a ``name`` and a
    ``source``; the ``reported_*`` fields keep the source's other estimates, from
    which its Dprolif was derived. They are shown, not used.
    """

    kickoff_days: float
    dprolif_gy_per_day: float | None = None
    alpha_per_gy: float | None = None
    tpot_days: float | None = None
    id: str | None = None
    name: str | None = None
    source: Source | None = None
    reported_alpha_per_gy: float | None = None
    reported_doubling_time_days: float | None = None
    reported_alpha_beta: float | None = None

    def __post_init__(self) -> None:
        _days(self.kickoff_days, "kickoff_days", allow_zero=True)
        by_dprolif = self.dprolif_gy_per_day is not None
        by_alpha = self.alpha_per_gy is not None or self.tpot_days is not None
        if by_dprolif == by_alpha:
            raise FractionationError("give either dprolif_gy_per_day, or alpha_per_gy and tpot_days (not both)")
        if by_dprolif:
            _days(self.dprolif_gy_per_day, "dprolif_gy_per_day", allow_zero=True)
        else:
            _days(self.alpha_per_gy, "alpha_per_gy", allow_zero=False)
            _days(self.tpot_days, "tpot_days", allow_zero=False)

    def days_counted(self, overall_time_days: float) -> float:
        """max(0, T - Tk): the days of repopulation counted."""
        return max(0.0, _days(overall_time_days, "overall_time_days", allow_zero=True) - self.kickoff_days)

    def bed_loss(self, *, overall_time_days: float, alpha_beta: float) -> float:
        """The BED (Gy) repopulation takes back over ``overall_time_days``."""
        days = self.days_counted(overall_time_days)
        if self.dprolif_gy_per_day is not None:
            return self.dprolif_gy_per_day * days * (1 + 2 / alpha_beta)
        return math.log(2) * days / (float(self.alpha_per_gy or 0) * float(self.tpot_days or 0))

    def eqd2_loss(self, *, overall_time_days: float, alpha_beta: float) -> float:
        """The EQD2 (Gy) repopulation takes back over ``overall_time_days``."""
        days = self.days_counted(overall_time_days)
        if self.dprolif_gy_per_day is not None:
            return self.dprolif_gy_per_day * days
        return eqd2_of_bed(self.bed_loss(overall_time_days=overall_time_days, alpha_beta=alpha_beta), alpha_beta)


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeCorrected:
    """A time-corrected BED or EQD2, with what was subtracted and why."""

    value: float
    uncorrected: float
    subtracted: float
    overall_time_days: float
    kickoff_days: float

    def __str__(self) -> str:
        if self.subtracted == 0:
            return (f"{self.value:.2f} Gy (no correction: T = {self.overall_time_days:g} d is not past "
                    f"Tk = {self.kickoff_days:g} d)")  # fmt: skip
        return (f"{self.value:.2f} Gy ({self.uncorrected:.2f} Gy less {self.subtracted:.2f} Gy for "
                f"{self.overall_time_days - self.kickoff_days:g} d of repopulation past Tk)")  # fmt: skip


def time_corrected_bed(
    *, dose_per_fraction: float, n_fractions: int, alpha_beta: float, overall_time_days: float,
    repopulation: Repopulation, model: Model | None = None,
) -> TimeCorrected:  # fmt: skip
    """BED (Gy) less the repopulation over the overall time; see :class:`TimeCorrected`.

    >>> print(time_corrected_bed(dose_per_fraction=2, n_fractions=35, alpha_beta=10, overall_time_days=46,
    ...       repopulation=Repopulation(kickoff_days=21, alpha_per_gy=0.3, tpot_days=3)))
    64.75 Gy (84.00 Gy less 19.25 Gy for 25 d of repopulation past Tk)
    """
    value = float(bed(dose_per_fraction=dose_per_fraction, n_fractions=n_fractions, alpha_beta=alpha_beta, model=model))
    loss = repopulation.bed_loss(overall_time_days=overall_time_days, alpha_beta=float(alpha_beta))
    days, kickoff = float(overall_time_days), repopulation.kickoff_days
    return TimeCorrected(value=value - loss, uncorrected=value, subtracted=loss, overall_time_days=days,
                         kickoff_days=kickoff)  # fmt: skip


def time_corrected_eqd2(
    *, dose_per_fraction: float, n_fractions: int, alpha_beta: float, overall_time_days: float,
    repopulation: Repopulation, model: Model | None = None,
) -> TimeCorrected:  # fmt: skip
    """EQD2 (Gy) less the repopulation over the overall time; see :class:`TimeCorrected`.

    >>> print(time_corrected_eqd2(dose_per_fraction=6, n_fractions=5, alpha_beta=10, overall_time_days=9,
    ...       repopulation=Repopulation(kickoff_days=19.2, dprolif_gy_per_day=0.69)))
    40.00 Gy (no correction: T = 9 d is not past Tk = 19.2 d)
    """
    value = float(
        eqd2(dose_per_fraction=dose_per_fraction, n_fractions=n_fractions, alpha_beta=alpha_beta, model=model)
    )
    loss = repopulation.eqd2_loss(overall_time_days=overall_time_days, alpha_beta=float(alpha_beta))
    days, kickoff = float(overall_time_days), repopulation.kickoff_days
    return TimeCorrected(value=value - loss, uncorrected=value, subtracted=loss, overall_time_days=days,
                         kickoff_days=kickoff)  # fmt: skip
