"""Dose-grid benchmark (issue #14). Prints ratios measured in one run; asserts nothing.

    python benchmarks/bench_grids.py [--voxels N] [--dask-voxels N] [--rounds N] [--table]

- Floors, timed in the same interleaved rounds as everything else: ``numpy.copyto`` of
  the doses into the output on one thread, and the same copy split over two threads
  (the machine's real floor: one thread does not saturate memory).
- EQD2 of 50 million float32 voxels into a preallocated output (``out=``): one
  alpha/beta (target at most 1.0 x the one-thread copy and 1.4 x the two-thread
  copy), and a per-voxel alpha/beta as a float32 map, a float64 map and the compact
  form (a uint8 label per voxel and a table; target at most 1.5 x the one-thread
  copy). Each with the compiled kernel (numba, the ``fast`` extra) when installed,
  and with NumPy alone (``FRACTIONATION_COMPILED=0``, the default install).
- The NumPy path as it was before issue #14 (a frozen copy of its loop, one alpha/beta),
  in the same rounds: the default install must not have regressed (target: now at most
  1.0 x before).
- Peak memory beyond the output (tracemalloc), each form; target at most 64 MiB.
- The compiled kernel's first-call cost (numba's import and compilation of the four
  forms), in a fresh interpreter with an empty cache and again with the cache filled.
- Dask: a lazily converted 400-million-voxel array written into a preallocated numpy
  array, a memmap and a zarr array (when zarr is installed), over ``map_blocks(np.copy)``
  stored to the same target with ``da.store(lock=False)``; target at most 1.3. Ours
  with ``out=`` the target, and the lazy result stored by ``da.store`` like the floor
  (a new array per chunk on both sides). The same Dask doses and chunks, Dask's threaded
  scheduler (each chunk converted on one thread). Per-voxel: a float32 Dask array of
  alpha/beta chunked like the doses; ``map_blocks(np.add)`` of the doses and it, stored,
  shows what reading it costs, and the plain numpy expression through ``map_blocks``
  (unchecked), stored, is what the issue measured Dask against. Chunks of whole planes,
  and Dask's automatic chunks (cubes: strided views of the numpy arrays). Compiled and
  NumPy alone, each printed. Needs about 5 GB of memory and 2 GB of disk;
  ``--dask-voxels 0`` skips it.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import Report, interleaved, median, verdict

import fractionation as fr

HAS_NUMBA = subprocess.run([sys.executable, "-c", "import numba"], capture_output=True).returncode == 0
HAS_ZARR = importlib.util.find_spec("zarr") is not None


def _with_path(compiled: bool, call: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        os.environ["FRACTIONATION_COMPILED"] = "1" if compiled else "0"
        return call()

    return run


def _median_ratio(ours: list[float], floor: list[float]) -> float:
    return median([a / b for a, b in zip(ours, floor, strict=True)])


def _peak_mib(call: Callable[[], object]) -> float:
    """Peak memory of one call, the compiled compact map's look-up tables (1.5 MiB, kept for the calls after) built
    again as on a first call."""
    from fractionation import _blockwise

    _blockwise._label_tables.cache_clear()
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _before_14(doses: np.ndarray, out: np.ndarray, n: float, alpha_beta: float) -> None:
    """The grid path of one alpha/beta before issue #14 (as of 9a72a7b), frozen for comparison.

    Its loop as it was: blocks of 2**17, an int32 min and max per block for the dose
    check, then D (D k1 + k2) in three passes, one contiguous part per core (at most
    four), on a ThreadPoolExecutor started for the call, as it was.
    """
    block = 1 << 17
    bits = doses.view(np.int32)
    bound_bits = np.array(np.float32(60.0 * n)).view(np.int32)
    k1, k2 = np.float32(1 / (n * (2 + alpha_beta))), np.float32(alpha_beta / (2 + alpha_beta))

    def part(start: int, stop: int) -> None:
        for lo in range(start, stop, block):
            hi = min(lo + block, stop)
            dose, result, dose_bits = doses[lo:hi], out[lo:hi], bits[lo:hi]
            if dose_bits.min() < 0 or dose_bits.max() > bound_bits:
                raise ValueError("the frozen copy takes valid doses only")
            np.multiply(dose, k1, out=result)
            np.add(result, k2, out=result)
            np.multiply(result, dose, out=result)

    workers = min(4, os.cpu_count() or 1)
    edges = [doses.size * k // workers // block * block for k in range(workers)] + [doses.size]
    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(part, lo, hi) for lo, hi in itertools.pairwise(edges)]:
            future.result()


def grids(report: Report, voxels: int, rounds: int) -> None:
    rng = np.random.default_rng(0)
    doses = rng.uniform(0.0, 60.0, voxels).astype(np.float32)
    labels = rng.integers(0, 3, voxels).astype(np.uint8)
    table = np.array([10.0, 3.0, 2.0])
    forms: dict[str, Any] = {
        "one alpha/beta": 3.0,
        "float32 map": table[labels].astype(np.float32),
        "float64 map": table[labels],
        "compact map (uint8 labels)": fr.AlphaBetaMap(labels=labels, alpha_beta=table),
    }
    out = np.empty_like(doses)
    half = voxels // 2
    pool = ThreadPoolExecutor(2)

    def two_thread_copy() -> None:
        for part in [
            pool.submit(np.copyto, out[:half], doses[:half]),
            pool.submit(np.copyto, out[half:], doses[half:]),
        ]:
            part.result()

    cases: dict[str, Callable[[], object]] = {"copy": lambda: np.copyto(out, doses), "copy2": two_thread_copy}
    paths = [True, False] if HAS_NUMBA else [False]
    for form, alpha_beta in forms.items():
        for compiled in paths:
            call = (lambda a: lambda: fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=a, out=out))(alpha_beta)
            cases[f"{form}, {'compiled' if compiled else 'NumPy'}"] = _with_path(compiled, call)
            cases[f"{form}, {'compiled' if compiled else 'NumPy'}"]()  # compiles, faults the pages in
    cases["one alpha/beta, NumPy before #14"] = lambda: _before_14(doses, out, 30.0, 3.0)
    plain_map = forms["float32 map"]
    cases["plain numpy, float32 map"] = lambda: doses * (doses / 30 + plain_map) / (2 + plain_map)
    times = interleaved(cases, rounds)
    copy, copy2 = times["copy"], times["copy2"]
    report.line(f"EQD2 of {voxels:,} float32 voxels, out= given; medians of {rounds} interleaved rounds")
    report.line(f"  numpy.copyto, one thread (floor)               {median(copy) * 1e3:8.1f} ms")
    report.ratio("numpy.copyto, two threads (the real floor)", copy2, copy, "copyto", None)
    results: dict[str, float] = {}
    for name in cases:
        if name in ("copy", "copy2"):
            continue
        target = None if name.startswith("plain") or "before" in name else (1.0 if name.startswith("one") else 1.5)
        results[name] = report.ratio(name, times[name], copy, "copyto", target)
        if name.startswith("one") and "before" not in name:
            report.ratio("  the same", times[name], copy2, "two-thread copy", 1.4)
    now_before = _median_ratio(times["one alpha/beta, NumPy"], times["one alpha/beta, NumPy before #14"])
    report.line(f"  one alpha/beta, NumPy now / before #14, median of the rounds' ratios {now_before:5.2f}  "
                f"(target <= 1: {'met' if now_before <= 1 else 'NOT MET'})")  # fmt: skip
    memory = {}
    for form, alpha_beta in forms.items():
        for compiled in paths:
            call = (lambda a: lambda: fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=a, out=out))(alpha_beta)
            memory[(form, compiled)] = _peak_mib(_with_path(compiled, call))
    shown = [f"{form} {'compiled' if compiled else 'NumPy'} {mib:.2f} MiB" for (form, compiled), mib in memory.items()]
    report.line("  peak memory beyond the output (target <= 64 MiB): " + ", ".join(shown))
    os.environ.pop("FRACTIONATION_COMPILED", None)

    one_copy2 = median(times["one alpha/beta, compiled"] if HAS_NUMBA else times["one alpha/beta, NumPy"]) / median(
        copy2
    )
    n_voxels = f"{voxels / 1e6:g} million"
    if HAS_NUMBA:
        one = results["one alpha/beta, compiled"]
        report.row(
            f"EQD2 of {n_voxels} float32 voxels, one alpha/beta, `out=`, compiled (`fast` extra) / one-thread "
            "`numpy.copyto`; and / a two-thread copy",
            "at most 1.0; at most 1.4",
            f"{verdict(one, 1.0)}; {verdict(one_copy2, 1.4)} (two-thread copy: {median(copy2) / median(copy):.2f})",
        )
    report.row(
        "the same, NumPy only (the default install) / one-thread `numpy.copyto`; and / the NumPy path before #14, "
        "same run",
        "at most 1.5 (the figure before #14); at most 1.0",
        f"{verdict(results['one alpha/beta, NumPy'], 1.5)}; {verdict(now_before, 1.0)} "
        f"(before #14: {results['one alpha/beta, NumPy before #14']:.2f} x copyto)",
    )
    for form in list(forms)[1:]:
        cells = []
        for compiled in paths:
            label = "compiled" if compiled else "NumPy"
            cells.append(f"{label} {verdict(results[f'{form}, {label}'], 1.5)}")
        report.row(
            f"the same, per-voxel alpha/beta, {form} / one-thread `numpy.copyto`", "at most 1.5", "; ".join(cells)
        )
    plain = results["plain numpy, float32 map"]
    report.row("  (for scale: the plain numpy expression, float32 map, allocating)", "", f"{plain:.2f}")
    worst = max(memory.values())
    report.row(
        "peak memory beyond the output, worst of these forms", "at most 64 MiB", verdict(worst, 64, f"{worst:.2f} MiB")
    )


FIRST_CALL = """
import time, numpy as np
start = time.perf_counter()
import fractionation as fr
doses = np.ones(1 << 17, np.float32)
labels = np.zeros(doses.size, np.uint8)
for alpha_beta in (3.0, np.full(doses.size, 3.0, np.float32), np.full(doses.size, 3.0),
                   fr.AlphaBetaMap(labels=labels, alpha_beta=np.array([3.0]))):
    fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=alpha_beta)
print(time.perf_counter() - start)
"""


def first_call(report: Report) -> None:
    def seconds(**env: str) -> float:
        result = subprocess.run([sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True,
                                env={**os.environ, **env})  # fmt: skip
        return float(result.stdout)

    with tempfile.TemporaryDirectory() as cache:
        numpy_only = seconds(FRACTIONATION_COMPILED="0")
        cold = seconds(NUMBA_CACHE_DIR=cache, FRACTIONATION_COMPILED="1")
        warm = seconds(NUMBA_CACHE_DIR=cache, FRACTIONATION_COMPILED="1")
    report.line(f"First calls of the four forms in a fresh interpreter: NumPy only {numpy_only:.2f} s; compiled, "
                f"empty cache {cold:.2f} s; compiled, cache filled {warm:.2f} s")  # fmt: skip
    report.row("compiled kernel's first call (numba import and compile, four forms), fresh interpreter",
               "printed", f"{cold - numpy_only:.1f} s once (cached after: {warm - numpy_only:.1f} s)")  # fmt: skip


def _plain_one(doses: Any) -> Any:
    """EQD2 in 30 fractions at alpha/beta 3 as a plain numpy expression: no checks, float32 throughout."""
    return doses * (doses / np.float32(30) + np.float32(3)) / np.float32(5)


def _plain_map(doses: Any, ratio: Any) -> Any:
    """The same with an alpha/beta per voxel."""
    return doses * (doses / np.float32(30) + ratio) / (np.float32(2) + ratio)


def dask_store(report: Report, voxels: int, rounds: int) -> None:
    import dask
    import dask.array as da

    side = 512
    depth = max(1, voxels // (side * side))
    shape, chunks = (depth, side, side), (16, side, side)
    rng = np.random.default_rng(1)
    doses = np.empty(shape, np.float32)
    ratio = np.empty(shape, np.float32)
    for k in range(0, depth, 16):  # filled in slabs: no full-size float64 temporaries
        doses[k : k + 16] = rng.uniform(0.0, 60.0, doses[k : k + 16].shape)
        ratio[k : k + 16] = rng.choice(np.array([10.0, 3.0, 2.0], np.float32), ratio[k : k + 16].shape)
    lazy_doses = da.from_array(doses, chunks=chunks)  # type: ignore[no-untyped-call]
    lazy_ratio = da.from_array(ratio, chunks=chunks)  # type: ignore[no-untyped-call]
    # Dask's automatic chunks of the same arrays: cubes, views of the numpy arrays, strided.
    auto_doses, auto_ratio = (da.from_array(a, chunks="auto") for a in (doses, ratio))  # type: ignore[no-untyped-call]
    paths = [True, False] if HAS_NUMBA else [False]
    with tempfile.TemporaryDirectory() as folder:
        memmap = np.memmap(Path(folder) / "target.f32", np.float32, "w+", shape=shape)
        targets: dict[str, Any] = {"numpy array": np.empty(shape, np.float32), "memmap": memmap}
        if HAS_ZARR:
            import zarr

            targets["zarr array"] = zarr.create_array(
                store=str(Path(folder) / "target.zarr"), shape=shape, chunks=chunks, dtype="float32"
            )
        cases: dict[str, Callable[[], object]] = {}

        def store(lazy: Any, target: Any) -> Callable[[], object]:
            return lambda: da.store(lazy, target, lock=False)

        def into(alpha_beta: Any, target: Any, doses: Any = lazy_doses) -> Callable[[], object]:
            return lambda: fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=alpha_beta, out=target)

        for name, target in targets.items():
            cases[f"copy {name}"] = store(lazy_doses.map_blocks(np.copy), target)
            for compiled in paths:
                for form, alpha_beta in (("one", 3.0), ("map", lazy_ratio)):
                    lazy = fr.eqd2_from_total_dose(lazy_doses, n_fractions=30, alpha_beta=alpha_beta)
                    cases[f"{form} {compiled} {name}"] = _with_path(compiled, store(lazy, target))
                    cases[f"{form} into {compiled} {name}"] = _with_path(compiled, into(alpha_beta, target))
        # What reading the alpha/beta costs: the doses and the alpha/beta added, stored like ours.
        added = da.map_blocks(np.add, lazy_doses, lazy_ratio, dtype=np.float32)  # type: ignore[no-untyped-call]
        cases["add numpy array"] = store(added, targets["numpy array"])
        # The plain numpy expression through map_blocks, no checks: what the issue measured Dask against.
        plain_one = lazy_doses.map_blocks(_plain_one, dtype=np.float32)
        plain_map = da.map_blocks(_plain_map, lazy_doses, lazy_ratio, dtype=np.float32)  # type: ignore[no-untyped-call]
        cases["plain one numpy array"] = store(plain_one, targets["numpy array"])
        cases["plain map numpy array"] = store(plain_map, targets["numpy array"])
        cases["copy auto"] = store(auto_doses.map_blocks(np.copy), targets["numpy array"])
        for compiled in paths:
            for form, alpha_beta in (("one", 3.0), ("map", auto_ratio)):
                lazy = fr.eqd2_from_total_dose(auto_doses, n_fractions=30, alpha_beta=alpha_beta)
                cases[f"{form} {compiled} auto"] = _with_path(compiled, store(lazy, targets["numpy array"]))
                cases[f"{form} into {compiled} auto"] = _with_path(
                    compiled, into(alpha_beta, targets["numpy array"], auto_doses)
                )

        flush = memmap.flush

        def written_back() -> None:
            """The memmap and the zarr array's files on disk, untimed, before every timed call: otherwise a
            call pays for the kernel's writeback of the call before it, whatever that call was."""
            flush()
            os.sync()

        with dask.config.set(scheduler="threads"):
            for case in cases.values():
                case()
            times = interleaved(cases, rounds, before=written_back)
        os.environ.pop("FRACTIONATION_COMPILED", None)
        del targets, memmap
    report.line(f"Dask: {depth * side * side:,} float32 voxels in chunks of {chunks}, threaded scheduler, "
                f"{rounds} interleaved rounds. Floor: the same Dask doses through map_blocks(np.copy), a new array "
                "per chunk, da.store(lock=False) into the target. Ours: eqd2_from_total_dose of those doses with "
                "alpha_beta=3.0 or a float32 Dask array of alpha/beta (da.from_array, the same chunks), written into "
                "the same target with out= (each chunk straight into its region of a numpy array or memmap, through "
                "one chunk-sized result into a zarr array), and the lazy result stored the same way as the floor "
                "(da.store: a new array per chunk, then copied into the target). The zarr array has Dask's chunks "
                "and zarr's default compression. The memmap and the zarr array's files are written back to disk, "
                "untimed, before every timed call")  # fmt: skip
    what = {"one into": "one alpha/beta, out=", "map into": "float32 Dask map, out=",
            "one": "one alpha/beta, da.store", "map": "float32 Dask map, da.store"}  # fmt: skip
    stored: dict[bool, list[str]] = {compiled: [] for compiled in paths}
    written: dict[bool, list[str]] = {compiled: [] for compiled in paths}

    def cells(compiled: bool, name: str, found: dict[str, float]) -> None:
        written[compiled].append(f"{name}: {verdict(found['one into'], 1.3)}, per-voxel "
                                 f"{verdict(found['map into'], 1.3)}")  # fmt: skip
        stored[compiled].append(f"{name}: {verdict(found['one'], 1.3)}, per-voxel {verdict(found['map'], 1.3)}")

    added_ratio, plain = 0.0, {"one": 0.0, "map": 0.0}
    for name in [name for name in ("numpy array", "memmap", "zarr array") if f"copy {name}" in times]:
        copy = times[f"copy {name}"]
        report.line(f"  into the {name}: map_blocks(np.copy) stored (floor)   {median(copy) * 1e3:8.1f} ms")
        if name == "numpy array":
            added_ratio = report.ratio("  map_blocks(np.add) of doses and alpha/beta, stored", times["add numpy array"],
                                       copy, "copy", None)  # fmt: skip
            for form, text in (("one", "one alpha/beta"), ("map", "float32 Dask map")):
                plain[form] = report.ratio(f"  the plain numpy expression, {text}, map_blocks, stored",
                                           times[f"plain {form} numpy array"], copy, "copy", None)  # fmt: skip
        for compiled in paths:
            label = "compiled" if compiled else "NumPy only"
            cells(compiled, name, {case: report.ratio(f"  {text}, {label}", times[f"{case} {compiled} {name}"], copy,
                                                      "copy", 1.3) for case, text in what.items()})  # fmt: skip
    copy = times["copy auto"]
    report.line(f"  Dask's automatic chunks {auto_doses.chunksize} (strided views), into the numpy array: "
                f"map_blocks(np.copy) stored (floor) {median(copy) * 1e3:8.1f} ms")  # fmt: skip
    for compiled in paths:
        label = "compiled" if compiled else "NumPy only"
        found = {case: report.ratio(f"  {text}, {label}", times[f"{case} {compiled} auto"], copy, "copy", 1.3)
                 for case, text in what.items()}  # fmt: skip
        cells(compiled, f"automatic chunks {auto_doses.chunksize}, into the numpy array", found)
    if not HAS_ZARR:
        report.line("  zarr is not installed: no zarr array measured")
    size = f"{depth * side * side / 1e6:g} million"
    for compiled in paths:
        path = "compiled (`fast` extra)" if compiled else "NumPy only (the default install)"
        report.row(f"Dask: {size} float32 voxels converted lazily and written into a preallocated target with "
                   f"`out=` / `map_blocks(np.copy)` stored (`da.store`) to the same target, {path}", "at most 1.3",
                   "; ".join(written[compiled]))  # fmt: skip
    for compiled in paths:
        path = "compiled" if compiled else "NumPy only"
        if compiled:
            extra = f" (for scale: `map_blocks(np.add)` of the doses and the alpha/beta, stored: {added_ratio:.2f})"
        else:
            extra = (f" (for scale: the plain numpy expression through `map_blocks`, unchecked, stored into the numpy "
                     f"array: {plain['one']:.2f}, per-voxel {plain['map']:.2f})")  # fmt: skip
        report.row(f"  the same lazy result stored by `da.store` (a new array per chunk, then copied), {path}",
                   "at most 1.3", "; ".join(stored[compiled]) + extra)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voxels", type=int, default=50_000_000)
    parser.add_argument("--dask-voxels", type=int, default=400_000_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--table", action="store_true", help="end with the rows of the README's table")
    args = parser.parse_args()
    report = Report()
    print(f"fractionation {fr.__version__}, numpy {np.__version__}, numba: {'yes' if HAS_NUMBA else 'not installed'}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    grids(report, args.voxels, args.rounds)
    if HAS_NUMBA:
        first_call(report)
    if args.dask_voxels:
        dask_store(report, args.dask_voxels, max(5, args.rounds // 2))
    report.finish(args.table)


if __name__ == "__main__":
    main()
