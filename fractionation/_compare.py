"""Side-by-side comparison of schemes over alpha/beta values, as a pandas DataFrame."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import numpy.typing as npt

from fractionation._blockwise import lq_formula
from fractionation._checks import check_collection, check_instance, check_number
from fractionation._data import Tissue
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._lq import _equivalent_dose, bed, eqd2
from fractionation._scheme import Scheme
from fractionation.bounds import ALPHA_BETA

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._models import Model
    from fractionation._time import Repopulation

__all__ = ["COLUMNS", "compare"]

#: The columns of :func:`compare`, in order.
COLUMNS = (
    "scheme", "intent", "n_fractions", "dose_per_fraction", "total_dose",
    "tissue", "alpha_beta", "bed", "eqd2", "source",
)  # fmt: skip


@overload
def compare(
    schemes: Iterable[Scheme | str] | Scheme | str, alpha_betas: Iterable[Tissue | float] | Tissue | float, *,
    model: Model | None = ..., repopulation: Repopulation | None = ..., alpha_beta_ranges: bool = ...,
    as_frame: Literal[True] = ...,
) -> pd.DataFrame: ...  # fmt: skip


@overload
def compare(
    schemes: Iterable[Scheme | str] | Scheme | str, alpha_betas: Iterable[Tissue | float] | Tissue | float, *,
    model: Model | None = ..., repopulation: Repopulation | None = ..., alpha_beta_ranges: bool = ...,
    as_frame: Literal[False],
) -> dict[str, npt.NDArray[np.generic]]: ...  # fmt: skip


def compare(
    schemes: Iterable[Scheme | str] | Scheme | str,
    alpha_betas: Iterable[Tissue | float] | Tissue | float,
    *,
    model: Model | None = None,
    repopulation: Repopulation | None = None,
    alpha_beta_ranges: bool = False,
    as_frame: bool = True,
) -> pd.DataFrame | dict[str, npt.NDArray[np.generic]]:
    """One row per scheme and alpha/beta: total dose, BED and EQD2, all in Gy.

    ``schemes`` are :class:`Scheme` objects or notations for :meth:`Scheme.parse`;
    ``alpha_betas`` are numbers (Gy) or :class:`Tissue` presets. Rows run scheme by
    scheme, alpha/beta within scheme, in the order given. ``model`` (LQ, LQL, USC)
    is passed to bed and eqd2 and named in a ``model`` column. With a
    :class:`Repopulation`, three columns follow: the overall time (days, from each
    scheme's schedule, 5 a week where none is stated), the EQD2 subtracted for
    repopulation, and the time-corrected EQD2. With ``alpha_beta_ranges``, each
    Tissue's uncertainty range adds ``eqd2_low`` and ``eqd2_high`` (NaN for plain
    numbers): EQD2 is monotonic in alpha/beta, so its values at the two ends of the
    range are the range. pandas is imported here, not at ``import fractionation``;
    with ``as_frame=False`` it is not imported at all, and the same columns come as
    a dict of numpy arrays, in order.

    >>> table = compare(["8 Gy x 1", "4 Gy x 5"], [10, 3])
    >>> table[["scheme", "alpha_beta", "bed", "eqd2"]].round(2)
         scheme  alpha_beta    bed   eqd2
    0  8 Gy x 1        10.0  14.40  12.00
    1  8 Gy x 1         3.0  29.33  17.60
    2  4 Gy x 5        10.0  28.00  23.33
    3  4 Gy x 5         3.0  46.67  28.00
    >>> compare("8 Gy x 1", [10, 3], as_frame=False)["eqd2"].round(2)
    array([12. , 17.6])
    """
    given = [schemes] if isinstance(schemes, Scheme | str) else check_collection(schemes, "schemes", _SCHEMES)
    scheme_list = [_as_scheme(s) for s in given]
    if isinstance(alpha_betas, str | bytes):
        raise WrongTypeError(argument="alpha_betas", value=alpha_betas, expected=_RATIOS)
    ab_list = list(alpha_betas) if isinstance(alpha_betas, Iterable) else [alpha_betas]
    if not scheme_list:
        raise FractionationError(argument="schemes", value=schemes, expected=_SCHEMES)
    if not ab_list:
        raise FractionationError(argument="alpha_betas", value=alpha_betas, expected=_RATIOS)
    tissue_names = [ab.name if isinstance(ab, Tissue) else "" for ab in ab_list]
    ratios = [ab.alpha_beta if isinstance(ab, Tissue) else check_number(_number(ab), "alpha_betas", ALPHA_BETA)
              for ab in ab_list]  # fmt: skip

    # Rows run scheme by scheme, alpha/beta within scheme. Each column is a Python list made an array
    # once: at a table's size np.repeat and np.tile cost more than the arithmetic.
    n_schemes, n_ratios = len(scheme_list), len(ab_list)

    def each_row(values: list[Any], dtype: Any = None) -> npt.NDArray[Any]:
        """One value per scheme, repeated for each of its rows."""
        return np.array([value for value in values for _ in range(n_ratios)], dtype=dtype)

    dose = each_row([s.dose_per_fraction for s in scheme_list])
    count = each_row([s.n_fractions for s in scheme_list])
    alpha_beta = np.array(ratios * n_schemes)
    columns: dict[str, npt.NDArray[Any]] = {
        "scheme": each_row([str(s) for s in scheme_list], object),
        "intent": each_row([s.intent or "" for s in scheme_list], object),
        "n_fractions": count,
        "dose_per_fraction": dose,
        "total_dose": count * dose,
        "tissue": np.array(tissue_names * n_schemes, dtype=object),
        "alpha_beta": alpha_beta,
        "bed": _quantity(bed, dose, count, alpha_beta, model, reference=0.0),
        "eqd2": _quantity(eqd2, dose, count, alpha_beta, model, reference=2.0),
        "source": each_row([s.source.citation if s.source else "" for s in scheme_list], object),
    }
    if model is not None:
        columns["model"] = np.full(dose.size, str(getattr(model, "name", model)), dtype=object)
    if alpha_beta_ranges:
        ends = [(ab.low, ab.high) if isinstance(ab, Tissue) and ab.low is not None else (np.nan, np.nan)
                for ab in ab_list]  # fmt: skip
        low, high = (np.tile([e[i] for e in ends], n_schemes) for i in (0, 1))
        has = ~np.isnan(low)
        at_low, at_high = np.full(dose.size, np.nan), np.full(dose.size, np.nan)
        if has.any():
            at_low[has] = _equivalent_dose(dose[has], count[has], low[has], 2.0, model, warn=False)
            at_high[has] = _equivalent_dose(dose[has], count[has], high[has], 2.0, model, warn=False)
        columns["eqd2_low"], columns["eqd2_high"] = np.fmin(at_low, at_high), np.fmax(at_low, at_high)
    if repopulation is not None:
        from fractionation._models import check_schedule
        from fractionation._schedule import overall_time
        from fractionation._time import Repopulation

        check_instance(repopulation, "repopulation", Repopulation, "a Repopulation or None")
        check_schedule(model, scheme_list)  # the overall times below are those of the model's days
        times = [overall_time(n_fractions=s.n_fractions, fractions_per_week=s.fractions_per_week,
                              fractions_per_day=s.fractions_per_day) for s in scheme_list]  # fmt: skip
        columns["overall_time"] = np.repeat(times, n_ratios)
        columns["eqd2_repopulation"] = np.array([
            repopulation.eqd2_loss(overall_time_days=t, alpha_beta=ab)
            for t, ab in zip(columns["overall_time"].tolist(), alpha_beta.tolist(), strict=True)
        ])  # fmt: skip
        columns["eqd2_time_corrected"] = columns["eqd2"] - columns["eqd2_repopulation"]
    if not as_frame:
        return columns
    import pandas as pd

    return pd.DataFrame(columns, copy=False)


def _quantity(
    function: Any, dose: npt.NDArray[np.float64], count: npt.NDArray[Any], alpha_beta: npt.NDArray[np.float64],
    model: Any, *, reference: float,
) -> npt.NDArray[np.float64]:  # fmt: skip
    """BED or EQD2 of each row. Under LQ, the formula directly: schemes and alpha/betas are checked already."""
    if model is None:
        return lq_formula(dose, count, alpha_beta, reference)
    # Each scheme warned of its cautions when it was made: not again here.
    return np.asarray(_equivalent_dose(dose, count, alpha_beta, reference, model, warn=False))


_SCHEMES = "Scheme objects or notations like '8 Gy x 1' (at least one)"
_RATIOS = "alpha/beta values in Gy or Tissue presets (at least one)"


def _as_scheme(value: object) -> Scheme:
    if isinstance(value, Scheme):
        return value
    if isinstance(value, str):
        return Scheme.parse(value)
    raise WrongTypeError(argument="schemes", value=value, expected=_SCHEMES)


def _number(value: object) -> object:
    if isinstance(value, str | bytes | bool) or value is None:
        raise WrongTypeError(argument="alpha_betas", value=value, expected=_RATIOS)
    return value
