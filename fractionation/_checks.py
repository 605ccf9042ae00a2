"""Checks on entry: each names the argument, the value and what was expected.

Bounds are module constants, as in pylinac's TG-51 module, so that the likely
mistake (a dose in cGy) can be named in the message. Each check returns a
Python float for a scalar and a float64 array for anything array-like.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from fractionation._errors import FractionationError, WrongTypeError

#: Largest dose per fraction accepted, in Gy. Single-fraction radiosurgery reaches
#: about 24 Gy; anything above 30 Gy per fraction is far likelier a dose in cGy.
MAX_DOSE_PER_FRACTION_GY = 30.0

FloatOrArray = float | npt.NDArray[np.float64]


def _describe(value: object) -> str:
    text = f"{type(value).__name__} {value!r}"
    return text if len(text) <= 80 else text[:77] + "..."


def as_float_or_array(value: object, name: str) -> FloatOrArray:
    """A Python float for a scalar, a float64 array for anything array-like.

    Booleans, strings, None and arrays that are not numeric are refused.
    """
    if isinstance(value, bool | np.bool_):
        raise WrongTypeError(f"{name} must be a number, got {_describe(value)}")
    if isinstance(value, numbers.Real):
        return float(value)
    expected = f"{name} must be a number or an array of numbers, got"
    if isinstance(value, str | bytes) or value is None:
        raise WrongTypeError(f"{expected} {_describe(value)}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise WrongTypeError(f"{expected} {_describe(value)}") from error
    if array.dtype.kind not in "iuf":
        raise WrongTypeError(f"{expected} an array of {array.dtype}: {_describe(value)}")
    if array.ndim == 0:
        return float(array)
    return array.astype(np.float64, copy=False)


def _where(values: FloatOrArray, is_bad: Callable[[Any], Any]) -> str:
    """The first offending value, with its index when the argument is an array."""
    if isinstance(values, float):
        return repr(values)
    index = np.unravel_index(int(np.argmax(is_bad(values))), values.shape)
    position = index[0] if len(index) == 1 else tuple(int(i) for i in index)
    return f"{float(values[index])!r} at index {position}"


def check_dose_per_fraction(value: object, name: str = "dose_per_fraction", *, allow_zero: bool = True) -> FloatOrArray:
    """Finite, not negative (zero only if ``allow_zero``), at most 30 Gy per fraction."""
    dose = as_float_or_array(value, name)
    if isinstance(dose, float):
        low = high = dose
    elif dose.size == 0:
        return dose
    else:
        # min and max propagate NaN: two reductions find every bad value.
        low, high = float(dose.min()), float(dose.max())
    if np.isnan(low):
        raise FractionationError(f"{name} must be a number, got {_where(dose, np.isnan)}")
    if low < 0 or (low == 0 and not allow_zero):
        expected = "must not be negative" if allow_zero else "must be greater than 0 Gy"
        raise FractionationError(f"{name} {expected}, got {_where(dose, lambda a: a == low)}")
    if np.isinf(high):
        raise FractionationError(f"{name} must be finite, got {_where(dose, np.isinf)}")
    # The bound catches cGy, not rounding: 30.000000000000004 (a solver's 30 Gy) passes.
    if high > MAX_DOSE_PER_FRACTION_GY * (1 + 1e-12):
        hint = f" (did you pass cGy? {high:g} cGy = {high / 100:g} Gy)" if high >= 100 else ""
        raise FractionationError(
            f"{name} must be at most {MAX_DOSE_PER_FRACTION_GY:g} Gy per fraction, "
            f"got {_where(dose, lambda a: a == high)}{hint}"
        )
    return dose


def check_n_fractions(value: object, name: str = "n_fractions") -> FloatOrArray:
    """Whole numbers of at least 1; 5 and 5.0 are both accepted."""
    count = as_float_or_array(value, name)

    def is_bad(c: Any) -> Any:
        return ~(np.isfinite(c) & (c >= 1) & (c == np.floor(c)))

    if np.any(is_bad(count)):
        raise FractionationError(f"{name} must be a whole number of at least 1, got {_where(count, is_bad)}")
    return count


def check_alpha_beta(value: object, name: str = "alpha_beta") -> FloatOrArray:
    """Finite and strictly positive, in Gy."""
    ratio = as_float_or_array(value, name)

    def is_bad(r: Any) -> Any:
        return ~(np.isfinite(r) & (r > 0))

    if np.any(is_bad(ratio)):
        raise FractionationError(f"{name} must be a finite number of Gy greater than 0, got {_where(ratio, is_bad)}")
    return ratio
