"""Iso-effect questions: what dose per fraction, how many fractions, and what it means elsewhere.

All closed form: each model's BED per fraction has an explicit inverse (fractionation._models).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from fractionation._checks import (
    FloatOrArray,
    as_float_or_array,
    check_alpha_beta,
    check_dose_per_fraction,
    check_n_fractions,
)
from fractionation._errors import FractionationError
from fractionation._models import Model, as_model
from fractionation._scheme import Scheme

__all__ = [
    "FractionsSolution",
    "Isoeffect",
    "Range",
    "isoeffective_scheme",
    "over_alpha_beta",
    "solve_dose_per_fraction",
    "solve_n_fractions",
]


def _target_bed(target_eqd2: Any, target_bed: Any, alpha_beta: FloatOrArray, model: Model) -> FloatOrArray:
    if (target_eqd2 is None) == (target_bed is None):
        raise FractionationError("give exactly one of target_eqd2 and target_bed (Gy)")
    name = "target_eqd2" if target_bed is None else "target_bed"
    target = as_float_or_array(target_eqd2 if target_bed is None else target_bed, name)
    if not np.all(np.isfinite(target)) or np.any(np.asarray(target) <= 0):
        raise FractionationError(f"{name} must be a finite number of Gy greater than 0, got {target!r}")
    if target_bed is not None:
        return target
    result: FloatOrArray = target * model.reference_bed_per_gy(2.0, alpha_beta)
    return result


def solve_dose_per_fraction(
    *, n_fractions: Any, alpha_beta: Any, target_eqd2: Any = None, target_bed: Any = None, model: Any = None
) -> Any:
    """The dose per fraction (Gy) that reaches a target EQD2 or BED in ``n_fractions``.

    Closed form: under LQ the positive root of d^2/(a/b) + d - BED/n = 0, written as
    2 (BED/n) / (1 + sqrt(1 + 4 BED/(n a/b))) to avoid cancellation; LQ-L and USC
    invert their linear branch above the transition. The result is not bounded by
    the 30 Gy plausibility check: a target out of reach shows as a large dose.

    >>> round(solve_dose_per_fraction(n_fractions=5, alpha_beta=10, target_eqd2=32.5), 4)  # as 30 Gy/10 at a/b 10
    5.1489
    >>> solve_dose_per_fraction(n_fractions=2, alpha_beta=2, target_bed=120)  # BED 120 Gy2 in 2 fractions
    10.0
    """
    chosen: Model = as_model(model)
    n = check_n_fractions(n_fractions)
    ab = chosen.check_alpha_beta(check_alpha_beta(alpha_beta))
    per_fraction = _target_bed(target_eqd2, target_bed, ab, chosen) / n
    result = chosen.dose_for(per_fraction, ab, n)  # n: a short last day has its own repair factor
    return float(result) if np.ndim(result) == 0 else result


@dataclass(frozen=True, slots=True)
class FractionsSolution:
    """The exact (fractional) number of fractions, and the nearest whole number with its dose."""

    exact: float
    n_fractions: int
    dose_per_fraction: float

    @property
    def scheme(self) -> Scheme:
        return Scheme(dose_per_fraction=self.dose_per_fraction, n_fractions=self.n_fractions)


def solve_n_fractions(
    *, dose_per_fraction: float, alpha_beta: float, target_eqd2: Any = None, target_bed: Any = None, model: Any = None
) -> FractionsSolution:
    """How many fractions of ``dose_per_fraction`` reach a target; and the whole-number scheme that does.

    The exact number is BED / (BED of one fraction); the whole number is the nearest
    one (at least 1), with the dose per fraction that then hits the target exactly.

    >>> s = solve_n_fractions(dose_per_fraction=4, alpha_beta=10, target_eqd2=32.5)
    >>> round(s.exact, 3), s.n_fractions, round(s.dose_per_fraction, 3)
    (6.964, 7, 3.984)
    """
    chosen: Model = as_model(model)
    d = check_dose_per_fraction(dose_per_fraction, allow_zero=False)
    ab = chosen.check_alpha_beta(check_alpha_beta(alpha_beta))
    if not isinstance(d, float) or not isinstance(ab, float):
        raise FractionationError("solve_n_fractions takes one dose_per_fraction and one alpha_beta")
    target = float(_target_bed(target_eqd2, target_bed, ab, chosen))
    exact = target / float(chosen.bed_per_fraction(d, ab))
    whole = max(1, round(exact))
    dose = float(chosen.dose_for(target / whole, ab, whole))
    return FractionsSolution(exact=exact, n_fractions=whole, dose_per_fraction=dose)


@dataclass(frozen=True, slots=True)
class Isoeffect:
    """A scheme converted to ``converted`` with the same EQD2 for one tissue, and what changes for another."""

    original: Scheme
    converted: Scheme
    alpha_beta: float
    eqd2: float
    other_alpha_beta: float | None
    other_eqd2_original: float | None
    other_eqd2_converted: float | None

    @property
    def other_change(self) -> float | None:
        """EQD2 of the other tissue, converted minus original (Gy); positive means more dose there."""
        if self.other_eqd2_original is None or self.other_eqd2_converted is None:
            return None
        return self.other_eqd2_converted - self.other_eqd2_original


def isoeffective_scheme(
    scheme: Scheme, *, n_fractions: int, alpha_beta: float, other_alpha_beta: float | None = None, model: Any = None
) -> Isoeffect:
    """``scheme`` in ``n_fractions``, iso-effective at ``alpha_beta``; EQD2 at ``other_alpha_beta`` before and after.

    Same tumour EQD2 in fewer fractions means more for the spinal cord:

    >>> iso = isoeffective_scheme(Scheme.parse("3 Gy x 10"), n_fractions=5, alpha_beta=10, other_alpha_beta=2)
    >>> iso.converted.label, round(iso.eqd2, 2), round(iso.other_eqd2_original, 2), round(iso.other_eqd2_converted, 2)
    ('25.74 Gy/5', 32.5, 37.5, 46.01)
    """
    if not isinstance(scheme, Scheme):
        raise FractionationError(f"scheme must be a Scheme, got {type(scheme).__name__}")
    target = float(scheme.eqd2(alpha_beta, model=model))
    dose = solve_dose_per_fraction(n_fractions=n_fractions, alpha_beta=alpha_beta, target_eqd2=target, model=model)
    converted = Scheme(dose_per_fraction=dose, n_fractions=int(check_n_fractions(n_fractions)))
    other = None if other_alpha_beta is None else float(check_alpha_beta(other_alpha_beta, "other_alpha_beta"))
    return Isoeffect(
        original=scheme,
        converted=converted,
        alpha_beta=float(alpha_beta),
        eqd2=target,
        other_alpha_beta=other,
        other_eqd2_original=None if other is None else float(scheme.eqd2(other)),
        other_eqd2_converted=None if other is None else float(converted.eqd2(other)),
    )


@dataclass(frozen=True, slots=True)
class Range:
    """The lowest and highest value a result takes over an alpha/beta interval."""

    low: float
    high: float


def over_alpha_beta(
    quantity: Callable[..., Any], interval: tuple[float, float], *, points: int = 201, **arguments: Any
) -> Range:
    """The range of ``quantity(alpha_beta=..., **arguments)`` as alpha/beta runs over ``interval`` (Gy).

    Evaluated on ``points`` alpha/beta values spaced evenly, ends included, in one
    vectorised call; BED and EQD2 are monotonic in alpha/beta, so their range is
    exact, and other results are bracketed to the grid's resolution.

    >>> import fractionation as fr
    >>> r = over_alpha_beta(fr.eqd2, (8, 12), dose_per_fraction=8, n_fractions=1)
    >>> round(r.low, 2), round(r.high, 2)
    (11.43, 12.8)
    """
    low, high = (float(check_alpha_beta(v, "interval")) for v in interval)
    if not low <= high:
        raise FractionationError(f"interval must run from low to high alpha/beta, got {interval!r}")
    if isinstance(points, bool) or not isinstance(points, int) or points < 2:
        raise FractionationError(f"points must be a whole number of at least 2, got {points!r}")
    values = np.asarray(quantity(alpha_beta=np.linspace(low, high, points), **arguments), dtype=np.float64)
    if not np.all(np.isfinite(values)):
        raise FractionationError("the quantity is not finite over the whole alpha/beta interval")
    return Range(low=float(values.min()), high=float(values.max()))
