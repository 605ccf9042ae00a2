"""The one root error type of the library, and its refinements.

Every error raised for bad input is a :class:`FractionationError`, itself a
:class:`ValueError`, so callers can catch either. Wrong types are also
:class:`TypeError`, following pint's ``class DefinitionSyntaxError(ValueError, PintError)``.
"""

from __future__ import annotations


class FractionationError(ValueError):
    """Root of every error raised for bad input.

    >>> import fractionation
    >>> try:
    ...     fractionation.eqd2(dose_per_fraction=-1, n_fractions=1, alpha_beta=10)
    ... except fractionation.FractionationError as error:
    ...     print(error)
    dose_per_fraction must not be negative, got -1.0
    """


class WrongTypeError(FractionationError, TypeError):
    """An argument of the wrong type, such as a string where a number belongs."""


class SchemeNotationError(FractionationError):
    """Text that cannot be read as a fractionation scheme, or can be read two ways."""


class DataFileError(FractionationError):
    """A malformed or incomplete data file in the catalogue; names file, entry and field."""


# Shown as fractionation.X in tracebacks and reprs, where users import them from.
for _error in (FractionationError, WrongTypeError, SchemeNotationError, DataFileError):
    _error.__module__ = "fractionation"
