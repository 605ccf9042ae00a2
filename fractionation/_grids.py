"""Dose grids: EQD2 and BED voxel by voxel, from the physical total dose of each voxel.

Each voxel gets its own dose per fraction, d = D / n, so for n fractions and a/b:

    EQD2 = D (D/n + a/b) / (2 + a/b)        BED = D (1 + D / (n a/b))

The names take the *total* dose (the mix-up users of other tools report most is
feeding a total where a dose per fraction belongs). float32 stays float32, an ``out=``
array may be given (the input itself included), and extra memory is one working
block, not full-size temporaries. NaN passes through (outside the body, say); a
negative dose is refused. Dask arrays are converted lazily, block by block, and
xarray DataArrays keep their coordinates; neither is imported unless given.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from fractionation._checks import check_alpha_beta, check_n_fractions
from fractionation._errors import FractionationError, WrongTypeError

__all__ = ["alpha_beta_map", "bed_from_total_dose", "eqd2_dvh", "eqd2_from_total_dose"]

#: Elements per working block: small enough to stay in a core's cache between the passes.
BLOCK = 1 << 17
#: A voxel's dose per fraction above this (Gy) is taken for a dose in cGy. Looser than
#: the 30 Gy of a prescription: hot spots of a radiosurgery plan reach 150% of 24 Gy.
MAX_VOXEL_DOSE_PER_FRACTION_GY = 60.0


def eqd2_from_total_dose(total_dose: Any, *, n_fractions: int, alpha_beta: Any, out: Any = None) -> Any:
    """EQD2 (Gy) of each voxel from its physical total dose (Gy) in ``n_fractions``.

    >>> import numpy as np
    >>> eqd2_from_total_dose(np.array([8.0, 20.0, np.nan], dtype=np.float32), n_fractions=1, alpha_beta=10)
    array([12., 50., nan], dtype=float32)
    """
    return _convert(total_dose, n_fractions, alpha_beta, out, reference=2.0, name="eqd2")


def bed_from_total_dose(total_dose: Any, *, n_fractions: int, alpha_beta: Any, out: Any = None) -> Any:
    """BED (Gy) of each voxel from its physical total dose (Gy) in ``n_fractions``.

    >>> import numpy as np
    >>> bed_from_total_dose(np.array([50.0]), n_fractions=25, alpha_beta=2)
    array([100.])
    """
    return _convert(total_dose, n_fractions, alpha_beta, out, reference=0.0, name="bed")


def _module(value: object) -> str:
    return type(value).__module__.split(".")[0]


def _convert(total_dose: Any, n_fractions: Any, alpha_beta: Any, out: Any, *, reference: float, name: str) -> Any:
    n = check_n_fractions(n_fractions)
    if not isinstance(n, float):
        raise FractionationError("n_fractions must be one whole number for the whole grid")
    if _module(total_dose) == "xarray":
        result = _convert(
            total_dose.data, n, getattr(alpha_beta, "data", alpha_beta), None, reference=reference, name=name
        )
        return total_dose.copy(data=result).rename(name)
    if _module(total_dose) == "dask":
        if out is not None:
            raise FractionationError("out= cannot be used with a Dask array (the result is lazy)")
        dtype = _result_dtype(total_dose.dtype)
        if _module(alpha_beta) == "dask" or isinstance(alpha_beta, np.ndarray):
            return total_dose.map_blocks(_block_pair, alpha_beta, n=n, reference=reference, dtype=dtype)
        one_ratio = float(check_alpha_beta(alpha_beta))
        return total_dose.map_blocks(_block_pair, n=n, ratio=one_ratio, reference=reference, dtype=dtype)
    dose = _as_dose_array(total_dose)
    result = _output(out, dose)
    _blockwise(dose, _as_ratio(alpha_beta, dose.shape), n, reference, result)
    return result


def _block_pair(dose: Any, alpha_beta: Any = None, *, n: float, reference: float, ratio: float | None = None) -> Any:
    """One Dask block, in numpy, on one thread: Dask schedules its own workers."""
    array = _as_dose_array(dose)
    result = _output(None, array)
    _blockwise(array, _as_ratio(ratio if alpha_beta is None else alpha_beta, array.shape), n, reference, result, 1)
    return result


def _result_dtype(dtype: Any) -> np.dtype[Any]:
    return np.dtype(np.float32) if np.dtype(dtype) == np.float32 else np.dtype(np.float64)


def _as_dose_array(value: Any) -> npt.NDArray[np.floating[Any]]:
    if isinstance(value, str | bytes | bool) or value is None:
        raise WrongTypeError(f"total_dose must be an array of doses in Gy, got {type(value).__name__} {value!r}")
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise WrongTypeError(f"total_dose must be an array of numbers, got an array of {array.dtype}")
    return array if array.dtype in (np.float32, np.float64) else array.astype(np.float64)


def _as_ratio(alpha_beta: Any, shape: tuple[int, ...]) -> float | npt.NDArray[np.float64]:
    if np.ndim(alpha_beta) == 0:
        return float(check_alpha_beta(alpha_beta))
    ratio = np.asarray(check_alpha_beta(alpha_beta), dtype=np.float64)
    if ratio.shape != shape:
        raise FractionationError(f"a per-voxel alpha_beta must have the dose grid's shape {shape}, got {ratio.shape}")
    return ratio


def _output(out: Any, dose: npt.NDArray[Any]) -> npt.NDArray[Any]:
    dtype = _result_dtype(dose.dtype)
    if out is None:
        return np.empty(dose.shape, dtype=dtype)
    if not isinstance(out, np.ndarray) or out.shape != dose.shape or out.dtype != dtype:
        got = f"{type(out).__name__} {getattr(out, 'dtype', '')}{getattr(out, 'shape', '')}"
        raise FractionationError(f"out must be a numpy array of dtype {dtype} and shape {dose.shape}, got {got}")
    if not out.flags.c_contiguous:
        raise FractionationError("out must be C-contiguous")
    return out


def _blockwise(
    dose: npt.NDArray[Any], ratio: Any, n: float, reference: float, out: npt.NDArray[Any], threads: int | None = None
) -> None:
    """out = D (D k1 + k2), k1 = 1/(n (x + a/b)), k2 = a/b/(x + a/b); three passes per block in cache.

    Large grids are split into one contiguous part per core (NumPy releases the GIL in
    its loops). Each block is checked before it is written. On error ``out`` may be
    partly written; the error names the first offending voxel found.
    """
    flat_dose, flat_out = dose.reshape(-1), out.reshape(-1)
    flat_ratio = ratio.reshape(-1) if isinstance(ratio, np.ndarray) else None
    workers = threads or min(4, os.cpu_count() or 1)
    if workers == 1 or flat_dose.size < 8 * BLOCK:
        _part(flat_dose, flat_ratio, ratio, n, reference, flat_out, 0, flat_dose.size)
        return
    edges = [flat_dose.size * k // workers // BLOCK * BLOCK for k in range(workers)] + [flat_dose.size]
    with ThreadPoolExecutor(workers) as pool:
        parts = [pool.submit(_part, flat_dose, flat_ratio, ratio, n, reference, flat_out, lo, hi)
                 for lo, hi in itertools.pairwise(edges)]  # fmt: skip
        for part in parts:
            part.result()  # raises the part's error, if any


def _part(
    dose: npt.NDArray[Any], per_voxel: Any, ratio: Any, n: float, reference: float, out: npt.NDArray[Any],
    start: int, stop: int,
) -> None:  # fmt: skip
    dtype = dose.dtype
    bits = dose.view(np.int32 if dtype == np.float32 else np.int64)
    # Non-negative floats order like their bit patterns read as integers, and integer
    # min/max are fast: a negative int is a negative dose (or -0.0), a larger one is
    # above the bound, inf or NaN. Only such blocks take the exact (slower) checks.
    bound = dtype.type(MAX_VOXEL_DOSE_PER_FRACTION_GY * n)
    bound_bits = np.array(bound).view(bits.dtype)
    if per_voxel is None:
        k1, k2 = dtype.type(1 / (n * (reference + ratio))), dtype.type(ratio / (reference + ratio))
    # Converting in place (out is the input): the doses are needed again after the first
    # pass overwrites them, so each block is copied to a one-block scratch first.
    scratch = np.empty(BLOCK, dtype=dtype) if np.may_share_memory(dose, out) else None
    for lo in range(start, stop, BLOCK):
        hi = min(lo + BLOCK, stop)
        block, result, block_bits = dose[lo:hi], out[lo:hi], bits[lo:hi]
        if block_bits.min() < 0 or block_bits.max() > bound_bits:
            _check_exactly(block, lo, n, bound)
        if scratch is not None:
            block = scratch[: hi - lo]
            np.copyto(block, dose[lo:hi])
        if per_voxel is not None:
            ab = per_voxel[lo:hi]
            k1, k2 = (1 / (n * (reference + ab))).astype(dtype), (ab / (reference + ab)).astype(dtype)
        np.multiply(block, k1, out=result)
        np.add(result, k2, out=result)
        np.multiply(result, block, out=result)


def _check_exactly(block: npt.NDArray[Any], offset: int, n: float, bound: float) -> None:
    low, high = np.fmin.reduce(block), np.fmax.reduce(block)  # NaN-blind: NaN passes through
    if low < 0:
        where = offset + int(np.nanargmin(block))
        raise FractionationError(f"total_dose must not be negative, got {float(low)!r} at flat index {where}")
    if high > bound:
        where = offset + int(np.nanargmax(block))
        raise FractionationError(
            f"total_dose {float(high)!r} Gy at flat index {where} is {float(high) / n:g} Gy per fraction in "
            f"{n:g} fractions, above {MAX_VOXEL_DOSE_PER_FRACTION_GY:g}: is the grid in cGy?"
        )


def alpha_beta_map(
    shape: tuple[int, ...], structures: Sequence[tuple[Any, float]], *, default: float, overlap: str = "lowest"
) -> npt.NDArray[np.float64]:
    """A per-voxel alpha/beta grid (Gy) from structure masks: ``(mask, alpha_beta)`` pairs over ``default``.

    Where structures overlap, ``overlap="lowest"`` takes the lowest alpha/beta: above
    2 Gy per fraction it gives the highest EQD2, the cautious reading for normal
    tissue. ``overlap="last"`` takes the structure listed last.

    >>> import numpy as np
    >>> cord, tumour = np.array([True, True, False]), np.array([False, True, True])
    >>> alpha_beta_map((3,), [(tumour, 10.0), (cord, 2.0)], default=3.0)
    array([ 2.,  2., 10.])
    """
    if overlap not in ("lowest", "last"):
        raise FractionationError(f"overlap must be 'lowest' or 'last', got {overlap!r}")
    grid = np.full(shape, float(check_alpha_beta(default, "default")))
    assigned = np.zeros(shape, dtype=bool)
    for index, (mask, ratio) in enumerate(structures):
        value = float(check_alpha_beta(ratio, f"structures[{index}] alpha_beta"))
        region = np.asarray(mask)
        if region.dtype != bool or region.shape != tuple(shape):
            raise FractionationError(f"structures[{index}] mask must be a boolean array of shape {tuple(shape)}")
        if overlap == "lowest":
            grid[region] = np.where(assigned[region], np.minimum(grid[region], value), value)
        else:
            grid[region] = value
        assigned |= region
    return grid


def eqd2_dvh(
    doses: Any, volumes: Any, *, n_fractions: int, alpha_beta: float, kind: str = "cumulative"
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """A DVH's dose axis converted to EQD2; the volumes are unchanged.

    EQD2 grows monotonically with the total dose, so the conversion maps doses to
    doses and no volume moves between bins. ``kind="cumulative"``: ``doses`` are the
    points D of V(>= D), each mapped to its EQD2. ``kind="differential"``: ``doses``
    are the bin edges (one more than the volumes), each edge mapped; each bin keeps
    its volume, and bins widen with dose (high-dose bins stretch most).

    >>> d, v = eqd2_dvh([0, 10, 20, 30], [100, 80, 30, 0], n_fractions=10, alpha_beta=3)
    >>> d.round(2).tolist(), v.tolist()
    ([0.0, 8.0, 20.0, 36.0], [100.0, 80.0, 30.0, 0.0])
    """
    if kind not in ("cumulative", "differential"):
        raise FractionationError(f"kind must be 'cumulative' or 'differential', got {kind!r}")
    dose_axis = np.asarray(_as_dose_array(doses), dtype=np.float64)
    volume = np.asarray(_as_dose_array(volumes), dtype=np.float64)
    if dose_axis.ndim != 1 or volume.ndim != 1:
        raise FractionationError("doses and volumes must be one-dimensional")
    expected = volume.size + (1 if kind == "differential" else 0)
    if dose_axis.size != expected:
        what = "bin edges, one more than the volumes" if kind == "differential" else "one dose per volume"
        raise FractionationError(f"a {kind} DVH needs {what}: got {dose_axis.size} doses and {volume.size} volumes")
    if np.any(np.diff(dose_axis) < 0):
        raise FractionationError("doses must increase along the DVH")
    if np.any(volume < 0) or not np.all(np.isfinite(volume)):
        raise FractionationError("volumes must be finite and not negative")
    if kind == "cumulative" and np.any(np.diff(volume) > 0):
        raise FractionationError("a cumulative DVH's volumes must not increase with dose")
    return eqd2_from_total_dose(dose_axis, n_fractions=n_fractions, alpha_beta=alpha_beta), volume
