"""Uncertainty benchmark (issue 15, part 1). Prints what it measured in one run; asserts nothing.

    python benchmarks/bench_uncertainty.py

``fractionation.uncertainty`` with 100,000 samples for the six schemes of the source
document at three tissues (tumour, late, cord), without and with the head and neck
time correction (two more inputs drawn); target: within a second. The median of
several repeats, and the share of it spent in NumPy's quantiles, for context.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

import fractionation as fr

REPEATS = 7
SAMPLES = 100_000
TARGET_SECONDS = 1.0


def median_seconds(run: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"fractionation {fr.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    schemes = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
    tissues = [fr.tissue(t) for t in ("tumour", "late", "cord")]
    hnscc = fr.repopulation("hnscc-pedicini-2015")
    fr.uncertainty(schemes, tissues, samples=1000)  # imports and caches out of the timing
    rows = len(schemes) * len(tissues)
    for label, repopulation in (("no time correction", None), ("with hnscc-pedicini-2015", hnscc)):

        def run(repopulation: fr.Repopulation | None = repopulation) -> object:
            return fr.uncertainty(schemes, tissues, repopulation=repopulation, samples=SAMPLES, seed=1)

        seconds = median_seconds(run)
        verdict = "met" if seconds <= TARGET_SECONDS else "NOT MET"
        print(f"uncertainty, {len(schemes)} schemes x {len(tissues)} tissues x {SAMPLES:,} samples, {label}: "
              f"{seconds * 1e3:.0f} ms (target <= {TARGET_SECONDS * 1e3:.0f} ms: {verdict})")  # fmt: skip
    draws = np.random.default_rng(0).random((rows, SAMPLES))
    quantiles = median_seconds(lambda: np.quantile(draws, (0.025, 0.5, 0.975), axis=1))
    print(f"  for context: np.quantile over {rows} rows x {SAMPLES:,} draws, once: {quantiles * 1e3:.0f} ms "
          "(done twice, for BED and EQD2)")  # fmt: skip


if __name__ == "__main__":
    main()
