"""The iso-effect question as one table: the target scheme (if any) and the scheme that reaches it.

The command line's ``solve`` prints this table as it is; the numbers come from
:func:`solve_dose_per_fraction` and :func:`solve_n_fractions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fractionation._checks import check_number, check_whole_number
from fractionation._citations import cite
from fractionation._data import Tissue
from fractionation._errors import FractionationError
from fractionation._models import LQ, own_schedule
from fractionation._scheme import Scheme
from fractionation._solve import solve_dose_per_fraction, solve_n_fractions
from fractionation.bounds import ALPHA_BETA, N_FRACTIONS, TARGET_DOSE

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._models import Model

__all__ = ["solve"]

COLUMNS = ("scheme", "role", "n_fractions", "exact_n_fractions", "dose_per_fraction", "total_dose", "alpha_beta",
           "bed", "eqd2")  # fmt: skip


def solve(
    *,
    alpha_beta: float | Tissue,
    like: Scheme | str | None = None,
    target_eqd2: float | None = None,
    target_bed: float | None = None,
    n_fractions: int | None = None,
    dose_per_fraction: float | None = None,
    other_alpha_beta: float | Tissue | None = None,
    model: Model | None = None,
) -> pd.DataFrame:
    """The scheme that reaches a target, as a table: one row per scheme, ``role`` "target" or "solution".

    The target is the EQD2 of the scheme ``like`` at ``alpha_beta``, or ``target_eqd2``, or
    ``target_bed`` (Gy; give one). The unknown is the dose per fraction in ``n_fractions``
    fractions, or the number of fractions of ``dose_per_fraction`` Gy (give one): then
    ``exact_n_fractions`` is the fractional number that hits the target, and the row shows the
    nearest whole number with the dose per fraction that hits it exactly. ``other_alpha_beta``
    adds another tissue's EQD2 (``other_eqd2``); a BED target adds ``target_bed``. The
    solution's cautions (a dose per fraction the dose policy flags) are in ``attrs["cautions"]``, the sources
    it rests on (the target scheme's, the tissues', the model's) in ``attrs["sources"]``: :func:`cite` takes
    the table.

    >>> table = solve(like="30 Gy/10", n_fractions=5, alpha_beta=10, other_alpha_beta=2)
    >>> table[["scheme", "role", "eqd2", "other_eqd2"]].round(2)
           scheme      role  eqd2  other_eqd2
    0   3 Gy x 10    target  32.5       37.50
    1  25.74 Gy/5  solution  32.5       46.01
    >>> solve(target_eqd2=40, dose_per_fraction=4, alpha_beta=10)[["scheme", "exact_n_fractions"]].round(3)
           scheme  exact_n_fractions
    0  34.66 Gy/9              8.571
    """
    import pandas as pd

    if (n_fractions is None) == (dose_per_fraction is None):
        raise FractionationError(
            argument="n_fractions, dose_per_fraction",
            value=(n_fractions, dose_per_fraction),
            expected="exactly one of them given (n_fractions to solve for the dose, and the other way round)",
        )
    if like is not None and (target_eqd2 is not None or target_bed is not None):
        raise FractionationError(
            argument="like, target_eqd2, target_bed",
            value=(like, target_eqd2, target_bed),
            expected="exactly one target given",
        )
    ratio = check_number(_ratio(alpha_beta), "alpha_beta", ALPHA_BETA)
    other = None if other_alpha_beta is None else check_number(_ratio(other_alpha_beta), "other_alpha_beta", ALPHA_BETA)
    if n_fractions is not None:
        n_fractions = check_whole_number(n_fractions, "n_fractions", N_FRACTIONS)
    if target_eqd2 is not None:
        target_eqd2 = check_number(target_eqd2, "target_eqd2", TARGET_DOSE)
    if target_bed is not None:
        target_bed = check_number(target_bed, "target_bed", TARGET_DOSE)
    target = None if like is None else like if isinstance(like, Scheme) else Scheme.parse(like)
    if target is not None:  # on its own days: several fractions a day are the solution's, not the target's
        target_eqd2 = float(target.eqd2(ratio, model=own_schedule(model, target)))
    if n_fractions is not None:
        dose = solve_dose_per_fraction(n_fractions=n_fractions, alpha_beta=ratio, target_eqd2=target_eqd2,
                                       target_bed=target_bed, model=model)  # fmt: skip
        exact, found = float(n_fractions), _found(dose, n_fractions, like, target_eqd2, target_bed)
    else:
        solution = solve_n_fractions(dose_per_fraction=dose_per_fraction, alpha_beta=ratio,  # type: ignore[arg-type]
                                     target_eqd2=target_eqd2, target_bed=target_bed, model=model)  # fmt: skip
        exact = solution.exact
        found = _found(solution.dose_per_fraction, solution.n_fractions, like, target_eqd2, target_bed)
    rows = []
    for scheme, role in ((target, "target"), (found, "solution")):
        if scheme is None:
            continue
        days = model if role == "solution" else own_schedule(model, scheme)
        row: dict[str, Any] = {
            "scheme": scheme.label, "role": role, "n_fractions": scheme.n_fractions,
            "exact_n_fractions": exact if role == "solution" else float(scheme.n_fractions),
            "dose_per_fraction": scheme.dose_per_fraction, "total_dose": scheme.total_dose, "alpha_beta": float(ratio),
            "bed": float(scheme.bed(ratio, model=days)), "eqd2": float(scheme.eqd2(ratio, model=days)),
        }  # fmt: skip
        if other is not None:
            row["other_alpha_beta"] = float(other)
            # Thames' H holds for every tissue; LQ-L's and USC's parameters are the first tissue's alone
            row["other_eqd2"] = float(scheme.eqd2(other, model=days if isinstance(days, LQ) else None))
        if target_bed is not None:
            row["target_bed"] = float(target_bed)
        rows.append(row)
    table = pd.DataFrame(rows)
    table.attrs["cautions"] = [f"{found.label}: {caution}" for caution in found.cautions]
    table.attrs["sources"] = cite(
        schemes=[] if target is None else [target],
        alpha_betas=[ab for ab in (alpha_beta, other_alpha_beta) if ab is not None],
        models=[model],
    ).sources
    return table


def _ratio(alpha_beta: float | Tissue) -> float:
    return alpha_beta.alpha_beta if isinstance(alpha_beta, Tissue) else alpha_beta


def _found(dose: float, n_fractions: int, like: object, target_eqd2: object, target_bed: object) -> Scheme:
    """The solution as a scheme; a dose per fraction the library refuses is the target's fault, and says so."""
    try:
        return Scheme(dose_per_fraction=dose, n_fractions=n_fractions)
    except FractionationError as error:
        argument, value = (("like", like) if like is not None else ("target_eqd2", target_eqd2)
                           if target_eqd2 is not None else ("target_bed", target_bed))  # fmt: skip
        raise FractionationError(
            argument=argument,
            value=value,
            expected="a target that an accepted dose per fraction reaches",
            hint=f"it needs {dose:.3g} Gy per fraction in {n_fractions}: {error}",
        ) from None
