"""What the benchmarks share: interleaved timing, one line per result, and the README's table rows.

Every case of a benchmark runs once per round, in turn, so that load on a shared
machine falls on the cases and their floors alike; each ratio is of medians over the
same rounds (the best round's ratio is printed beside it). With ``--table`` a
benchmark ends its output with its rows of the README's performance table, between
``TABLE_START`` and ``TABLE_END``, which ``benchmarks/refresh.py`` collects.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

TABLE_START = "--- README table rows ---"
TABLE_END = "--- end of rows ---"


def interleaved(
    cases: dict[str, Callable[[], object]], rounds: int, before: Callable[[], object] | None = None
) -> dict[str, list[float]]:
    """Seconds of each case in each round; every round runs every case once, in turn.

    ``before``, if given, runs untimed before every timed call (e.g. flushing a memmap,
    so that no case pays for the writes of the one before it).
    """
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, case in cases.items():
            if before is not None:
                before()
            start = time.perf_counter()
            case()
            times[name].append(time.perf_counter() - start)
    return times


def repeated(function: Callable[[], object], calls: int) -> Callable[[], None]:
    """One case that calls ``function`` ``calls`` times: calls too short to time one by one."""

    def run() -> None:
        for _ in range(calls):
            function()

    return run


def median(values: Iterable[float]) -> float:
    return statistics.median(values)


@dataclass
class Report:
    """Printed lines as they come, and the README rows gathered for the end."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def ratio(self, name: str, ours: list[float], floor: list[float], floor_name: str, target: float | None) -> float:
        """One line: ours / floor, medians and best round, and the verdict against the target."""
        value, best = median(ours) / median(floor), min(ours) / min(floor)
        verdict = "" if target is None else f"  (target <= {target:g}: {'met' if value <= target else 'NOT MET'})"
        print(f"  {name:<46} {median(ours) * 1e3:8.1f} ms = {value:5.2f} x {floor_name} (best {best:4.2f}){verdict}")
        return value

    def line(self, text: str) -> None:
        print(text)

    def row(self, measure: str, target: str, measured: str) -> None:
        self.rows.append((measure, target, measured))

    def finish(self, table: bool) -> None:
        if table:
            print(TABLE_START)
            for measure, target, measured in self.rows:
                print(f"| {measure} | {target} | {measured} |")
            print(TABLE_END)
        sys.stdout.flush()


def verdict(value: float, target: float, text: str | None = None) -> str:
    """The table's cell: the measured figure, and NOT MET where it misses the target."""
    shown = text if text is not None else f"{value:.2f}"
    return shown if value <= target else f"**{shown}: NOT MET**"
