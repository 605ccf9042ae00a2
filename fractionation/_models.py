"""Dose-response models for the BED of one fraction: LQ, LQ-L and USC.

Each model gives ``bed_per_fraction(d, a/b)`` (Gy) and its closed-form inverse, so
that BED, EQDx and the iso-effect solvers work the same way for all three:

    BED  = n * bed_per_fraction(d)
    EQDx = BED / (bed_per_fraction(x) / x)      reference fractions of x Gy, once a day

LQ (the default) is exact and fast through fractionation.bed and eqd2; LQ-L and
USC equal LQ below their transition dose and are continuous there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from fractionation._checks import FloatOrArray
from fractionation._errors import FractionationError

__all__ = ["LQ", "LQL", "USC", "Model", "thames_h"]


def _positive(value: float, name: str, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise FractionationError(f"{name} must be a finite number of {unit} greater than 0, got {value!r}")
    return float(value)


def _float_if_scalar(value: Any) -> FloatOrArray:
    """np.where gives a 0-d array for scalar inputs; callers expect a float there."""
    return float(value) if np.ndim(value) == 0 else np.asarray(value, dtype=np.float64)


def _lq_root(per_fraction: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
    """The d >= 0 with d (1 + d/(a/b)) = per_fraction, in the form that avoids cancellation."""
    result: FloatOrArray = 2 * per_fraction / (1 + np.sqrt(1 + 4 * per_fraction / alpha_beta))
    return result


def thames_h(*, fractions_per_day: int, interval_hours: float, repair_half_time_hours: float) -> float:
    """Thames' incomplete-repair factor H_m for m equal fractions a day at equal intervals.

    H_m = (2/m) (phi/(1 - phi)) (m - (1 - phi^m)/(1 - phi)), phi = exp(-mu * interval),
    mu = ln 2 / repair half-time (Thames 1985; as used by Voyant et al., Rep Pract Oncol
    Radiother 2014;19:47, eq. 5). H_1 = 0: one fraction a day repairs fully.

    >>> thames_h(fractions_per_day=1, interval_hours=24, repair_half_time_hours=1.5)
    0.0
    >>> round(thames_h(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5), 4)
    0.0625
    """
    if isinstance(fractions_per_day, bool) or not isinstance(fractions_per_day, int) or not 1 <= fractions_per_day <= 4:
        raise FractionationError(f"fractions_per_day must be a whole number from 1 to 4, got {fractions_per_day!r}")
    interval = _positive(interval_hours, "interval_hours", "hours")
    half_time = _positive(repair_half_time_hours, "repair_half_time_hours", "hours")
    m = fractions_per_day
    if m == 1:
        return 0.0
    if interval * m > 24:
        raise FractionationError(f"{m} fractions a day {interval:g} hours apart do not fit in a day")
    phi = math.exp(-math.log(2) / half_time * interval)
    return (2 / m) * (phi / (1 - phi)) * (m - (1 - phi**m) / (1 - phi))


@dataclass(frozen=True, slots=True)
class LQ:
    """The linear-quadratic model: BED per fraction d (1 + (1 + H_m) d/(a/b)).

    With ``fractions_per_day`` above 1, ``interval_hours`` and ``repair_half_time_hours``
    give Thames' H_m for incomplete repair between fractions of the same day.

    >>> LQ().bed_per_fraction(8.0, 10.0)
    14.4
    """

    fractions_per_day: int = 1
    interval_hours: float | None = None
    repair_half_time_hours: float | None = None

    def __post_init__(self) -> None:
        if self.fractions_per_day != 1 and (self.interval_hours is None or self.repair_half_time_hours is None):
            raise FractionationError(
                "LQ with more than one fraction a day needs interval_hours and repair_half_time_hours"
            )
        _ = self.h  # checks the repair parameters now, not at first use

    @property
    def h(self) -> float:
        """Thames' H_m (0 for one fraction a day)."""
        if self.fractions_per_day == 1:
            return 0.0
        return thames_h(
            fractions_per_day=self.fractions_per_day,
            interval_hours=float(self.interval_hours or 0),
            repair_half_time_hours=float(self.repair_half_time_hours or 0),
        )

    @property
    def name(self) -> str:
        return "LQ" if self.fractions_per_day == 1 else f"LQ, {self.fractions_per_day} a day (H = {self.h:.4f})"

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        result: FloatOrArray = d * (1 + (1 + self.h) * d / alpha_beta)
        return result

    def reference_bed_per_gy(self, x: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED per Gy of reference fractions of x Gy given once a day."""
        result: FloatOrArray = 1 + x / alpha_beta
        return result

    def dose_for(self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """The dose per fraction whose BED is ``per_fraction`` (the inverse)."""
        return _lq_root(per_fraction, alpha_beta / (1 + self.h))

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        return alpha_beta


class _Piecewise:
    """What LQ-L and USC share: the reference fractions (x Gy) take the model's own BED per fraction."""

    __slots__ = ()

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        raise NotImplementedError

    def reference_bed_per_gy(self, x: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        """BED per Gy of reference fractions of x Gy given once a day (LQ when x is below the transition)."""
        result: FloatOrArray = self.bed_per_fraction(x, alpha_beta) / x
        return result


@dataclass(frozen=True, slots=True)
class LQL(_Piecewise):
    """Linear-quadratic-linear (Astrahan, Med Phys 2008;35:4161): LQ up to ``transition_dose``, linear above.

    BED/n = dT (1 + dT/(a/b)) + slope (d - dT) for d above dT, where slope is
    gamma/alpha. Without ``slope_ratio`` the slope is 1 + 2 dT/(a/b), the LQ curve's
    own slope at dT, so that value and slope are continuous there (the tangent form).
    There is no default transition dose: the literature uses several (e.g. 2 a/b in
    Voyant 2014's library); choose and state one.

    >>> round(LQL(transition_dose=6).bed_per_fraction(12.0, 10.0), 10)  # 6 (1 + 6/10) + (1 + 12/10) (12 - 6)
    22.8
    """

    transition_dose: float
    slope_ratio: float | None = None

    def __post_init__(self) -> None:
        if (
            isinstance(self.transition_dose, bool)
            or not isinstance(self.transition_dose, int | float)
            or not (math.isfinite(self.transition_dose) and self.transition_dose > 0)
        ):
            raise FractionationError(
                f"transition_dose must be a number of Gy greater than 0, got {self.transition_dose!r}"
            )
        if self.slope_ratio is not None:
            _positive(self.slope_ratio, "slope_ratio", "(gamma/alpha)")

    @property
    def name(self) -> str:
        slope = "tangent" if self.slope_ratio is None else f"gamma/alpha {self.slope_ratio:g}"
        return f"LQ-L (dT {self.transition_dose:g} Gy, {slope})"

    def slope(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        if self.slope_ratio is not None:
            return self.slope_ratio
        result: FloatOrArray = 1 + 2 * self.transition_dose / alpha_beta
        return result

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        t = self.transition_dose
        linear = t * (1 + t / alpha_beta) + self.slope(alpha_beta) * (d - t)
        result: FloatOrArray = np.where(d <= t, d * (1 + d / alpha_beta), linear)
        return _float_if_scalar(result)

    def dose_for(self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        t = self.transition_dose
        at_transition = t * (1 + t / alpha_beta)
        linear = t + (per_fraction - at_transition) / self.slope(alpha_beta)
        result: FloatOrArray = np.where(per_fraction <= at_transition, _lq_root(per_fraction, alpha_beta), linear)
        return _float_if_scalar(result)

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        return alpha_beta


@dataclass(frozen=True, slots=True)
class USC(_Piecewise):
    """The universal survival curve (Park et al., Int J Radiat Oncol Biol Phys 2008;70:847).

    LQ with alpha and the derived beta = (1 - alpha D0)^2 / (4 D0 Dq) below the
    transition dose DT = 2 Dq / (1 - alpha D0); above it the multi-target line,
    BED/n = (d - Dq) / (alpha D0). Value and slope meet at DT. The defaults are
    Park's NSCLC parameters, alpha 0.33/Gy, D0 1.25 Gy, Dq 1.8 Gy, as quoted by
    several codes (secondary in this project's reference): beta 0.0384/Gy^2,
    DT 6.13 Gy, alpha/beta 8.6 Gy. The model fixes its own alpha/beta, so an
    alpha_beta passed with it must match that within 0.5%.

    >>> usc = USC()
    >>> round(usc.transition_dose, 2), round(usc.alpha_beta, 2)
    (6.13, 8.6)
    >>> round(usc.bed_per_fraction(24.0, usc.alpha_beta), 1)  # 24 Gy x 1: (24 - 1.8) / (0.33 * 1.25)
    53.8
    """

    alpha: float = 0.33
    d0: float = 1.25
    dq: float = 1.8

    def __post_init__(self) -> None:
        _positive(self.alpha, "alpha", "1/Gy")
        _positive(self.d0, "d0", "Gy")
        _positive(self.dq, "dq", "Gy")
        if self.alpha * self.d0 >= 1:
            raise FractionationError(
                f"USC needs alpha * d0 below 1 (the line must be steeper than LQ's start), "
                f"got {self.alpha:g} * {self.d0:g} = {self.alpha * self.d0:g}"
            )

    @property
    def beta(self) -> float:
        return (1 - self.alpha * self.d0) ** 2 / (4 * self.d0 * self.dq)

    @property
    def transition_dose(self) -> float:
        return 2 * self.dq / (1 - self.alpha * self.d0)

    @property
    def alpha_beta(self) -> float:
        return self.alpha / self.beta

    @property
    def name(self) -> str:
        return f"USC (alpha {self.alpha:g}, D0 {self.d0:g}, Dq {self.dq:g}; a/b {self.alpha_beta:.2f})"

    def check_alpha_beta(self, alpha_beta: FloatOrArray) -> FloatOrArray:
        off = np.abs(np.asarray(alpha_beta) / self.alpha_beta - 1) > 0.005
        if np.any(off):
            first = float(np.asarray(alpha_beta)[off].flat[0]) if np.ndim(alpha_beta) else float(alpha_beta)
            raise FractionationError(
                f"{self.name} implies alpha/beta = {self.alpha_beta:.3f} Gy; got alpha_beta {first:g}"
            )
        return self.alpha_beta

    def bed_per_fraction(self, d: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        ab = self.alpha_beta
        linear = (d - self.dq) / (self.alpha * self.d0)
        result: FloatOrArray = np.where(d <= self.transition_dose, d * (1 + d / ab), linear)
        return _float_if_scalar(result)

    def dose_for(self, per_fraction: FloatOrArray, alpha_beta: FloatOrArray) -> FloatOrArray:
        t = self.transition_dose
        at_transition = t * (1 + t / self.alpha_beta)
        linear = self.alpha * self.d0 * per_fraction + self.dq
        result: FloatOrArray = np.where(per_fraction <= at_transition, _lq_root(per_fraction, self.alpha_beta), linear)
        return _float_if_scalar(result)


Model = LQ | LQL | USC


def as_model(model: Any) -> Model | None:
    """None for plain LQ (the fast path), the model otherwise; refuses anything else."""
    if model is None or (isinstance(model, LQ) and model.fractions_per_day == 1):
        return None
    if isinstance(model, LQ | LQL | USC):
        return model
    raise FractionationError(f"model must be LQ(), LQL(...) or USC(...), got {type(model).__name__} {model!r}")
