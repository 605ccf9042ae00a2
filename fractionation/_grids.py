"""Dose grids: EQD2 and BED voxel by voxel, from the physical total dose of each voxel.

Each voxel gets its own dose per fraction, d = D / n, so for n fractions and a/b:

    EQD2 = D (D/n + a/b) / (2 + a/b)        BED = D (1 + D / (n a/b))

The names take the *total* dose (the mix-up users of other tools report most is feeding
a total where a dose per fraction belongs). float32 stays float32, an ``out=`` array may
be given (the input itself included), and extra memory is a few working blocks of a few
MiB, not full-size temporaries (a strided grid, such as a slice of a larger one, is read
where it lies by the compiled kernel, or gathered slab by slab). NaN passes through
(outside the body, say); a negative dose is refused. Dask arrays are converted lazily,
block by block, and xarray DataArrays keep their coordinates; neither is imported unless
given.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, overload

import numpy as np
import numpy.typing as npt

from fractionation._blockwise import convert, reads_strided
from fractionation._checks import (
    check_alpha_beta,
    check_choice,
    check_collection,
    check_flag,
    check_n_fractions,
    check_number,
    check_shape,
)
from fractionation._errors import FractionationError, WrongTypeError
from fractionation.bounds import ALPHA_BETA, MAX_DOSE_PER_FRACTION_GY

if TYPE_CHECKING:
    import dask.array as da
    import xarray as xr

__all__ = ["AlphaBetaMap", "alpha_beta_map", "bed_from_total_dose", "eqd2_dvh", "eqd2_from_total_dose"]


@dataclass(frozen=True, kw_only=True, eq=False)
class AlphaBetaMap:
    """Per-voxel alpha/beta in the compact form a dose grid has: a label per voxel, an alpha/beta per label.

    ``labels`` (uint8 or uint16, the grid's shape) index ``alpha_beta`` (Gy, one
    per label; :func:`alpha_beta_map` puts the default at label 0 and structure i at
    label i + 1). It converts as fast as one alpha/beta for the whole grid, with a
    byte per voxel instead of eight; ``np.asarray`` gives the full float64 map.

    >>> import numpy as np
    >>> compact = AlphaBetaMap(labels=np.array([0, 1, 1], dtype=np.uint8), alpha_beta=np.array([10.0, 2.0]))
    >>> np.asarray(compact)
    array([10.,  2.,  2.])
    """

    labels: npt.NDArray[np.uint8] | npt.NDArray[np.uint16]
    alpha_beta: npt.NDArray[np.float64]

    def __post_init__(self) -> None:
        ratios = check_alpha_beta(self.alpha_beta, "alpha_beta")
        if not isinstance(ratios, np.ndarray) or ratios.ndim != 1 or ratios.size == 0:
            raise FractionationError(
                argument="alpha_beta",
                value=self.alpha_beta,
                expected="a one-dimensional array of alpha/beta values, one per label",
            )
        labels, dtype = self.labels, getattr(self.labels, "dtype", None)
        if not hasattr(labels, "shape") or dtype not in (np.uint8, np.uint16):  # numpy or Dask
            raise WrongTypeError(argument="labels", value=labels, expected="an array of uint8 or uint16")
        # A float64 table in C order, the kernels' look-up (a column of a larger array would be read with its gaps).
        object.__setattr__(self, "alpha_beta", np.ascontiguousarray(ratios, dtype=np.float64))
        # The labels are checked as they are used, block by block.

    @property
    def shape(self) -> tuple[int, ...]:
        """The grid's shape."""
        return tuple(self.labels.shape)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> npt.NDArray[Any]:
        full = np.take(self.alpha_beta, self.labels)
        return full if dtype is None else full.astype(dtype)


#: Dask and xarray grids come back as they went in: a Dask array, or a DataArray with its coordinates.
_Lazy = TypeVar("_Lazy", "da.Array", "xr.DataArray")
#: What a Dask grid is written into: anything that takes slice assignment (numpy, a memmap, zarr).
_Out = TypeVar("_Out")
#: A Dask array's chunks: the chunks' lengths along each axis.
_Chunks: TypeAlias = tuple[tuple[int, ...], ...]
_Float32: TypeAlias = npt.NDArray[np.float32]
_Float64: TypeAlias = npt.NDArray[np.float64]
#: A converted grid: float32 doses give float32, other numpy input float64; Dask and xarray as they came.
_Grid: TypeAlias = "_Float32 | _Float64 | da.Array | xr.DataArray"


@overload
def eqd2_from_total_dose(
    total_dose: _Lazy, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap, out: None = None
) -> _Lazy: ...
@overload
def eqd2_from_total_dose(
    total_dose: da.Array, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap, out: _Out
) -> _Out: ...
@overload
def eqd2_from_total_dose(
    total_dose: _Float32, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap, out: _Float32 | None = None
) -> _Float32: ...
@overload
def eqd2_from_total_dose(
    total_dose: npt.ArrayLike, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap,
    out: _Float64 | None = None,
) -> _Float64: ...  # fmt: skip
def eqd2_from_total_dose(
    total_dose: npt.ArrayLike | da.Array | xr.DataArray, *, n_fractions: int,
    alpha_beta: npt.ArrayLike | AlphaBetaMap, out: _Out | None = None,
) -> _Grid | _Out:  # fmt: skip
    """EQD2 (Gy) of each voxel from its physical total dose (Gy) in ``n_fractions``.

    ``alpha_beta`` is one number, an array of the grid's shape, or an
    :class:`AlphaBetaMap` (labels and a table, the fastest per-voxel form). A Dask
    array is converted lazily; given ``out`` too (a numpy array, a memmap, or anything
    that takes slice assignment, such as a zarr array), it is computed now, each chunk
    written into its region of ``out``, and ``out`` is returned. Where two Dask chunks
    share one stored chunk of a zarr array, their writes take turns.

    >>> import numpy as np
    >>> eqd2_from_total_dose(np.array([8.0, 20.0, np.nan], dtype=np.float32), n_fractions=1, alpha_beta=10)
    array([12., 50., nan], dtype=float32)
    """
    grid: _Grid | _Out = _convert(total_dose, n_fractions, alpha_beta, out, reference=2.0, name="eqd2")
    return grid


@overload
def bed_from_total_dose(
    total_dose: _Lazy, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap, out: None = None
) -> _Lazy: ...
@overload
def bed_from_total_dose(
    total_dose: da.Array, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap, out: _Out
) -> _Out: ...
@overload
def bed_from_total_dose(
    total_dose: _Float32, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap, out: _Float32 | None = None
) -> _Float32: ...
@overload
def bed_from_total_dose(
    total_dose: npt.ArrayLike, *, n_fractions: int, alpha_beta: npt.ArrayLike | AlphaBetaMap,
    out: _Float64 | None = None,
) -> _Float64: ...  # fmt: skip
def bed_from_total_dose(
    total_dose: npt.ArrayLike | da.Array | xr.DataArray, *, n_fractions: int,
    alpha_beta: npt.ArrayLike | AlphaBetaMap, out: _Out | None = None,
) -> _Grid | _Out:  # fmt: skip
    """BED (Gy) of each voxel from its physical total dose (Gy) in ``n_fractions``.

    >>> import numpy as np
    >>> bed_from_total_dose(np.array([50.0]), n_fractions=25, alpha_beta=2)
    array([100.])
    """
    grid: _Grid | _Out = _convert(total_dose, n_fractions, alpha_beta, out, reference=0.0, name="bed")
    return grid


def _module(value: object) -> str:
    return type(value).__module__.split(".")[0]


def _convert(total_dose: Any, n_fractions: Any, alpha_beta: Any, out: Any, *, reference: float, name: str) -> Any:
    n = check_n_fractions(n_fractions)
    if not isinstance(n, float):
        raise WrongTypeError(argument="n_fractions", value=n_fractions, expected="one whole number for the whole grid")
    if _module(total_dose) == "xarray":
        # out= fills a numpy array here too, which the returned DataArray then wraps.
        result = _convert(
            total_dose.data, n, getattr(alpha_beta, "data", alpha_beta), out, reference=reference, name=name
        )
        return total_dose.copy(data=result).rename(name)
    if _module(total_dose) == "dask":
        return _convert_dask(total_dose, n, alpha_beta, out, reference)
    dose = _as_dose_array(total_dose)
    result = _output(out, dose)
    _convert_array(dose, n, alpha_beta, reference, result, threads=None)
    return result


def _convert_dask(total_dose: Any, n: float, alpha_beta: Any, out: Any, reference: float) -> Any:
    """Lazily, chunk by chunk; with ``out``, computed now and written chunk by chunk into it."""
    import dask.array as da

    dtype = _result_dtype(total_dose.dtype)
    per_voxel: Any = None
    table, one = None, None
    if isinstance(alpha_beta, AlphaBetaMap):
        per_voxel, table = alpha_beta.labels, alpha_beta.alpha_beta
    elif _is_one_number(alpha_beta):
        one = float(check_alpha_beta(alpha_beta))
    else:
        per_voxel = alpha_beta
    arrays = []
    if per_voxel is not None:
        if tuple(per_voxel.shape) != tuple(total_dose.shape):
            raise _shape_error(total_dose.shape, per_voxel.shape)
        # Chunked like the doses (Dask pairs chunks by position), not handed whole to every chunk.
        if _module(per_voxel) != "dask":
            per_voxel = da.from_array(np.asarray(per_voxel), chunks=total_dose.chunks)  # type: ignore[no-untyped-call]
        elif per_voxel.chunks != total_dose.chunks:
            per_voxel = per_voxel.rechunk(total_dose.chunks)
        arrays.append(per_voxel)
    # Each chunk finds its place from its block_id and these chunks, where it needs it (an
    # error, a region of out): block_info, Dask's dict of each chunk's place, measured a
    # tenth of a 400-million-voxel da.store's time (100 chunks).
    options = {"n": n, "reference": reference, "one": one, "table": table, "grid_chunks": total_dose.chunks}
    if out is None:
        return total_dose.map_blocks(_dask_block, *arrays, dtype=dtype, **options)
    if tuple(getattr(out, "shape", ())) != tuple(total_dose.shape) or np.dtype(getattr(out, "dtype", object)) != dtype:
        raise FractionationError(
            argument="out", value=_shown(out), expected=f"an array of dtype {dtype} and shape {total_dose.shape}"
        )
    _check_writeable(out)  # now: chunks would fail one by one
    # One byte per chunk comes back; the results go straight into out. Named here, so
    # that Dask does not hash out's contents to name the task.
    import uuid

    lock = _write_lock(out, total_dose.chunks)
    written = total_dose.map_blocks(
        _dask_block_into, *arrays, out=out, lock=lock, dtype=np.int8,
        chunks=tuple((1,) * len(c) for c in total_dose.chunks), name=f"fractionation-into-{uuid.uuid4().hex}",
        **options,
    )  # fmt: skip
    _compute_to_the_end(written)
    return out


def _compute_to_the_end(written: Any) -> None:
    """Compute; on an error, raise only once no chunk is still writing into out.

    Dask's threaded scheduler raises at the first failed chunk while the chunks already
    running go on writing, so a caller who marks ``out`` as invalid would see it written
    after. Under that scheduler the chunks run on a pool of this call's own, which is
    shut down (running chunks finished, waiting ones dropped) before the error is raised.
    """
    import dask
    import dask.threaded
    from dask.base import get_scheduler

    if get_scheduler(collections=[written]) is not dask.threaded.get:  # type: ignore[no-untyped-call]
        written.compute()
        return
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(dask.config.get("num_workers", None) or os.cpu_count() or 1)
    try:
        written.compute(scheduler="threads", pool=pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_block(
    dose: Any, per_voxel: Any = None, *, n: float, reference: float, one: float | None, table: Any,
    grid_chunks: _Chunks, block_id: tuple[int, ...] = (),
) -> npt.NDArray[Any]:  # fmt: skip
    """One Dask chunk, in numpy, on one thread: Dask schedules its own workers."""
    array = _as_dose_array(dose)
    result = _output(None, array)
    with _in_chunk(block_id, grid_chunks):
        _convert_array(array, n, _chunk_ratio(per_voxel, one, table), reference, result, threads=1)
    return result


def _chunk_region(block_id: tuple[int, ...], grid_chunks: _Chunks) -> tuple[slice, ...]:
    """Where chunk ``block_id`` lies in the whole grid."""
    return tuple(
        slice(sum(lengths[:i]), sum(lengths[: i + 1])) for lengths, i in zip(grid_chunks, block_id, strict=True)
    )


@contextlib.contextmanager
def _in_chunk(block_id: tuple[int, ...], grid_chunks: _Chunks) -> Iterator[None]:
    """An error inside a chunk gives the offending voxel's index in the whole grid, not in the chunk."""
    try:
        yield
    except FractionationError as error:
        if error.index is None:
            raise
        region = _chunk_region(block_id, grid_chunks)
        raise _moved(error, [r.start for r in region], tuple(r.stop - r.start for r in region),
                     tuple(sum(lengths) for lengths in grid_chunks)) from None  # fmt: skip


def _moved(
    error: FractionationError, starts: Sequence[int], part: tuple[int, ...], whole: tuple[int, ...]
) -> FractionationError:
    """The error of a part of a grid (``part`` its shape, ``starts`` its corner) with its index in the whole grid.

    An index is a tuple, or a flat int (a 1-D grid, or a label's flat index).
    """
    index = error.index
    if isinstance(index, int):
        corner = np.unravel_index(index, part) if part else ()
        index = int(np.ravel_multi_index(tuple(i + s for i, s in zip(corner, starts, strict=True)), whole))
    elif isinstance(index, tuple):
        index = tuple(i + s for i, s in zip(index, starts, strict=True))
    return error.replaced(index=index)


def _write_lock(out: Any, chunks: _Chunks) -> Any:
    """A lock for writing Dask chunks into ``out``, or None where no two of them meet in one stored chunk of it.

    A numpy array (a memmap included) takes writes to different elements at the same
    time. A zarr array stores whole chunks (or shards): two Dask chunks that share one
    would each read it, write their part and store it back, and one part would be lost
    (measured: 3 million of 10 million voxels left unwritten). The lock makes the writes
    take turns (``da.store`` locks every write by default), unless every boundary between
    Dask chunks falls on a boundary between stored ones. A target whose stored chunks
    are unknown takes it.
    """
    from dask.utils import SerializableLock

    if isinstance(out, np.ndarray):
        return None
    try:  # zarr's chunks raise for a grid of unequal chunks
        stored = getattr(out, "shards", None)
        stored = getattr(out, "chunks", None) if stored is None else stored
    except Exception:  # whatever the target raises, its stored chunks are unknown
        return SerializableLock()
    if isinstance(stored, tuple) and len(stored) == len(chunks) and all(isinstance(s, int) and s > 0 for s in stored):
        boundaries = (itertools.accumulate(sizes[:-1]) for sizes in chunks)
        if all(edge % size == 0 for edges, size in zip(boundaries, stored, strict=True) for edge in edges):
            return None
    return SerializableLock()


def _dask_block_into(
    dose: Any, per_voxel: Any = None, *, out: Any, lock: Any, n: float, reference: float, one: float | None,
    table: Any, grid_chunks: _Chunks, block_id: tuple[int, ...] = (),
) -> npt.NDArray[np.int8]:  # fmt: skip
    """One Dask chunk converted into its region of ``out``: straight into it where ``out`` is a numpy array."""
    region = _chunk_region(block_id, grid_chunks)
    array = _as_dose_array(dose)
    ratio = _chunk_ratio(per_voxel, one, table)
    target = out[region] if isinstance(out, np.ndarray) else None
    with _in_chunk(block_id, grid_chunks):
        if target is not None:  # its region of a numpy array, contiguous or strided: written where it lies
            _convert_array(array, n, ratio, reference, target, threads=1)
        else:  # a zarr array or the like: through one chunk-sized result
            result = _output(None, array)
            _convert_array(array, n, ratio, reference, result, threads=1)
            with lock or contextlib.nullcontext():
                out[region] = result
    return np.zeros((1,) * array.ndim, dtype=np.int8)


def _chunk_ratio(per_voxel: Any, one: float | None, table: Any) -> Any:
    if table is not None:
        return AlphaBetaMap(labels=np.asarray(per_voxel), alpha_beta=table)
    return one if per_voxel is None else np.asarray(per_voxel)


def _shape_error(shape: tuple[int, ...], got: tuple[int, ...]) -> FractionationError:
    return FractionationError(
        argument="alpha_beta", expected=f"one number, or an array of the dose grid's shape {tuple(shape)}",
        hint=f"its shape is {tuple(got)}",
    )  # fmt: skip


def _convert_array(
    dose: npt.NDArray[Any], n: float, alpha_beta: Any, reference: float, out: npt.NDArray[Any], threads: int | None,
    argument: str = "total_dose",
) -> None:  # fmt: skip
    """out = D (D/n + a/b) / (x + a/b) through the one block-wise kernel.

    ``out`` may be strided (a Dask chunk's region of a larger ``out``): the compiled kernel
    writes it where it lies, NumPy through a C-contiguous result of the chunk or slab.
    """
    labels, ratio = None, alpha_beta
    if isinstance(alpha_beta, AlphaBetaMap):
        labels, ratio = alpha_beta.labels, alpha_beta.alpha_beta
        if labels.shape != dose.shape:
            raise _shape_error(dose.shape, labels.shape)
    elif _is_one_number(alpha_beta):
        ratio = float(check_alpha_beta(alpha_beta))
    else:
        ratio = _as_ratio_array(alpha_beta, dose.shape)
    strided = [a for a in (dose, ratio, labels) if isinstance(a, np.ndarray) and not a.flags.c_contiguous]
    if (
        strided
        and not any(np.may_share_memory(a, out) for a in strided)
        and not reads_strided(dose, out, ratio, labels)
    ):
        _convert_by_slabs(dose, n, ratio, labels, reference, out, threads, argument)
        return
    # The dose policy (fractionation.bounds): a voxel's dose per fraction, D / n, is refused
    # only where it cannot be one in Gy; a voxel is not a prescription, so no caution.
    bound = MAX_DOSE_PER_FRACTION_GY * n
    shape = dose.shape

    def check_dose(block: npt.NDArray[Any], offset: int) -> None:
        _check_exactly(block, offset, n, bound, argument, shape)

    def check_ratio(block: npt.NDArray[Any], offset: int) -> None:
        _check_ratio_block(block, offset, shape)

    convert(dose, out, ratio, scale=1 / n, factor=1.0, reference=reference, bound=bound, nan_passes=True,
            check_values=check_dose, check_ratio=check_ratio, ratio_range=(ALPHA_BETA.low, ALPHA_BETA.high),
            labels=labels, threads=threads, refactored=True, strided_reads=True)  # fmt: skip


#: Voxels per slab of a strided grid, gathered into a contiguous scratch: 4 MiB of float32.
_SLAB = 1 << 20


def _convert_by_slabs(
    dose: npt.NDArray[Any], n: float, ratio: Any, labels: Any, reference: float, out: npt.NDArray[Any],
    threads: int | None, argument: str,
) -> None:  # fmt: skip
    """A strided grid (a Dask chunk of a numpy array, a slice of a larger grid), slab by slab along its first axis,
    where the compiled kernel does not read it where it lies: NumPy alone, a grid too small for the kernel, or a
    view it cannot read so (reversed, a step along the last axis).

    Each slab of the strided inputs is gathered into a scratch of a few MiB, still in
    cache when it is converted into its slab of ``out``: flattening the whole grid
    would copy it to a full-size temporary first (measured: a Dask chunk of 322**3
    voxels took twice as long, a float32 map three times).
    """
    planes = dose.shape[0]
    rows = max(1, _SLAB // max(int(np.prod(dose.shape[1:])), 1))

    def reader(array: Any) -> Callable[[int, int], Any]:
        """Slabs of ``array``: views where it is contiguous already (or a number), else copies into one scratch."""
        if not isinstance(array, np.ndarray) or array.flags.c_contiguous:
            return lambda lo, hi: array[lo:hi] if isinstance(array, np.ndarray) else array
        scratch = np.empty((min(rows, planes), *array.shape[1:]), dtype=array.dtype)

        def gathered(lo: int, hi: int) -> npt.NDArray[Any]:
            np.copyto(scratch[: hi - lo], array[lo:hi])
            return scratch[: hi - lo]

        return gathered

    doses, ratios, label_slabs = reader(dose), reader(ratio if labels is None else None), reader(labels)
    for lo in range(0, planes, rows):
        hi = min(lo + rows, planes)
        slab = doses(lo, hi)
        alpha_beta = ratios(lo, hi) if labels is None else AlphaBetaMap(labels=label_slabs(lo, hi), alpha_beta=ratio)
        try:
            _convert_array(slab, n, alpha_beta, reference, out[lo:hi], threads, argument)
        except FractionationError as error:
            if error.index is None:
                raise
            raise _moved(error, (lo,) + (0,) * (dose.ndim - 1), slab.shape, dose.shape) from None


def _as_ratio_array(alpha_beta: Any, shape: tuple[int, ...]) -> npt.NDArray[np.floating[Any]]:
    """A per-voxel alpha/beta as it is (float32 or float64, no copy): its values are checked block by block."""
    if isinstance(alpha_beta, str | bytes):
        raise WrongTypeError(argument="alpha_beta", value=alpha_beta, expected=_RATIOS)
    try:
        ratio = np.asarray(alpha_beta)
    except (TypeError, ValueError) as error:  # ragged lists
        raise WrongTypeError(argument="alpha_beta", value=alpha_beta, expected=_RATIOS) from error
    if ratio.dtype.kind not in "iuf":
        raise WrongTypeError(argument="alpha_beta", value=alpha_beta, expected=_RATIOS)
    if ratio.shape != shape:
        raise _shape_error(shape, ratio.shape)
    return ratio if ratio.dtype in (np.float32, np.float64) else ratio.astype(np.float64)


def _index(flat: int, shape: tuple[int, ...]) -> int | tuple[int, ...]:
    return flat if len(shape) == 1 else tuple(int(i) for i in np.unravel_index(flat, shape))


def _check_ratio_block(block: npt.NDArray[Any], offset: int, shape: tuple[int, ...]) -> None:
    bad = ~((block >= ALPHA_BETA.low) & (block <= ALPHA_BETA.high))  # NaN is bad
    if bad.any():
        where = int(np.argmax(bad))
        raise FractionationError(argument="alpha_beta", value=float(block[where]), expected=ALPHA_BETA.describe(),
                                 index=_index(offset + where, shape))  # fmt: skip


def _result_dtype(dtype: Any) -> np.dtype[Any]:
    return np.dtype(np.float32) if np.dtype(dtype) == np.float32 else np.dtype(np.float64)


_RATIOS = "a number or an array of numbers (alpha/beta in Gy)"


def _is_one_number(value: object) -> bool:
    """A scalar alpha/beta (checked later); a ragged list is not, and its check names it."""
    try:
        return bool(np.ndim(value) == 0)  # type: ignore[arg-type]
    except ValueError:  # ragged
        return False


def _as_dose_array(value: Any, name: str = "total_dose") -> npt.NDArray[np.floating[Any]]:
    expected = "an array of numbers" if name == "volumes" else "an array of doses in Gy"
    if isinstance(value, str | bytes | bool | dict) or value is None:
        raise WrongTypeError(argument=name, value=value, expected=expected)
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged lists
        raise WrongTypeError(argument=name, value=value, expected=expected) from error
    if array.dtype.kind not in "iuf":
        raise WrongTypeError(argument=name, value=value, expected=expected)
    return array if array.dtype in (np.float32, np.float64) else array.astype(np.float64)


def _output(out: Any, dose: npt.NDArray[Any]) -> npt.NDArray[Any]:
    dtype = _result_dtype(dose.dtype)
    if out is None:
        return np.empty(dose.shape, dtype=dtype)
    if not isinstance(out, np.ndarray) or out.shape != dose.shape or out.dtype != dtype:
        raise FractionationError(
            argument="out", value=_shown(out), expected=f"a numpy array of dtype {dtype} and shape {dose.shape}"
        )
    if not out.flags.c_contiguous:
        raise FractionationError(argument="out", value=_shown(out), expected="a C-contiguous array")
    _check_writeable(out)
    return out


def _shown(out: Any) -> str:
    """``out`` in a message: its type, dtype and shape (its values could be millions)."""
    return f"{type(out).__name__} {getattr(out, 'dtype', '')}{getattr(out, 'shape', '')}"


def _check_writeable(out: Any) -> None:
    """Refuse a read-only ``out`` by name: a numpy array's flag, or a read-only zarr array."""
    read_only = not out.flags.writeable if isinstance(out, np.ndarray) else getattr(out, "read_only", False) is True
    if read_only:
        raise FractionationError(
            argument="out", value=_shown(out), expected="a writeable array", hint="it is read-only"
        )


def _check_exactly(
    block: npt.NDArray[Any], offset: int, n: float, bound: float, argument: str, shape: tuple[int, ...]
) -> None:
    low, high = np.fmin.reduce(block), np.fmax.reduce(block)  # NaN-blind: NaN passes through
    expected = (f"a total dose in Gy from 0 to {bound:g} ({MAX_DOSE_PER_FRACTION_GY:g} Gy per fraction "
                f"in {n:g} fractions)")  # fmt: skip
    if low < 0:
        where = offset + int(np.nanargmin(block))
        raise FractionationError(argument=argument, value=float(low), expected=expected, index=_index(where, shape))
    if high > bound:
        where = offset + int(np.nanargmax(block))
        raise FractionationError(argument=argument, value=float(high), expected=expected, index=_index(where, shape),
                                 hint=f"{float(high) / n:g} Gy per fraction: is the grid in cGy?")  # fmt: skip


@overload
def alpha_beta_map(
    shape: tuple[int, ...], structures: Sequence[tuple[npt.ArrayLike, float]], *, default: float,
    overlap: str = ..., compact: Literal[False] = ...,
) -> npt.NDArray[np.float64]: ...  # fmt: skip


@overload
def alpha_beta_map(
    shape: tuple[int, ...], structures: Sequence[tuple[npt.ArrayLike, float]], *, default: float,
    overlap: str = ..., compact: Literal[True],
) -> AlphaBetaMap: ...  # fmt: skip


def alpha_beta_map(
    shape: tuple[int, ...],
    structures: Sequence[tuple[npt.ArrayLike, float]],
    *,
    default: float,
    overlap: str = "lowest",
    compact: bool = False,
) -> npt.NDArray[np.float64] | AlphaBetaMap:
    """A per-voxel alpha/beta grid (Gy) from structure masks: ``(mask, alpha_beta)`` pairs over ``default``.

    Where structures overlap, ``overlap="lowest"`` takes the lowest alpha/beta: above
    2 Gy per fraction it gives the highest EQD2, the cautious reading for normal
    tissue. ``overlap="last"`` takes the structure listed last. With ``compact=True``
    the result is an :class:`AlphaBetaMap`: a label per voxel (0 for the default,
    i + 1 for structure i) and the table of alpha/beta, a byte per voxel instead of
    eight, which the conversions read as fast as one alpha/beta.

    >>> import numpy as np
    >>> cord, tumour = np.array([True, True, False]), np.array([False, True, True])
    >>> alpha_beta_map((3,), [(tumour, 10.0), (cord, 2.0)], default=3.0)
    array([ 2.,  2., 10.])
    >>> compact = alpha_beta_map((3,), [(tumour, 10.0), (cord, 2.0)], default=3.0, compact=True)
    >>> compact.labels, compact.alpha_beta
    (array([2, 2, 1], dtype=uint8), array([ 3., 10.,  2.]))
    """
    check_choice(overlap, "overlap", ("lowest", "last"))
    compact = check_flag(compact, "compact")
    shape = check_shape(shape)
    table = [check_number(default, "default", ALPHA_BETA)]
    masks = []
    expected = f"(mask, alpha_beta) pairs, each mask a boolean array of shape {shape}"
    for index, pair in enumerate(check_collection(structures, "structures", expected)):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise WrongTypeError(argument="structures", value=pair, expected=expected, index=index)
        mask, ratio = pair
        table.append(check_number(ratio, "structures", ALPHA_BETA))
        region = np.asarray(mask)
        if region.dtype != bool or region.shape != shape:
            raise WrongTypeError(argument="structures", value=mask, expected=expected, index=index)
        masks.append(region)
    labels = np.zeros(shape, dtype=np.uint8 if len(table) <= 256 else np.uint16)
    # Painting structures one over another, the last painted wins a voxel: "lowest"
    # paints the highest alpha/beta first (stable, so equal values keep their order).
    order = range(len(masks))
    if overlap == "lowest":
        order = sorted(order, key=lambda i: -table[i + 1])  # type: ignore[assignment]
    for index in order:
        labels[masks[index]] = index + 1
    compact_map = AlphaBetaMap(labels=labels, alpha_beta=np.array(table))
    return compact_map if compact else np.asarray(compact_map)


def eqd2_dvh(
    doses: npt.ArrayLike, volumes: npt.ArrayLike, *, n_fractions: int, alpha_beta: float, cumulative: bool = True
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """A DVH's dose axis converted to EQD2; the volumes are unchanged.

    EQD2 grows monotonically with the total dose, so the conversion maps doses to
    doses and no volume moves between bins. ``cumulative=True`` (the default):
    ``doses`` are the points D of V(>= D), each mapped to its EQD2.
    ``cumulative=False``, a differential DVH: ``doses`` are the bin edges (one more
    than the volumes), each edge mapped; each bin keeps its volume, and bins widen
    with dose (high-dose bins stretch most).

    >>> d, v = eqd2_dvh([0, 10, 20, 30], [100, 80, 30, 0], n_fractions=10, alpha_beta=3)
    >>> d.round(2).tolist(), v.tolist()
    ([0.0, 8.0, 20.0, 36.0], [100.0, 80.0, 30.0, 0.0])
    """
    if not isinstance(cumulative, bool | np.bool_):
        raise WrongTypeError(argument="cumulative", value=cumulative, expected="True or False")
    dose_axis = np.asarray(_as_dose_array(doses, "doses"), dtype=np.float64)
    volume = np.asarray(_as_dose_array(volumes, "volumes"), dtype=np.float64)
    for name, values, given in (("doses", dose_axis, doses), ("volumes", volume, volumes)):
        if values.ndim != 1:
            raise WrongTypeError(argument=name, value=given, expected="a one-dimensional array")
    expected = volume.size + (0 if cumulative else 1)
    if dose_axis.size != expected:
        what = "one dose per volume" if cumulative else "bin edges, one more than the volumes"
        kind = "cumulative" if cumulative else "differential"
        raise FractionationError(
            argument="doses, volumes",
            expected=f"{what} for a {kind} DVH",
            hint=f"{dose_axis.size} doses and {volume.size} volumes",
        )  # fmt: skip
    if np.isnan(dose_axis).any() or np.any(np.diff(dose_axis) < 0):
        raise FractionationError(argument="doses", value=doses, expected="numbers that increase along the DVH")
    if np.any(volume < 0) or not np.all(np.isfinite(volume)):
        raise FractionationError(argument="volumes", value=volumes, expected="finite and not negative")
    if cumulative and np.any(np.diff(volume) > 0):
        raise FractionationError(
            argument="volumes", value=volumes, expected="not increasing with dose (a cumulative DVH)"
        )
    n = check_n_fractions(n_fractions)
    if not isinstance(n, float):
        raise WrongTypeError(argument="n_fractions", value=n_fractions, expected="one whole number for the whole DVH")
    one_ratio = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)  # one number for the whole DVH
    converted = np.empty_like(dose_axis)
    _convert_array(dose_axis, n, one_ratio, 2.0, converted, threads=1, argument="doses")
    return converted, volume
