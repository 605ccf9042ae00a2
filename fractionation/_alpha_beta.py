"""An alpha/beta as a user types it: a number of Gy ("4", "4 Gy", "4gy") or a tissue preset id ("cord").

One reading for every front end: the command line's ``--alpha-beta`` and the app's
"Add an alpha/beta" box both call :func:`parse_alpha_beta`, so they accept and refuse
the same text with the same message.
"""

from __future__ import annotations

import re

from fractionation._checks import check_alpha_beta
from fractionation._data import Tissue, tissues
from fractionation._errors import FractionationError, WrongTypeError

__all__ = ["parse_alpha_beta"]

# A decimal number, optionally followed by its unit; a sign is read so that "-3" is refused as negative.
_NUMBER_GY = re.compile(r"(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(?P<unit>c?gy)?", re.IGNORECASE)


def parse_alpha_beta(text: str, *, argument: str = "alpha_beta") -> Tissue | float:
    """The tissue preset named by ``text`` (its id), or the number of Gy it gives.

    Case and surrounding spaces do not matter; the unit is optional and must be Gy.
    Anything else raises :class:`FractionationError` naming ``argument``.

    >>> parse_alpha_beta("4 Gy"), parse_alpha_beta("2.5"), parse_alpha_beta(" 10gy ")
    (4.0, 2.5, 10.0)
    >>> parse_alpha_beta("cord").alpha_beta
    2.0
    >>> parse_alpha_beta("300 cGy")
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: alpha_beta must be a number of Gy, not cGy, got '300 cGy' (300 cGy = 3 Gy)
    """
    if not isinstance(text, str):
        raise WrongTypeError(argument=argument, value=text, expected="text: a number of Gy or a tissue id")
    cleaned = text.strip()
    presets = {t.id: t for t in tissues()}
    if (preset := presets.get(cleaned.lower())) is not None:
        return preset
    match = _NUMBER_GY.fullmatch(cleaned)
    if match is None:
        expected = f"a number of Gy (such as 3 or 3 Gy) or a tissue id ({', '.join(presets)})"
        raise FractionationError(argument=argument, value=cleaned, expected=expected)
    value = float(match["number"])
    if (match["unit"] or "").lower() == "cgy":
        raise FractionationError(argument=argument, value=cleaned, expected="a number of Gy, not cGy",
                                 hint=f"{value:g} cGy = {value / 100:g} Gy")  # fmt: skip
    return float(check_alpha_beta(value, argument))  # the library's bounds, whatever the text looked like
