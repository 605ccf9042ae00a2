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
  offset (no refused chunk: the end of its rows). The caller names the offending
  element with the NumPy checks or, where a check only notes something (a caution's
  peak), converts the block from there with the checks off and resumes the kernel. The chunk
  has been written by then, so the caller never gives a kernel an ``out`` that shares
  memory with its inputs: an input that is ``out`` is checked with NumPy first and then
  converted with the checks off; one that overlaps it otherwise is copied first.

Each kernel goes through rows (``Rows``): a contiguous array is one row; a strided
one, such as a Dask chunk that is a view of a larger grid, is read where it lies, one
row of its last axis at a time, each operand through its own strides, with no
gathering copy (measured on a Dask chunk of 322**3 voxels with a float32 map: 0.55
times the time of gathering slabs of it into a scratch first).

The arithmetic is float64 in the order of ``_blockwise``'s formula, without fast-math
(no reassociation, no fused multiply-add), so float64 results equal NumPy's bit for
bit and float32 results are the float64 result rounded once. Compiled on first use
for each combination of dtypes, and cached on disk (numba's ``cache=True``).
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

__all__ = ["array_ratio", "labelled_ratio", "one_ratio"]

#: Elements checked and converted at a time: 8 KiB of float32 doses, in L1 cache.
_CHUNK = 2048

#: Releases the GIL (the parts run on threads); cached on disk; no exception on a division by zero.
_jit = numba.njit(nogil=True, cache=True, error_model="numpy")


#: Where a kernel's rows lie: (the leading axes' lengths, each operand's strides along
#: them in elements (doses, alpha/beta or labels, output), the rows' length, the first
#: row, the row past the last). Row r starts where its index in the leading axes, read
#: in C order, meets the strides; a chunk at offset ``start`` of row r is at ``r *
#: length + start`` of the rows read as one C-ordered array, which is what a kernel
#: returns when it refuses one.
Rows = tuple[Any, Any, int, int, int]


@_jit
def _row_starts(row: int, shape: Any, strides: Any, starts: Any) -> None:
    """Fill ``starts`` with each operand's offset of row ``row``."""
    starts[:] = 0
    for axis in range(shape.size - 1, -1, -1):
        row, index = divmod(row, shape[axis])
        for operand in range(starts.size):
            starts[operand] += index * strides[operand, axis]


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
    values: Any, bits: Any, out: Any, rows: Rows, coefficients: Any, refactored: bool, bound: float, bound_bits: Any,
    refuse_nan: bool,
) -> int:  # fmt: skip
    """One alpha/beta: the offset of the first refused chunk, or the end.

    ``coefficients`` are (scale, ratio, denominator, factor): out = (v * scale + ratio)
    / denominator * v * factor. ``refactored``: they are (p, q, 0, 0), and out = v (v p
    + q), the same product without a division. The choice is made a chunk at a time,
    outside the loops LLVM vectorises.
    """
    scale, ratio, denominator, factor = coefficients
    shape, strides, length, first, last = rows
    starts = np.empty(3, np.int64)
    for row in range(first, last):
        _row_starts(row, shape, strides, starts)
        at, out_at = starts[0], starts[2]
        for start in range(0, length, _CHUNK):
            stop = min(start + _CHUNK, length)
            part_values, part_bits = values[at + start : at + stop], bits[at + start : at + stop]
            part_out = out[out_at + start : out_at + stop]
            largest = part_bits[0]
            if refactored:
                for i in range(stop - start):
                    v = np.float64(part_values[i])
                    largest = max(largest, part_bits[i])
                    part_out[i] = v * (v * scale + ratio)
            else:
                for i in range(stop - start):
                    v = np.float64(part_values[i])
                    largest = max(largest, part_bits[i])
                    part_out[i] = (v * scale + ratio) / denominator * v * factor
            if largest > bound_bits and _refused(part_values, bound, refuse_nan):
                return int(row * length + start)
    return int(last * length)


@_jit
def array_ratio(
    values: Any, bits: Any, ratios: Any, ratio_bits: Any, out: Any, rows: Rows, scale: float, reference: float,
    factor: float, bound: float, bound_bits: Any, refuse_nan: bool, low_bits: Any, high_bits: Any,
) -> int:  # fmt: skip
    """The same with an alpha/beta per element, refused unless its bits, read as signed, lie in [low_bits, high_bits].

    Positive floats order like their bits; a negative one, -0.0 or a negative NaN reads
    as a negative integer, a positive NaN or infinity as one above any finite float.
    """
    shape, strides, length, first, last = rows
    starts = np.empty(3, np.int64)
    for row in range(first, last):
        _row_starts(row, shape, strides, starts)
        at, ratio_at, out_at = starts[0], starts[1], starts[2]
        for start in range(0, length, _CHUNK):
            stop = min(start + _CHUNK, length)
            part_values, part_bits = values[at + start : at + stop], bits[at + start : at + stop]
            part_ratios = ratios[ratio_at + start : ratio_at + stop]
            part_ratio_bits = ratio_bits[ratio_at + start : ratio_at + stop]
            part_out = out[out_at + start : out_at + stop]
            largest, lowest, highest = part_bits[0], part_ratio_bits[0], part_ratio_bits[0]
            for i in range(stop - start):
                v = np.float64(part_values[i])
                a = np.float64(part_ratios[i])
                largest = max(largest, part_bits[i])
                lowest = min(lowest, part_ratio_bits[i])
                highest = max(highest, part_ratio_bits[i])
                part_out[i] = (v * scale + a) / (reference + a) * v * factor
            if lowest < low_bits or highest > high_bits:
                return int(row * length + start)
            if largest > bound_bits and _refused(part_values, bound, refuse_nan):
                return int(row * length + start)
    return int(last * length)


@_jit
def labelled_ratio(
    values: Any, bits: Any, labels: Any, table: Any, pairs: Any, n_labels: int, out: Any, rows: Rows, scale: float,
    reference: float, factor: float, bound: float, bound_bits: Any, refuse_nan: bool,
) -> int:  # fmt: skip
    """The same with each element's alpha/beta looked up by its label in ``table``; labels from ``n_labels`` refused.

    ``table`` has an entry for every possible label (256 for uint8, 65536 for uint16),
    so that no look-up leaves it. The look-ups go to a small buffer first: a loop with
    a look-up in it is not vectorised, the arithmetic loop over the buffer is. With
    ``pairs`` (uint8 labels only, their array at an even address; otherwise an empty
    array), two labels read as one uint16 look up both alpha/beta at once, as one
    complex128: half the loads and stores, which are most of the look-up's time.
    """
    shape, strides, length, first, last = rows
    starts = np.empty(3, np.int64)
    looked_up = np.empty(_CHUNK)
    pair_buffer = looked_up.view(np.complex128)
    for row in range(first, last):
        _row_starts(row, shape, strides, starts)
        at, labels_at, out_at = starts[0], starts[1], starts[2]
        for start in range(0, length, _CHUNK):
            stop = min(start + _CHUNK, length)
            # Slices indexed from 0: measured a quarter faster than indexing the whole arrays from start.
            part_values, part_bits = values[at + start : at + stop], bits[at + start : at + stop]
            part_labels = labels[labels_at + start : labels_at + stop]
            part_out = out[out_at + start : out_at + stop]
            m = stop - start
            largest_label = part_labels[0]
            for j in range(m):
                largest_label = max(largest_label, part_labels[j])
            if largest_label >= n_labels:
                return int(row * length + start)
            if pairs.size > 0 and (labels_at + start) % 2 == 0:  # the chunk's labels two by two, and a lone last one
                part_pairs = labels[labels_at + start : labels_at + start + m // 2 * 2].view(np.uint16)
                for j in range(m // 2):
                    pair_buffer[j] = pairs[part_pairs[j]]
                if m % 2:
                    looked_up[m - 1] = table[part_labels[m - 1]]
            else:
                for j in range(m):
                    looked_up[j] = table[part_labels[j]]
            largest = part_bits[0]
            for j in range(m):
                v = np.float64(part_values[j])
                a = looked_up[j]
                largest = max(largest, part_bits[j])
                part_out[j] = (v * scale + a) / (reference + a) * v * factor
            if largest > bound_bits and _refused(part_values, bound, refuse_nan):
                return int(row * length + start)
    return int(last * length)
