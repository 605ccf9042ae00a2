"""The bounds of every quantity the library accepts, each with its rationale, and the dose policy.

Every public entry point checks its arguments against these bounds (through the
validators of ``fractionation._checks``), so a bound and its message cannot drift
apart between paths. Two aims decide each bound: nothing a clinician or a
textbook would write is refused, and within the bounds the arithmetic cannot
overflow, underflow into a division by zero, or run for long. The largest
quantity the bounds allow, a BED of 1000 fractions x 100 Gy at alpha/beta
0.01 Gy, is 1e9 Gy: far from float64's limits.

The dose policy (one for every path: scalars, arrays, grids, ``Scheme``, models, CLI, app)
=========================================================================================

1. **Refused**: a dose per fraction that cannot be one in Gy: negative, not a number,
   infinite, or above :data:`MAX_DOSE_PER_FRACTION_GY` (100 Gy). The highest doses
   per fraction given are single-fraction functional radiosurgery, 70 to 90 Gy
   prescribed to a point (trigeminal neuralgia; project reference, section 8), so a
   point or voxel dose of one fraction stays below 100 Gy; from 100 up, the value is
   most likely in cGy (100 cGy = 1 Gy, and 180 to 800 cGy are the common fraction
   sizes), and the message says so.
2. **Caution, not refusal** (plausible but unusual; a :class:`~fractionation.Caution`
   the caller can ask for with :func:`fractionation.dose_cautions` or
   ``Scheme.cautions``, and, for the two that are likely mistakes, a
   :class:`~fractionation.FractionationCaution` warning from ``bed``, ``eqd2``,
   ``eqdx``, ``total_dose`` and ``Scheme``; the CLI prints cautions, the app shows them):

   - ``lq-uncertain``: above :data:`LQ_CAUTION_ABOVE_GY` (10 Gy) per fraction LQ is
     less certain (Brenner, Semin Radiat Oncol 2008;18:234). A note on the model,
     not a likely mistake: listed, not warned.
   - ``unusual-dose-per-fraction``: above :data:`UNUSUAL_DOSE_PER_FRACTION_GY` (30 Gy)
     per fraction. Published prescriptions reach 34 Gy x 1 (RTOG 0915, Videtic et al.,
     IJROBP 2015), radiosurgery point doses far more, so this is allowed; but few
     schemes are above 30 Gy, and a total dose typed as a dose per fraction often is.
     Warned.
   - ``total-as-dose-per-fraction``: two fractions or more whose total is above
     :data:`PLAUSIBLE_TOTAL_DOSE_GY` (100 Gy): ``dose_per_fraction=30, n_fractions=10``
     is 300 Gy, which no fractionated course gives (the longest external-beam courses
     reach about 80 Gy: 69 x 1.2 Gy is 82.8 Gy in the project reference, section 8);
     most likely 30 Gy was the total. Warned, with the scheme the total would give.

   A dose grid's voxels follow rule 1 per fraction (a voxel is not a prescription:
   hot spots are not cautioned). Cautions never change a number.

>>> MAX_DOSE_PER_FRACTION_GY, UNUSUAL_DOSE_PER_FRACTION_GY, PLAUSIBLE_TOTAL_DOSE_GY
(100.0, 30.0, 100.0)
>>> N_FRACTIONS.describe()
'a whole number from 1 to 1000'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ALPHA_BETA",
    "ALPHA_BETA_POINTS",
    "DAYS",
    "DOSE_PER_FRACTION",
    "DPROLIF",
    "FRACTIONS_PER_DAY",
    "INTERVAL_HOURS",
    "LQ_CAUTION_ABOVE_GY",
    "MAX_DOSE_PER_FRACTION_GY",
    "MAX_GRID_VOXELS",
    "MAX_N_FRACTIONS",
    "MODEL_DOSE",
    "MODEL_RATIO",
    "MONTHS",
    "N_FRACTIONS",
    "PLAUSIBLE_TOTAL_DOSE_GY",
    "RADIOSENSITIVITY",
    "RELATIVE_TO_GY",
    "REPAIR_HALF_TIME_HOURS",
    "TARGET_DOSE",
    "TPOT_DAYS",
    "UNUSUAL_DOSE_PER_FRACTION_GY",
    "Bound",
]


class Bound(NamedTuple):
    """The accepted range of one quantity: ``low`` to ``high`` in ``unit``, and why."""

    low: float
    high: float
    unit: str
    rationale: str
    low_open: bool = False  # low itself excluded ("greater than 0")
    whole: bool = False  # whole numbers only

    def describe(self) -> str:
        """What an error message says was expected.

        >>> DOSE_PER_FRACTION.describe(), INTERVAL_HOURS.describe()
        ('a number of Gy from 0 to 100', 'a number of hours from 0.1 to 24')
        """
        kind = "a whole number" if self.whole else f"a number of {self.unit}" if self.unit else "a number"
        if self.low_open:
            return f"{kind} greater than {self.low:g} and at most {self.high:g}"
        return f"{kind} from {self.low:g} to {self.high:g}"

    def holds(self, value: float) -> bool:
        """True when ``value`` (a Python number) is in range, and whole if it must be; NaN never holds."""
        inside = (self.low < value if self.low_open else self.low <= value) and value <= self.high
        return inside and (not self.whole or float(value).is_integer())

    def check(self, value: object, argument: str) -> float:
        """``value`` as a float if it is one number within the bound; else the library's error naming ``argument``.

        The validator every public function uses, for code outside the library (such as
        :mod:`fractionation.dicom`) that takes the same quantities.

        >>> N_FRACTIONS.check(5, "n_fractions")
        5.0
        >>> ALPHA_BETA.check(5e-324, "alpha_beta")
        Traceback (most recent call last):
        ...
        fractionation.FractionationError: alpha_beta must be a number of Gy from 0.01 to 1000, got 5e-324
        """
        from fractionation._checks import check_number  # _checks imports this module

        return check_number(value, argument, self)


# --- Doses -----------------------------------------------------------------------------

#: Above this, a dose per fraction (Gy) cannot be one: most likely cGy (rule 1 above).
MAX_DOSE_PER_FRACTION_GY = 100.0
#: Above this (Gy per fraction) LQ is less certain: "reasonably well validated ... up to about
#: 10 Gy per fraction, and would be reasonable for use up to about 18 Gy per fraction"
#: (Brenner DJ, Semin Radiat Oncol 2008;18:234-239). The opposite view: Kirkpatrick, Meyer
#: and Marks, same issue.
LQ_CAUTION_ABOVE_GY = 10.0
#: Above this (Gy per fraction) a dose is unusual: cautioned, not refused (rule 2 above).
UNUSUAL_DOSE_PER_FRACTION_GY = 30.0
#: Above this total (Gy) in two fractions or more, the dose per fraction was likely a total (rule 2).
PLAUSIBLE_TOTAL_DOSE_GY = 100.0

DOSE_PER_FRACTION = Bound(0.0, MAX_DOSE_PER_FRACTION_GY, "Gy", "the dose policy, rule 1 (module docstring)")
#: A dose grid in RELATIVE units (DICOM RT Dose): the dose in Gy that a relative dose of 1
#: stands for, a prescription (usually 8 to 80 Gy). Above 1000 Gy it is most likely cGy.
RELATIVE_TO_GY = Bound(0.0, 1000.0, "Gy", "a prescribed dose, usually 8-80 Gy; above 1000, cGy", low_open=True)
#: Targets of the solvers, EQD2 or BED (Gy): the highest BED the other bounds allow is about 1e9 Gy
#: (1000 x 100 Gy at alpha/beta 0.01 Gy); a larger target keeps no arithmetic finite.
TARGET_DOSE = Bound(0.0, 1e10, "Gy", "the largest BED the other bounds allow; arithmetic stays finite", low_open=True)

# --- Counts ----------------------------------------------------------------------------

#: The longest courses are about 70 fractions (hyperfractionation, two a day for seven
#: weeks) and pulsed-dose-rate brachytherapy gives some hundred pulses. 1000 leaves room
#: for both, and keeps a schedule's calendar (1000 weekly fractions are 19 years) and a
#: per-fraction table small: 1,500,000 fractions cost seconds and 200 MB.
MAX_N_FRACTIONS = 1000
N_FRACTIONS = Bound(1, MAX_N_FRACTIONS, "", "longest courses ~70 fractions; calendar and memory stay small", whole=True)
#: Thames' H_m is for a few equally spaced fractions a day; 4 a day is the most in use.
FRACTIONS_PER_DAY = Bound(1, 4, "", "Thames' incomplete repair for up to 4 equally spaced fractions a day", whole=True)
#: over_alpha_beta's grid: 2 points are the ends; 10,001 resolve any curve of the library.
ALPHA_BETA_POINTS = Bound(2, 10_001, "", "ends included; finer grids add nothing but time and memory", whole=True)
#: A dose grid larger than this (voxels) is refused before any memory is allocated: 2**30
#: voxels are 4 GiB as float32, far beyond a clinical grid (1 mm voxels over 50 x 50 x 40 cm
#: are 1e8). For DICOM headers (Rows x Columns x NumberOfFrames) and in-memory grids alike.
MAX_GRID_VOXELS = 1 << 30

# --- Tissue and model parameters -------------------------------------------------------

#: Published alpha/beta ratios run from about 0.4 Gy (liposarcoma, Thames 1990) to about
#: 20 Gy (fast tumours); 0.01 to 1000 Gy covers them and any teaching sweep. A subnormal
#: or tiny ratio is not a ratio (it turns BED into inf); above 1000 Gy BED equals the
#: total dose within 10% even at 100 Gy per fraction.
ALPHA_BETA = Bound(0.01, 1000.0, "Gy", "published 0.4-20 Gy; no subnormal ratio, so BED stays finite")
#: LQ-L transition dose and USC's D0 and Dq: doses of one fraction, so at most the dose bound;
#: at least 0.01 Gy so that no division by them overflows.
MODEL_DOSE = Bound(0.01, MAX_DOSE_PER_FRACTION_GY, "Gy", "a dose of one fraction; no division by a tiny dose")
#: LQ-L's slope ratio gamma/alpha (Voyant 2014 uses 5), dimensionless.
MODEL_RATIO = Bound(0.01, 100.0, "", "gamma/alpha of LQ-L: published values are about 1 to 5")
#: alpha (1/Gy): published 0.1 to 0.5 /Gy (USC's NSCLC 0.33; Pedicini 2015 0.24).
RADIOSENSITIVITY = Bound(0.01, 10.0, "1/Gy", "published 0.1-0.5 /Gy; no division by a tiny alpha")

# --- Times -----------------------------------------------------------------------------

#: Hours between fractions of one day (Thames' H): two fractions closer than 6 minutes are
#: one fraction; more than 24 hours apart they are on different days.
INTERVAL_HOURS = Bound(0.1, 24.0, "hours", "6 minutes to a day; 1 - exp(-mu t) never reaches 0")
#: Repair half-times: published 0.5 to 4 hours (cord about 1.5); a half-time of a day or
#: more contradicts the complete overnight repair Thames' formula assumes.
REPAIR_HALF_TIME_HOURS = Bound(0.1, 24.0, "hours", "published 0.5-4 h; longer breaks overnight repair")
#: Overall times and kick-off times (days): ten years is longer than any course and its follow-up.
DAYS = Bound(0.0, 3650.0, "days", "ten years; date arithmetic stays in the calendar")
#: Tpot (days): published 2 to 10 days (Voyant 2014: 3 d); no division by a tiny Tpot.
TPOT_DAYS = Bound(0.1, 1000.0, "days", "published 2-10 days; no division by a tiny Tpot")
#: Dprolif (Gy/day, EQD2 terms): published 0.5 to 0.9 Gy/day for head and neck (Pedicini 2015: 0.69).
DPROLIF = Bound(0.0, 10.0, "Gy/day", "published 0.5-0.9 Gy/day")
#: Intervals between courses (months): a century covers any history.
MONTHS = Bound(0.0, 1200.0, "months", "a century; date arithmetic stays in the calendar")
