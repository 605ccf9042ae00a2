"""fractionation: total dose, BED and EQD2 of radiotherapy fractionation schemes.

An educational and research reference, not a prescribing system. All doses and
alpha/beta ratios are in Gy.

>>> import fractionation
>>> fractionation.eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=10)
12.0
>>> fractionation.Scheme.parse("20 Gy/5").eqd2(3)
28.0
"""

from importlib.metadata import PackageNotFoundError, version

from fractionation._catalogue import Tissue, catalogue, tissues
from fractionation._compare import compare
from fractionation._errors import DataFileError, FractionationError, SchemeNotationError, WrongTypeError
from fractionation._lq import bed, eqd2, eqdx, total_dose
from fractionation._scheme import Scheme, Source

try:
    __version__ = version("fractionation")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "DataFileError",
    "FractionationError",
    "Scheme",
    "SchemeNotationError",
    "Source",
    "Tissue",
    "WrongTypeError",
    "bed",
    "catalogue",
    "compare",
    "eqd2",
    "eqdx",
    "tissues",
    "total_dose",
]
