"""Dose-grid benchmark (issue: dose grids). Prints ratios measured in one run; asserts nothing.

    python benchmarks/bench_grids.py

- EQD2 of 50 million float32 voxels into a preallocated array, over ``numpy.copyto``
  of the same array (the memory-bandwidth floor); target at most 1.5. Printed beside
  it: the plain numpy expression, and ours allocating its own result.
- Peak extra memory of ours (tracemalloc, which sees numpy's allocations), over the
  output array; target at most the output plus 64 MiB.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fractionation import eqd2_from_total_dose

VOXELS = 50_000_000
REPEATS = 9


def median_seconds(function: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    doses = np.random.default_rng(0).uniform(0.0, 60.0, VOXELS).astype(np.float32)
    out = np.empty_like(doses)
    copy = median_seconds(lambda: np.copyto(out, doses))
    ours = median_seconds(lambda: eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3.0, out=out))
    fresh = median_seconds(lambda: eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3.0))
    plain = median_seconds(lambda: doses * (doses / 30 + 3.0) / (2 + 3.0))
    print(f"EQD2 of {VOXELS:,} float32 voxels, medians of {REPEATS}")
    print(f"  numpy.copyto (floor)            {copy * 1e3:8.1f} ms")
    print(f"  ours, out= given                {ours * 1e3:8.1f} ms = {ours / copy:5.2f} x copyto  "
          f"(target <= 1.5: {'met' if ours / copy <= 1.5 else 'NOT MET'})")  # fmt: skip
    print(f"  ours, allocating its result     {fresh * 1e3:8.1f} ms = {fresh / copy:5.2f} x copyto")
    print(f"  plain numpy expression          {plain * 1e3:8.1f} ms = {plain / copy:5.2f} x copyto")
    tracemalloc.start()
    result = eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3.0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    extra = (peak - result.nbytes) / 2**20
    print(
        f"  peak memory beyond the output   {extra:8.2f} MiB (target <= 64 MiB: {'met' if extra <= 64 else 'NOT MET'})"
    )


if __name__ == "__main__":
    main()
