"""The block-wise kernel compiled by numba (the optional ``fast`` extra): check and arithmetic in one pass.

Imported only by :mod:`fractionation._blockwise`, and only for large arrays, so that
``import fractionation`` never pays for numba. Each loop has no branch: it converts
every element and accumulates a flag for anything to refuse, so that LLVM vectorises
it; the caller then finds and names the offending element with the NumPy checks. The
arithmetic is float64 in the order of ``_blockwise``'s formula, without fast-math
(no reassociation, no fused multiply-add), so float64 results equal NumPy's bit for
bit and float32 results are the float64 result rounded once. Compiled on first use
for each combination of dtypes, and cached on disk (numba's ``cache=True``).
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

__all__ = ["array_ratio", "labelled_ratio", "one_ratio", "one_ratio_refactored"]

#: Elements whose alpha/beta are looked up at a time (16 KiB of float64, in L1 cache).
_LOOKUP = 2048


@numba.njit(nogil=True, cache=True, error_model="numpy")
def one_ratio(
    values: Any, out: Any, scale: float, ratio: float, denominator: float, factor: float, bound: float,
    refuse_nan: bool,
) -> bool:  # fmt: skip
    """out = (v * scale + ratio) / denominator * v * factor; True if a value is below 0, above bound (or NaN)."""
    flagged = False
    for i in range(values.size):
        v = np.float64(values[i])
        flagged |= (v < 0.0) | (v > bound) | (refuse_nan & (v != v))
        out[i] = (v * scale + ratio) / denominator * v * factor
    return flagged


@numba.njit(nogil=True, cache=True, error_model="numpy")
def one_ratio_refactored(values: Any, out: Any, p: float, q: float, bound: float, refuse_nan: bool) -> bool:
    """out = v (v p + q), the same product without a division; the same flag."""
    flagged = False
    for i in range(values.size):
        v = np.float64(values[i])
        flagged |= (v < 0.0) | (v > bound) | (refuse_nan & (v != v))
        out[i] = v * (v * p + q)
    return flagged


@numba.njit(nogil=True, cache=True, error_model="numpy")
def array_ratio(
    values: Any, ratios: Any, out: Any, scale: float, reference: float, factor: float, bound: float,
    refuse_nan: bool, ratio_low: float, ratio_high: float,
) -> bool:  # fmt: skip
    """The same with an alpha/beta per element; also True if one is outside [ratio_low, ratio_high] or NaN."""
    flagged = False
    for i in range(values.size):
        v = np.float64(values[i])
        a = np.float64(ratios[i])
        flagged |= (v < 0.0) | (v > bound) | (refuse_nan & (v != v)) | (a != a) | (a < ratio_low) | (a > ratio_high)
        out[i] = (v * scale + a) / (reference + a) * v * factor
    return flagged


@numba.njit(nogil=True, cache=True, error_model="numpy")
def labelled_ratio(
    values: Any, labels: Any, table: Any, out: Any, scale: float, reference: float, factor: float, bound: float,
    refuse_nan: bool,
) -> bool:  # fmt: skip
    """The same with each element's alpha/beta looked up by its label in ``table``.

    ``table`` has an entry for every possible label (256 for uint8, 65536 for uint16),
    NaN past the real ones, so that a label out of range is flagged and no look-up
    leaves the table. The look-ups go to a small buffer first: a loop with a look-up in
    it is not vectorised, the arithmetic loop over the buffer is.
    """
    flagged = False
    size = values.size
    looked_up = np.empty(_LOOKUP)
    for start in range(0, size, _LOOKUP):
        # Slices indexed from 0: measured a quarter faster than indexing the whole arrays from start.
        stop = min(start + _LOOKUP, size)
        m = stop - start
        part_labels, part_values, part_out = labels[start:stop], values[start:stop], out[start:stop]
        for j in range(m):
            looked_up[j] = table[part_labels[j]]
        for j in range(m):
            v = np.float64(part_values[j])
            a = looked_up[j]
            flagged |= (v < 0.0) | (v > bound) | (refuse_nan & (v != v)) | (a != a)
            part_out[j] = (v * scale + a) / (reference + a) * v * factor
    return flagged
