"""alpha/beta uncertainty as a distribution: seeded Monte Carlo over the inputs of BED and EQD2.

Every alpha/beta is uncertain, and so are the repopulation parameters of a time
correction. Here each such input gets a distribution, stated with where it comes
from (:func:`input_distributions`); :func:`uncertainty` draws from them and gives
the median and the 95% interval (2.5th to 97.5th percentile) of BED and EQD2 for
every scheme and tissue; :func:`sensitivity` moves one input at a time across its
95% range, the others held at their medians, to show which input moves EQD2 most
(a tornado chart: :func:`fractionation.charts.sensitivity_tornado`).

The distributions (radiobiology reference, section 8: "A distribution built from a
range is a teaching assumption unless a source gives the distribution"):

- A tissue preset with a range in ``schemes/tissues.toml`` (``low``-``high``): a
  log-normal whose 2.5th and 97.5th percentiles are that range. The range is the
  preset's, with its source; the log-normal shape is a teaching assumption (no
  source gives a distribution). Its median is the geometric mean of the range,
  sqrt(low high), which need not be the preset (8-12 Gy gives 9.80 Gy, not 10).
- A preset without a range, or a plain number: a log-normal with its median at the
  value and a 95% range from half to twice it (:data:`TEACHING_FACTOR`). This spread
  is a teaching assumption with no source; it is wide on purpose (the spinal cord's
  2 Gy becomes 1-4 Gy, which holds the lumbar cord's 4 Gy of Nieder 2006 and comes
  near the 0.87 Gy fitted by Schultheiss 2008).
- Repopulation preset "hnscc-pedicini-2015": the kick-off time and Dprolif each
  normal, with Pedicini et al. 2015's 95% confidence intervals as their 95% ranges
  (:data:`PUBLISHED_RANGES`). The intervals are the paper's; the normal shape and
  the independence of the two are teaching assumptions (fitted parameters are
  correlated). A repopulation without a known range is held fixed, and said so.

Seeds: each input draws from its own stream, ``numpy.random.default_rng([seed, key])``
with ``key`` a CRC-32 of the input's name, so that the same seed gives the same
numbers for the spinal cord whether or not the tumour is also shown, in the
library, the CLI and the app alike.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from fractionation._checks import (
    check_alpha_beta,
    check_choice,
    check_collection,
    check_finite,
    check_instance,
    check_text,
)
from fractionation._data import Tissue
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._scheme import Scheme
from fractionation._time import Repopulation

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._models import Model

__all__ = [
    "DEFAULT_SAMPLES",
    "PUBLISHED_RANGES",
    "TEACHING_FACTOR",
    "Distribution",
    "input_distributions",
    "sensitivity",
    "uncertainty",
]

#: Monte Carlo samples when none are asked for: the 2.5th percentile of 20,000 draws
#: moves by about 0.1% of EQD2 from one seed to the next.
DEFAULT_SAMPLES = 20_000
MAX_SAMPLES = 2_000_000  # 2 million draws of 18 rows is about 300 MB of float64: beyond that, a typo

#: A value without a published range varies from value / 2 to value * 2 (its 95% range).
#: A teaching assumption, with no source: see the module docstring.
TEACHING_FACTOR = 2.0

#: 95% confidence intervals of a repopulation preset's parameters, by preset id, as
#: published. Pedicini P et al., Clin Transl Oncol 2015;17:469-476, quoted in the
#: preset's ``reading`` in schemes/repopulation.toml ("95% CIs: Tk 15.1-23.3 d, Dprolif
#: 0.52-0.86 Gy/day"); tests/test_uncertainty.py checks the two agree. (The data file keeps
#: them as text: moving them into fields of their own is the data format's to decide.)
PUBLISHED_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "hnscc-pedicini-2015": {"kickoff_days": (15.1, 23.3), "dprolif_gy_per_day": (0.52, 0.86)},
}

_Z975 = 1.959963984540054  # the standard normal's 97.5th percentile
_UNITS = {"alpha_beta": "Gy", "kickoff_days": "days", "dprolif_gy_per_day": "Gy/day"}
_SYMBOLS = {"alpha_beta": "α/β", "kickoff_days": "Tk", "dprolif_gy_per_day": "Dprolif"}

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Distribution:
    """One uncertain input: its shape, its 95% range and median, and the basis for them.

    ``parameter`` is "alpha_beta", "kickoff_days" or "dprolif_gy_per_day"; ``of``
    names the tissue or repopulation it belongs to. ``shape`` is "log-normal",
    "normal" or "fixed" (not varied: ``low`` = ``median`` = ``high``).

    >>> d = Distribution(parameter="alpha_beta", of="Tumour", shape="log-normal", low=8, median=math.sqrt(96),
    ...                  high=12, basis="teaching assumption")
    >>> print(d)
    α/β of Tumour: log-normal, median 9.8 Gy, 95% range 8-12 Gy (teaching assumption)
    >>> draws = d.sample(np.random.default_rng(1), 100_000)
    >>> [round(float(q), 1) for q in np.quantile(draws, [0.025, 0.5, 0.975])]
    [8.0, 9.8, 12.0]
    """

    parameter: str
    of: str
    shape: str
    low: float
    median: float
    high: float
    basis: str
    key: str = ""

    def __post_init__(self) -> None:
        for name in ("parameter", "of", "basis"):
            check_text(getattr(self, name), name)
        check_instance(self.key, "key", str, "a string")
        check_choice(self.shape, "shape", ("log-normal", "normal", "fixed"))
        low, median, high = (check_finite(getattr(self, name), name) for name in ("low", "median", "high"))
        if self.shape == "log-normal" and low <= 0:
            raise FractionationError(argument="low", value=self.low, expected="above 0 for a log-normal distribution")
        if not low <= median <= high:
            raise FractionationError(
                argument="low, median, high", value=(self.low, self.median, self.high), expected="low <= median <= high"
            )

    @property
    def unit(self) -> str:
        return _UNITS.get(self.parameter, "")

    @property
    def label(self) -> str:
        """The input as a chart shows it: "α/β, Spinal cord" or "Tk, Head and neck ..."."""
        symbol = _SYMBOLS.get(self.parameter, self.parameter)
        return self.of if self.of.startswith(symbol) else f"{symbol}, {self.of}"  # a plain number: "α/β 10 Gy"

    @property
    def _named(self) -> str:
        return self.label.replace(", ", " of ", 1)

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` draws from ``rng``."""
        if self.shape == "fixed":
            return np.full(size, self.median)
        if self.shape == "log-normal":
            # 2.5th and 97.5th percentiles at low and high: ln X ~ N(mean of the logs, their half-range / z)
            mu, sigma = (math.log(self.low) + math.log(self.high)) / 2, math.log(self.high / self.low) / (2 * _Z975)
            return np.exp(rng.normal(mu, sigma, size))
        mean, sd = (self.low + self.high) / 2, (self.high - self.low) / (2 * _Z975)
        return rng.normal(mean, sd, size)

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.shape == "fixed":
            return f"{self._named}: fixed at {self.median:g}{unit} ({self.basis})"
        return (
            f"{self._named}: {self.shape}, median {self.median:.3g}{unit}, "
            f"95% range {self.low:g}-{self.high:g}{unit} ({self.basis})"
        )


def _alpha_beta_distribution(alpha_beta: Tissue | float) -> Distribution:
    if isinstance(alpha_beta, Tissue):
        name, value, key = alpha_beta.name, alpha_beta.alpha_beta, f"alpha_beta:{alpha_beta.id}"
        if alpha_beta.low is not None and alpha_beta.high is not None:
            given = alpha_beta.source.reading or f"from {alpha_beta.source.citation}"
            return Distribution(
                parameter="alpha_beta", of=name, shape="log-normal", low=alpha_beta.low,
                median=math.sqrt(alpha_beta.low * alpha_beta.high), high=alpha_beta.high, key=key,
                basis=f"the preset's range ({given}); log-normal shape: teaching assumption",
            )  # fmt: skip
    else:
        value = float(check_alpha_beta(alpha_beta, "alpha_betas"))
        name, key = f"α/β {value:g} Gy", f"alpha_beta:{value!r}"
    return Distribution(
        parameter="alpha_beta", of=name, shape="log-normal", low=value / TEACHING_FACTOR, median=value,
        high=value * TEACHING_FACTOR, key=key,
        basis="no published range: half to twice the value is a teaching assumption with no source",
    )  # fmt: skip


def _repopulation_distributions(repopulation: Repopulation) -> list[Distribution]:
    name = repopulation.name or "repopulation"
    ranges = PUBLISHED_RANGES.get(repopulation.id or "", {})
    found = []
    for parameter in ("kickoff_days", "dprolif_gy_per_day"):
        value = getattr(repopulation, parameter)
        if value is None:  # given as alpha and Tpot: only the kick-off time is varied here
            continue
        key = f"{parameter}:{repopulation.id or repr(repopulation)}"
        if parameter in ranges:
            low, high = ranges[parameter]
            cited = repopulation.source.citation if repopulation.source else name
            found.append(Distribution(
                parameter=parameter, of=name, shape="normal", low=low, median=(low + high) / 2, high=high, key=key,
                basis=f"95% CI of {cited}; normal shape and independence: teaching assumption",
            ))  # fmt: skip
        else:
            found.append(Distribution(parameter=parameter, of=name, shape="fixed", low=value, median=value,
                                      high=value, key=key, basis="no published range: held fixed"))  # fmt: skip
    return found


def input_distributions(
    alpha_betas: Iterable[Tissue | float] | Tissue | float, *, repopulation: Repopulation | None = None
) -> tuple[Distribution, ...]:
    """The distribution of each uncertain input, with its basis: alpha/beta per tissue, then the time correction's.

    >>> import fractionation as fr
    >>> for d in input_distributions([fr.tissue("tumour"), fr.tissue("cord")]):
    ...     print(d)  # doctest: +ELLIPSIS
    α/β of Tumour, early-responding tissue: log-normal, median 9.8 Gy, 95% range 8-12 Gy (the preset's range ...)
    α/β of Spinal cord, cervical and thoracic: log-normal, median 2 Gy, 95% range 1-4 Gy (no published range: ...)
    """
    ab_list = _alpha_beta_list(alpha_betas)
    found = [_alpha_beta_distribution(ab) for ab in ab_list]
    if repopulation is not None:
        if not isinstance(repopulation, Repopulation):
            raise WrongTypeError(argument="repopulation", value=repopulation, expected="a Repopulation")
        found += _repopulation_distributions(repopulation)
    return tuple(found)


def _alpha_beta_list(alpha_betas: Any) -> list[Tissue | float]:
    if isinstance(alpha_betas, str | bytes):
        raise WrongTypeError(argument="alpha_betas", value=alpha_betas, expected="numbers of Gy or Tissue presets")
    values = list(alpha_betas) if isinstance(alpha_betas, Iterable) else [alpha_betas]
    expected = "numbers of Gy or Tissue presets (at least one)"
    if not values:
        raise FractionationError(argument="alpha_betas", value=values, expected=expected)
    for index, value in enumerate(values):
        if not isinstance(value, Tissue):
            if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
                raise WrongTypeError(argument="alpha_betas", value=value, expected=expected, index=index)
            check_alpha_beta(value, "alpha_betas")
    return values


def _rng(seed: int, key: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


def _check_run(samples: object, seed: object) -> tuple[int, int]:
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or not 100 <= samples <= MAX_SAMPLES:
        raise FractionationError(
            argument="samples", value=samples, expected=f"a whole number from 100 to {MAX_SAMPLES:,}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed < 2**63:
        raise FractionationError(argument="seed", value=seed, expected="a whole number from 0 to 2**63 - 1")
    return int(samples), int(seed)


def _schemes(schemes: Any) -> list[Scheme]:
    from fractionation._compare import _as_scheme

    expected = "Scheme objects or notations such as '8 Gy x 1' (at least one)"
    given = [schemes] if isinstance(schemes, Scheme | str) else check_collection(schemes, "schemes", expected)
    if not given:
        raise FractionationError(argument="schemes", value=given, expected=expected)
    return [_as_scheme(s) for s in given]


def _overall_times(schemes: Sequence[Scheme], model: Any) -> FloatArray:
    from fractionation._models import check_schedule
    from fractionation._schedule import overall_time

    check_schedule(model, schemes)  # the overall times are those of the model's days

    return np.array([
        overall_time(n_fractions=s.n_fractions, fractions_per_week=s.fractions_per_week,
                     fractions_per_day=s.fractions_per_day)
        for s in schemes
    ], dtype=np.float64)  # fmt: skip


def _bed_and_eqd2(
    dose: FloatArray, count: FloatArray, alpha_beta: FloatArray, loss_eqd2: FloatArray, model: Any
) -> tuple[FloatArray, FloatArray]:
    """BED and EQD2 (less the repopulation's EQD2 ``loss_eqd2``), broadcast over schemes x draws."""
    from fractionation._lq import bed, eqd2

    if model is None:
        plain_bed = count * dose * (1 + dose / alpha_beta)
        plain_eqd2 = plain_bed / (1 + 2 / alpha_beta)
    else:
        plain_bed = np.asarray(bed(dose_per_fraction=dose, n_fractions=count, alpha_beta=alpha_beta, model=model))
        plain_eqd2 = np.asarray(eqd2(dose_per_fraction=dose, n_fractions=count, alpha_beta=alpha_beta, model=model))
    # The repopulation's EQD2 is BED / (1 + 2/(a/b)) in BED terms, as Repopulation.bed_loss has it.
    return plain_bed - loss_eqd2 * (1 + 2 / alpha_beta), plain_eqd2 - loss_eqd2


def _check_model(model: Any) -> Any:
    if model is None:
        return None
    from fractionation._models import USC, as_model

    if isinstance(model, USC):
        raise FractionationError(
            argument="model", value=model, expected="LQ or LQ-L (USC fixes its own alpha/beta: nothing to sample)"
        )
    return as_model(model)


def uncertainty(
    schemes: Iterable[Scheme | str] | Scheme | str,
    alpha_betas: Iterable[Tissue | float] | Tissue | float,
    *,
    model: Model | None = None,
    repopulation: Repopulation | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> pd.DataFrame:
    """The :func:`fractionation.compare` table with the median and 95% interval of BED and EQD2 in each row.

    Adds ``bed_low``, ``bed_median``, ``bed_high``, ``eqd2_low``, ``eqd2_median`` and
    ``eqd2_high`` (Gy; low and high are the 2.5th and 97.5th percentiles) from
    ``samples`` draws of each input's distribution (:func:`input_distributions`),
    seeded by ``seed``. With a ``repopulation`` the intervals are of the
    time-corrected BED and EQD2, its parameters drawn too. The same draws of a
    tissue's alpha/beta serve every scheme, so schemes compare like with like.

    >>> import fractionation as fr
    >>> table = uncertainty(["8 Gy x 1", "3 Gy x 10"], [fr.tissue("tumour")], samples=100_000, seed=1)
    >>> table[["scheme", "eqd2", "eqd2_low", "eqd2_median", "eqd2_high"]].round(1)
          scheme  eqd2  eqd2_low  eqd2_median  eqd2_high
    0   8 Gy x 1  12.0      11.4         12.1       12.8
    1  3 Gy x 10  32.5      32.1         32.5       33.0
    """
    from fractionation._compare import compare

    sample_count, seed = _check_run(samples, seed)
    scheme_list, ab_list = _schemes(schemes), _alpha_beta_list(alpha_betas)
    chosen_model = _check_model(model)
    table = compare(scheme_list, ab_list, model=model, repopulation=repopulation)
    distributions = input_distributions(ab_list, repopulation=repopulation)
    dose = np.array([[s.dose_per_fraction] for s in scheme_list], dtype=np.float64)
    count = np.array([[s.n_fractions] for s in scheme_list], dtype=np.float64)
    loss = np.zeros((len(scheme_list), 1))
    if repopulation is not None:
        loss = _repopulation_loss(
            repopulation, distributions, _overall_times(scheme_list, chosen_model), sample_count, seed
        )
    columns: dict[str, FloatArray] = {
        name: np.empty((len(scheme_list), len(ab_list))) for name in _INTERVAL_COLUMNS
    }  # fmt: skip
    for index, distribution in enumerate(distributions[: len(ab_list)]):
        ratio = distribution.sample(_rng(seed, distribution.key), sample_count)[np.newaxis, :]
        if chosen_model is not None:
            chosen_model.check_alpha_beta(ratio)
        both = _bed_and_eqd2(dose, count, ratio, loss, chosen_model)
        for quantity, values in zip(("bed", "eqd2"), both, strict=True):
            low, median, high = np.quantile(values, (0.025, 0.5, 0.975), axis=1)
            columns[f"{quantity}_low"][:, index] = low
            columns[f"{quantity}_median"][:, index] = median
            columns[f"{quantity}_high"][:, index] = high
    for name, values in columns.items():
        table[name] = values.reshape(-1)  # rows run scheme by scheme, tissue within scheme, as compare's do
    table.attrs["samples"], table.attrs["seed"] = sample_count, seed
    table.attrs["distributions"] = [str(d) for d in distributions]
    return table


_INTERVAL_COLUMNS = ("bed_low", "bed_median", "bed_high", "eqd2_low", "eqd2_median", "eqd2_high")


def _repopulation_loss(
    repopulation: Repopulation, distributions: Sequence[Distribution], times: FloatArray, samples: int, seed: int
) -> FloatArray:
    """The EQD2 repopulation takes back, schemes x draws (each scheme's overall time, the same draws)."""
    drawn = {d.parameter: d.sample(_rng(seed, d.key), samples) for d in distributions if d.parameter != "alpha_beta"}
    kickoff = drawn.get("kickoff_days", np.full(samples, repopulation.kickoff_days))
    days = np.maximum(0.0, times[:, np.newaxis] - kickoff[np.newaxis, :])
    if "dprolif_gy_per_day" in drawn:
        result: FloatArray = np.maximum(drawn["dprolif_gy_per_day"], 0.0)[np.newaxis, :] * days
        return result
    # Given as alpha and Tpot: the loss per day depends on alpha/beta; held fixed at the tumour's 10 Gy is
    # not ours to choose, so this path is refused (the presets give Dprolif).
    raise FractionationError(
        argument="repopulation", value=repopulation,
        expected="a Repopulation given by dprolif_gy_per_day (EQD2 terms), not by alpha_per_gy and tpot_days",
    )  # fmt: skip


def sensitivity(
    schemes: Iterable[Scheme | str] | Scheme | str,
    alpha_betas: Iterable[Tissue | float] | Tissue | float,
    *,
    model: Model | None = None,
    repopulation: Repopulation | None = None,
) -> pd.DataFrame:
    """Which input moves EQD2 most: each input at the ends of its 95% range, the others at their medians.

    One row per scheme, tissue and input (the tissue's alpha/beta, then the time
    correction's parameters where one is given): ``eqd2_central`` (every input at its
    median), ``eqd2_at_low`` and ``eqd2_at_high`` (this input at its 2.5th and 97.5th
    percentile) and ``swing`` = |at_high - at_low|, in Gy; sorted by swing within
    each scheme. EQD2 is time-corrected where a ``repopulation`` is given.

    >>> import fractionation as fr
    >>> hn = fr.repopulation("hnscc-pedicini-2015")
    >>> table = sensitivity("2 Gy x 35", [fr.tissue("tumour")], repopulation=hn)
    >>> table[["parameter", "input_low", "input_high", "eqd2_at_low", "eqd2_at_high", "swing"]].round(2)
                parameter  input_low  input_high  eqd2_at_low  eqd2_at_high  swing
    0  dprolif_gy_per_day       0.52        0.86        56.06         46.95   9.11
    1        kickoff_days      15.10       23.30        48.68         54.34   5.66
    2          alpha_beta       8.00       12.00        51.51         51.51   0.00
    """
    import pandas as pd

    scheme_list, ab_list = _schemes(schemes), _alpha_beta_list(alpha_betas)
    chosen_model = _check_model(model)
    distributions = input_distributions(ab_list, repopulation=repopulation)
    timed = [d for d in distributions if d.parameter != "alpha_beta"]
    times = _overall_times(scheme_list, chosen_model) if repopulation is not None else np.zeros(len(scheme_list))
    medians = {t.parameter: t.median for t in timed}
    rows: list[dict[str, Any]] = []
    for scheme, overall_time_days in zip(scheme_list, times, strict=True):
        for ab_distribution in distributions[: len(ab_list)]:

            def eqd2_at(
                ab: float, values: dict[str, float], scheme: Scheme = scheme, days: float = overall_time_days
            ) -> float:
                loss = _loss_at(values, float(days)) if timed else 0.0
                dose, count = np.array([scheme.dose_per_fraction]), np.array([float(scheme.n_fractions)])
                return float(_bed_and_eqd2(dose, count, np.array([ab]), np.array([loss]), chosen_model)[1][0])

            central = eqd2_at(ab_distribution.median, medians)
            group = []
            for moved in (ab_distribution, *timed):
                if moved is ab_distribution:
                    ends = [eqd2_at(end, medians) for end in (moved.low, moved.high)]
                else:
                    ends = [eqd2_at(ab_distribution.median, {**medians, moved.parameter: end})
                            for end in (moved.low, moved.high)]  # fmt: skip
                group.append({
                    "scheme": str(scheme), "tissue": ab_distribution.of, "input": moved.label,
                    "parameter": moved.parameter, "unit": moved.unit, "input_low": moved.low,
                    "input_median": moved.median, "input_high": moved.high, "eqd2_central": central,
                    "eqd2_at_low": ends[0], "eqd2_at_high": ends[1], "swing": abs(ends[1] - ends[0]),
                    "basis": moved.basis,
                })  # fmt: skip
            rows += sorted(group, key=lambda row: -row["swing"])
    return pd.DataFrame(rows)


def _loss_at(values: dict[str, float], overall_time_days: float) -> float:
    return max(0.0, values["dprolif_gy_per_day"]) * max(0.0, overall_time_days - values["kickoff_days"])
