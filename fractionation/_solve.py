"""Iso-effect questions: what dose per fraction, how many fractions, and what it means elsewhere.

All closed form: each model's BED per fraction has an explicit inverse (fractionation._models).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import overload

import numpy as np
import numpy.typing as npt

from fractionation._checks import (
    FloatOrArray,
    as_float_or_array,
    check_alpha_beta,
    check_collection,
    check_instance,
    check_n_fractions,
    check_number,
    check_quantity,
    check_whole_number,
)
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._models import Model, as_model
from fractionation._scheme import Scheme
from fractionation.bounds import (
    ALPHA_BETA,
    ALPHA_BETA_POINTS,
    DOSE_PER_FRACTION,
    MAX_DOSE_PER_FRACTION_GY,
    MAX_N_FRACTIONS,
    N_FRACTIONS,
    TARGET_DOSE,
)

__all__ = [
    "FractionsSolution",
    "Isoeffect",
    "Range",
    "isoeffective_scheme",
    "over_alpha_beta",
    "solve_dose_per_fraction",
    "solve_n_fractions",
]


def _target(target_eqd2: object, target_bed: object) -> tuple[str, FloatOrArray]:
    """The one target given, checked: its name and value (Gy)."""
    if (target_eqd2 is None) == (target_bed is None):
        raise FractionationError(
            argument="target_eqd2, target_bed", value="both" if target_bed is not None else "neither",
            expected="given one at a time: a target EQD2 or a target BED, in Gy",
        )  # fmt: skip
    name = "target_eqd2" if target_bed is None else "target_bed"
    return name, check_quantity(target_eqd2 if target_bed is None else target_bed, name, TARGET_DOSE)


def _target_bed(name: str, target: FloatOrArray, alpha_beta: FloatOrArray, model: Model) -> FloatOrArray:
    if name == "target_bed":
        return target
    result: FloatOrArray = target * model.reference_bed_per_gy(2.0, alpha_beta)
    return result


@overload
def solve_dose_per_fraction(
    *,
    n_fractions: float,
    alpha_beta: float,
    target_eqd2: float | None = None,
    target_bed: float | None = None,
    model: Model | None = None,
) -> float: ...
@overload
def solve_dose_per_fraction(
    *,
    n_fractions: npt.ArrayLike,
    alpha_beta: npt.ArrayLike,
    target_eqd2: npt.ArrayLike | None = None,
    target_bed: npt.ArrayLike | None = None,
    model: Model | None = None,
) -> float | npt.NDArray[np.float64]: ...
def solve_dose_per_fraction(
    *, n_fractions: npt.ArrayLike, alpha_beta: npt.ArrayLike, target_eqd2: npt.ArrayLike | None = None,
    target_bed: npt.ArrayLike | None = None, model: Model | None = None,
) -> float | npt.NDArray[np.float64]:  # fmt: skip
    """The dose per fraction (Gy) that reaches a target EQD2 or BED in ``n_fractions``.

    Closed form: under LQ the positive root of d^2/(a/b) + d - BED/n = 0, written as
    2 (BED/n) / (1 + sqrt(1 + 4 BED/(n a/b))) to avoid cancellation; LQ-L and USC
    invert their linear branch above the transition. A target that needs more than
    100 Gy per fraction (the dose bound, fractionation.bounds) is refused, naming the target.

    >>> round(solve_dose_per_fraction(n_fractions=5, alpha_beta=10, target_eqd2=32.5), 4)  # as 30 Gy/10 at a/b 10
    5.1489
    >>> solve_dose_per_fraction(n_fractions=2, alpha_beta=2, target_bed=120)  # BED 120 Gy2 in 2 fractions
    10.0
    >>> solve_dose_per_fraction(n_fractions=1, alpha_beta=10, target_eqd2=3000)
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: target_eqd2 must be a target reached with at most 100 Gy per fraction in
    1 fraction, got 3000 (it needs 184.8 Gy per fraction)
    """
    chosen: Model = as_model(model)
    n = check_n_fractions(n_fractions)
    ab = chosen.check_alpha_beta(check_alpha_beta(alpha_beta))
    name, target = _target(target_eqd2, target_bed)
    result = chosen.dose_for(_target_bed(name, target, ab, chosen) / n, ab, n)  # a short last day has its own H
    too_high = ~(np.asarray(result) <= MAX_DOSE_PER_FRACTION_GY)  # NaN too
    if np.any(too_high):
        shape = np.broadcast_shapes(np.shape(result), np.shape(target), np.shape(n))
        at = np.unravel_index(int(np.argmax(np.broadcast_to(too_high, shape))), shape)
        count, need = (float(np.broadcast_to(v, shape)[at]) for v in (n, result))
        given = target_eqd2 if target_bed is None else target_bed
        scalar_target = np.ndim(target) == 0
        raise FractionationError(
            argument=name, value=given if scalar_target else float(np.broadcast_to(target, shape)[at]),
            index=None if scalar_target else (int(at[0]) if len(at) == 1 else tuple(int(i) for i in at)),
            expected=f"a target reached with at most {MAX_DOSE_PER_FRACTION_GY:g} Gy per fraction in "
                     f"{count:g} fraction{'s' * (count != 1)}",
            hint=f"it needs {need:.4g} Gy per fraction",
        )  # fmt: skip
    return float(result) if np.ndim(result) == 0 else np.asarray(result, dtype=np.float64)


@dataclass(frozen=True, slots=True, kw_only=True)
class FractionsSolution:
    """The exact (fractional) number of fractions, and the nearest whole number with its dose.

    >>> FractionsSolution(exact=6.964, n_fractions=7, dose_per_fraction=4.0).scheme.label
    '4 Gy x 7'
    """

    exact: float
    n_fractions: int
    dose_per_fraction: float

    @property
    def scheme(self) -> Scheme:
        """The whole-number scheme, as a :class:`Scheme`."""
        return Scheme(dose_per_fraction=self.dose_per_fraction, n_fractions=self.n_fractions)


def solve_n_fractions(
    *, dose_per_fraction: float, alpha_beta: float, target_eqd2: float | None = None, target_bed: float | None = None,
    model: Model | None = None,
) -> FractionsSolution:  # fmt: skip
    """How many fractions of ``dose_per_fraction`` reach a target; and the whole-number scheme that does.

    The exact number is BED / (BED of one fraction); the whole number is the nearest
    one (at least 1, and more if the nearest would need more than 100 Gy per
    fraction), with the dose per fraction that then hits the target exactly. A dose
    too small to reach the target in 1000 fractions is refused.

    >>> s = solve_n_fractions(dose_per_fraction=4, alpha_beta=10, target_eqd2=32.5)
    >>> round(s.exact, 3), s.n_fractions, round(s.dose_per_fraction, 3)
    (6.964, 7, 3.984)
    >>> solve_n_fractions(dose_per_fraction=1e-320, alpha_beta=10, target_eqd2=30)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: dose_per_fraction, target_eqd2 must be a dose and a target reached in at
    most 1000 fractions, got 1e-320 (...)
    """
    chosen: Model = as_model(model)
    if (pattern := getattr(chosen, "day_pattern", None)) is not None:  # its days fix the number of fractions
        raise FractionationError(
            argument="model", value=getattr(chosen, "name", chosen),
            expected=f"a model without a per-day pattern when solving for the number of fractions (the pattern "
            f"fixes it at {sum(pattern)}: solve for the dose per fraction in {sum(pattern)} fractions)",
        )  # fmt: skip
    d = check_number(dose_per_fraction, "dose_per_fraction", DOSE_PER_FRACTION._replace(low_open=True), hints_cgy=True)
    ab = float(chosen.check_alpha_beta(check_number(alpha_beta, "alpha_beta", ALPHA_BETA)))
    name, target_value = _target(target_eqd2, target_bed)
    if not isinstance(target_value, float):
        raise WrongTypeError(argument=name, value=target_eqd2 if target_bed is None else target_bed,
                             expected=f"one {TARGET_DOSE.describe()[2:]}")  # fmt: skip
    target = float(_target_bed(name, target_value, ab, chosen))
    exact = target / float(chosen.bed_per_fraction(d, ab))
    if not exact <= MAX_N_FRACTIONS + 0.5:
        raise FractionationError(
            argument=f"dose_per_fraction, {name}", value=dose_per_fraction,
            expected=f"a dose and a target reached in at most {MAX_N_FRACTIONS} fractions",
            hint=f"{name} {target_value:g} Gy needs {exact:.3g} fractions of it",
        )  # fmt: skip
    whole = max(1, round(exact))
    dose = float(chosen.dose_for(target / whole, ab, whole))
    if dose > MAX_DOSE_PER_FRACTION_GY:  # rounded down past the dose bound: one more fraction
        whole = math.ceil(exact)
        dose = float(chosen.dose_for(target / whole, ab, whole))
    return FractionsSolution(exact=exact, n_fractions=whole, dose_per_fraction=dose)


@dataclass(frozen=True, slots=True, kw_only=True)
class Isoeffect:
    """A scheme converted to ``converted`` with the same EQD2 for one tissue, and what changes for another.

    >>> iso = isoeffective_scheme(Scheme.parse("3 Gy x 10"), n_fractions=5, alpha_beta=10)
    >>> iso.other_change is None
    True
    """

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
    scheme: Scheme, *, n_fractions: int, alpha_beta: float, other_alpha_beta: float | None = None,
    model: Model | None = None,
) -> Isoeffect:  # fmt: skip
    """``scheme`` in ``n_fractions``, iso-effective at ``alpha_beta``; EQD2 at ``other_alpha_beta`` before and after.

    Same tumour EQD2 in fewer fractions means more for the spinal cord:

    >>> iso = isoeffective_scheme(Scheme.parse("3 Gy x 10"), n_fractions=5, alpha_beta=10, other_alpha_beta=2)
    >>> iso.converted.label, round(iso.eqd2, 2), round(iso.other_eqd2_original, 2), round(iso.other_eqd2_converted, 2)
    ('25.74 Gy/5', 32.5, 37.5, 46.01)
    """
    check_instance(scheme, "scheme", Scheme, "a Scheme, such as Scheme.parse('30 Gy/10')")
    count = check_whole_number(n_fractions, "n_fractions", N_FRACTIONS)
    ab = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
    other = None if other_alpha_beta is None else check_number(other_alpha_beta, "other_alpha_beta", ALPHA_BETA)
    target = float(scheme.eqd2(ab, model=model))
    try:
        dose = float(solve_dose_per_fraction(n_fractions=count, alpha_beta=ab, target_eqd2=target, model=model))
    except FractionationError as error:
        if error.argument != "target_eqd2":
            raise
        raise FractionationError(
            argument="n_fractions", value=n_fractions, hint=error.hint,
            expected=f"enough fractions to give {scheme.label} with at most "
                     f"{MAX_DOSE_PER_FRACTION_GY:g} Gy per fraction",
        ) from None  # fmt: skip
    converted = Scheme(dose_per_fraction=dose, n_fractions=count)
    return Isoeffect(
        original=scheme,
        converted=converted,
        alpha_beta=ab,
        eqd2=target,
        other_alpha_beta=other,
        other_eqd2_original=None if other is None else float(scheme.eqd2(other)),
        other_eqd2_converted=None if other is None else float(converted.eqd2(other)),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Range:
    """The lowest and highest value a result takes over an alpha/beta interval.

    >>> Range(low=11.43, high=12.8).high
    12.8
    """

    low: float
    high: float


def over_alpha_beta(
    quantity: Callable[..., object], interval: tuple[float, float], *, points: int = 201, **arguments: object
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
    if not callable(quantity):
        raise WrongTypeError(argument="quantity", value=quantity, expected="a function of alpha_beta, such as eqd2")
    ends = check_collection(interval, "interval", "a pair (low, high) of alpha/beta values in Gy")
    if len(ends) != 2:
        raise FractionationError(
            argument="interval", value=interval, expected="a pair (low, high) of alpha/beta values in Gy"
        )
    low, high = (check_number(v, "interval", ALPHA_BETA) for v in ends)
    if not low <= high:
        raise FractionationError(argument="interval", value=interval, expected="a pair (low, high) with low <= high")
    count = check_whole_number(points, "points", ALPHA_BETA_POINTS)
    result = quantity(alpha_beta=np.linspace(low, high, count), **arguments)
    values = as_float_or_array(result, "quantity", "a function returning numbers")
    if not np.all(np.isfinite(values)):
        raise FractionationError(
            argument="quantity", value=result, expected="a function finite over the whole interval"
        )
    return Range(low=float(np.min(values)), high=float(np.max(values)))
