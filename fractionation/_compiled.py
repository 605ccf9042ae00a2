"""The block-wise kernels compiled by numba (the optional ``fast`` extra): check and arithmetic in one pass.

Imported only by :mod:`fractionation._blockwise`, and only for large arrays, so that
``import fractionation`` never pays for numba. Each kernel goes through its array a
chunk of ``_CHUNK`` elements at a time (a few KiB, in L1 cache):

- the check is an integer max (and min) of the chunk's bit patterns, in the same
  loop as the arithmetic, which LLVM vectorises: non-negative floats order like
  their bits read as unsigned integers, so one comparison with the bound's bits
  finds anything below 0, above the bound, NaN or infinite. Only a chunk past it
  takes the exact comparisons, which let NaN pass where ``refuse_nan`` is false (a
  dose grid) and let -0.0 pass. (Comparing floats element by element and gathering
  the verdicts measured half as slow again in cache, the arithmetic included.)
- at a chunk the exact comparisons refuse, the kernel stops and returns the chunk's
  offset (no refused chunk: the array's size). The caller names the offending element
  with the NumPy checks or, where a check only notes something (a caution's peak),
  converts the block from there with the checks off and resumes the kernel. The chunk
  has been written by then, so the caller never gives a kernel an ``out`` that shares
  memory with its doses or alpha/beta: such an array is checked with NumPy first and
  then converted with the checks off.

The arithmetic is float64 in the order of ``_blockwise``'s formula, without fast-math
(no reassociation, no fused multiply-add), so float64 results equal NumPy's bit for
bit and float32 results are the float64 result rounded once. Compiled on first use
for each combination of dtypes, and cached on disk (numba's ``cache=True``).
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

__all__ = ["array_ratio", "labelled_ratio", "one_ratio", "one_ratio_refactored"]

#: Elements checked and converted at a time: 8 KiB of float32 doses, in L1 cache.
_CHUNK = 2048

#: Releases the GIL (the parts run on threads); cached on disk; no exception on a division by zero.
_jit = numba.njit(nogil=True, cache=True, error_model="numpy")


@_jit
def _refused(values: Any, bound: float, refuse_nan: bool) -> bool:
    """The exact check of a chunk: an element below 0 or above ``bound`` (or NaN, with ``refuse_nan``)."""
    flagged = False
    for i in range(values.size):
        v = np.float64(values[i])
        flagged |= (v < 0.0) | (v > bound) | (refuse_nan & (v != v))
    return flagged


@_jit
def one_ratio(
    values: Any, bits: Any, out: Any, scale: float, ratio: float, denominator: float, factor: float, bound: float,
    bound_bits: Any, refuse_nan: bool,
) -> int:  # fmt: skip
    """out = (v * scale + ratio) / denominator * v * factor; the offset of the first refused chunk, or the size."""
    size: int = values.size
    for start in range(0, size, _CHUNK):
        stop = min(start + _CHUNK, size)
        part_values, part_bits, part_out = values[start:stop], bits[start:stop], out[start:stop]
        largest = part_bits[0]
        for i in range(stop - start):
            v = np.float64(part_values[i])
            largest = max(largest, part_bits[i])
            part_out[i] = (v * scale + ratio) / denominator * v * factor
        if largest > bound_bits and _refused(part_values, bound, refuse_nan):
            return start
    return size


@_jit
def one_ratio_refactored(
    values: Any, bits: Any, out: Any, p: float, q: float, bound: float, bound_bits: Any, refuse_nan: bool
) -> int:
    """out = v (v p + q), the same product without a division; the same return."""
    size: int = values.size
    for start in range(0, size, _CHUNK):
        stop = min(start + _CHUNK, size)
        part_values, part_bits, part_out = values[start:stop], bits[start:stop], out[start:stop]
        largest = part_bits[0]
        for i in range(stop - start):
            v = np.float64(part_values[i])
            largest = max(largest, part_bits[i])
            part_out[i] = v * (v * p + q)
        if largest > bound_bits and _refused(part_values, bound, refuse_nan):
            return start
    return size


@_jit
def array_ratio(
    values: Any, bits: Any, ratios: Any, ratio_bits: Any, out: Any, scale: float, reference: float, factor: float,
    bound: float, bound_bits: Any, refuse_nan: bool, low_bits: Any, high_bits: Any,
) -> int:  # fmt: skip
    """The same with an alpha/beta per element, refused unless its bits, read as signed, lie in [low_bits, high_bits].

    Positive floats order like their bits; a negative one, -0.0 or a negative NaN reads
    as a negative integer, a positive NaN or infinity as one above any finite float.
    """
    size: int = values.size
    for start in range(0, size, _CHUNK):
        stop = min(start + _CHUNK, size)
        part_values, part_bits, part_out = values[start:stop], bits[start:stop], out[start:stop]
        part_ratios, part_ratio_bits = ratios[start:stop], ratio_bits[start:stop]
        largest, lowest, highest = part_bits[0], part_ratio_bits[0], part_ratio_bits[0]
        for i in range(stop - start):
            v = np.float64(part_values[i])
            a = np.float64(part_ratios[i])
            largest = max(largest, part_bits[i])
            lowest = min(lowest, part_ratio_bits[i])
            highest = max(highest, part_ratio_bits[i])
            part_out[i] = (v * scale + a) / (reference + a) * v * factor
        if lowest < low_bits or highest > high_bits:
            return start
        if largest > bound_bits and _refused(part_values, bound, refuse_nan):
            return start
    return size


@_jit
def labelled_ratio(
    values: Any, bits: Any, labels: Any, table: Any, pairs: Any, n_labels: int, out: Any, scale: float,
    reference: float, factor: float, bound: float, bound_bits: Any, refuse_nan: bool,
) -> int:  # fmt: skip
    """The same with each element's alpha/beta looked up by its label in ``table``; labels from ``n_labels`` refused.

    ``table`` has an entry for every possible label (256 for uint8, 65536 for uint16),
    so that no look-up leaves it. The look-ups go to a small buffer first: a loop with
    a look-up in it is not vectorised, the arithmetic loop over the buffer is. With
    ``pairs`` (uint8 labels only; otherwise an empty array), two labels read as one
    uint16 look up both alpha/beta at once, as one complex128: half the loads and
    stores, which are most of the look-up's time.
    """
    size: int = values.size
    looked_up = np.empty(_CHUNK)
    by_pairs = pairs.size > 0
    pair_labels = labels[: size // 2 * 2].view(np.uint16)
    pair_buffer = looked_up.view(np.complex128)
    for start in range(0, size, _CHUNK):
        stop = min(start + _CHUNK, size)
        # Slices indexed from 0: measured a quarter faster than indexing the whole arrays from start.
        part_labels, part_values, part_out = labels[start:stop], values[start:stop], out[start:stop]
        part_bits = bits[start:stop]
        largest_label = part_labels[0]
        for j in range(stop - start):
            largest_label = max(largest_label, part_labels[j])
        if largest_label >= n_labels:
            return start
        if by_pairs:  # start is even: the chunk's pairs are its labels two by two, and an odd last one
            part_pairs = pair_labels[start // 2 : stop // 2]
            for j in range(part_pairs.size):
                pair_buffer[j] = pairs[part_pairs[j]]
            if (stop - start) % 2:
                looked_up[stop - start - 1] = table[part_labels[stop - start - 1]]
        else:
            for j in range(stop - start):
                looked_up[j] = table[part_labels[j]]
        largest = part_bits[0]
        for j in range(stop - start):
            v = np.float64(part_values[j])
            a = looked_up[j]
            largest = max(largest, part_bits[j])
            part_out[j] = (v * scale + a) / (reference + a) * v * factor
        if largest > bound_bits and _refused(part_values, bound, refuse_nan):
            return start
    return size
