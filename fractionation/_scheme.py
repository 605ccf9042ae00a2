"""A fractionation scheme as an immutable value, and the notations people write it in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

import numpy.typing as npt

from fractionation._checks import cgy_hint, check_instance, check_number, check_text, check_whole_number
from fractionation._errors import FractionationError, SchemeNotationError, WrongTypeError
from fractionation._lq import Result, _equivalent_dose, _wrap
from fractionation._source import Source
from fractionation.bounds import (
    DOSE_PER_FRACTION,
    FRACTIONS_PER_DAY,
    MAX_DOSE_PER_FRACTION_GY,
    MAX_N_FRACTIONS,
    N_FRACTIONS,
    PLAUSIBLE_TOTAL_DOSE_GY,
    UNUSUAL_DOSE_PER_FRACTION_GY,
    Bound,
)

if TYPE_CHECKING:
    from fractionation._cautions import Caution
    from fractionation._models import Model

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
        dose = check_number(self.dose_per_fraction, "dose_per_fraction", _POSITIVE_DOSE, hints_cgy=True)
        count = check_whole_number(self.n_fractions, "n_fractions", N_FRACTIONS)
        object.__setattr__(self, "dose_per_fraction", dose)
        object.__setattr__(self, "n_fractions", count)
        object.__setattr__(self, "id", check_text(self.id, "id", optional=True))
        object.__setattr__(self, "name", check_text(self.name, "name", optional=True))
        intent = check_text(self.intent, "intent", optional=True)
        object.__setattr__(self, "intent", None if intent is None else intent.lower())
        per_day, per_week = _check_fractions_per(self.fractions_per_day, self.fractions_per_week)
        object.__setattr__(self, "fractions_per_day", per_day)
        object.__setattr__(self, "fractions_per_week", per_week)
        if self.source is not None:
            check_instance(self.source, "source", Source, "a Source or None")
        if dose > UNUSUAL_DOSE_PER_FRACTION_GY or (count >= 2 and dose * count > PLAUSIBLE_TOTAL_DOSE_GY):
            from fractionation._cautions import warn_dose

            warn_dose(dose, float(count))

    @classmethod
    def parse(
        cls, text: str, *, id: str | None = None, name: str | None = None, intent: str | None = None,
        fractions_per_day: int = 1, fractions_per_week: int | None = None, source: Source | None = None,
    ) -> Scheme:  # fmt: skip
        """Read a scheme from the ways people write it; the keywords fill the other attributes.

        Accepted: ``8 Gy x 1``, ``1 x 8 Gy``, ``8Gy×1``, ``5 x 4 Gy``, ``20 Gy/5``,
        ``20 Gy/5 fx``, ``20 Gy in 5 fractions``, ``5 sessions of 4 Gy``; cGy is
        converted. A bare ``8x1`` is refused: which number is the dose? An error
        names the argument ``text`` and quotes at most 60 characters of it.

        >>> Scheme.parse("20 Gy in 5 fractions").label
        '4 Gy x 5'
        >>> Scheme.parse("1 session of 8 Gy") == Scheme.parse("8Gy×1")
        True
        >>> Scheme.parse("8x1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        fractionation.SchemeNotationError: cannot read '8x1' as a scheme: ambiguous, 8 Gy x 1 (8 Gy in 1
        fraction) or ...
        """
        dose_per_fraction, n_fractions = parse_notation(text)
        return cls(dose_per_fraction=dose_per_fraction, n_fractions=n_fractions, **_fields(
            id, name, intent, fractions_per_day, fractions_per_week, source))  # fmt: skip

    @classmethod
    def from_total_dose(
        cls, *, total_dose: float, n_fractions: int, id: str | None = None, name: str | None = None,
        intent: str | None = None, fractions_per_day: int = 1, fractions_per_week: int | None = None,
        source: Source | None = None,
    ) -> Scheme:  # fmt: skip
        """The scheme that gives ``total_dose`` Gy in ``n_fractions`` equal fractions.

        >>> Scheme.from_total_dose(total_dose=30, n_fractions=10).dose_per_fraction
        3.0
        >>> Scheme.from_total_dose(total_dose=800, n_fractions=5)
        Traceback (most recent call last):
        ...
        fractionation.FractionationError: total_dose must be a number of Gy greater than 0 and at most 500,
        got 800 (did you pass cGy? 800 cGy = 8 Gy)
        """
        count = check_whole_number(n_fractions, "n_fractions", N_FRACTIONS)
        most = MAX_DOSE_PER_FRACTION_GY * count
        total = check_number(total_dose, "total_dose", Bound(0.0, most, "Gy", "100 Gy per fraction", low_open=True),
                             hints_cgy=True)  # fmt: skip
        if total / count == 0:  # a subnormal total: its fractions would be 0 Gy
            raise FractionationError(argument="total_dose", value=total_dose, expected=f"a total that gives {count} "
                                     "fractions above 0 Gy")  # fmt: skip
        return cls(dose_per_fraction=total / count, n_fractions=count, **_fields(
            id, name, intent, fractions_per_day, fractions_per_week, source))  # fmt: skip

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

    @property
    def cautions(self) -> list[Caution]:
        """What the dose policy says of this scheme (fractionation.bounds); empty for most.

        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     scheme = Scheme.parse("34 Gy x 1")  # RTOG 0915: allowed, and warned once
        >>> [c.kind for c in scheme.cautions], [w.category.__name__ for w in caught]
        (['lq-uncertain', 'unusual-dose-per-fraction'], ['FractionationCaution'])
        >>> Scheme.parse("8 Gy x 1").cautions
        []
        """
        from fractionation._cautions import dose_cautions

        return dose_cautions(dose_per_fraction=self.dose_per_fraction, n_fractions=self.n_fractions)

    def __str__(self) -> str:
        return self.name or self.label

    @overload
    def bed(self, alpha_beta: float, model: Model | None = None) -> float: ...
    @overload
    def bed(self, alpha_beta: npt.ArrayLike, model: Model | None = None) -> Result: ...
    def bed(self, alpha_beta: npt.ArrayLike, model: Model | None = None) -> Result:
        """BED in Gy for a tissue's alpha/beta (Gy); see :func:`fractionation.bed`.

        >>> Scheme.parse("2 Gy x 25").bed(2)
        100.0
        """
        return self.eqdx(alpha_beta, 0.0, model)

    @overload
    def eqd2(self, alpha_beta: float, model: Model | None = None) -> float: ...
    @overload
    def eqd2(self, alpha_beta: npt.ArrayLike, model: Model | None = None) -> Result: ...
    def eqd2(self, alpha_beta: npt.ArrayLike, model: Model | None = None) -> Result:
        """EQD2 in Gy for a tissue's alpha/beta (Gy); see :func:`fractionation.eqd2`.

        >>> Scheme.parse("3 Gy x 10").eqd2(2)
        37.5
        """
        return self.eqdx(alpha_beta, 2.0, model)

    @overload
    def eqdx(self, alpha_beta: float, reference_dose_per_fraction: float, model: Model | None = None) -> float: ...
    @overload
    def eqdx(
        self, alpha_beta: npt.ArrayLike, reference_dose_per_fraction: float, model: Model | None = None
    ) -> Result: ...
    def eqdx(self, alpha_beta: npt.ArrayLike, reference_dose_per_fraction: float, model: Model | None = None) -> Result:
        """EQDx in Gy; see :func:`fractionation.eqdx`. Cautions were given when the scheme was made, not again here.

        >>> round(Scheme.parse("8 Gy x 1").eqdx(3, 1.8), 2)
        18.33
        """
        x = check_number(reference_dose_per_fraction, "reference_dose_per_fraction", DOSE_PER_FRACTION, hints_cgy=True)
        result = _equivalent_dose(self.dose_per_fraction, self.n_fractions, alpha_beta, x, model, warn=False)
        return _wrap(result, {"alpha_beta": alpha_beta}, "bed" if x == 0 else "eqd2" if x == 2 else "eqdx")


_POSITIVE_DOSE = DOSE_PER_FRACTION._replace(low_open=True)


def _fields(
    id: str | None, name: str | None, intent: str | None, per_day: int, per_week: int | None, source: Source | None
) -> dict[str, Any]:
    return {"id": id, "name": name, "intent": intent, "fractions_per_day": per_day, "fractions_per_week": per_week,
            "source": source}  # fmt: skip


def _check_fractions_per(per_day: object, per_week: object) -> tuple[int, int | None]:
    day = check_whole_number(per_day, "fractions_per_day", FRACTIONS_PER_DAY)
    if per_week is None:
        return day, None
    week = Bound(1, 7 * day, "", "at most every day of the week, fractions_per_day times", whole=True)
    return day, check_whole_number(per_week, "fractions_per_week", week)


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


#: A notation is a few words; longer text is refused before any pattern runs on it.
MAX_NOTATION_CHARACTERS = 200


def _refuse(text: str, expected: str, hint: str | None = None) -> SchemeNotationError:
    return SchemeNotationError(argument="text", value=text, expected=expected, hint=hint)


def parse_notation(text: object) -> tuple[float, int]:
    """(dose per fraction in Gy, number of fractions) from a notation; see :meth:`Scheme.parse`.

    >>> parse_notation("2 x 1200 cGy")
    (12.0, 2)
    >>> parse_notation("800 Gy/5")
    Traceback (most recent call last):
    ...
    fractionation.SchemeNotationError: cannot read '800 Gy/5' as a scheme: 160 Gy per fraction; did you pass
    cGy? 160 cGy = 1.6 Gy; expected more than 0 and at most 100 Gy per fraction
    """
    if not isinstance(text, str):
        raise WrongTypeError(argument="text", value=text, expected=f"a scheme notation such as {_EXAMPLES}")
    if len(text) > MAX_NOTATION_CHARACTERS:
        raise _refuse(text, f"a scheme notation such as {_EXAMPLES}", f"more than {MAX_NOTATION_CHARACTERS} characters")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _refuse(text, f"a scheme notation such as {_EXAMPLES}", "empty")
    if "," in cleaned:
        raise _refuse(text, "a decimal point, not a comma (2.5 Gy, not 2,5 Gy)", "a comma")
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
            dose = repr(float(total) / float(count)) if float(count) > 0 else "nan"  # repr round-trips exactly
        if not N_FRACTIONS.holds(float(count)):
            raise _refuse(text, f"a whole number of fractions from 1 to {MAX_N_FRACTIONS}", f"{count} fractions")
        gy = float(dose) * (0.01 if unit.lower() == "cgy" else 1.0)
        if not _POSITIVE_DOSE.holds(gy):
            hint = f"{format_gy(gy)} Gy per fraction"
            if unit.lower() == "gy" and (cgy := cgy_hint(gy)):
                hint += f"; {cgy}"
            raise _refuse(text, f"more than 0 and at most {MAX_DOSE_PER_FRACTION_GY:g} Gy per fraction", hint)
        return gy, int(float(count))
    bare = _BARE_TIMES.fullmatch(cleaned)
    if bare is not None:
        first, second = bare.group(1), bare.group(2)
        total = format_gy(float(first) * float(second))
        raise _refuse(
            text, f"a notation with its unit, as in '{first} Gy x {second}' or '{first} x {second} Gy'",
            f"ambiguous, {first} Gy x {second} ({total} Gy in {second} fraction{'s' * (second != '1')}) or "
            f"{second} Gy x {first} ({total} Gy in {first} fraction{'s' * (first != '1')})",
        )  # fmt: skip
    raise _refuse(text, f"a scheme notation such as {_EXAMPLES}")
