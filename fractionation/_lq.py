"""Linear-quadratic dose arithmetic: total dose, BED, EQD2 and EQDx.

With n fractions of d Gy, total dose D = n d and a tissue's alpha/beta ratio (Gy):

    BED  = D (1 + d / (a/b))          Fowler, Br J Radiol 1989;62:679
    EQDx = D (d + a/b) / (x + a/b)    Withers et al. 1983; Joiner and Bentzen,
    EQD2 = EQDx with x = 2 Gy         Basic Clinical Radiobiology

BED is EQDx with x = 0, so all three go through one kernel, the total dose
times the relative effectiveness RE = (d + a/b) / (x + a/b), evaluated as
``(d + a/b) / (x + a/b) * d * n`` in that order for scalars and arrays alike:
an array's elements equal the scalar results bit for bit. Taking the ratio
first keeps the identities exact in floating point: RE is exactly 1 when
d = x (EQD2 of 2 Gy fractions is the total dose), and RE >= 1 for BED, so
BED >= D even for doses so small that a product would underflow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, overload

import numpy as np
import numpy.typing as npt

from fractionation._blockwise import convert
from fractionation._checks import (
    FloatOrArray,
    as_float_or_array,
    check_alpha_beta,
    check_broadcast,
    check_dose_per_fraction,
    check_n_fractions,
    check_number,
)
from fractionation._errors import FractionationError
from fractionation.bounds import (
    ALPHA_BETA,
    DOSE_PER_FRACTION,
    LQ_CAUTION_ABOVE_GY,
    MAX_DOSE_PER_FRACTION_GY,
    MAX_N_FRACTIONS,
    PLAUSIBLE_TOTAL_DOSE_GY,
    UNUSUAL_DOSE_PER_FRACTION_GY,
)

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._models import Model

__all__ = ["LQ_CAUTION_ABOVE_GY", "Result", "bed", "eqd2", "eqdx", "lq_caution", "total_dose"]

#: What bed, eqd2, eqdx and total_dose return: a float for numbers, an array for arrays, a Series for Series.
Result: TypeAlias = "float | npt.NDArray[np.float64] | pd.Series[float]"

# Bounds as plain floats for the scalar fast path (attribute lookups cost there).
_MIN_AB, _MAX_AB = ALPHA_BETA.low, ALPHA_BETA.high
_MAX_N = float(MAX_N_FRACTIONS)


def lq_caution(dose_per_fraction: float) -> str | None:
    """A caution for doses per fraction above 10 Gy, where LQ is less certain; None below.

    One dose per fraction (Gy); every caution of the dose policy is in
    :func:`fractionation.dose_cautions`.

    >>> lq_caution(8.0) is None
    True
    >>> print(lq_caution(12.0))  # doctest: +ELLIPSIS
    LQ is less certain above 10 Gy per fraction (Brenner, Semin Radiat Oncol 2008;18:234): ...
    """
    dose = check_number(dose_per_fraction, "dose_per_fraction", DOSE_PER_FRACTION, hints_cgy=True)
    if dose <= LQ_CAUTION_ABOVE_GY:
        return None
    from fractionation._cautions import dose_cautions

    return dose_cautions(dose_per_fraction=dose)[0].message


def eqd2_of_bed(bed_gy: float, alpha_beta: float) -> float:
    """EQD2 = BED / (1 + 2 / (a/b)), in Gy, for a BED already summed or discounted (alpha/beta checked by the caller).

    >>> eqd2_of_bed(100.0, 2.0)
    50.0
    """
    return bed_gy / (1 + 2 / alpha_beta)


def _is_series(value: object) -> bool:
    # Recognised without importing pandas, which `import fractionation` must not do.
    return type(value).__module__.startswith("pandas") and hasattr(value, "index") and np.ndim(value) == 1  # type: ignore[arg-type]


def _wrap(result: FloatOrArray, inputs: dict[str, object], quantity: str) -> Result:
    """Return a float, an array, or a Series carrying the index of the Series given."""
    series: dict[str, Any] = {name: value for name, value in inputs.items() if _is_series(value)}
    if not series:
        return result
    (first_name, first), *others = series.items()
    for name, other in others:
        if not first.index.equals(other.index):
            raise FractionationError(
                argument=f"{first_name}, {name}",
                value={first_name: list(first.index)[:5], name: list(other.index)[:5]},
                expected="pandas Series with the same index (align them first: numbers would otherwise be paired "
                "by position)",
            )  # fmt: skip
    wrapped: Result = type(first)(np.broadcast_to(result, np.shape(first)), index=first.index, name=quantity)
    return wrapped


def _scalar(d: object, n: object, ab: object, x: float) -> float | None:
    """The LQ kernel on Python numbers that pass every check, without numpy; None sends the call down the general path.

    The same checks as the general path, written as comparisons (NaN fails them all);
    anything else, including every failure, takes the general path, whose validators
    raise the error.
    """
    if (
        (type(d) is float or type(d) is int)
        and (type(n) is float or type(n) is int)
        and (type(ab) is float or type(ab) is int)
        and 0.0 <= d <= MAX_DOSE_PER_FRACTION_GY
        and 1 <= n <= _MAX_N
        and n % 1 == 0
        and _MIN_AB <= ab <= _MAX_AB
    ):
        if d > UNUSUAL_DOSE_PER_FRACTION_GY or (n >= 2 and d * n > PLAUSIBLE_TOTAL_DOSE_GY):
            from fractionation._cautions import warn_dose

            warn_dose(float(d), float(n))
        return (d + ab) / (x + ab) * d * n
    return None


def _crosses_a_caution(d: FloatOrArray, n: FloatOrArray, peak: float) -> bool:
    """Whether any dose (its largest is ``peak``) crosses a warned threshold of the dose policy."""
    if peak > UNUSUAL_DOSE_PER_FRACTION_GY:
        return True
    if isinstance(n, float):
        return n >= 2 and peak * n > PLAUSIBLE_TOTAL_DOSE_GY
    return bool(np.any((n >= 2) & (d * n > PLAUSIBLE_TOTAL_DOSE_GY)))


def _equivalent_dose(
    dose_per_fraction: object,
    n_fractions: object,
    alpha_beta: object,
    reference_dose_per_fraction: float,
    model: Model | None = None,
    *,
    warn: bool = True,
) -> FloatOrArray:
    """D (d + a/b) / (x + a/b) under LQ, or BED / (BED per Gy at x) under another model; checks inputs.

    ``warn`` gives the dose policy's warnings (fractionation.bounds); a Scheme, whose
    construction warned already, computes with ``warn=False``.
    """
    n = check_n_fractions(n_fractions)
    ab = check_alpha_beta(alpha_beta)
    d = as_float_or_array(dose_per_fraction, "dose_per_fraction", DOSE_PER_FRACTION.describe())
    x = reference_dose_per_fraction
    chosen = None  # None: plain LQ, the fast path
    result: FloatOrArray
    if model is not None:  # imported on demand: dataclasses would slow `import fractionation`
        from fractionation._models import as_model, is_plain_lq

        chosen = as_model(model)
        chosen = None if is_plain_lq(chosen) else chosen
    if chosen is None and isinstance(d, np.ndarray) and isinstance(n, float) and isinstance(ab, float):
        result, peak = _one_dose_array(d, n, ab, x)
    else:
        d = check_dose_per_fraction(dose_per_fraction)  # the value as given, for the message
        check_broadcast(dose_per_fraction=d, n_fractions=n, alpha_beta=ab)
        peak = float(np.max(d)) if np.size(d) else 0.0
        if chosen is None:
            result = (d + ab) / (x + ab) * d * n
        else:
            ab = chosen.check_alpha_beta(ab)
            biological: FloatOrArray = chosen.bed(d, n, ab)  # day by day: a short last day has its own H
            result = biological if x == 0 else biological / chosen.reference_bed_per_gy(x, ab)
    if warn and _crosses_a_caution(d, n, peak):
        from fractionation._cautions import warn_dose

        warn_dose(d, n)
    return result


def _one_dose_array(
    dose: npt.NDArray[np.float64], n_fractions: float, alpha_beta: float, reference: float
) -> tuple[npt.NDArray[np.float64], float]:
    """(d + a/b) / (x + a/b) * d * n over a dose array, by the one block-wise kernel; and the largest dose cautioned.

    Each block is checked and then computed while it is still in cache, so the
    whole costs about one read of the doses and one write of the result.
    """
    out = np.empty(dose.shape, dtype=np.float64)
    peaks: list[float] = []

    def check(block: npt.NDArray[np.float64], offset: int) -> None:
        """A block with a dose above the caution threshold (or a bad one): refuse, or note its peak."""
        try:
            check_dose_per_fraction(block)
        except FractionationError:
            check_dose_per_fraction(dose)  # raises again, naming the index in the whole array
            raise
        peaks.append(float(block.max()))

    # The kernel calls `check` only for blocks above the bound, here the lowest dose the dose
    # policy cautions for, so that noting the largest dose costs nothing for ordinary doses.
    caution_from = UNUSUAL_DOSE_PER_FRACTION_GY
    if n_fractions >= 2:
        caution_from = min(caution_from, PLAUSIBLE_TOTAL_DOSE_GY / n_fractions)
    convert(dose, out, alpha_beta, scale=1.0, factor=n_fractions, reference=reference,
            bound=caution_from, nan_passes=False, check_values=check)  # fmt: skip
    return out, max(peaks, default=0.0)


@overload
def total_dose(*, dose_per_fraction: float, n_fractions: float) -> float: ...
@overload
def total_dose(*, dose_per_fraction: npt.ArrayLike, n_fractions: npt.ArrayLike) -> Result: ...
def total_dose(*, dose_per_fraction: npt.ArrayLike, n_fractions: npt.ArrayLike) -> Result:
    """Physical total dose D = n d, in Gy.

    >>> total_dose(dose_per_fraction=4, n_fractions=5)
    20.0
    >>> import numpy as np
    >>> total_dose(dose_per_fraction=np.array([8.0, 4.0, 3.0]), n_fractions=np.array([1, 5, 10]))
    array([ 8., 20., 30.])
    """
    d = check_dose_per_fraction(dose_per_fraction)
    n = check_n_fractions(n_fractions)
    check_broadcast(dose_per_fraction=d, n_fractions=n)
    result: FloatOrArray = n * d
    peak = float(np.max(d)) if np.size(d) else 0.0
    if _crosses_a_caution(d, n, peak):
        from fractionation._cautions import warn_dose

        warn_dose(d, n)
    return _wrap(result, {"dose_per_fraction": dose_per_fraction, "n_fractions": n_fractions}, "total_dose")


@overload
def bed(*, dose_per_fraction: float, n_fractions: float, alpha_beta: float, model: Model | None = None) -> float: ...
@overload
def bed(
    *,
    dose_per_fraction: npt.ArrayLike,
    n_fractions: npt.ArrayLike,
    alpha_beta: npt.ArrayLike,
    model: Model | None = None,
) -> Result: ...
def bed(
    *, dose_per_fraction: npt.ArrayLike, n_fractions: npt.ArrayLike, alpha_beta: npt.ArrayLike,
    model: Model | None = None,
) -> Result:  # fmt: skip
    """Biologically effective dose BED = n d (1 + d / (a/b)), in Gy.

    Fowler, Br J Radiol 1989;62:679. Doses and alpha/beta in Gy; any argument
    may be an array or a pandas Series, and they broadcast against each other.
    ``model`` is LQ() (the default), LQL(...) or USC(...): BED = n * model's BED per fraction.
    A float for Python numbers, else an array (a Series for Series).

    >>> bed(dose_per_fraction=2, n_fractions=25, alpha_beta=2)  # Nieder 2006: 100 Gy2
    100.0
    >>> bed(dose_per_fraction=8, n_fractions=1, alpha_beta=[10, 3, 2]).round(2)
    array([14.4 , 29.33, 40.  ])
    """
    if model is None and (fast := _scalar(dose_per_fraction, n_fractions, alpha_beta, 0.0)) is not None:
        return fast
    result = _equivalent_dose(dose_per_fraction, n_fractions, alpha_beta, 0.0, model)
    return _wrap(result, _named(dose_per_fraction, n_fractions, alpha_beta), "bed")


@overload
def eqd2(*, dose_per_fraction: float, n_fractions: float, alpha_beta: float, model: Model | None = None) -> float: ...
@overload
def eqd2(
    *,
    dose_per_fraction: npt.ArrayLike,
    n_fractions: npt.ArrayLike,
    alpha_beta: npt.ArrayLike,
    model: Model | None = None,
) -> Result: ...
def eqd2(
    *, dose_per_fraction: npt.ArrayLike, n_fractions: npt.ArrayLike, alpha_beta: npt.ArrayLike,
    model: Model | None = None,
) -> Result:  # fmt: skip
    """Equivalent dose in 2 Gy fractions, EQD2 = D (d + a/b) / (2 + a/b), in Gy.

    Withers et al. 1983. Doses and alpha/beta in Gy; arrays and pandas Series
    broadcast against each other. Under another ``model`` (LQL, USC),
    EQD2 = BED / (BED per Gy of 2 Gy fractions).

    >>> eqd2(dose_per_fraction=3, n_fractions=10, alpha_beta=2)  # Voyant 2014: 37.5 Gy
    37.5
    >>> import numpy as np
    >>> eqd2(dose_per_fraction=np.array([8.0, 4.0, 3.0]), n_fractions=np.array([1, 5, 10]), alpha_beta=10)
    array([12.        , 23.33333333, 32.5       ])
    """
    if model is None and (fast := _scalar(dose_per_fraction, n_fractions, alpha_beta, 2.0)) is not None:
        return fast
    result = _equivalent_dose(dose_per_fraction, n_fractions, alpha_beta, 2.0, model)
    return _wrap(result, _named(dose_per_fraction, n_fractions, alpha_beta), "eqd2")


@overload
def eqdx(
    *,
    dose_per_fraction: float,
    n_fractions: float,
    alpha_beta: float,
    reference_dose_per_fraction: float,
    model: Model | None = None,
) -> float: ...
@overload
def eqdx(
    *,
    dose_per_fraction: npt.ArrayLike,
    n_fractions: npt.ArrayLike,
    alpha_beta: npt.ArrayLike,
    reference_dose_per_fraction: float,
    model: Model | None = None,
) -> Result: ...
def eqdx(
    *,
    dose_per_fraction: npt.ArrayLike,
    n_fractions: npt.ArrayLike,
    alpha_beta: npt.ArrayLike,
    reference_dose_per_fraction: float,
    model: Model | None = None,
) -> Result:
    """Equivalent dose in x Gy fractions, EQDx = D (d + a/b) / (x + a/b), in Gy.

    ``reference_dose_per_fraction`` is x, one number of Gy. At x = 2 this is
    :func:`eqd2`; at x = 0 it is :func:`bed` (EQD0 = BED).

    >>> round(eqdx(dose_per_fraction=8, n_fractions=1, alpha_beta=3, reference_dose_per_fraction=1.8), 2)
    18.33
    >>> eqdx(dose_per_fraction=2, n_fractions=25, alpha_beta=2, reference_dose_per_fraction=0)
    100.0
    """
    x = reference_dose_per_fraction
    if not ((type(x) is float or type(x) is int) and 0.0 <= x <= MAX_DOSE_PER_FRACTION_GY):  # else: the check's error
        x = check_number(x, "reference_dose_per_fraction", DOSE_PER_FRACTION, hints_cgy=True)
    if model is None and (fast := _scalar(dose_per_fraction, n_fractions, alpha_beta, x)) is not None:
        return fast
    result = _equivalent_dose(dose_per_fraction, n_fractions, alpha_beta, x, model)
    inputs = _named(dose_per_fraction, n_fractions, alpha_beta)
    return _wrap(result, inputs, "eqdx")


def _named(dose_per_fraction: object, n_fractions: object, alpha_beta: object) -> dict[str, object]:
    return {
        "dose_per_fraction": dose_per_fraction,
        "n_fractions": n_fractions,
        "alpha_beta": alpha_beta,
    }
