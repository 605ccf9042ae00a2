"""Core benchmarks (issues #2 and #14). Prints ratios measured in one run; asserts nothing.

    python benchmarks/bench_core.py [--table] [--only start-up|arrays|scalars|compare]

- import: ``import fractionation`` over ``import numpy``, each in a fresh interpreter,
  interleaved; target at most 1.25.
- start-up: ``fractionation compare "8 Gy x 1"`` start to finish over
  ``python -c "import numpy"``, interleaved; target at most 1.5. Both start from compiled
  bytecode, as an installed package does: the benchmark compiles fractionation's first.
- eqd2 over 10 million float64 doses over one ``numpy.multiply`` of the same array;
  target at most 3.
- scalar calls: ``bed``, ``eqd2`` and ``eqdx`` on Python numbers, microseconds a
  call, beside the bare formula; target at most 3 us.
- compare: the six schemes of the source document at three alpha/betas over building
  the same DataFrame from its columns; target at most 1.3.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import Report, interleaved, median, repeated, verdict

import fractionation as fr

N_VALUES = 10_000_000


def _command(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run(args, capture_output=True, check=True)


def _import_seconds(module: str) -> Callable[[], float]:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"

    def run() -> float:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return float(result.stdout)

    return run


def compile_bytecode() -> None:
    """Write the package's bytecode, as installing it does, so that no start-up compiles source.

    numpy, the floor, starts from the bytecode its install wrote; a checkout run with
    PYTHONDONTWRITEBYTECODE set (as the project's machine has it) would otherwise compile
    every module of fractionation from source at every start.
    """
    package = Path(fr.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, capture_output=True)


def start_up(report: Report, rounds: int) -> None:
    compile_bytecode()
    numpy_import, ours_import = _import_seconds("numpy"), _import_seconds("fractionation")
    imports: dict[str, list[float]] = {"numpy": [], "fractionation": []}
    for _ in range(rounds):  # the import's own time, printed by the child: no interpreter start-up
        imports["numpy"].append(numpy_import())
        imports["fractionation"].append(ours_import())
    script = shutil.which("fractionation", path=str(Path(sys.executable).parent))
    cli = [script] if script else [sys.executable, "-m", "fractionation"]
    times = interleaved(
        {"numpy": _command(sys.executable, "-c", "import numpy"), "cli": _command(*cli, "compare", "8 Gy x 1")}, rounds
    )
    report.line(f"Start-up (bytecode compiled, as installed), medians of {rounds} interleaved fresh interpreters")
    imported = report.ratio("import fractionation", imports["fractionation"], imports["numpy"], "import numpy", 1.25)
    command = report.ratio('fractionation compare "8 Gy x 1"', times["cli"], times["numpy"], "python -c 'import numpy'",
                           1.5)  # fmt: skip
    report.row("`import fractionation` / `import numpy`", "at most 1.25", verdict(imported, 1.25))
    report.row(
        '`fractionation compare "8 Gy x 1"`, start to finish / `python -c "import numpy"`',
        "at most 1.5",
        f"{verdict(command, 1.5)} ({median(times['cli']) * 1e3:.0f} ms)",
    )


def arrays(report: Report, rounds: int) -> None:
    doses = np.random.default_rng(0).uniform(0.0, 20.0, N_VALUES)
    times = interleaved(
        {
            "multiply": lambda: np.multiply(doses, doses),
            "eqd2": lambda: fr.eqd2(dose_per_fraction=doses, n_fractions=5, alpha_beta=10),
            "plain": lambda: (doses + 10) / 12 * doses * 5,
        },
        rounds,
    )
    report.line(f"eqd2 over {N_VALUES:,} float64 doses, medians of {rounds} interleaved rounds")
    ours = report.ratio("eqd2, every check kept", times["eqd2"], times["multiply"], "np.multiply", 3.0)
    plain = report.ratio("the unchecked numpy expression, for scale", times["plain"], times["multiply"],
                         "np.multiply", None)  # fmt: skip
    report.row(f"`eqd2` on {N_VALUES // 1_000_000} million float64 / one `numpy.multiply`", "at most 3",
               f"{verdict(ours, 3.0)} (the unchecked numpy expression: {plain:.2f})")  # fmt: skip


def scalars(report: Report, rounds: int) -> None:
    calls = 20_000
    d, n, ab = 8.0, 3, 10.0
    times = interleaved(
        {
            "formula": repeated(lambda: (d + ab) / (2 + ab) * d * n, calls),
            "bed": repeated(lambda: fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=ab), calls),
            "eqd2": repeated(lambda: fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=ab), calls),
            "eqdx": repeated(
                lambda: fr.eqdx(dose_per_fraction=d, n_fractions=n, alpha_beta=ab, reference_dose_per_fraction=1.8),
                calls,
            ),
        },
        rounds,
    )
    us = {name: median(values) / calls * 1e6 for name, values in times.items()}
    report.line(f"Scalar calls on Python numbers, microseconds a call (medians of {rounds} rounds of {calls:,})")
    report.line("  " + ", ".join(f"{name} {value:.2f} us" for name, value in us.items()) + " (target <= 3 us)")
    worst = max(us["bed"], us["eqd2"], us["eqdx"])
    report.row("`bed`, `eqd2`, `eqdx` on Python numbers, every check kept, slowest of the three",
               "at most 3 us a call", f"{verdict(worst, 3.0, f'{worst:.1f} us')} (the bare formula: "
               f"{us['formula']:.2f} us)")  # fmt: skip


def compare(report: Report, rounds: int) -> None:
    import pandas as pd

    schemes = fr.catalogue(origin="document")
    tissues = [fr.tissue(t) for t in ("tumour", "late", "cord")]
    columns = fr.compare(schemes, tissues, as_frame=False)
    fr.compare(schemes, tissues)
    repeat = 200
    times = interleaved(
        {
            "frame": repeated(lambda: pd.DataFrame(columns, copy=False), repeat),
            "compare": repeated(lambda: fr.compare(schemes, tissues), repeat),
        },
        rounds,
    )
    report.line(f"compare of the {len(schemes)} document schemes at 3 alpha/betas, {repeat} calls a round")
    ratio = report.ratio("compare", times["compare"], times["frame"], "pd.DataFrame(same columns)", 1.3)
    report.row(f"`compare` of the {len(schemes)} document schemes at three alpha/betas / building the same DataFrame",
               "at most 1.3", f"{verdict(ratio, 1.3)} ({median(times['compare']) / repeat * 1e6:.0f} us)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--table", action="store_true", help="end with the rows of the README's table")
    parser.add_argument("--only", choices=("start-up", "arrays", "scalars", "compare"), help="run one part")
    args = parser.parse_args()
    report = Report()
    print(f"fractionation {fr.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    for name, part in PARTS.items():
        if args.only in (None, name):
            part(report, args.rounds)
    report.finish(args.table)


PARTS = {"start-up": start_up, "arrays": arrays, "scalars": scalars, "compare": compare}


if __name__ == "__main__":
    main()
