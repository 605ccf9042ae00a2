"""fractionation: total dose, BED and EQD2 of radiotherapy fractionation schemes.

An educational and research reference, not a prescribing system. All doses and
alpha/beta ratios are in Gy.

>>> import fractionation
>>> fractionation.eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=10)
12.0
>>> fractionation.Scheme.parse("20 Gy/5").eqd2(3)
28.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fractionation._errors import (
    DataFileError,
    FractionationCaution,
    FractionationError,
    SchemeNotationError,
    WrongTypeError,
)
from fractionation._lq import LQ_CAUTION_ABOVE_GY, bed, eqd2, eqdx, lq_caution, total_dose
from fractionation._schedule import overall_time, treatment_dates, treatment_days

if TYPE_CHECKING:
    from fractionation._alpha_beta import parse_alpha_beta
    from fractionation._cautions import Caution, dose_cautions
    from fractionation._citations import Citations, Sourced, cite
    from fractionation._compare import compare
    from fractionation._cumulative import cumulative
    from fractionation._data import (
        Tissue,
        catalogue,
        repopulation,
        repopulations,
        scheme,
        tissue,
        tissues,
        tolerance_rule,
        tolerance_rules,
    )
    from fractionation._grids import AlphaBetaMap, alpha_beta_map, bed_from_total_dose, eqd2_dvh, eqd2_from_total_dose
    from fractionation._history import Course, History, Interval, Recovery, calendar_months
    from fractionation._interruptions import (
        CalendarRow,
        Interruption,
        InterruptionOption,
        TreatmentDay,
        missed_fractions,
    )
    from fractionation._listings import catalogue_table, tissue_table
    from fractionation._models import LQ, LQL, USC, Model, bed_of_days, parse_day_pattern
    from fractionation._quiz import (
        MAX_QUIZ_QUESTIONS,
        QUIZ_LEVELS,
        QUIZ_TOPICS,
        Marked,
        Question,
        quiz,
        quiz_table,
        step_text,
    )
    from fractionation._reirradiation import Limit, ReirradiationReport, reirradiation_report
    from fractionation._rules import Rule, RuleCheck, check_plan
    from fractionation._scheme import Scheme
    from fractionation._solve import (
        FractionsSolution,
        Isoeffect,
        Range,
        isoeffective_scheme,
        over_alpha_beta,
        solve_dose_per_fraction,
        solve_n_fractions,
    )
    from fractionation._solve_table import solve
    from fractionation._source import QuotedPassage, QuotedSource, Source, SourcedItem, quote_once
    from fractionation._time import Repopulation, TimeCorrected, time_corrected_bed, time_corrected_eqd2
    from fractionation._uncertainty import Distribution, input_distributions, sensitivity, uncertainty
    from fractionation._working import Step, working

# The single source of the version: hatch reads it from here (pyproject.toml); CITATION.cff
# and CHANGELOG.md agree with it (tests/test_packaging.py).
__version__ = "0.2.0"

__all__ = [
    "LQ",
    "LQL",
    "LQ_CAUTION_ABOVE_GY",
    "MAX_QUIZ_QUESTIONS",
    "QUIZ_LEVELS",
    "QUIZ_TOPICS",
    "USC",
    "AlphaBetaMap",
    "CalendarRow",
    "Caution",
    "Citations",
    "Course",
    "DataFileError",
    "Distribution",
    "FractionationCaution",
    "FractionationError",
    "FractionsSolution",
    "History",
    "Interruption",
    "InterruptionOption",
    "Interval",
    "Isoeffect",
    "Limit",
    "Marked",
    "Model",
    "Question",
    "QuotedPassage",
    "QuotedSource",
    "Range",
    "Recovery",
    "ReirradiationReport",
    "Repopulation",
    "Rule",
    "RuleCheck",
    "Scheme",
    "SchemeNotationError",
    "Source",
    "Sourced",
    "SourcedItem",
    "Step",
    "TimeCorrected",
    "Tissue",
    "TreatmentDay",
    "WrongTypeError",
    "alpha_beta_map",
    "bed",
    "bed_from_total_dose",
    "bed_of_days",
    "calendar_months",
    "catalogue",
    "catalogue_table",
    "check_plan",
    "cite",
    "compare",
    "cumulative",
    "dose_cautions",
    "eqd2",
    "eqd2_dvh",
    "eqd2_from_total_dose",
    "eqdx",
    "input_distributions",
    "isoeffective_scheme",
    "lq_caution",
    "missed_fractions",
    "over_alpha_beta",
    "overall_time",
    "parse_alpha_beta",
    "parse_day_pattern",
    "quiz",
    "quiz_table",
    "quote_once",
    "reirradiation_report",
    "repopulation",
    "repopulations",
    "scheme",
    "sensitivity",
    "solve",
    "solve_dose_per_fraction",
    "solve_n_fractions",
    "step_text",
    "time_corrected_bed",
    "time_corrected_eqd2",
    "tissue",
    "tissue_table",
    "tissues",
    "tolerance_rule",
    "tolerance_rules",
    "total_dose",
    "treatment_dates",
    "treatment_days",
    "uncertainty",
    "working",
]

# Loaded on first use (PEP 562), so that `import fractionation` costs little more than
# `import numpy`: dataclasses pulls in inspect, and the catalogue needs tomllib.
_LAZY = {
    "parse_alpha_beta": "_alpha_beta",
    "Caution": "_cautions",
    "dose_cautions": "_cautions",
    "Scheme": "_scheme",
    "Source": "_source",
    "QuotedPassage": "_source",
    "QuotedSource": "_source",
    "SourcedItem": "_source",
    "quote_once": "_source",
    "Tissue": "_data",
    "catalogue": "_data",
    "scheme": "_data",
    "tissues": "_data",
    "tissue": "_data",
    "repopulations": "_data",
    "repopulation": "_data",
    "tolerance_rules": "_data",
    "tolerance_rule": "_data",
    "Citations": "_citations",
    "Sourced": "_citations",
    "cite": "_citations",
    "compare": "_compare",
    "Course": "_history",
    "History": "_history",
    "Interval": "_history",
    "Recovery": "_history",
    "calendar_months": "_history",
    "cumulative": "_cumulative",
    "Rule": "_rules",
    "RuleCheck": "_rules",
    "check_plan": "_rules",
    "Limit": "_reirradiation",
    "ReirradiationReport": "_reirradiation",
    "reirradiation_report": "_reirradiation",
    "AlphaBetaMap": "_grids",
    "alpha_beta_map": "_grids",
    "bed_from_total_dose": "_grids",
    "eqd2_from_total_dose": "_grids",
    "eqd2_dvh": "_grids",
    "LQ": "_models",
    "LQL": "_models",
    "USC": "_models",
    "Model": "_models",
    "bed_of_days": "_models",
    "parse_day_pattern": "_models",
    "FractionsSolution": "_solve",
    "Isoeffect": "_solve",
    "Range": "_solve",
    "isoeffective_scheme": "_solve",
    "over_alpha_beta": "_solve",
    "solve_dose_per_fraction": "_solve",
    "solve_n_fractions": "_solve",
    "solve": "_solve_table",
    "catalogue_table": "_listings",
    "tissue_table": "_listings",
    "Repopulation": "_time",
    "TimeCorrected": "_time",
    "time_corrected_bed": "_time",
    "time_corrected_eqd2": "_time",
    "CalendarRow": "_interruptions",
    "Interruption": "_interruptions",
    "InterruptionOption": "_interruptions",
    "TreatmentDay": "_interruptions",
    "missed_fractions": "_interruptions",
    "MAX_QUIZ_QUESTIONS": "_quiz",
    "QUIZ_LEVELS": "_quiz",
    "QUIZ_TOPICS": "_quiz",
    "Marked": "_quiz",
    "Question": "_quiz",
    "quiz": "_quiz",
    "quiz_table": "_quiz",
    "step_text": "_quiz",
    "Distribution": "_uncertainty",
    "input_distributions": "_uncertainty",
    "sensitivity": "_uncertainty",
    "uncertainty": "_uncertainty",
    "Step": "_working",
    "working": "_working",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'fractionation' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"fractionation.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
