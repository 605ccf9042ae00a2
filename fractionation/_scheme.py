"""A fractionation scheme as an immutable value, and the notations people write it in."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from fractionation._checks import as_float_or_array, check_dose_per_fraction, check_n_fractions
from fractionation._errors import FractionationError, SchemeNotationError, WrongTypeError
from fractionation._lq import bed, eqd2, eqdx
from fractionation._source import Source

__all__ = ["Scheme"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Scheme:
    """``n_fractions`` fractions of ``dose_per_fraction`` Gy, with optional id, name, intent, schedule and source.

    Immutable; keyword arguments only, so dose per fraction and number of
    fractions cannot be swapped by position. ``fractions_per_week`` of None means
    the schedule was not stated. A catalogue scheme has an ``id`` (its key, as in
    ``fractionation.scheme("document-8x1")``) and a ``name`` (what is shown).

    >>> s = Scheme(dose_per_fraction=4, n_fractions=5, intent="palliative")
    >>> s.total_dose, s.label
    (20.0, '4 Gy x 5')
    >>> round(s.eqd2(10), 2), round(s.bed(3), 2)
    (23.33, 46.67)
    """

    dose_per_fraction: float
    n_fractions: int
    id: str | None = None
    name: str | None = None
    intent: str | None = None
    fractions_per_day: int = 1
    fractions_per_week: int | None = None
    source: Source | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        dose = check_dose_per_fraction(self.dose_per_fraction, allow_zero=False)
        count = check_n_fractions(self.n_fractions)
        if not isinstance(dose, float) or not isinstance(count, float):
            raise WrongTypeError(
                f"a Scheme takes one dose_per_fraction and one n_fractions, got "
                f"{type(self.dose_per_fraction).__name__} and {type(self.n_fractions).__name__}"
            )
        object.__setattr__(self, "dose_per_fraction", dose)
        object.__setattr__(self, "n_fractions", int(count))
        for name in ("id", "name", "intent"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise FractionationError(f"{name} must be a non-empty string or None, got {value!r}")
        if self.intent is not None:
            object.__setattr__(self, "intent", self.intent.strip().lower())
        _check_fractions_per(self.fractions_per_day, self.fractions_per_week)
        if self.source is not None and not isinstance(self.source, Source):
            raise WrongTypeError(f"source must be a Source or None, got {type(self.source).__name__}")

    @classmethod
    def parse(cls, text: str, **fields: Any) -> Scheme:
        """Read a scheme from the ways people write it; ``fields`` fill the other attributes.

        Accepted: ``8 Gy x 1``, ``1 x 8 Gy``, ``8Gy×1``, ``5 x 4 Gy``, ``20 Gy/5``,
        ``20 Gy/5 fx``, ``20 Gy in 5 fractions``, ``5 sessions of 4 Gy``; cGy is
        converted. A bare ``8x1`` is refused: which number is the dose?

        >>> Scheme.parse("20 Gy in 5 fractions").label
        '4 Gy x 5'
        >>> Scheme.parse("1 session of 8 Gy") == Scheme.parse("8Gy×1")
        True
        >>> Scheme.parse("8x1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        fractionation.SchemeNotationError: '8x1' is ambiguous: it reads as 8 Gy x 1 (8 Gy in 1 fraction) or as ...
        """
        dose_per_fraction, n_fractions = parse_notation(text)
        return cls(dose_per_fraction=dose_per_fraction, n_fractions=n_fractions, **fields)

    @classmethod
    def from_total_dose(cls, *, total_dose: float, n_fractions: int, **fields: Any) -> Scheme:
        """The scheme that gives ``total_dose`` Gy in ``n_fractions`` equal fractions.

        >>> Scheme.from_total_dose(total_dose=30, n_fractions=10).dose_per_fraction
        3.0
        """
        total = as_float_or_array(total_dose, "total_dose")
        count = check_n_fractions(n_fractions)
        if not isinstance(total, float) or not isinstance(count, float) or not (math.isfinite(total) and total > 0):
            raise FractionationError(f"total_dose must be one finite number of Gy greater than 0, got {total_dose!r}")
        return cls(dose_per_fraction=total / count, n_fractions=int(count), **fields)

    @property
    def total_dose(self) -> float:
        """Physical total dose, n d, in Gy."""
        return self.dose_per_fraction * self.n_fractions

    @property
    def label(self) -> str:
        """Short notation: ``8 Gy x 1``, or ``20 Gy/3`` when the dose per fraction is not round."""
        if abs(round(self.dose_per_fraction, 2) - self.dose_per_fraction) < 1e-9:
            return f"{format_gy(self.dose_per_fraction)} Gy x {self.n_fractions}"
        return f"{format_gy(self.total_dose)} Gy/{self.n_fractions}"

    def __str__(self) -> str:
        return self.name or self.label

    def bed(self, alpha_beta: Any, model: Any = None) -> Any:
        """BED in Gy for a tissue's alpha/beta (Gy); see :func:`fractionation.bed`."""
        d, n = self.dose_per_fraction, self.n_fractions
        return bed(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta, model=model)

    def eqd2(self, alpha_beta: Any, model: Any = None) -> Any:
        """EQD2 in Gy for a tissue's alpha/beta (Gy); see :func:`fractionation.eqd2`."""
        d, n = self.dose_per_fraction, self.n_fractions
        return eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta, model=model)

    def eqdx(self, alpha_beta: Any, reference_dose_per_fraction: Any, model: Any = None) -> Any:
        """EQDx in Gy; see :func:`fractionation.eqdx`."""
        return eqdx(
            dose_per_fraction=self.dose_per_fraction,
            n_fractions=self.n_fractions,
            alpha_beta=alpha_beta,
            reference_dose_per_fraction=reference_dose_per_fraction,
            model=model,
        )


def _check_fractions_per(per_day: object, per_week: object) -> None:
    if isinstance(per_day, bool) or not isinstance(per_day, int) or not 1 <= per_day <= 4:
        raise FractionationError(f"fractions_per_day must be a whole number from 1 to 4, got {per_day!r}")
    if per_week is None:
        return
    if isinstance(per_week, bool) or not isinstance(per_week, int) or not 1 <= per_week <= 7 * per_day:
        raise FractionationError(
            f"fractions_per_week must be a whole number from 1 to {7 * per_day} or None, got {per_week!r}"
        )


def format_gy(value: float) -> str:
    """A dose with at most two decimals and no trailing zeros: 8, 2.5, 6.67.

    >>> format_gy(8.0), format_gy(2.5), format_gy(20 / 3)
    ('8', '2.5', '6.67')
    """
    return f"{value:.2f}".rstrip("0").rstrip(".")


_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_UNIT = r"(c?gy)"
_TIMES = r"(?:x|×|\*)"
_FRACTIONS = r"(?:fx|fractions?|sessions?|#)"
_NOTATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_NUMBER}\s*{_UNIT}\s*{_TIMES}\s*{_NUMBER}\s*{_FRACTIONS}?", re.I), "dose x count"),
    (re.compile(rf"{_NUMBER}\s*{_FRACTIONS}?\s*{_TIMES}\s*{_NUMBER}\s*{_UNIT}", re.I), "count x dose"),
    (re.compile(rf"{_NUMBER}\s*{_UNIT}\s*(?:/|\bin\b)\s*{_NUMBER}\s*{_FRACTIONS}?", re.I), "total / count"),
    (re.compile(rf"{_NUMBER}\s*{_FRACTIONS}\s+of\s+{_NUMBER}\s*{_UNIT}", re.I), "count of dose"),
]
_BARE_TIMES = re.compile(rf"{_NUMBER}\s*{_TIMES}\s*{_NUMBER}", re.I)

_EXAMPLES = "'8 Gy x 1', '5 x 4 Gy', '20 Gy/5' or '20 Gy in 5 fractions'"


def parse_notation(text: object) -> tuple[float, int]:
    """(dose per fraction in Gy, number of fractions) from a notation; see :meth:`Scheme.parse`.

    >>> parse_notation("2 x 1200 cGy")
    (12.0, 2)
    """
    if not isinstance(text, str):
        raise WrongTypeError(f"a scheme notation must be a string, got {type(text).__name__} {text!r}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise SchemeNotationError(f"a scheme notation must not be empty; write it as {_EXAMPLES}")
    if "," in cleaned:
        raise SchemeNotationError(f"{text!r}: use a decimal point, not a comma (2.5 Gy, not 2,5 Gy)")
    for pattern, form in _NOTATIONS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        if form == "dose x count":
            dose, unit, count = match.group(1), match.group(2), match.group(3)
        elif form in ("count x dose", "count of dose"):
            count, dose, unit = match.group(1), match.group(2), match.group(3)
        else:
            total, unit, count = match.group(1), match.group(2), match.group(3)
            if float(count) == 0:
                raise SchemeNotationError(f"{text!r}: the number of fractions must be at least 1, got 0")
            dose = repr(float(total) / float(count))  # repr round-trips the float exactly
        if not float(count).is_integer() or float(count) < 1:
            raise SchemeNotationError(
                f"{text!r}: the number of fractions must be a whole number of at least 1, got {count}"
            )
        scale = 0.01 if unit.lower() == "cgy" else 1.0
        return float(dose) * scale, int(float(count))
    bare = _BARE_TIMES.fullmatch(cleaned)
    if bare is not None:
        first, second = bare.group(1), bare.group(2)
        total = format_gy(float(first) * float(second))
        raise SchemeNotationError(
            f"{text!r} is ambiguous: it reads as {first} Gy x {second} ({total} Gy in {second} "
            f"fraction{'s' * (second != '1')}) or as {second} Gy x {first} ({total} Gy in {first} "
            f"fraction{'s' * (first != '1')}); write the unit, as in '{first} Gy x {second}' or '{first} x {second} Gy'"
        )
    raise SchemeNotationError(f"cannot read {text!r} as a scheme; write it as {_EXAMPLES}")
