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

from typing import Any

import numpy as np
import numpy.typing as npt

from fractionation._blockwise import convert
from fractionation._checks import (
    MAX_DOSE_PER_FRACTION_GY,
    FloatOrArray,
    as_float_or_array,
    check_alpha_beta,
    check_dose_per_fraction,
    check_n_fractions,
)
from fractionation._errors import FractionationError

__all__ = ["LQ_CAUTION_ABOVE_GY", "bed", "eqd2", "eqdx", "lq_caution", "total_dose"]

#: Above this dose per fraction (Gy) LQ is less certain: "reasonably well validated ... up
#: to about 10 Gy per fraction, and would be reasonable for use up to about 18 Gy per
#: fraction" (Brenner DJ, Semin Radiat Oncol 2008;18:234-239). The opposite view:
#: Kirkpatrick, Meyer and Marks, same issue.
LQ_CAUTION_ABOVE_GY = 10.0


def lq_caution(dose_per_fraction: float) -> str | None:
    """A caution for doses per fraction above 10 Gy, where LQ is less certain; None below.

    >>> lq_caution(8.0) is None
    True
    >>> print(lq_caution(12.0))  # doctest: +ELLIPSIS
    LQ is less certain above 10 Gy per fraction (Brenner, Semin Radiat Oncol 2008;18:234): ...
    """
    if float(check_dose_per_fraction(dose_per_fraction)) <= LQ_CAUTION_ABOVE_GY:
        return None
    return (
        f"LQ is less certain above {LQ_CAUTION_ABOVE_GY:g} Gy per fraction (Brenner, Semin Radiat Oncol "
        "2008;18:234): read this EQD2 as an estimate."
    )


def eqd2_of_bed(bed_gy: float, alpha_beta: float) -> float:
    """EQD2 = BED / (1 + 2 / (a/b)), in Gy, for a BED already summed or discounted (alpha/beta checked by the caller).

    >>> eqd2_of_bed(100.0, 2.0)
    50.0
    """
    return bed_gy / (1 + 2 / alpha_beta)


def _is_series(value: Any) -> bool:
    # Recognised without importing pandas, which `import fractionation` must not do.
    return type(value).__module__.startswith("pandas") and hasattr(value, "index") and np.ndim(value) == 1


def _wrap(result: FloatOrArray, inputs: dict[str, Any], quantity: str) -> Any:
    """Return a float, an array, or a Series carrying the index of the Series given."""
    series = {name: value for name, value in inputs.items() if _is_series(value)}
    if not series:
        return result
    (first_name, first), *others = series.items()
    for name, other in others:
        if not first.index.equals(other.index):
            raise FractionationError(
                f"{first_name} and {name} are pandas Series with different indexes; "
                "align them first (numbers would otherwise be paired by position)"
            )
    return type(first)(np.broadcast_to(result, np.shape(first)), index=first.index, name=quantity)


def _equivalent_dose(
    dose_per_fraction: Any,
    n_fractions: Any,
    alpha_beta: Any,
    reference_dose_per_fraction: FloatOrArray,
    model: Any = None,
) -> FloatOrArray:
    """D (d + a/b) / (x + a/b) under LQ, or BED / (BED per Gy at x) under another model; checks inputs."""
    n = check_n_fractions(n_fractions)
    ab = check_alpha_beta(alpha_beta)
    d = as_float_or_array(dose_per_fraction, "dose_per_fraction")
    x = reference_dose_per_fraction
    chosen = None  # None: plain LQ, the fast path
    if model is not None:  # imported on demand: dataclasses would slow `import fractionation`
        from fractionation._models import as_model, is_plain_lq

        chosen = as_model(model)
        chosen = None if is_plain_lq(chosen) else chosen
    if chosen is None and isinstance(d, np.ndarray) and all(isinstance(v, float) for v in (n, ab, x)):
        return _one_dose_array(d, float(n), float(ab), float(x))
    d = check_dose_per_fraction(d)
    try:
        np.broadcast_shapes(np.shape(d), np.shape(n), np.shape(ab), np.shape(x))
    except ValueError:
        raise FractionationError(
            "dose_per_fraction, n_fractions and alpha_beta must broadcast together, got shapes "
            f"{np.shape(d)}, {np.shape(n)} and {np.shape(ab)}"
        ) from None
    if chosen is None:
        result: FloatOrArray = (d + ab) / (x + ab) * d * n
        return result
    ab = chosen.check_alpha_beta(ab)
    biological: FloatOrArray = chosen.bed(d, n, ab)  # day by day: a short last day has its own H
    if np.all(np.asarray(x) == 0):
        return biological
    equivalent: FloatOrArray = biological / chosen.reference_bed_per_gy(x, ab)
    return equivalent


def _one_dose_array(
    dose: npt.NDArray[np.float64], n_fractions: float, alpha_beta: float, reference: float
) -> npt.NDArray[np.float64]:
    """(d + a/b) / (x + a/b) * d * n over a dose array, checked and computed by the one block-wise kernel.

    Each block is checked and then computed while it is still in cache, so the
    whole costs about one read of the doses and one write of the result.
    """
    out = np.empty(dose.shape, dtype=np.float64)

    def check(block: npt.NDArray[np.float64], offset: int) -> None:
        try:
            check_dose_per_fraction(block)
        except FractionationError:
            check_dose_per_fraction(dose)  # raises again, naming the index in the whole array
            raise

    convert(dose, out, alpha_beta, scale=1.0, factor=n_fractions, reference=reference,
            bound=MAX_DOSE_PER_FRACTION_GY * (1 + 1e-12), nan_passes=False, check_values=check)  # fmt: skip
    return out


def total_dose(*, dose_per_fraction: Any, n_fractions: Any) -> Any:
    """Physical total dose D = n d, in Gy.

    >>> total_dose(dose_per_fraction=4, n_fractions=5)
    20.0
    >>> import numpy as np
    >>> total_dose(dose_per_fraction=np.array([8.0, 4.0, 3.0]), n_fractions=np.array([1, 5, 10]))
    array([ 8., 20., 30.])
    """
    d = check_dose_per_fraction(dose_per_fraction)
    n = check_n_fractions(n_fractions)
    result: FloatOrArray = n * d
    return _wrap(
        result,
        {"dose_per_fraction": dose_per_fraction, "n_fractions": n_fractions},
        "total_dose",
    )


def bed(*, dose_per_fraction: Any, n_fractions: Any, alpha_beta: Any, model: Any = None) -> Any:
    """Biologically effective dose BED = n d (1 + d / (a/b)), in Gy.

    Fowler, Br J Radiol 1989;62:679. Doses and alpha/beta in Gy; any argument
    may be an array or a pandas Series, and they broadcast against each other.
    ``model`` is LQ() (the default), LQL(...) or USC(...): BED = n * model's BED per fraction.

    >>> bed(dose_per_fraction=2, n_fractions=25, alpha_beta=2)  # Nieder 2006: 100 Gy2
    100.0
    >>> bed(dose_per_fraction=8, n_fractions=1, alpha_beta=[10, 3, 2]).round(2)
    array([14.4 , 29.33, 40.  ])
    """
    result = _equivalent_dose(dose_per_fraction, n_fractions, alpha_beta, 0.0, model)
    return _wrap(result, _named(dose_per_fraction, n_fractions, alpha_beta), "bed")


def eqd2(*, dose_per_fraction: Any, n_fractions: Any, alpha_beta: Any, model: Any = None) -> Any:
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
    result = _equivalent_dose(dose_per_fraction, n_fractions, alpha_beta, 2.0, model)
    return _wrap(result, _named(dose_per_fraction, n_fractions, alpha_beta), "eqd2")


def eqdx(
    *,
    dose_per_fraction: Any,
    n_fractions: Any,
    alpha_beta: Any,
    reference_dose_per_fraction: Any,
    model: Any = None,
) -> Any:
    """Equivalent dose in x Gy fractions, EQDx = D (d + a/b) / (x + a/b), in Gy.

    ``reference_dose_per_fraction`` is x. At x = 2 this is :func:`eqd2`; at x = 0
    it is :func:`bed` (EQD0 = BED).

    >>> round(eqdx(dose_per_fraction=8, n_fractions=1, alpha_beta=3, reference_dose_per_fraction=1.8), 2)
    18.33
    >>> eqdx(dose_per_fraction=2, n_fractions=25, alpha_beta=2, reference_dose_per_fraction=0)
    100.0
    """
    x = check_dose_per_fraction(reference_dose_per_fraction, "reference_dose_per_fraction")
    result = _equivalent_dose(dose_per_fraction, n_fractions, alpha_beta, x, model)
    inputs = _named(dose_per_fraction, n_fractions, alpha_beta)
    inputs["reference_dose_per_fraction"] = reference_dose_per_fraction
    return _wrap(result, inputs, "eqdx")


def _named(dose_per_fraction: Any, n_fractions: Any, alpha_beta: Any) -> dict[str, Any]:
    return {
        "dose_per_fraction": dose_per_fraction,
        "n_fractions": n_fractions,
        "alpha_beta": alpha_beta,
    }
