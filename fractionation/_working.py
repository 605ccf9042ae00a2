""" "Show the working": the LQ formulas with a scheme's numbers substituted, step by step.

Each step's value comes from the same functions as the tables (total_dose, bed,
eqd2), and each ends in the number a table shows: where the table's two decimals
round it, the step says so (49.5833 ≈ 49.58).
"""

from __future__ import annotations

from dataclasses import dataclass

from fractionation._checks import check_instance, check_number
from fractionation._lq import _equivalent_dose
from fractionation._scheme import Scheme
from fractionation.bounds import ALPHA_BETA

__all__ = ["Step", "working"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step: what it computes, the formula with numbers in LaTeX, and its value in Gy.

    >>> Step(title="Total dose", latex="D = 8", value=8.0).title
    'Total dose'
    """

    title: str
    latex: str
    value: float


def _n(value: float) -> str:
    return f"{value:.4g}" if value == round(value, 4) else f"{value:.4f}"


def _result(value: float) -> str:
    """A step's result, ending in the value as the tables print it (two decimals)."""
    shown, table = _n(value), f"{value:.2f}"
    rounded = rf" \approx {table}" if float(shown) != float(table) else ""
    return rf"{shown}{rounded}\ \mathrm{{Gy}}"


def working(scheme: Scheme, alpha_beta: float) -> list[Step]:
    """Total dose, BED and EQD2 of ``scheme`` for ``alpha_beta`` (Gy), with their formulas.

    >>> for step in working(Scheme.parse("8 Gy x 3"), 10):
    ...     print(step.title, "=", round(step.value, 2))
    Total dose = 24.0
    BED = 43.2
    EQD2 = 36.0
    >>> print(working(Scheme.parse("8 Gy x 3"), 10)[0].latex)
    D = n\\,d = 3 \\times 8 = 24\\ \\mathrm{Gy}
    >>> print(working(Scheme.parse("7 Gy x 5"), 10)[-1].latex.split("= ")[-1])
    49.5833 \\approx 49.58\\ \\mathrm{Gy}
    """
    check_instance(scheme, "scheme", Scheme, "a Scheme, such as Scheme.parse('8 Gy x 3')")
    ab = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
    n, d = scheme.n_fractions, scheme.dose_per_fraction
    total = scheme.total_dose
    biological = float(_equivalent_dose(d, n, ab, 0.0, warn=False))
    equivalent = float(_equivalent_dose(d, n, ab, 2.0, warn=False))
    return [
        Step(title="Total dose", latex=rf"D = n\,d = {n} \times {_n(d)} = {_result(total)}", value=total),
        Step(
            title="BED",
            latex=rf"\mathrm{{BED}} = n\,d\left(1 + \frac{{d}}{{\alpha/\beta}}\right) = {n} \times {_n(d)} "
            rf"\left(1 + \frac{{{_n(d)}}}{{{_n(ab)}}}\right) = {_result(biological)}",
            value=biological,
        ),
        Step(
            title="EQD2",
            latex=rf"\mathrm{{EQD2}} = \frac{{\mathrm{{BED}}}}{{1 + 2/(\alpha/\beta)}} = \frac{{{_n(biological)}}}"
            rf"{{1 + 2/{_n(ab)}}} = {_result(equivalent)}",
            value=equivalent,
        ),
    ]
