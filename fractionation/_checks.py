"""The shared validators: every public entry point checks its arguments through these.

One validator per kind of check (type, finiteness, range, whole number, shape,
broadcast, collection, choice, text), against the bounds of ``fractionation.bounds``,
so a bound and its message are written once. Each raises a
:class:`~fractionation.FractionationError` whose fields name the argument, the
offending value (for an array, the first offending element and its index) and what
was expected; a wrong type raises :class:`~fractionation.WrongTypeError`, also a
``TypeError``.

A Python int or float is checked without numpy (a call costs well under a
microsecond); anything array-like becomes a float64 array, checked with two
reductions, the index of the first offending element found only on failure.

>>> check_n_fractions(5), check_dose_per_fraction([8, 4])
(5.0, array([8., 4.]))
>>> check_n_fractions(0)
Traceback (most recent call last):
...
fractionation.FractionationError: n_fractions must be a whole number from 1 to 1000, got 0
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from fractionation._errors import FractionationError, WrongTypeError
from fractionation.bounds import (
    ALPHA_BETA,
    DOSE_PER_FRACTION,
    MAX_DOSE_PER_FRACTION_GY,
    MAX_GRID_VOXELS,
    N_FRACTIONS,
    Bound,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "FloatOrArray",
    "as_float_or_array",
    "cgy_hint",
    "check_alpha_beta",
    "check_broadcast",
    "check_choice",
    "check_collection",
    "check_dose_per_fraction",
    "check_finite",
    "check_flag",
    "check_instance",
    "check_items",
    "check_n_fractions",
    "check_number",
    "check_path",
    "check_quantity",
    "check_shape",
    "check_text",
    "check_whole_number",
]

FloatOrArray = float | npt.NDArray[np.float64]
T = TypeVar("T")

_POSITIVE_DOSE = DOSE_PER_FRACTION._replace(low_open=True)


def cgy_hint(value: float) -> str | None:
    """The likely mistake behind a dose per fraction too large to be in Gy.

    >>> cgy_hint(800.0)
    'did you pass cGy? 800 cGy = 8 Gy'
    >>> cgy_hint(50.0) is None
    True
    """
    if np.isfinite(value) and value >= MAX_DOSE_PER_FRACTION_GY:
        return f"did you pass cGy? {value:g} cGy = {value / 100:g} Gy"
    return None


def _is_python_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def as_float_or_array(value: object, argument: str, expected: str = "a number or an array of numbers") -> FloatOrArray:
    """A Python float for a scalar, a float64 array for anything array-like; no range check.

    Booleans, strings, bytes, None, ragged lists and arrays that are not of real
    numbers are refused with a :class:`WrongTypeError`.

    >>> as_float_or_array(8, "dose_per_fraction"), as_float_or_array((1, 2), "x")
    (8.0, array([1., 2.]))
    >>> as_float_or_array("8", "dose_per_fraction")
    Traceback (most recent call last):
    ...
    fractionation.WrongTypeError: dose_per_fraction must be a number or an array of numbers, got str '8'
    """
    if _is_python_number(value):
        try:
            return float(value)  # type: ignore[arg-type]
        except OverflowError:  # an int beyond float: 10**400
            return float("inf")
    if isinstance(value, bool | np.bool_ | str | bytes | dict | set | frozenset) or value is None:
        raise WrongTypeError(argument=argument, value=value, expected=expected)
    try:
        array = np.asarray(value)
    except (TypeError, ValueError, OverflowError) as error:  # ragged lists and the like
        raise WrongTypeError(argument=argument, value=value, expected=expected) from error
    if array.dtype.kind not in "iuf":
        if array.dtype.kind == "O":  # a list holding ints beyond float64, say
            try:
                array = array.astype(np.float64)
            except (TypeError, ValueError, OverflowError):
                raise WrongTypeError(argument=argument, value=value, expected=expected) from None
        else:
            raise WrongTypeError(argument=argument, value=value, expected=expected)
    if array.ndim == 0:
        return float(array)
    with np.errstate(over="ignore"):  # huge ints become inf, refused by the range check
        return array.astype(np.float64, copy=False)


def _first(values: npt.NDArray[np.float64], bad: npt.NDArray[np.bool_]) -> tuple[float, int | tuple[int, ...]]:
    flat = int(np.argmax(bad))
    index = np.unravel_index(flat, values.shape)
    return float(values[index]), (int(index[0]) if len(index) == 1 else tuple(int(i) for i in index))


def _refuse(
    converted: FloatOrArray, original: object, argument: str, bound: Bound, *, hints_cgy: bool
) -> FractionationError:
    """The error for a value that fails ``bound``: the first offending element of an array, with its index."""
    if isinstance(converted, float):
        value: object = original if _is_python_number(original) else converted
        index = None
        number = converted
    else:
        low_ok = converted > bound.low if bound.low_open else converted >= bound.low
        ok = low_ok & (converted <= bound.high)
        if bound.whole:
            ok &= converted == np.floor(converted)
        number, index = _first(converted, ~ok)
        value = number
    hint = cgy_hint(number) if hints_cgy else None
    return FractionationError(argument=argument, value=value, expected=bound.describe(), index=index, hint=hint)


def check_quantity(value: object, argument: str, bound: Bound, *, hints_cgy: bool = False) -> FloatOrArray:
    """``value`` (a number or an array) within ``bound``: a float, or a float64 array.

    >>> from fractionation.bounds import ALPHA_BETA
    >>> check_quantity([10, 3, 0], "alpha_beta", ALPHA_BETA)
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: alpha_beta must be a number of Gy from 0.01 to 1000, got 0.0 at index 2
    """
    if (type(value) is float or type(value) is int) and bound.holds(value):  # the fast path: no numpy
        return float(value)
    converted = as_float_or_array(value, argument, bound.describe())
    if isinstance(converted, float):
        if bound.holds(converted):
            return converted
        raise _refuse(converted, value, argument, bound, hints_cgy=hints_cgy)
    if converted.size == 0:
        return converted
    low, high = float(converted.min()), float(converted.max())  # NaN propagates: it fails both
    if bound.holds(low) and bound.holds(high) and (not bound.whole or np.all(converted == np.floor(converted))):
        return converted
    raise _refuse(converted, value, argument, bound, hints_cgy=hints_cgy)


def check_number(value: object, argument: str, bound: Bound, *, hints_cgy: bool = False) -> float:
    """One number within ``bound``, as a float; an array (even of one element) is refused.

    >>> from fractionation.bounds import INTERVAL_HOURS
    >>> check_number(6, "interval_hours", INTERVAL_HOURS)
    6.0
    >>> check_number([6, 8], "interval_hours", INTERVAL_HOURS)
    Traceback (most recent call last):
    ...
    fractionation.WrongTypeError: interval_hours must be one number of hours from 0.1 to 24 (not an array),
    got list [6, 8]
    """
    if (type(value) is float or type(value) is int) and bound.holds(value):
        return float(value)
    if not _is_python_number(value):
        raise WrongTypeError(argument=argument, value=value, expected=f"one {bound.describe()[2:]} (not an array)")
    result = check_quantity(value, argument, bound, hints_cgy=hints_cgy)
    return float(result)


def check_finite(value: object, argument: str) -> float:
    """One finite number of any size or sign, as a float.

    >>> check_finite(-2, "low")
    -2.0
    >>> check_finite(float("nan"), "low")
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: low must be a finite number, got nan
    """
    if not _is_python_number(value):
        raise WrongTypeError(argument=argument, value=value, expected="a finite number")
    number = as_float_or_array(value, argument, "a finite number")
    if not np.isfinite(number):
        raise FractionationError(argument=argument, value=value, expected="a finite number")
    return float(number)


def check_whole_number(value: object, argument: str, bound: Bound) -> int:
    """One whole number within ``bound``, as an int; 5 and 5.0 are both accepted, True is not.

    >>> from fractionation.bounds import ALPHA_BETA_POINTS
    >>> check_whole_number(201, "points", ALPHA_BETA_POINTS)
    201
    >>> check_whole_number(2**63, "points", ALPHA_BETA_POINTS)
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: points must be a whole number from 2 to 10001, got 9223372036854775808
    """
    return int(check_number(value, argument, bound._replace(whole=True)))


def check_dose_per_fraction(
    value: object, argument: str = "dose_per_fraction", *, allow_zero: bool = True
) -> FloatOrArray:
    """Doses per fraction in Gy, from 0 (above 0 unless ``allow_zero``) to 100; see the dose policy.

    >>> check_dose_per_fraction(800)
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: dose_per_fraction must be a number of Gy from 0 to 100, got 800 (did you
    pass cGy? 800 cGy = 8 Gy)
    """
    return check_quantity(value, argument, DOSE_PER_FRACTION if allow_zero else _POSITIVE_DOSE, hints_cgy=True)


def check_n_fractions(value: object, argument: str = "n_fractions") -> FloatOrArray:
    """Whole numbers of fractions from 1 to 1000; 5 and 5.0 are both accepted."""
    return check_quantity(value, argument, N_FRACTIONS)


def check_alpha_beta(value: object, argument: str = "alpha_beta") -> FloatOrArray:
    """alpha/beta ratios in Gy, from 0.01 to 1000 (a subnormal is not a ratio)."""
    return check_quantity(value, argument, ALPHA_BETA)


def check_broadcast(**arrays: object) -> tuple[int, ...]:
    """The shape the named arguments broadcast to; refused naming every argument and its shape.

    >>> check_broadcast(dose_per_fraction=np.ones(2), n_fractions=np.ones(3))
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: dose_per_fraction, n_fractions must be shapes that broadcast together,
    got {'dose_per_fraction': (2,), 'n_fractions': (3,)}
    """
    shapes = {name: np.shape(value) for name, value in arrays.items()}  # type: ignore[call-overload]
    try:
        return tuple(np.broadcast_shapes(*shapes.values()))
    except ValueError:
        raise FractionationError(
            argument=", ".join(shapes), value=shapes, expected="shapes that broadcast together"
        ) from None


def check_shape(value: object, argument: str = "shape") -> tuple[int, ...]:
    """A grid's shape: whole numbers from 1, at most ``MAX_GRID_VOXELS`` voxels in all.

    >>> check_shape([2, 3])
    (2, 3)
    >>> check_shape((2**40, 2))
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: shape must be a tuple of whole numbers from 1, at most 1,073,741,824 voxels
    in all, got (1099511627776, 2)
    """
    expected = f"a tuple of whole numbers from 1, at most {MAX_GRID_VOXELS:,} voxels in all"
    dims = check_collection(value, argument, expected)
    if not dims:
        raise FractionationError(argument=argument, value=value, expected=expected)
    for index, dim in enumerate(dims):
        if isinstance(dim, bool | np.bool_) or not isinstance(dim, numbers.Integral):
            raise WrongTypeError(argument=argument, value=dim, expected=expected, index=index)
        if dim < 1:
            raise FractionationError(argument=argument, value=dim, expected=expected, index=index)
    shape = tuple(int(dim) for dim in dims)
    if math.prod(shape) > MAX_GRID_VOXELS:
        raise FractionationError(argument=argument, value=shape, expected=expected)
    return shape


def check_instance(
    value: object, argument: str, kind: type[T] | tuple[type[T], ...], expected: str, *, index: int | None = None
) -> T:
    """``value`` if it is an instance of ``kind``, else a :class:`WrongTypeError` saying ``expected``.

    ``index`` is the position of ``value`` in the collection ``argument``, when it is an item of one.
    """
    if not isinstance(value, kind):
        raise WrongTypeError(argument=argument, value=value, expected=expected, index=index)
    return value


def check_choice(value: object, argument: str, choices: Sequence[str]) -> str:
    """One of ``choices`` (exact strings).

    >>> check_choice("lowest", "overlap", ("lowest", "last"))
    'lowest'
    >>> check_choice("x", "overlap", ("lowest", "last"))
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: overlap must be one of 'lowest', 'last', got 'x'
    """
    expected = "one of " + ", ".join(repr(c) for c in choices)
    if not isinstance(value, str):
        raise WrongTypeError(argument=argument, value=value, expected=expected)
    if value not in choices:
        raise FractionationError(argument=argument, value=value, expected=expected)
    return value


def check_collection(value: object, argument: str, expected: str) -> list[Any]:
    """The items of a list, tuple or other iterable; a string is refused, not read character by character.

    >>> check_collection("Mon", "weekdays", "a list of weekday names")
    Traceback (most recent call last):
    ...
    fractionation.WrongTypeError: weekdays must be a list of weekday names, got str 'Mon'
    """
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise WrongTypeError(argument=argument, value=value, expected=expected)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        raise WrongTypeError(argument=argument, value=value, expected=expected)
    return list(value)


def check_items(value: object, argument: str, kind: type[T], expected: str) -> tuple[T, ...]:
    """A non-empty list or tuple of ``kind``, as a tuple; an item of another type is named by its index.

    >>> check_items([], "courses", int, "one or more whole numbers (a list or tuple)")
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: courses must be one or more whole numbers (a list or tuple), got []
    """
    if not isinstance(value, list | tuple):
        raise WrongTypeError(argument=argument, value=value, expected=expected)
    if not value:
        raise FractionationError(argument=argument, value=value, expected=expected)
    for index, item in enumerate(value):
        check_instance(item, argument, kind, expected, index=index)
    return tuple(value)


def check_flag(value: object, argument: str) -> bool:
    """True or False (a numpy bool too); anything else, 1 and "yes" included, is a :class:`WrongTypeError`.

    >>> check_flag(True, "answers")
    True
    >>> check_flag("yes", "answers")
    Traceback (most recent call last):
    ...
    fractionation.WrongTypeError: answers must be True or False, got str 'yes'
    """
    if not isinstance(value, bool | np.bool_):
        raise WrongTypeError(argument=argument, value=value, expected="True or False")
    return bool(value)


def check_text(value: object, argument: str, *, optional: bool = False) -> str | None:
    """A non-empty string, stripped (None too if ``optional``).

    >>> check_text("  palliative ", "intent")
    'palliative'
    """
    expected = "a non-empty string" + (" or None" if optional else "")
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise WrongTypeError(argument=argument, value=value, expected=expected)
    if not value.strip():
        raise FractionationError(argument=argument, value=value, expected=expected)
    return value.strip()


def check_path(value: object, argument: str = "path") -> Path:
    """A file path, from a str or os.PathLike; anything else is a :class:`WrongTypeError`.

    >>> check_path("schemes/tolerances.toml").name
    'tolerances.toml'
    >>> check_path(3)
    Traceback (most recent call last):
    ...
    fractionation.WrongTypeError: path must be a path to a file (str or pathlib.Path), got int 3
    """
    if not isinstance(value, str | os.PathLike) or (isinstance(value, str) and not value.strip()):
        raise WrongTypeError(argument=argument, value=value, expected="a path to a file (str or pathlib.Path)")
    from pathlib import Path  # here: pathlib would cost `import fractionation` 5% of numpy's import

    return Path(value)
