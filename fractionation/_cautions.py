"""Cautions: values allowed but unusual, listed for a caller and warned where likely a mistake.

The policy and its rationale are written once, in ``fractionation.bounds``. This
module turns it into :class:`Caution` values (what the CLI prints and the app
shows) and into :class:`~fractionation.FractionationCaution` warnings. It is
imported only when a threshold is crossed, so the common path stays fast.
"""

from __future__ import annotations

import os
import sys
import warnings
from dataclasses import dataclass

import numpy as np

from fractionation._checks import FloatOrArray, check_dose_per_fraction, check_n_fractions
from fractionation._errors import FractionationCaution
from fractionation.bounds import (
    LQ_CAUTION_ABOVE_GY,
    PLAUSIBLE_TOTAL_DOSE_GY,
    UNUSUAL_DOSE_PER_FRACTION_GY,
)

__all__ = ["CAUTION_KINDS", "Caution", "dose_cautions", "warn_dose"]

#: Each kind of caution, and whether it is also warned (a likely mistake) or only listed.
CAUTION_KINDS = {
    "lq-uncertain": False,
    "unusual-dose-per-fraction": True,
    "total-as-dose-per-fraction": True,
    "repopulation-exceeds-dose": True,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Caution:
    """A plausible but unusual input, or a result to read with care: what, about which argument, and why.

    ``kind`` is one of ``lq-uncertain``, ``unusual-dose-per-fraction``,
    ``total-as-dose-per-fraction``, ``repopulation-exceeds-dose``; code tells
    cautions apart by ``kind``, never by ``message``.
    """

    kind: str
    argument: str
    value: float
    message: str

    def __str__(self) -> str:
        return self.message


def _format(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def dose_cautions(*, dose_per_fraction: float, n_fractions: float | None = None) -> list[Caution]:
    """The cautions the dose policy gives for ``n_fractions`` of ``dose_per_fraction`` Gy; empty when none.

    The policy and its sources are in ``fractionation.bounds``.

    >>> dose_cautions(dose_per_fraction=8, n_fractions=1)
    []
    >>> [c.kind for c in dose_cautions(dose_per_fraction=34, n_fractions=1)]  # RTOG 0915
    ['lq-uncertain', 'unusual-dose-per-fraction']
    >>> print(dose_cautions(dose_per_fraction=30, n_fractions=10)[-1])
    30 Gy x 10 is a total of 300 Gy, more than any fractionated course (above 100 Gy): was 30 Gy the total
    dose? 30 Gy in 10 fractions is 3 Gy x 10.
    """
    d = float(check_dose_per_fraction(_one(dose_per_fraction, "dose_per_fraction")))
    n = None if n_fractions is None else float(check_n_fractions(_one(n_fractions, "n_fractions")))
    found: list[Caution] = []
    if d > LQ_CAUTION_ABOVE_GY:
        found.append(Caution(
            kind="lq-uncertain", argument="dose_per_fraction", value=d,
            message=f"LQ is less certain above {LQ_CAUTION_ABOVE_GY:g} Gy per fraction (Brenner, Semin Radiat Oncol "
                    "2008;18:234): read this EQD2 as an estimate.",
        ))  # fmt: skip
    if d > UNUSUAL_DOSE_PER_FRACTION_GY:
        found.append(Caution(
            kind="unusual-dose-per-fraction", argument="dose_per_fraction", value=d,
            message=f"{_format(d)} Gy per fraction is unusual: published prescriptions reach 34 Gy x 1 (RTOG 0915); "
                    "check it is a dose per fraction in Gy, not a total dose or cGy.",
        ))  # fmt: skip
    if n is not None and n >= 2 and d * n > PLAUSIBLE_TOTAL_DOSE_GY:
        count = int(n)
        found.append(Caution(
            kind="total-as-dose-per-fraction", argument="dose_per_fraction", value=d,
            message=f"{_format(d)} Gy x {count} is a total of {_format(d * n)} Gy, more than any fractionated course "
                    f"(above {PLAUSIBLE_TOTAL_DOSE_GY:g} Gy): was {_format(d)} Gy the total dose? {_format(d)} Gy in "
                    f"{count} fractions is {_format(d / n)} Gy x {count}.",
        ))  # fmt: skip
    return found


def _one(value: object, argument: str) -> object:
    from fractionation._checks import check_number
    from fractionation.bounds import DOSE_PER_FRACTION, N_FRACTIONS

    bound = DOSE_PER_FRACTION if argument == "dose_per_fraction" else N_FRACTIONS
    return check_number(value, argument, bound, hints_cgy=argument == "dose_per_fraction")


def _outside_the_package() -> int:
    """The stacklevel of the first frame outside this package, so a warning points at the caller's line."""
    package = os.path.dirname(__file__)
    frame, level = sys._getframe(1), 1
    while frame is not None and (
        os.path.dirname(frame.f_code.co_filename) == package
        or (frame.f_code.co_filename, frame.f_code.co_name) == ("<string>", "__init__")  # a dataclass's
    ):
        frame, level = frame.f_back, level + 1  # type: ignore[assignment]
    return level


def warn_dose(dose_per_fraction: FloatOrArray, n_fractions: FloatOrArray) -> None:
    """Warn (FractionationCaution) for the likely mistakes among checked doses; an array warns once, for its worst."""
    d, n = np.asarray(dose_per_fraction, dtype=np.float64), np.asarray(n_fractions, dtype=np.float64)
    if d.size == 0 or n.size == 0:
        return
    d, n = np.broadcast_arrays(d, n)
    totals = np.where(n >= 2, d * n, -1.0)
    worst_total = np.unravel_index(int(np.argmax(totals)), totals.shape)
    found = dose_cautions(dose_per_fraction=float(d.max()))
    found += dose_cautions(dose_per_fraction=float(d[worst_total]), n_fractions=float(n[worst_total]))
    shown: set[str] = set()
    for caution in found:
        if CAUTION_KINDS[caution.kind] and caution.kind not in shown:
            shown.add(caution.kind)
            warnings.warn(FractionationCaution(caution), stacklevel=_outside_the_package())
