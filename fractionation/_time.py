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
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fractionation._cautions import Caution
from fractionation._checks import check_instance, check_number, check_text
from fractionation._errors import FractionationCaution, FractionationError
from fractionation._lq import _equivalent_dose, eqd2_of_bed
from fractionation._source import Source
from fractionation.bounds import ALPHA_BETA, DAYS, DOSE_PER_FRACTION, DPROLIF, N_FRACTIONS, RADIOSENSITIVITY, TPOT_DAYS

if TYPE_CHECKING:
    from fractionation._models import Model

if TYPE_CHECKING:
    from fractionation._models import Model

__all__ = ["Repopulation", "TimeCorrected", "time_corrected_bed", "time_corrected_eqd2"]


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
        object.__setattr__(self, "kickoff_days", check_number(self.kickoff_days, "kickoff_days", DAYS))
        by_dprolif = self.dprolif_gy_per_day is not None
        by_alpha = self.alpha_per_gy is not None or self.tpot_days is not None
        if by_dprolif == by_alpha:
            raise FractionationError(
                argument="dprolif_gy_per_day, alpha_per_gy, tpot_days", value="both" if by_dprolif else "neither",
                expected="either dprolif_gy_per_day, or alpha_per_gy and tpot_days",
            )  # fmt: skip
        if by_dprolif:
            check_number(self.dprolif_gy_per_day, "dprolif_gy_per_day", DPROLIF)
        else:
            check_number(self.alpha_per_gy, "alpha_per_gy", RADIOSENSITIVITY)
            check_number(self.tpot_days, "tpot_days", TPOT_DAYS)
        for name in ("name", "id"):
            check_text(getattr(self, name), name, optional=True)
        if self.source is not None:
            check_instance(self.source, "source", Source, "a Source or None")

    def days_counted(self, overall_time_days: float) -> float:
        """max(0, T - Tk): the days of repopulation counted.

        >>> Repopulation(kickoff_days=21, dprolif_gy_per_day=0.8).days_counted(30)
        9.0
        """
        return max(0.0, check_number(overall_time_days, "overall_time_days", DAYS) - self.kickoff_days)

    def bed_loss(self, *, overall_time_days: float, alpha_beta: float) -> float:
        """The BED (Gy) repopulation takes back over ``overall_time_days``.

        >>> Repopulation(kickoff_days=21, dprolif_gy_per_day=1.0).bed_loss(overall_time_days=31, alpha_beta=10)
        12.0
        """
        days = self.days_counted(overall_time_days)
        alpha_beta = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
        if self.dprolif_gy_per_day is not None:
            return self.dprolif_gy_per_day * days * (1 + 2 / alpha_beta)
        return math.log(2) * days / (float(self.alpha_per_gy or 0) * float(self.tpot_days or 0))

    def eqd2_loss(self, *, overall_time_days: float, alpha_beta: float) -> float:
        """The EQD2 (Gy) repopulation takes back over ``overall_time_days``.

        >>> Repopulation(kickoff_days=21, dprolif_gy_per_day=1.0).eqd2_loss(overall_time_days=31, alpha_beta=10)
        10.0
        """
        days = self.days_counted(overall_time_days)
        alpha_beta = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
        if self.dprolif_gy_per_day is not None:
            return self.dprolif_gy_per_day * days
        return eqd2_of_bed(self.bed_loss(overall_time_days=overall_time_days, alpha_beta=alpha_beta), alpha_beta)


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeCorrected:
    """A time-corrected BED or EQD2, with what was subtracted and why.

    ``value`` is ``uncorrected - subtracted``, as the formula gives it. Where the
    repopulation subtracted is more than the dose (a long time past Tk), the value is
    negative: ``cautions`` then holds a ``repopulation-exceeds-dose`` caution (also
    warned), since the linear correction does not hold that far.

    >>> TimeCorrected(value=10.0, uncorrected=12.0, subtracted=2.0, overall_time_days=23, kickoff_days=21).cautions
    ()
    """

    value: float
    uncorrected: float
    subtracted: float
    overall_time_days: float
    kickoff_days: float
    cautions: tuple[Caution, ...] = field(default=())

    def __str__(self) -> str:
        if self.subtracted == 0:
            return (f"{self.value:.2f} Gy (no correction: T = {self.overall_time_days:g} d is not past "
                    f"Tk = {self.kickoff_days:g} d)")  # fmt: skip
        return (f"{self.value:.2f} Gy ({self.uncorrected:.2f} Gy less {self.subtracted:.2f} Gy for "
                f"{self.overall_time_days - self.kickoff_days:g} d of repopulation past Tk)")  # fmt: skip


def _corrected(
    reference: float, dose_per_fraction: float, n_fractions: int, alpha_beta: float, overall_time_days: float,
    repopulation: Repopulation, model: Model | None,
) -> TimeCorrected:  # fmt: skip
    d = check_number(dose_per_fraction, "dose_per_fraction", DOSE_PER_FRACTION, hints_cgy=True)
    n = check_number(n_fractions, "n_fractions", N_FRACTIONS._replace(whole=True))
    ab = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
    days = check_number(overall_time_days, "overall_time_days", DAYS)
    check_instance(repopulation, "repopulation", Repopulation, "a Repopulation")
    value = float(_equivalent_dose(d, n, ab, reference, model))
    if reference == 0:
        loss = repopulation.bed_loss(overall_time_days=days, alpha_beta=ab)
    else:
        loss = repopulation.eqd2_loss(overall_time_days=days, alpha_beta=ab)
    cautions: tuple[Caution, ...] = ()
    if loss > value:
        caution = Caution(
            kind="repopulation-exceeds-dose", argument="overall_time_days", value=days,
            message=f"the repopulation over {days - repopulation.kickoff_days:g} days past Tk ({loss:.2f} Gy) is more "
                    f"than the dose ({value:.2f} Gy): the corrected value is negative, and the linear correction "
                    "does not hold this far; read it as no net effect.",
        )  # fmt: skip
        cautions = (caution,)
        warnings.warn(FractionationCaution(caution), stacklevel=3)
    return TimeCorrected(value=value - loss, uncorrected=value, subtracted=loss, overall_time_days=days,
                         kickoff_days=repopulation.kickoff_days, cautions=cautions)  # fmt: skip


def time_corrected_bed(
    *, dose_per_fraction: float, n_fractions: int, alpha_beta: float, overall_time_days: float,
    repopulation: Repopulation, model: Model | None = None,
) -> TimeCorrected:  # fmt: skip
    """BED (Gy) less the repopulation over the overall time; see :class:`TimeCorrected`.

    >>> print(time_corrected_bed(dose_per_fraction=2, n_fractions=35, alpha_beta=10, overall_time_days=46,
    ...       repopulation=Repopulation(kickoff_days=21, alpha_per_gy=0.3, tpot_days=3)))
    64.75 Gy (84.00 Gy less 19.25 Gy for 25 d of repopulation past Tk)
    """
    return _corrected(0.0, dose_per_fraction, n_fractions, alpha_beta, overall_time_days, repopulation, model)


def time_corrected_eqd2(
    *, dose_per_fraction: float, n_fractions: int, alpha_beta: float, overall_time_days: float,
    repopulation: Repopulation, model: Model | None = None,
) -> TimeCorrected:  # fmt: skip
    """EQD2 (Gy) less the repopulation over the overall time; see :class:`TimeCorrected`.

    >>> print(time_corrected_eqd2(dose_per_fraction=6, n_fractions=5, alpha_beta=10, overall_time_days=9,
    ...       repopulation=Repopulation(kickoff_days=19.2, dprolif_gy_per_day=0.69)))
    40.00 Gy (no correction: T = 9 d is not past Tk = 19.2 d)
    """
    return _corrected(2.0, dose_per_fraction, n_fractions, alpha_beta, overall_time_days, repopulation, model)
