"""The one block-wise kernel behind every array of doses: checked and converted in one read and one write.

Element by element, in this order (so that results do not depend on the path taken):

    out = (v * scale + a/b) / (x + a/b) * v * factor

``v`` is a dose per fraction (scale 1, factor n: the LQ path of ``eqd2``/``bed``, whose
elements equal the scalar results bit for bit) or a voxel's total dose (scale 1/n,
factor 1: the dose-grid path); ``x`` is the reference dose per fraction (0 for BED).
Multiplying by exactly 1 changes no bit, so both paths are the same formula. With one
alpha/beta, a caller that does not need that bit-for-bit agreement (the grids) may ask
for the same product refactored, ``out = v (v p + q)`` with ``p = scale factor / (x +
a/b)`` and ``q = a/b factor / (x + a/b)``: one multiply-add and one multiply per
element, no division, equal to the formula within a float64 rounding.

Each block of ``BLOCK`` elements is checked and converted while it is in cache. Large
arrays are split into one contiguous part per core: NumPy's loops and the compiled
kernel release the GIL. With numba installed (``pip install 'fractionation[fast]'``),
a compiled kernel does the check and the arithmetic in one fused pass, in float64,
rounding once to the output's dtype; ``FRACTIONATION_COMPILED=0`` turns it off. On
an error ``out`` may be partly written; the error names the first offending element.
"""

from __future__ import annotations

import itertools
import os
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from fractionation._errors import FractionationError

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy.typing as npt

    #: Raises, naming the first bad element of a block (its flat offset given), or returns
    #: when the block is acceptable after all (a NaN dose in a grid, say).
    Check = Callable[[npt.NDArray[Any], int], None]

__all__ = ["BLOCK", "convert", "lq_formula"]

#: Elements per working block: 256 KiB of float32, small enough to stay in a core's
#: cache between the check and the arithmetic.
BLOCK = 1 << 16
#: Arrays from this size are split into one part per core (at most four).
PARALLEL_FROM = 1 << 20
#: Arrays from this size take the compiled kernel when numba is installed; below it,
#: numba's import would cost more than it saves.
COMPILED_FROM = 1 << 16

_compiled_module: ModuleType | None = None
_compiled_tried = False


def convert(
    values: npt.NDArray[np.floating[Any]],
    out: npt.NDArray[np.floating[Any]],
    ratio: float | npt.NDArray[Any],
    *,
    scale: float,
    factor: float,
    reference: float,
    bound: float,
    nan_passes: bool,
    check_values: Check,
    check_ratio: Check | None = None,
    ratio_range: tuple[float, float] = (0.0, np.inf),
    labels: npt.NDArray[np.unsignedinteger[Any]] | None = None,
    threads: int | None = None,
    refactored: bool = False,
) -> None:
    """Fill ``out`` (C-contiguous, the shape of ``values``) with the formula above, checking as it goes.

    ``ratio`` is one alpha/beta (already checked), an array of alpha/beta per element
    (checked here, block by block, by ``check_ratio``), or, with ``labels``, a table
    of alpha/beta (already checked) that each element's label indexes. A value is
    refused when below 0 or above ``bound`` (NaN too unless ``nan_passes``); the
    exact verdict and message come from ``check_values``. ``refactored``: with one
    alpha/beta, ``v (v p + q)`` (see above).
    """
    flat_values, flat_out = values.reshape(-1), out.reshape(-1)
    flat_ratio = ratio.reshape(-1) if isinstance(ratio, np.ndarray) and labels is None else ratio
    flat_labels = None if labels is None else labels.reshape(-1)
    size = flat_values.size
    workers = threads or (min(4, os.cpu_count() or 1) if size >= PARALLEL_FROM else 1)
    compiled = _compiled() if size >= COMPILED_FROM else None

    pq = None
    if refactored and not isinstance(ratio, np.ndarray):
        pq = (scale * factor / (reference + ratio), ratio * factor / (reference + ratio))

    def part(start: int, stop: int) -> None:
        args = (flat_values, flat_out, flat_ratio, flat_labels, start, stop)
        constants: tuple[float, float, float, float, bool] = (scale, factor, reference, bound, nan_passes)
        if compiled is None:
            _numpy_part(*args, *constants, pq, ratio_range, check_values, check_ratio)
        elif _compiled_part(compiled, *args, *constants, pq, ratio_range):  # flagged: raise with the message
            _find_error(*args, bound, nan_passes, check_values, check_ratio)

    if workers == 1:
        part(0, size)
        return
    from concurrent.futures import ThreadPoolExecutor  # here: threading would slow `import fractionation`

    edges = [size * k // workers // BLOCK * BLOCK for k in range(workers)] + [size]
    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(part, lo, hi) for lo, hi in itertools.pairwise(edges)]:
            future.result()  # raises the part's error, if any


def lq_formula(
    dose_per_fraction: npt.NDArray[np.float64], n_fractions: npt.NDArray[Any], alpha_beta: npt.NDArray[np.float64],
    reference: float,
) -> npt.NDArray[np.float64]:  # fmt: skip
    """The formula above on small arrays that broadcast, unchecked (scale 1, factor n): for inputs checked already.

    Its elements equal ``eqd2``'s and ``bed``'s under LQ bit for bit (same operations, same order).
    """
    result: npt.NDArray[np.float64] = (
        (dose_per_fraction + alpha_beta) / (reference + alpha_beta) * dose_per_fraction * n_fractions
    )
    return result


def _compiled() -> ModuleType | None:
    """The numba kernels, or None without numba or with FRACTIONATION_COMPILED=0."""
    global _compiled_module, _compiled_tried
    if os.environ.get("FRACTIONATION_COMPILED", "1") == "0":
        return None
    if not _compiled_tried:
        _compiled_tried = True
        try:
            from fractionation import _compiled

            _compiled_module = _compiled
        except ImportError:  # numba not installed: the NumPy path serves
            _compiled_module = None
    return _compiled_module


def _compiled_part(
    kernels: ModuleType, values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: Any,
    start: int, stop: int, scale: float, factor: float, reference: float, bound: float, nan_passes: bool,
    pq: tuple[float, float] | None, ratio_range: tuple[float, float],
) -> bool:  # fmt: skip
    """Run the fused kernel over [start, stop); True if anything there must be refused."""
    part_values, part_out = values[start:stop], out[start:stop]
    refuse_nan = not nan_passes
    if labels is not None:
        table = np.full(np.iinfo(labels.dtype).max + 1, np.nan)  # every possible label: none reads past it
        table[: ratio.size] = ratio
        flagged: bool = kernels.labelled_ratio(part_values, labels[start:stop], table, part_out,
                                               scale, reference, factor, bound, refuse_nan)  # fmt: skip
    elif isinstance(ratio, np.ndarray):
        flagged = kernels.array_ratio(part_values, ratio[start:stop], part_out,
                                      scale, reference, factor, bound, refuse_nan, *ratio_range)  # fmt: skip
    elif pq is not None:
        flagged = kernels.one_ratio_refactored(part_values, part_out, *pq, bound, refuse_nan)
    else:
        flagged = kernels.one_ratio(part_values, part_out, scale, ratio, reference + ratio, factor, bound, refuse_nan)
    return flagged


def _fast_bound_bits(dtype: np.dtype[Any], bound: float) -> Any:
    """The bound's bit pattern as an unsigned integer, rounded down to the dtype.

    Non-negative floats order like their bit patterns read as unsigned integers, and
    a negative float (its sign bit set) reads as a huge one: one integer max per block
    finds every value below 0 or above the bound, and also NaN, inf and -0.0, which
    then take the exact check.
    """
    cast = np.array(bound, dtype=dtype)
    if float(cast) > bound:
        cast = np.nextafter(cast, dtype.type(0))
    return cast.view(np.uint32 if dtype == np.float32 else np.uint64)[()]


def _numpy_part(
    values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: Any, start: int, stop: int,
    scale: float, factor: float, reference: float, bound: float, nan_passes: bool, pq: tuple[float, float] | None,
    ratio_range: tuple[float, float], check_values: Check, check_ratio: Check | None,
) -> None:  # fmt: skip
    dtype = values.dtype
    bits = values.view(np.uint32 if dtype == np.float32 else np.uint64)
    bound_bits = _fast_bound_bits(dtype, bound)
    per_element = isinstance(ratio, np.ndarray)
    # Converting in place (out is the input): each block's doses are needed after the first
    # pass overwrites them, so they are copied to a one-block scratch first. With a
    # per-element alpha/beta, the arithmetic is float64 in a scratch of its own.
    shared = np.may_share_memory(values, out) or (per_element and np.may_share_memory(ratio, out))
    scratch = np.empty(BLOCK, dtype=dtype) if shared and not per_element else None
    if per_element:
        # float64 scratches, each converted into once: mixed-dtype ufuncs cast in small buffers, slowly.
        work, denominator, gathered = (np.empty(BLOCK) for _ in range(3))
        doses64 = np.empty(BLOCK) if dtype != np.float64 or shared else None
        direct = out.dtype == np.float64 and not shared
    else:
        c_scale, c_ratio, c_denominator, c_factor = (dtype.type(c) for c in (scale, ratio, reference + ratio, factor))
        c_p, c_q = (dtype.type(c) for c in pq) if pq is not None else (c_scale, c_ratio)
    for lo in range(start, stop, BLOCK):
        hi = min(lo + BLOCK, stop)
        block, result = values[lo:hi], out[lo:hi]
        if bits[lo:hi].max() > bound_bits:
            check_values(block, lo)
        if not per_element:
            if scratch is not None:
                block = scratch[: hi - lo]
                np.copyto(block, values[lo:hi])
            if pq is not None:  # v (v p + q)
                np.multiply(block, c_p, out=result)
                np.add(result, c_q, out=result)
                np.multiply(result, block, out=result)
                continue
            if scale != 1:
                np.multiply(block, c_scale, out=result)
                np.add(result, c_ratio, out=result)
            else:
                np.add(block, c_ratio, out=result)
            np.divide(result, c_denominator, out=result)
            np.multiply(result, block, out=result)
            if factor != 1:
                np.multiply(result, c_factor, out=result)
            continue
        m = hi - lo
        if labels is not None:
            block_labels = labels[lo:hi]
            if block_labels.max() >= ratio.size:
                _refuse_labels(block_labels, lo, ratio.size)
            a = np.take(ratio, block_labels, out=gathered[:m], mode="clip")  # "raise" would buffer the output
        else:
            a = ratio[lo:hi]
            if not (a.min() >= ratio_range[0] and a.max() <= ratio_range[1]):  # NaN fails the first
                check_ratio(a, lo)  # type: ignore[misc]
            if a.dtype != np.float64:
                a = gathered[:m]
                np.copyto(a, ratio[lo:hi])
        v = block
        if doses64 is not None:
            v = doses64[:m]
            np.copyto(v, block)
        t = result if direct else work[:m]
        d = denominator[:m]
        np.add(a, reference, out=d)
        np.multiply(v, scale, out=t)
        np.add(t, a, out=t)
        np.divide(t, d, out=t)
        np.multiply(t, v, out=t)
        if factor != 1:
            np.multiply(t, factor, out=t)
        if t is not result:
            np.copyto(result, t, casting="same_kind")


def _find_error(
    values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: Any, start: int, stop: int,
    bound: float, nan_passes: bool, check_values: Check, check_ratio: Check | None,
) -> None:  # fmt: skip
    """After the compiled kernel flagged [start, stop): raise the exact check's error for the first bad block."""
    for lo in range(start, stop, BLOCK):
        hi = min(lo + BLOCK, stop)
        block = values[lo:hi]
        low, high = np.fmin.reduce(block), np.fmax.reduce(block)
        if low < 0 or high > bound or (not nan_passes and np.isnan(block).any()):
            check_values(block, lo)
        if labels is not None and labels[lo:hi].max() >= ratio.size:
            _refuse_labels(labels[lo:hi], lo, ratio.size)
        if labels is None and isinstance(ratio, np.ndarray):
            check_ratio(ratio[lo:hi], lo)  # type: ignore[misc]


def _refuse_labels(labels: npt.NDArray[Any], offset: int, size: int) -> None:
    where = int(np.argmax(labels >= size))
    expected = f"a label from 0 to {size - 1} (an index into the {size} alpha/beta values)"
    raise FractionationError(argument="labels", value=int(labels[where]), index=offset + where, expected=expected)
