"""The one root error type of the library, its refinements, and the caution warning.

Every error raised for bad input is a :class:`FractionationError`, itself a
:class:`ValueError`, so callers can catch either. Wrong types are also
:class:`TypeError` (:class:`WrongTypeError`), following pint's
``class DefinitionSyntaxError(ValueError, PintError)``.

An error carries fields, and its message is built from them (pint's ``errors.py``):
``argument`` (the name of the argument that was wrong, as the caller spelled it),
``value`` (the offending value: for an array, the first offending element, whose
position is ``index``), ``expected`` (what would have been accepted) and ``hint``
(the likely mistake, such as a dose in cGy), and ``suggestion`` (arguments, by name,
with values that would do). Code tells errors apart by type and fields, never by the
text:

>>> import fractionation
>>> try:
...     fractionation.eqd2(dose_per_fraction=800, n_fractions=1, alpha_beta=10)
... except fractionation.FractionationError as error:
...     print(error.argument, error.value, error.expected, sep=" | ")
dose_per_fraction | 800 | a number of Gy from 0 to 100

A caution (a plausible but unusual value, not an error) is a warning of the category
:class:`FractionationCaution`; see ``fractionation.bounds`` for the policy.
"""

from __future__ import annotations

import datetime
import reprlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fractionation._cautions import Caution

__all__ = ["DataFileError", "FractionationCaution", "FractionationError", "SchemeNotationError", "WrongTypeError"]

#: A message quotes at most this many characters of a user's value (a 20 KB notation is not echoed whole).
EXCERPT_CHARACTERS = 60

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = EXCERPT_CHARACTERS
_SHORT.maxlist = _SHORT.maxtuple = 6
_SHORT.maxdict = 4


class _Missing:
    """No value was given (None may be the value that was wrong); pickles as the one sentinel."""

    def __repr__(self) -> str:
        return "<missing>"

    def __reduce__(self) -> str:
        return "_MISSING"


_MISSING: Any = _Missing()


def excerpt(value: object, limit: int = EXCERPT_CHARACTERS) -> str:
    """A short repr of ``value``: long text is cut, with its length stated.

    >>> excerpt("8 Gy x 1")
    "'8 Gy x 1'"
    >>> excerpt("x" * 20_000, limit=12)
    "'xxxxxxxx…' (20000 characters)"
    >>> excerpt(800.0), excerpt(2**70), excerpt(datetime.date(2024, 1, 31))
    ('800.0', '1180591620717411303424', '2024-01-31')
    """
    if isinstance(value, str | bytes):
        text = repr(value)
        if len(text) <= limit:
            return text
        return f"{text[: limit - 3]}…{text[0] if isinstance(value, str) else text[1]} ({len(value)} characters)"
    if type(value).__module__ == "numpy" and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        value = value.item()  # np.float64(8.0) shows as 8.0
    if isinstance(value, datetime.date):  # as a user writes it: 2024-01-01
        return value.isoformat()
    if isinstance(value, int) and value.bit_length() > 1000:  # repr of a huge int is long, or refused
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    text = _SHORT.repr(value) if isinstance(value, list | tuple | dict | set) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FractionationError(ValueError):
    """Root of every error raised for bad input; ``argument``, ``value``, ``expected`` say what was wrong.

    Raise it with fields, ``FractionationError(argument="n_fractions", value=0,
    expected="a whole number from 1 to 1000")``, and the message is built from
    them: ``n_fractions must be a whole number from 1 to 1000, got 0``. A message
    given instead (``FractionationError("...")``) is taken as it is, for
    errors about no single argument.

    >>> import fractionation
    >>> try:
    ...     fractionation.eqd2(dose_per_fraction=-1, n_fractions=1, alpha_beta=10)
    ... except fractionation.FractionationError as error:
    ...     print(error)
    dose_per_fraction must be a number of Gy from 0 to 100, got -1
    """

    argument: str | None
    value: object
    expected: str | None
    index: int | tuple[int, ...] | None
    hint: str | None
    suggestion: dict[str, object] | None

    def __init__(
        self,
        message: str | None = None,
        *,
        argument: str | None = None,
        value: object = _MISSING,
        expected: str | None = None,
        index: int | tuple[int, ...] | None = None,
        hint: str | None = None,
        suggestion: Mapping[str, object] | None = None,
    ) -> None:
        self.argument, self.expected, self.index, self.hint = argument, expected, index, hint
        self.suggestion = None if suggestion is None else dict(suggestion)
        self.value = None if value is _MISSING else value
        self._shown, self._built = value, message is None
        super().__init__(message if message is not None else self._build())

    def renamed(self, names: Mapping[str, str]) -> FractionationError:
        """This error with its argument and suggestion named as a front end's user types them.

        A front end whose inputs are not the library's arguments (the command line's
        options) maps the names once, for every error; a message given as text, or a data
        file's error, stays as it is.

        >>> error = FractionationError(argument="beta", value=-1, expected="a number greater than 0",
        ...                            hint="as often quoted", suggestion={"beta": 0.038})
        >>> print(error)
        beta must be a number greater than 0, got -1 (as often quoted: beta=0.038)
        >>> print(error.renamed({"beta": "--usc-beta"}))
        --usc-beta must be a number greater than 0, got -1 (as often quoted: --usc-beta=0.038)
        """
        argument = None if self.argument is None else names.get(self.argument, self.argument)
        suggestion = None if self.suggestion is None else {names.get(k, k): v for k, v in self.suggestion.items()}
        return self.replaced(argument=argument, suggestion=suggestion)

    def replaced(self, **changes: object) -> FractionationError:
        """This error with some of its fields changed (``index=``, ``argument=``, ...), its message built again.

        Every other field stays, a missing value included. A message given as text, or
        a type that builds its own (a data file's error), stays as it is.

        >>> error = FractionationError(argument="total_dose", value=-1, expected="0 or more", index=3)
        >>> print(error.replaced(index=(1, 2)))
        total_dose must be 0 or more, got -1 at index (1, 2)
        """
        if not self._built or type(self)._build is not FractionationError._build:
            return self
        fields: dict[str, Any] = {"argument": self.argument, "value": self._shown, "expected": self.expected,
                                  "index": self.index, "hint": self.hint, "suggestion": self.suggestion}  # fmt: skip
        fields.update(changes)
        return type(self)(**fields)

    def _got(self) -> str:
        if self._shown is _MISSING:
            return ""
        where = "" if self.index is None else f" at index {self.index}"
        return f", got {excerpt(self._shown)}{where}"

    def _build(self) -> str:
        text = f"{self.argument or 'the input'} must be {self.expected or 'valid'}{self._got()}"
        suggested = ", ".join(f"{name}={excerpt(v)}" for name, v in (self.suggestion or {}).items())
        why = ": ".join(part for part in (self.hint, suggested) if part)
        return f"{text} ({why})" if why else text

    def __reduce__(self) -> tuple[Any, ...]:  # keep the fields through pickling (multiprocessing, caches)
        fields = {"argument": self.argument, "value": self._shown, "expected": self.expected, "index": self.index,
                  "hint": self.hint, "suggestion": self.suggestion, "built": self._built}  # fmt: skip
        return (_rebuild, (type(self), str(self), fields))


def _rebuild(cls: type[FractionationError], message: str, fields: dict[str, Any]) -> FractionationError:
    error = cls(message)
    error.argument, error.expected, error.index, error.hint, error.suggestion = (
        fields["argument"], fields["expected"], fields["index"], fields["hint"], fields["suggestion"],
    )  # fmt: skip
    error._shown, error._built = fields["value"], fields["built"]
    error.value = None if fields["value"] is _MISSING else fields["value"]
    return error


class WrongTypeError(FractionationError, TypeError):
    """An argument of the wrong type, such as a string where a number belongs; also a :class:`TypeError`.

    The message also names the type that came: ``alpha_beta must be a number of
    Gy, got str '10'``.
    """

    def _got(self) -> str:
        if self._shown is _MISSING:
            return ""
        shown = self._shown
        where = "" if self.index is None else f" at index {self.index}"
        if hasattr(shown, "dtype") and hasattr(shown, "shape"):
            return f", got an array of {shown.dtype} with shape {tuple(shown.shape)}{where}"
        return f", got {type(shown).__name__} {excerpt(shown)}{where}"


class SchemeNotationError(FractionationError):
    """Text that cannot be read as a fractionation scheme, or can be read two ways; ``argument`` is ``text``.

    The message quotes at most 60 characters of the text, says why (``hint``) and
    what was expected: ``cannot read 'banana' as a scheme; expected a notation such
    as '8 Gy x 1', ...``.
    """

    def _build(self) -> str:
        why = f": {self.hint}" if self.hint else ""
        return f"cannot read {excerpt(self._shown)} as a scheme{why}; expected {self.expected}"


class DataFileError(FractionationError):
    """A malformed or incomplete data file; ``file``, ``entry`` and ``field`` say where.

    ``file`` is the file's name as given (``schemes/tissues.toml`` for a bundled one),
    ``entry`` the entry (``tissues[2] ('cord')``, ``sources.nieder-2006``), ``field``
    the field (also the error's ``argument``); ``value`` and ``expected`` say what was
    wrong: ``schemes/tissues.toml: tissues[2] ('cord'): field 'alpha_beta' must be a
    number of Gy from 0.01 to 1000, got 0.0``. An error about the whole file (not
    found, not UTF-8, not TOML) has no entry and no field.
    """

    file: str | None
    entry: str | None
    field: str | None

    def __init__(
        self,
        message: str | None = None,
        *,
        file: str | None = None,
        entry: str | None = None,
        field: str | None = None,
        value: object = _MISSING,
        expected: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file, self.entry, self.field = file, entry, field
        where = ": ".join(part for part in (file, entry) if part)
        if message is not None and where:
            message = f"{where}: {message}"
        super().__init__(message, argument=field, value=value, expected=expected, hint=hint)

    def _build(self) -> str:
        where = ": ".join(part for part in (self.file, self.entry) if part)
        if self.field is None:  # the file, or the entry, as a whole
            what = f"expected {self.expected or 'a valid data file'}{self._got()}"
        else:
            what = f"field {self.field!r} must be {self.expected or 'valid'}{self._got()}"
        what = f"{what} ({self.hint})" if self.hint else what
        return f"{where}: {what}" if where else what

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_data_file_error, (str(self), self.file, self.entry, self.field, self._shown, self.expected))


def _rebuild_data_file_error(
    message: str, file: str | None, entry: str | None, field: str | None, value: Any, expected: str | None
) -> DataFileError:
    error = DataFileError(message)
    error.file, error.entry, error.field, error.argument, error.expected = file, entry, field, field, expected
    error._shown, error.value = value, None if value is _MISSING else value
    return error


class FractionationCaution(UserWarning):
    """A warning for a value that is allowed but unusual enough to be a likely mistake.

    ``caution`` holds the :class:`fractionation.Caution` with its kind, argument and value.
    """

    def __init__(self, caution: Caution) -> None:
        self.caution = caution
        super().__init__(caution.message)


# Shown as fractionation.X in tracebacks and reprs, where users import them from.
for _error in (FractionationError, WrongTypeError, SchemeNotationError, DataFileError, FractionationCaution):
    _error.__module__ = "fractionation"
