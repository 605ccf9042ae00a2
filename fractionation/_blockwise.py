"""The one block-wise kernel behind every array of doses: checked and converted in one read and one write.

Element by element, in this order (so that float64 results do not depend on the path taken):

    out = (v * scale + a/b) / (x + a/b) * v * factor

``v`` is a dose per fraction (scale 1, factor n: the LQ path of ``eqd2``/``bed``, whose
elements equal the scalar results bit for bit) or a voxel's total dose (scale 1/n,
factor 1: the dose-grid path); ``x`` is the reference dose per fraction (0 for BED).
Multiplying by exactly 1 changes no bit, so both paths are the same formula. With one
alpha/beta, a caller that does not need that bit-for-bit agreement (the grids) may ask
for the same product refactored, ``out = v (v p + q)`` with ``p = scale factor / (x +
a/b)`` and ``q = a/b factor / (x + a/b)``: one multiply-add and one multiply per
element, no division, equal to the formula within a float64 rounding.

Each block is checked and converted while it is in cache. Large arrays are split into
one part per core (a contiguous range, or a range of rows), the first converted on the
calling thread and the others on helper threads kept from call to call: NumPy's loops
and the compiled kernel release the GIL. With numba installed (``pip install
'fractionation[fast]'``), a compiled kernel does the check and the arithmetic in one
fused pass, in float64, rounding once to the output's dtype; ``FRACTIONATION_COMPILED=0``
turns it off. For the grids it reads a strided array (a Dask chunk that is a view of a
larger grid, a slice of one) where it lies, row by row along its last axis, when that
axis is contiguous and no stride is negative (``reads_strided``). Other arrays are
flattened, which copies a strided one: the grids take those slab by slab. An input that
shares memory with ``out`` other than element for element (a reversed view, say) is
copied first; one that is ``out``, element for element, is converted in place.
NumPy alone computes in the array's dtype, one pass over a block per operation: a
float32 grid in float32 (its float64 alpha/beta rounded to float32 first), each
operation rounding, within a few float32 roundings (4 ulp) of the float64 result. On
an error ``out`` may be partly written; the error names the first offending element.
"""

from __future__ import annotations

import functools
import itertools
import os
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from fractionation._errors import FractionationError

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import ThreadPoolExecutor

    import numpy.typing as npt

    #: Raises, naming the first bad element of a block (its flat offset given), or returns
    #: when the block is acceptable after all (a NaN dose in a grid, say).
    Check = Callable[[npt.NDArray[Any], int], None]

__all__ = ["BLOCK", "convert", "lq_formula"]

#: Elements per working block: 256 KiB of float32, small enough to stay in a core's
#: cache between the check and the arithmetic.
BLOCK = 1 << 16
#: Bytes of doses per block with one alpha/beta (2**18 float32, 2**17 float64): the doses
#: and the output's block stay in cache (L2 and the shared L3) through the three passes,
#: and each block's fixed cost (four NumPy calls, each a GIL hand-off) is spread over
#: more elements. Measured on NumPy alone against 2**16 elements: a quarter to a third
#: less time for float32, a fifth less for float64; twice as many bytes was no faster.
ONE_RATIO_BLOCK_BYTES = 1 << 20
#: Arrays from this size are split into one part per core (at most ``MAX_WORKERS``).
PARALLEL_FROM = 1 << 20
MAX_WORKERS = 4
#: Arrays from this size take the compiled kernel when numba is installed; below it,
#: numba's import would cost more than it saves.
COMPILED_FROM = 1 << 16
#: The compiled kernel looks uint8 labels up two at a time up to this many labels: their
#: pairs' entries then fit in L1 cache (32 x 32 x 16 bytes). With labels at random among
#: 200, measured a tenth slower than one at a time; among 3, a quarter faster; among 16, a sixth.
PAIRS_UP_TO = 32

_compiled_module: ModuleType | None = None
_compiled_tried = False
#: The threads that run every part but the first, kept from call to call, and their process.
_helpers: ThreadPoolExecutor | None = None
_helpers_pid = 0


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
    strided_reads: bool = False,
) -> None:
    """Fill ``out`` (the shape of ``values``) with the formula above, checking as it goes.

    ``ratio`` is one alpha/beta (already checked), an array of alpha/beta per element
    (checked here, block by block, by ``check_ratio``), or, with ``labels``, a table
    of alpha/beta (already checked, C-contiguous) that each element's label indexes. A
    value is refused when below 0 or above ``bound`` (NaN too unless ``nan_passes``);
    the exact verdict and message come from ``check_values``. ``refactored``: with one
    alpha/beta, ``v (v p + q)`` (see above). ``strided_reads``: the compiled kernel
    reads strided arrays where they lie, row by row (see :func:`reads_strided`); for
    callers whose checks raise at every chunk the kernel stops at, as the grids' do: a
    check that only notes something would make it resume row by row, in Python.
    Otherwise strided arrays are flattened (copied), and a strided ``out`` is filled
    through a C-contiguous result.
    """
    values, ratio, labels = _apart_from(out, values, ratio, labels)
    size = values.size
    workers = threads or (min(MAX_WORKERS, os.cpu_count() or 1) if size >= PARALLEL_FROM else 1)
    compiled = _compiled() if size >= COMPILED_FROM else None
    in_place = _in_place(values, out, ratio, labels)
    pq = None
    if refactored and not isinstance(ratio, np.ndarray):
        pq = (scale * factor / (reference + ratio), ratio * factor / (reference + ratio))
    constants: tuple[float, float, float, float, bool] = (scale, factor, reference, bound, nan_passes)
    second = labels if labels is not None else ratio
    strided = not all(_contiguous(a) for a in (values, second, out))
    if compiled is not None and strided_reads and strided and not in_place:
        layout = _row_layout(values, second, out)
        if layout is not None:
            _convert_rows(compiled, values, out, ratio, labels, layout, constants, pq, ratio_range, workers,
                          check_values, check_ratio)  # fmt: skip
            return
    if not out.flags.c_contiguous:  # reshape(-1) would copy it: through a C-contiguous result
        result = np.empty(out.shape, dtype=out.dtype)
        convert(values, result, ratio, scale=scale, factor=factor, reference=reference, bound=bound,
                nan_passes=nan_passes, check_values=check_values, check_ratio=check_ratio, ratio_range=ratio_range,
                labels=labels, threads=threads, refactored=refactored)  # fmt: skip
        np.copyto(out, result)
        return

    flat_values, flat_out = values.reshape(-1), out.reshape(-1)
    per_element = labels is None and isinstance(ratio, np.ndarray)
    flat_ratio: Any = ratio.reshape(-1) if per_element else ratio  # type: ignore[union-attr]
    flat_labels = None if labels is None else labels.reshape(-1)

    def run(lo: int, hi: int, *, checked: bool) -> int:
        """The compiled kernel over [lo, hi), one row: where it stopped at a refused chunk, or hi."""
        assert compiled is not None  # for mypy: a closure does not see the narrowing
        part_ratio = flat_ratio[lo:hi] if per_element else flat_ratio
        part_labels = None if flat_labels is None else flat_labels[lo:hi]
        return lo + _compiled_part(compiled, flat_values[lo:hi], flat_out[lo:hi], part_ratio, part_labels,
                                   _one_row(hi - lo), *constants, pq, ratio_range, checked=checked)  # fmt: skip

    def part(start: int, stop: int) -> None:
        args = (flat_values, flat_out, flat_ratio, flat_labels, start, stop)
        if compiled is None:
            _numpy_part(*args, *constants, pq, ratio_range, check_values, check_ratio)
            return
        if in_place:  # checked first, then converted
            _check_with_numpy(*args, bound, nan_passes, check_values, check_ratio)
            run(start, stop, checked=False)
            return
        # The kernel stops at a chunk it refuses: the NumPy checks name the offending element
        # in the block from there, or let the block pass (a check that only notes something,
        # such as a caution's peak), which is then converted with the checks off before the
        # kernel resumes.
        lo = start
        while (lo := run(lo, stop, checked=True)) < stop:
            hi = min(lo + BLOCK, stop)
            _check_with_numpy(*args[:4], lo, hi, bound, nan_passes, check_values, check_ratio)
            run(lo, hi, checked=False)
            lo = hi

    _in_parts(part, size, workers, BLOCK)


def _convert_rows(
    kernels: ModuleType, values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: Any,
    layout: tuple[Any, Any, int], constants: tuple[float, float, float, float, bool], pq: tuple[float, float] | None,
    ratio_range: tuple[float, float], workers: int, check_values: Check, check_ratio: Check | None,
) -> None:  # fmt: skip
    """The compiled kernel over strided arrays, row by row where they lie, in one part of the rows per worker.

    At a refused row, the NumPy checks name the offending element, or let the row pass
    (a check that only notes something), which is then converted with the checks off.
    """
    shape, strides, length = layout
    flat_values, flat_out, flat_ratio, flat_labels = (_from_first(a, values) for a in (values, out, ratio, labels))
    bound, nan_passes = constants[3], constants[4]

    def run(first: int, last: int, *, checked: bool) -> int:
        return _compiled_part(kernels, flat_values, flat_out, flat_ratio, flat_labels, (shape, strides, length,
                              first, last), *constants, pq, ratio_range, checked=checked)  # fmt: skip

    def part(first: int, last: int) -> None:
        while (stopped := run(first, last, checked=True)) < last * length:
            row = stopped // length
            where = np.unravel_index(row, tuple(shape))
            line_values, line_out = values[where], out[where]
            line_ratio = ratio[where] if _shaped_like(ratio, values) else ratio
            line_labels = None if labels is None else labels[where]
            _check_with_numpy(line_values, line_out, line_ratio, line_labels, 0, length, bound, nan_passes,
                              check_values, check_ratio, offset=row * length)  # fmt: skip
            run(row, row + 1, checked=False)
            first = row + 1

    _in_parts(part, int(np.prod(shape)), workers, 1)


def reads_strided(values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: npt.NDArray[Any] | None) -> bool:
    """Whether :func:`convert` with ``strided_reads`` reads and writes these arrays where they lie, each with its
    own strides (the compiled kernel does, when no array shares memory with ``out``); contiguous arrays too."""
    if values.size < COMPILED_FROM or _compiled() is None:
        return False
    if any(isinstance(a, np.ndarray) and np.may_share_memory(a, out) for a in (values, ratio, labels)):
        return False
    return _row_layout(values, labels if labels is not None else ratio, out) is not None


def _apart_from(out: npt.NDArray[Any], values: npt.NDArray[Any], ratio: Any, labels: Any) -> tuple[Any, Any, Any]:
    """The inputs, each copied where it may share memory with ``out`` other than element for element.

    Converting in place (an input is ``out``, element for element) is safe: each element
    is read before it is written. Any other overlap (a reversed view, a shifted one,
    labels in ``out``'s bytes) would read elements already written.
    """

    def apart(array: Any) -> Any:
        if not isinstance(array, np.ndarray) or array.ndim == 0 or not np.may_share_memory(array, out):
            return array
        same = (array.__array_interface__["data"][0] == out.__array_interface__["data"][0]
                and array.strides == out.strides and array.itemsize == out.itemsize)  # fmt: skip
        return array if same else array.copy()

    return apart(values), apart(ratio), apart(labels)


def _in_place(values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: Any) -> bool:
    """Whether ``out`` is the doses or the alpha/beta per element: then the compiled kernel would write a chunk
    before finding the element there it must name, so it is checked with NumPy first."""
    per_element = labels is None and isinstance(ratio, np.ndarray)
    return bool(np.may_share_memory(values, out) or (per_element and np.may_share_memory(ratio, out)))


def _in_parts(part: Callable[[int, int], None], size: int, workers: int, step: int) -> None:
    """``part`` over [0, size) in one part per worker (edges at multiples of ``step``): the first on this thread."""
    if workers == 1 or size < 2 * step:
        part(0, size)
        return
    from concurrent.futures import wait

    edges = [size * k // workers // step * step for k in range(workers)] + [size]
    futures = [_helper_threads().submit(part, lo, hi) for lo, hi in itertools.pairwise(edges[1:]) if hi > lo]
    try:
        part(edges[0], edges[1])  # the first part on this thread, the others on the helpers
    finally:
        wait(futures)  # no part is still writing into out when this returns or raises
    for future in futures:
        future.result()  # raises the first failing part's error


def _contiguous(array: Any) -> bool:
    """A number, or an array in C order."""
    return not isinstance(array, np.ndarray) or bool(array.flags.c_contiguous)


def _shaped_like(array: Any, values: npt.NDArray[Any]) -> bool:
    """An operand with an element per value (not a number, not a table of alpha/beta)."""
    return isinstance(array, np.ndarray) and array.shape == values.shape


def _row_layout(values: npt.NDArray[Any], second: Any, out: npt.NDArray[Any]) -> tuple[Any, Any, int] | None:
    """How the compiled kernels read these arrays by rows: (the leading axes' lengths, each array's strides along
    them in elements, the rows' length); None where they cannot.

    Rows run along the last axis, which must be contiguous in each array; the other
    strides must not be negative (each array is read from its first element on). An
    axis of length 1 has no stride that matters. A number or a table of alpha/beta
    (``second``) has no strides: zero.
    """
    if values.ndim < 2 or values.size == 0:
        return None  # a 1-D array is one row: contiguous, or not read where it lies
    strides = np.zeros((3, values.ndim - 1), dtype=np.int64)
    for k, array in enumerate((values, second, out)):
        if not _shaped_like(array, values):
            continue
        steps = [0 if n == 1 else stride for n, stride in zip(array.shape, array.strides, strict=True)]
        if steps[-1] not in (0, array.itemsize) or any(step < 0 or step % array.itemsize for step in steps):
            return None
        strides[k] = [step // array.itemsize for step in steps[:-1]]
    return np.array(values.shape[:-1], dtype=np.int64), strides, values.shape[-1]


def _from_first(array: Any, values: npt.NDArray[Any]) -> Any:
    """An operand as the kernels read it: an array with an element per value as one flat view from its first
    element to its last, the gaps between its rows included (no copy); a number or a table as it is."""
    if not _shaped_like(array, values):
        return array
    span = sum((n - 1) * stride for n, stride in zip(array.shape, array.strides, strict=True)) // array.itemsize + 1
    return np.lib.stride_tricks.as_strided(array, shape=(span,), strides=(array.itemsize,))


def _one_row(length: int) -> tuple[Any, Any, int, int, int]:
    """A contiguous part as the kernels' rows: one row of ``length``."""
    return _ONE_ROW, _NO_STRIDES, length, 0, 1


_ONE_ROW = np.ones(1, dtype=np.int64)
_NO_STRIDES = np.zeros((3, 1), dtype=np.int64)


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


def _helper_threads() -> ThreadPoolExecutor:
    """The helper threads, started on first use and then kept: a new pool per call cost more than the work.

    Measured on NumPy alone, one alpha/beta, 2 cores: with a new ThreadPoolExecutor per
    call, a call on 2**20 float32 voxels took 2 to 3 times as long as with these, and
    one on 2**24 a fifth longer (new threads start on the caller's core). A forked
    child process starts its own.
    """
    global _helpers, _helpers_pid
    if _helpers is None or _helpers_pid != os.getpid():
        from concurrent.futures import ThreadPoolExecutor  # here: threading would slow `import fractionation`

        _helpers = ThreadPoolExecutor(MAX_WORKERS - 1, thread_name_prefix="fractionation")
        _helpers_pid = os.getpid()
    return _helpers


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
    rows: tuple[Any, Any, int, int, int], scale: float, factor: float, reference: float, bound: float,
    nan_passes: bool, pq: tuple[float, float] | None, ratio_range: tuple[float, float], *, checked: bool,
) -> int:  # fmt: skip
    """Run the fused kernel over ``rows`` of these flat arrays: the offset of the first chunk it refused, or the end.

    ``checked=False``: the rows passed the NumPy checks already; every element is converted.
    """
    unsigned = np.uint32 if values.dtype == np.float32 else np.uint64
    bits = values.view(unsigned)
    if checked:
        refuse_nan, bound_bits = not nan_passes, _fast_bound_bits(values.dtype, bound)
    else:
        refuse_nan, bound_bits, bound = False, np.iinfo(unsigned).max, np.inf
    limits = (bound, bound_bits, refuse_nan)
    if labels is not None:
        by_pairs = ratio.size <= PAIRS_UP_TO and labels.dtype == np.uint8 and labels.ctypes.data % 2 == 0
        table, pairs = _label_tables(ratio.tobytes(), labels.dtype.itemsize, by_pairs)
        n_labels = ratio.size if checked else table.size
        stopped: int = kernels.labelled_ratio(values, bits, labels, table, pairs, n_labels, out, rows,
                                              scale, reference, factor, *limits)  # fmt: skip
    elif isinstance(ratio, np.ndarray):
        signed = np.int32 if ratio.dtype == np.float32 else np.int64
        # Both bounds are positive: their bits read the same signed or unsigned.
        bounds_bits = _range_bits(ratio.dtype, ratio_range) if checked else (0, np.iinfo(signed).max)
        low_bits, high_bits = (signed(b) for b in bounds_bits)
        stopped = kernels.array_ratio(values, bits, ratio, ratio.view(signed), out, rows,
                                      scale, reference, factor, *limits, low_bits, high_bits)  # fmt: skip
    elif pq is not None:
        stopped = kernels.one_ratio(values, bits, out, rows, (*pq, 0.0, 0.0), True, *limits)
    else:
        coefficients = (scale, ratio, reference + ratio, factor)
        stopped = kernels.one_ratio(values, bits, out, rows, coefficients, False, *limits)
    return stopped


@functools.lru_cache(maxsize=4)
def _label_tables(ratio: bytes, label_size: int, by_pairs: bool) -> tuple[npt.NDArray[np.float64], npt.NDArray[Any]]:
    """The compiled look-up's tables for a table of alpha/beta (as bytes, to be a cache key): by label, by pairs.

    The first has an entry for every possible label (NaN past the table's), so that no
    look-up reads past it. The second (without ``by_pairs``, empty) has the alpha/beta
    of every two uint8 labels read as one uint16, as one complex128 item (1 MiB, built
    in about half a millisecond: kept here for the calls to come, a Dask array's chunks).
    """
    table = np.full(1 << (8 * label_size), np.nan)
    alpha_beta = np.frombuffer(ratio)[: table.size]  # entries past the largest label cannot be looked up
    table[: alpha_beta.size] = alpha_beta
    if not by_pairs:
        return table, np.empty(0, dtype=np.complex128)
    return table, _label_pairs(table).view(np.complex128).reshape(-1)


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
    """NumPy over [start, stop), block by block, in place in ``out``'s blocks and one-block scratches.

    The arithmetic is in the array's dtype (float32 for a float32 grid: each operation
    rounds to float32, a few float32 roundings in all): NumPy has no fused loop, so each
    operation is one pass over a block in cache, and float32 passes move half the bytes.
    """
    dtype = values.dtype
    bits = values.view(np.uint32 if dtype == np.float32 else np.uint64)
    bound_bits = _fast_bound_bits(dtype, bound)
    # Converting in place (out is the input, or the per-element alpha/beta): each block's
    # inputs are needed after the first operation overwrites them, so they go to a scratch.
    in_place = np.may_share_memory(values, out)
    if labels is None and not isinstance(ratio, np.ndarray):
        _numpy_one_ratio(values, out, bits, bound_bits, start, stop, in_place, scale, factor, reference, ratio, pq,
                         check_values)  # fmt: skip
        return
    v_scratch = np.empty(BLOCK, dtype=dtype) if in_place else None
    cast = dtype.type
    c_scale, c_reference, c_factor = cast(scale), cast(reference), cast(factor)
    a_scratch, denominator = np.empty(BLOCK, dtype=dtype), np.empty(BLOCK, dtype=dtype)
    if labels is not None:
        table = ratio.astype(dtype)  # float32 for a float32 grid: rounded once, as a float32 map would be
        # By pairs (a 512 KiB table, built in about 60 us) where that pays: uint8 labels, float32, a block or more.
        by_pairs = labels.dtype == np.uint8 and dtype == np.float32 and stop - start >= BLOCK
        pairs = _label_pairs(table).view(np.uint64).reshape(-1) if by_pairs else None
        indices = np.empty(BLOCK, dtype=np.intp)  # np.take would allocate and convert them each call
    else:
        low_bits, high_bits = _range_bits(ratio.dtype, ratio_range)
        ratio_bits = ratio.view(np.uint32 if ratio.dtype == np.float32 else np.uint64)
        copy_ratio = ratio.dtype != dtype or np.may_share_memory(ratio, out)
    for lo in range(start, stop, BLOCK):
        hi = min(lo + BLOCK, stop)
        m = hi - lo
        v, result = values[lo:hi], out[lo:hi]
        if bits[lo:hi].max() > bound_bits:
            check_values(v, lo)
        if labels is not None:
            block_labels = labels[lo:hi]
            if block_labels.max() >= table.size:
                _refuse_labels(block_labels, lo, table.size)
            a = _take_labels(table, pairs, block_labels, indices, a_scratch[:m])
        else:
            a = ratio[lo:hi]
            block_bits = ratio_bits[lo:hi]
            if block_bits.min() < low_bits or block_bits.max() > high_bits:  # below, above, negative or NaN
                check_ratio(a, lo)  # type: ignore[misc]
            if copy_ratio:
                np.copyto(a_scratch[:m], a, casting="same_kind")
                a = a_scratch[:m]
        if v_scratch is not None:
            np.copyto(v_scratch[:m], v)
            v = v_scratch[:m]
        d = denominator[:m]
        np.add(a, c_reference, out=d)
        np.multiply(v, c_scale, out=result)
        np.add(result, a, out=result)
        np.divide(result, d, out=result)
        np.multiply(result, v, out=result)
        if factor != 1:
            np.multiply(result, c_factor, out=result)


def _numpy_one_ratio(
    values: npt.NDArray[Any], out: npt.NDArray[Any], bits: npt.NDArray[Any], bound_bits: Any, start: int, stop: int,
    in_place: bool, scale: float, factor: float, reference: float, ratio: float, pq: tuple[float, float] | None,
    check_values: Check,
) -> None:  # fmt: skip
    """One alpha/beta: ``v (v p + q)`` in three passes a block, or the formula in four or five."""
    cast = values.dtype.type
    c_scale, c_ratio, c_denominator, c_factor = (cast(c) for c in (scale, ratio, reference + ratio, factor))
    c_p, c_q = (cast(c) for c in pq) if pq is not None else (c_scale, c_ratio)
    block = ONE_RATIO_BLOCK_BYTES // values.itemsize
    v_scratch = np.empty(min(block, stop - start), dtype=values.dtype) if in_place else None
    for lo in range(start, stop, block):
        hi = min(lo + block, stop)
        v, result = values[lo:hi], out[lo:hi]
        if v_scratch is not None:
            np.copyto(v_scratch[: hi - lo], v)
            v = v_scratch[: hi - lo]
        # The first pass reads the doses and the output's lines together; the check then
        # reads the doses again from cache (an error leaves out partly written, as documented).
        if pq is not None:  # v (v p + q)
            np.multiply(v, c_p, out=result)
        elif scale != 1:
            np.multiply(v, c_scale, out=result)
        else:
            np.add(v, c_ratio, out=result)
        if bits[lo:hi].max() > bound_bits:
            check_values(values[lo:hi] if v_scratch is None else v, lo)
        if pq is not None:
            np.add(result, c_q, out=result)
            np.multiply(result, v, out=result)
            continue
        if scale != 1:
            np.add(result, c_ratio, out=result)
        np.divide(result, c_denominator, out=result)
        np.multiply(result, v, out=result)
        if factor != 1:
            np.multiply(result, c_factor, out=result)


def _label_pairs(table: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """The alpha/beta of every two uint8 labels read as one uint16, side by side: one look-up moves two.

    A look-up costs about as much whatever the item's size (``np.take`` about a nanosecond
    an item; a compiled loop, its load and store): the look-up is most of either path's
    time with labels. Labels past the table get NaN (they are refused before any look-up).
    """
    full = np.full(256, np.nan, dtype=table.dtype)
    full[: table.size] = table[:256]
    both = np.arange(1 << 16, dtype=np.uint16).view(np.uint8).reshape(-1, 2)  # each uint16's two labels, as in memory
    pairs: npt.NDArray[Any] = np.ascontiguousarray(full[both])
    return pairs


def _take_labels(
    table: npt.NDArray[Any], pairs: npt.NDArray[np.uint64] | None, labels: npt.NDArray[Any],
    indices: npt.NDArray[np.intp], out: npt.NDArray[Any],
) -> npt.NDArray[Any]:  # fmt: skip
    """``out`` = each label's alpha/beta, by pairs where there are ``pairs``; the labels are in range."""
    if pairs is None:
        np.copyto(indices[: labels.size], labels)
        return np.take(table, indices[: labels.size], out=out, mode="clip")
    even = labels.size // 2 * 2
    halves = indices[: even // 2]
    np.copyto(halves, labels[:even].view(np.uint16))
    np.take(pairs, halves, out=out[:even].view(np.uint64), mode="clip")
    if even < labels.size:
        out[-1] = table[labels[-1]]
    return out


def _range_bits(dtype: np.dtype[Any], value_range: tuple[float, float]) -> tuple[Any, Any]:
    """The bit patterns of the smallest and largest floats of ``dtype`` inside ``value_range``.

    Positive floats order like their bit patterns read as unsigned integers; a negative
    one, -0.0 or NaN reads as larger than any finite positive one. Values whose bits lie
    between the two are inside the range; any other takes the exact check.
    """
    low, high = np.array(value_range, dtype=dtype)
    if float(low) < value_range[0]:
        low = np.nextafter(low, dtype.type(np.inf))
    if float(high) > value_range[1]:
        high = np.nextafter(high, dtype.type(0))
    view = np.uint32 if dtype == np.float32 else np.uint64
    return low.view(view)[()], high.view(view)[()]


def _check_with_numpy(
    values: npt.NDArray[Any], out: npt.NDArray[Any], ratio: Any, labels: Any, start: int, stop: int,
    bound: float, nan_passes: bool, check_values: Check, check_ratio: Check | None, offset: int = 0,
) -> None:  # fmt: skip
    """The exact checks over [start, stop), block by block: where the compiled kernel stopped, or before it runs.

    ``offset``: where these arrays start in the whole (a row of a strided grid), for the messages.
    """
    for lo in range(start, stop, BLOCK):
        hi = min(lo + BLOCK, stop)
        block = values[lo:hi]
        low, high = np.fmin.reduce(block), np.fmax.reduce(block)
        if low < 0 or high > bound or (not nan_passes and np.isnan(block).any()):
            check_values(block, offset + lo)
        if labels is not None and labels[lo:hi].max() >= ratio.size:
            _refuse_labels(labels[lo:hi], offset + lo, ratio.size)
        if labels is None and isinstance(ratio, np.ndarray):
            check_ratio(ratio[lo:hi], offset + lo)  # type: ignore[misc]


def _refuse_labels(labels: npt.NDArray[Any], offset: int, size: int) -> None:
    where = int(np.argmax(labels >= size))
    expected = f"a label from 0 to {size - 1} (an index into the {size} alpha/beta values)"
    raise FractionationError(argument="labels", value=int(labels[where]), index=offset + where, expected=expected)
