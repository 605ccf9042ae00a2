"""Core benchmarks (issue: core library). Prints ratios measured in one run; asserts nothing.

    python benchmarks/bench_core.py

- import: wall time of ``import fractionation`` over ``import numpy``, each in a fresh
  interpreter, interleaved; target at most 1.25.
- eqd2: ``fractionation.eqd2`` over 10 million float64 doses over one ``numpy.multiply``
  of the same array; target at most 3.

Medians of interleaved repeats, so that load on these shared machines hits both sides.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

import fractionation

IMPORT_REPEATS = 21
ARRAY_REPEATS = 15
N_VALUES = 10_000_000


def import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def interleaved_medians(first: Callable[[], float], second: Callable[[], float], repeats: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(repeats):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def timed(function: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start

    return run


def report(name: str, ours: float, baseline: float, baseline_name: str, target: float) -> None:
    ratio = ours / baseline
    verdict = "met" if ratio <= target else "NOT MET"
    print(f"{name:<44} {ours * 1e3:9.1f} ms / {baseline_name} {baseline * 1e3:8.1f} ms"
          f" = {ratio:5.2f}  (target <= {target:g}: {verdict})")  # fmt: skip


def main() -> None:
    print(f"fractionation {fractionation.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    numpy_s, ours_s = interleaved_medians(lambda: import_seconds("numpy"), lambda: import_seconds("fractionation"),
                                          IMPORT_REPEATS)  # fmt: skip
    report("import fractionation", ours_s, numpy_s, "import numpy", 1.25)

    doses = np.random.default_rng(0).uniform(0.0, 20.0, N_VALUES)
    multiply_s, eqd2_s = interleaved_medians(
        timed(lambda: np.multiply(doses, doses)),
        timed(lambda: fractionation.eqd2(dose_per_fraction=doses, n_fractions=5, alpha_beta=10)),
        ARRAY_REPEATS,
    )
    report(f"eqd2 over {N_VALUES:,} float64", eqd2_s, multiply_s, "np.multiply", 3.0)
    plain = timed(lambda: (doses + 10) / 12 * doses * 5)
    plain_s, _ = interleaved_medians(plain, timed(lambda: None), ARRAY_REPEATS)
    print(f"{'  (unchecked numpy expression, for scale)':<44} {plain_s * 1e3:9.1f} ms = {plain_s / multiply_s:5.2f}")


if __name__ == "__main__":
    main()
