"""Generated input for every name in ``fractionation.__all__`` that takes input, and the methods that do.

Each callable has a valid call (SPECS). Hypothesis replaces one of its arguments with a
value from BAD (wrong types, NaN, infinities, zero, negatives, huge and subnormal
numbers, arrays of the wrong shape, long text, strings where lists belong, dates at the
calendar's end) and the call must either return (a documented result: a bad value can
be a valid one, 0 Gy say) or raise a FractionationError whose ``argument`` field names
that argument (ALSO_NAMED: where another name is the right one). Valid values drawn from
``fractionation.bounds`` (GOOD) give results whose numbers are all finite, or a refusal
naming one of the drawn arguments.

Examples come from the profile (tests/conftest.py): ``--hypothesis-profile=large`` for a
long run by hand, ``--input-figures`` to print how many inputs were tried.
NAMES_WITHOUT_INPUT lists what is not called: constants, error and warning classes,
protocols and result records.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

import fractionation as fr
from tests.figures import tried

SCHEME = fr.Scheme(dose_per_fraction=8.0, n_fractions=3)
HISTORY = fr.History.of([fr.Course.parse("30 Gy/10"), fr.Course.parse("8 Gy x 1", months_after=8)])
REPOPULATION = fr.Repopulation(kickoff_days=21, dprolif_gy_per_day=0.8)
PRESET_REPOPULATION = fr.repopulation("hnscc-pedicini-2015")
RULE = fr.tolerance_rules()[-1]
QUESTIONS = fr.quiz(seed=1, count=2)
INTERRUPTION = fr.missed_fractions("2 Gy x 30", missed=[3])
DISTRIBUTION = fr.input_distributions([fr.tissue("tumour")])[0]


def fields_of(record: Any) -> dict[str, Any]:
    """The fields of a frozen record, as keyword arguments that rebuild it."""
    return {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}


#: name -> (callable, positional arguments by name, keyword arguments): one valid call each.
SPECS: dict[str, tuple[Callable[..., Any], dict[str, Any], dict[str, Any]]] = {
    "LQ": (
        fr.LQ,
        {},
        {"fractions_per_day": 2, "interval_hours": 6.0, "repair_half_time_hours": 1.5, "day_pattern": (1, 2, 2)},
    ),
    "LQL": (fr.LQL, {}, {"transition_dose": 6.0, "slope_ratio": 3.0}),
    "USC": (fr.USC, {}, {"alpha": 0.33, "d0": 1.25, "dq": 1.8}),
    "Scheme": (
        fr.Scheme,
        {},
        {"dose_per_fraction": 8.0, "n_fractions": 3, "name": "x", "intent": "palliative", "fractions_per_week": 3},
    ),
    "Repopulation": (fr.Repopulation, {}, {"kickoff_days": 21.0, "alpha_per_gy": 0.3, "tpot_days": 3.0}),
    "bed": (fr.bed, {}, {"dose_per_fraction": 8.0, "n_fractions": 3, "alpha_beta": 10.0}),
    "eqd2": (fr.eqd2, {}, {"dose_per_fraction": 8.0, "n_fractions": 3, "alpha_beta": 10.0}),
    "eqdx": (
        fr.eqdx,
        {},
        {"dose_per_fraction": 8.0, "n_fractions": 3, "alpha_beta": 10.0, "reference_dose_per_fraction": 1.8},
    ),
    "total_dose": (fr.total_dose, {}, {"dose_per_fraction": 8.0, "n_fractions": 3}),
    "dose_cautions": (fr.dose_cautions, {}, {"dose_per_fraction": 8.0, "n_fractions": 3}),
    "lq_caution": (fr.lq_caution, {"dose_per_fraction": 12.0}, {}),
    "solve_dose_per_fraction": (
        fr.solve_dose_per_fraction,
        {},
        {"n_fractions": 5, "alpha_beta": 10.0, "target_eqd2": 32.5},
    ),
    "solve_n_fractions": (
        fr.solve_n_fractions,
        {},
        {"dose_per_fraction": 4.0, "alpha_beta": 10.0, "target_eqd2": 32.5},
    ),
    "isoeffective_scheme": (
        fr.isoeffective_scheme,
        {"scheme": SCHEME},
        {"n_fractions": 5, "alpha_beta": 10.0, "other_alpha_beta": 2.0},
    ),
    "over_alpha_beta": (
        fr.over_alpha_beta,
        {"quantity": fr.eqd2, "interval": (8.0, 12.0)},
        {"points": 11, "dose_per_fraction": 8.0, "n_fractions": 1},
    ),
    "working": (fr.working, {"scheme": SCHEME, "alpha_beta": 10.0}, {}),
    "quote_once": (fr.quote_once, {"items": [SCHEME, fr.tissue("cord")]}, {}),
    "compare": (fr.compare, {"schemes": ["8 Gy x 1", "4 Gy x 5"], "alpha_betas": [10.0, 3.0]}, {}),
    "time_corrected_bed": (
        fr.time_corrected_bed,
        {},
        {
            "dose_per_fraction": 2.0,
            "n_fractions": 35,
            "alpha_beta": 10.0,
            "overall_time_days": 46.0,
            "repopulation": REPOPULATION,
        },
    ),
    "time_corrected_eqd2": (
        fr.time_corrected_eqd2,
        {},
        {
            "dose_per_fraction": 2.0,
            "n_fractions": 35,
            "alpha_beta": 10.0,
            "overall_time_days": 46.0,
            "repopulation": REPOPULATION,
        },
    ),
    "overall_time": (fr.overall_time, {}, {"n_fractions": 5, "fractions_per_week": 3}),
    "treatment_dates": (
        fr.treatment_dates,
        {},
        {"n_fractions": 5, "weekdays": ["Mon", "Wed"], "start": datetime.date(2026, 1, 5)},
    ),
    "treatment_days": (fr.treatment_days, {}, {"n_fractions": 5, "fractions_per_week": 10, "fractions_per_day": 2}),
    "parse_alpha_beta": (fr.parse_alpha_beta, {"text": "4 Gy"}, {}),
    "parse_day_pattern": (fr.parse_day_pattern, {"text": "1x18, 2x12"}, {}),
    "eqd2_from_total_dose": (
        fr.eqd2_from_total_dose,
        {"total_dose": np.array([8.0, 20.0])},
        {"n_fractions": 1, "alpha_beta": 10.0},
    ),
    "bed_from_total_dose": (
        fr.bed_from_total_dose,
        {"total_dose": np.array([8.0, 20.0])},
        {"n_fractions": 1, "alpha_beta": 10.0},
    ),
    "eqd2_dvh": (
        fr.eqd2_dvh,
        {"doses": np.array([0.0, 10.0, 20.0]), "volumes": np.array([1.0, 0.5, 0.0])},
        {"n_fractions": 5, "alpha_beta": 3.0},
    ),
    "check_plan": (fr.check_plan, {"history": HISTORY}, {"alpha_beta": 2.0}),
    "cumulative": (fr.cumulative, {"history": HISTORY, "alpha_betas": [2.0]}, {}),
    "calendar_months": (fr.calendar_months, {"start": datetime.date(2024, 1, 1), "end": datetime.date(2024, 7, 1)}, {}),
    "scheme": (fr.scheme, {"id": fr.catalogue()[0].id}, {}),
    "tissue": (fr.tissue, {"id": "cord"}, {}),
    "catalogue": (fr.catalogue, {}, {"origin": "document", "path": None}),
    "tissues": (fr.tissues, {}, {"path": None}),
    "catalogue_table": (fr.catalogue_table, {}, {"origin": "literature", "path": None}),
    "tissue_table": (fr.tissue_table, {}, {"path": None}),
    "solve": (fr.solve, {}, {"alpha_beta": 10.0, "target_eqd2": 30.0, "n_fractions": 5, "other_alpha_beta": 2.0}),
    "repopulations": (fr.repopulations, {}, {"path": None}),
    "tolerance_rules": (fr.tolerance_rules, {}, {"path": None}),
    "repopulation": (fr.repopulation, {"id": "hnscc-pedicini-2015"}, {"path": None}),
    "tolerance_rule": (fr.tolerance_rule, {"id": RULE.id}, {"path": None}),
    "alpha_beta_map": (
        fr.alpha_beta_map,
        {"shape": (2, 3), "structures": [(np.array([[True, False, False], [False, True, False]]), 3.0)]},
        {"default": 10.0, "overlap": "lowest", "compact": False},
    ),
    "AlphaBetaMap": (
        fr.AlphaBetaMap,
        {},
        {"labels": np.array([0, 1, 1], dtype=np.uint8), "alpha_beta": np.array([10.0, 2.0])},
    ),
    "bed_of_days": (
        fr.bed_of_days,
        {"days": [[2.0, 2.0], [2.0]]},
        {"alpha_beta": 10.0, "interval_hours": 6.0, "repair_half_time_hours": 1.5},
    ),
    "cite": (
        fr.cite,
        {"results": INTERRUPTION},  # *results: one result that names its sources
        {
            "schemes": [fr.catalogue()[0]],
            "alpha_betas": [fr.tissue("cord"), 10.0],
            "models": [None, fr.LQL(transition_dose=6.0)],
            "rules": [RULE],
            "repopulation": REPOPULATION,
        },
    ),
    "input_distributions": (
        fr.input_distributions,
        {"alpha_betas": [fr.tissue("tumour"), 3.0]},
        {"repopulation": PRESET_REPOPULATION},
    ),
    "Distribution": (fr.Distribution, {}, fields_of(DISTRIBUTION)),
    "missed_fractions": (
        fr.missed_fractions,
        {"scheme": "2 Gy x 30"},
        {
            "missed": [3, 4],
            "tumour": 10.0,
            "normal_tissues": [fr.tissue("cord"), 3.0],
            "repopulation": PRESET_REPOPULATION,
            "repair_half_time_hours": 1.5,
            "interval_hours": 6.0,
            "start": datetime.date(2026, 1, 5),
        },
    ),
    "quiz": (fr.quiz, {}, {"seed": 1, "count": 3, "topics": ["eqd2", "missed"], "level": "hard"}),
    "quiz_table": (fr.quiz_table, {"questions": QUESTIONS}, {"answers": True}),
    "step_text": (fr.step_text, {"step": fr.working(SCHEME, 10.0)[1]}, {}),
    "reirradiation_report": (
        fr.reirradiation_report,
        {"history": HISTORY},
        {"alpha_beta": 2.0, "recovery": fr.Recovery(), "model": None, "rules": fr.tolerance_rules()},
    ),
    "sensitivity": (
        fr.sensitivity,
        {"schemes": ["8 Gy x 1", SCHEME], "alpha_betas": [fr.tissue("tumour"), 3.0]},
        {"model": None, "repopulation": PRESET_REPOPULATION},
    ),
    "uncertainty": (
        fr.uncertainty,
        {"schemes": ["8 Gy x 1", SCHEME], "alpha_betas": [fr.tissue("tumour"), 3.0]},
        {"model": None, "repopulation": PRESET_REPOPULATION, "samples": 200, "seed": 0},
    ),
    "Course": (
        fr.Course,
        {},
        {
            "parts": (SCHEME, fr.Scheme.parse("2 Gy x 5")),
            "date": None,
            "months_after": 6.0,
            "name": "boost",
            "stereotactic": False,
        },
    ),
    "History": (fr.History, {"courses": HISTORY.courses}, {}),
    "Recovery": (fr.Recovery, {"steps": ((6.0, 0.25), (12.0, 0.5))}, {}),
    "Tissue": (fr.Tissue, {}, fields_of(fr.tissue("tumour"))),
    "Source": (fr.Source, {}, fields_of(fr.tissue("tumour").source)),
    "Rule": (fr.Rule, {}, fields_of(RULE)),
    # Methods that take a caller's input: parsers, other constructors, the scheme's doses, marking an answer.
    "Scheme.parse": (fr.Scheme.parse, {"text": "20 Gy/5"}, {}),
    "Scheme.from_total_dose": (fr.Scheme.from_total_dose, {}, {"total_dose": 20.0, "n_fractions": 5}),
    "Scheme.eqdx": (SCHEME.eqdx, {"alpha_beta": 10.0, "reference_dose_per_fraction": 1.8}, {"model": None}),
    "Course.parse": (fr.Course.parse, {"text": "20 Gy/5 + 2 Gy x 5"}, {"months_after": 6.0, "stereotactic": True}),
    "Course.of": (fr.Course.of, {"scheme": SCHEME}, {"date": datetime.date(2026, 1, 5), "name": "x"}),
    "Course.bed": (HISTORY.courses[0].bed, {"alpha_beta": 2.0}, {"model": fr.LQL(transition_dose=6.0)}),
    "History.of": (fr.History.of, {"courses": list(HISTORY.courses)}, {}),
    "Recovery.parse": (fr.Recovery.parse, {"text": "6:0.25, 12:0.5"}, {}),
    "Question.check": (QUESTIONS[0].check, {"response": "12.5"}, {}),
    "Interruption.option": (INTERRUPTION.option, {"option_id": INTERRUPTION.options[0].id}, {}),
    "Repopulation.bed_loss": (PRESET_REPOPULATION.bed_loss, {}, {"overall_time_days": 40.0, "alpha_beta": 10.0}),
    "Rule.limit_as_eqd2": (RULE.limit_as_eqd2, {"alpha_beta": 2.0}, {"model": None}),
}

#: Not called with generated input: constants, errors and warnings, the Model protocol,
#: result records (frozen keyword-only dataclasses the library fills), and the names the
#: owners of other modules check (listed in the report; see the module docstring).
NAMES_WITHOUT_INPUT = {
    "LQ_CAUTION_ABOVE_GY", "QUIZ_TOPICS", "QUIZ_LEVELS", "MAX_QUIZ_QUESTIONS", "DataFileError", "FractionationError",
    "SchemeNotationError", "WrongTypeError", "FractionationCaution", "Model", "Caution", "FractionsSolution",
    "Isoeffect", "Range", "Step", "TimeCorrected", "RuleCheck", "Limit", "Interval", "Marked", "Question",
    "TreatmentDay", "CalendarRow", "InterruptionOption", "Interruption", "ReirradiationReport", "Citations", "Sourced",
    "QuotedSource", "QuotedPassage", "SourcedItem",
}  # fmt: skip

#: Where an error names the argument otherwise, by design: the notation a string was read as
#: (SchemeNotationError's ``text``), and the name a caller gives parse_alpha_beta.
ALSO_NAMED = {
    ("compare", "schemes"): "text", ("uncertainty", "schemes"): "text", ("sensitivity", "schemes"): "text",
    ("Course.of", "scheme"): "text", ("missed_fractions", "scheme"): "text", ("parse_alpha_beta", "text"): "alpha_beta",
    ("parse_day_pattern", "text"): "day_pattern",
}  # fmt: skip

BAD = st.sampled_from([
    None, True, "8", "", "x" * 20_000, b"8", {"a": 1}, [], ["a", "b"], [1, [2, 3]], 3 + 1j, object(),
    math.nan, math.inf, -math.inf, -1, -1e-9, 0, 0.0, 5e-324, 1e-320, 1e308, 10**400, 2**63, 1_500_000, 1001,
    np.array([np.nan]), np.ones((2, 3)), np.array([1.0, -2.0]), np.array(["a"]), np.float32(np.inf),
    datetime.date.max, datetime.date.min, "x.toml", "Mon",
])  # fmt: skip


def test_every_public_name_is_covered() -> None:
    names = {name for name in SPECS if "." not in name}  # "Scheme.parse" and the like are methods
    assert names | NAMES_WITHOUT_INPUT == set(fr.__all__)
    assert not names & NAMES_WITHOUT_INPUT


def _call(name: str, changed: str | None = None, value: object = None) -> Any:
    function, positional, keywords = SPECS[name]
    args = [value if key == changed else given for key, given in positional.items()]
    kwargs = {key: value if key == changed else given for key, given in keywords.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fr.FractionationCaution)
        return function(*args, **kwargs)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_the_valid_call_works(name: str) -> None:
    _call(name)


def _argument_names(name: str) -> list[str]:
    _, positional, keywords = SPECS[name]
    return [*positional, *keywords]


@pytest.mark.parametrize("name", sorted(n for n in SPECS if _argument_names(n)))
@given(data=st.data(), bad=BAD)
def test_bad_input_is_a_fractionation_error_naming_the_argument(name: str, data: st.DataObject, bad: object) -> None:
    tried("library names")
    argument = data.draw(st.sampled_from(_argument_names(name)))
    note(f"{name}({argument}={fr._errors.excerpt(bad)})")
    try:
        _call(name, argument, bad)
    except fr.FractionationError as error:
        check_names(error, name, argument)
    # any other exception escapes and fails the test


def check_names(error: fr.FractionationError, name: str, argument: str) -> None:
    """The error's ``argument`` field names the argument that was wrong (one of several it names), and so
    does its message, which is short; a DataFileError for a ``path`` names the file instead."""
    if isinstance(error, fr.DataFileError) and argument == "path":
        assert error.file, error
    else:
        named = set((error.argument or "").split(", "))
        assert {argument, ALSO_NAMED.get((name, argument))} & named, f"{argument} not named by {error!r}: {error}"
        assert str(error).startswith(error.argument or "") or isinstance(error, fr.SchemeNotationError), error
    assert len(str(error)) < 600, "the message quotes a short excerpt"


def floats(bound: fr.bounds.Bound) -> st.SearchStrategy[float]:
    """Every float the bound accepts (its ends included, subnormal neighbours of 0 too)."""
    return st.floats(bound.low, bound.high, exclude_min=bound.low_open, allow_subnormal=bound.low == 0)


B = fr.bounds
#: Valid values by argument name, drawn from the bounds: the generated good input.
GOOD: dict[str, st.SearchStrategy[Any]] = {
    "dose_per_fraction": floats(B.DOSE_PER_FRACTION), "reference_dose_per_fraction": floats(B.DOSE_PER_FRACTION),
    "n_fractions": st.integers(1, B.MAX_N_FRACTIONS), "alpha_beta": floats(B.ALPHA_BETA),
    "other_alpha_beta": floats(B.ALPHA_BETA), "default": floats(B.ALPHA_BETA), "target_eqd2": floats(B.TARGET_DOSE),
    "total_dose": st.floats(0.0, 1000.0), "months_after": floats(B.MONTHS), "interval_hours": floats(B.INTERVAL_HOURS),
    "repair_half_time_hours": floats(B.REPAIR_HALF_TIME_HOURS), "overall_time_days": floats(B.DAYS),
    "kickoff_days": floats(B.DAYS), "tpot_days": floats(B.TPOT_DAYS), "alpha_per_gy": floats(B.RADIOSENSITIVITY),
    "transition_dose": floats(B.MODEL_DOSE), "slope_ratio": floats(B.MODEL_RATIO), "alpha": floats(B.RADIOSENSITIVITY),
    "d0": floats(B.MODEL_DOSE), "dq": floats(B.MODEL_DOSE), "fractions_per_day": st.integers(1, 4),
    "fractions_per_week": st.integers(1, 28), "seed": st.integers(0, 2**63 - 1), "count": st.integers(1, 50),
    "samples": st.integers(100, 1000), "points": st.integers(2, 200), "response": st.floats(-1e6, 1e6),
}  # fmt: skip
#: Slower calls (Monte Carlo, tables, reports) get a fifth as many examples as the others.
SLOW = {"uncertainty", "sensitivity", "reirradiation_report", "quiz", "quiz_table", "missed_fractions", "compare",
        "cumulative", "check_plan", "cite", "solve", "catalogue_table", "tissue_table"}  # fmt: skip


def numbers(result: Any, path: str = "") -> list[tuple[str, float]]:
    """Every number a result holds, with where (records' fields, tables' columns; items share their path)."""
    import pandas as pd

    if isinstance(result, bool | str | None | datetime.date):
        return []
    if isinstance(result, int | float | np.number):
        return [(path, float(result))]
    if isinstance(result, np.ndarray):
        return [(path, float(v)) for v in result.ravel()] if result.dtype.kind in "iuf" else []
    if isinstance(result, pd.DataFrame):
        numeric = result.select_dtypes("number")
        return [(f"{path}[{column}]", float(v)) for column in numeric.columns for v in numeric[column]]
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return [n for f in dataclasses.fields(result) for n in numbers(getattr(result, f.name), f"{path}.{f.name}")]
    if isinstance(result, tuple | list):
        return [n for item in result for n in numbers(item, path)]
    if isinstance(result, dict):
        return [n for key, item in result.items() for n in numbers(item, f"{path}.{key}")]
    return []


@pytest.mark.parametrize("name", sorted(n for n in SPECS if set(_argument_names(n)) & set(GOOD)))
def test_generated_valid_input_gives_finite_numbers(name: str) -> None:
    """Valid values from the bounds for every argument that has them: a result whose numbers are all finite
    (NaN only where the hand-written valid call has NaN too: a table's empty cells), or a refusal of the
    combination that names one of the arguments drawn."""
    varied = [a for a in _argument_names(name) if a in GOOD]
    baseline_nan = {where for where, number in numbers(_call(name), name) if math.isnan(number)}

    @settings(max_examples=max(5, settings().max_examples // (40 if name in SLOW else 8)))
    @given(values=st.fixed_dictionaries({a: GOOD[a] for a in varied}))
    def generated(values: dict[str, Any]) -> None:
        tried("library names")
        function, positional, keywords = SPECS[name]
        args = [values.get(key, given) for key, given in positional.items()]
        kwargs = {key: values.get(key, given) for key, given in keywords.items()}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", fr.FractionationCaution)
                result = function(*args, **kwargs)
        except fr.FractionationError as error:  # a combination the bounds do not allow, named
            assert set((error.argument or "").split(", ")) & set(varied), f"{error!r}"  # noqa: PT017
            return
        for where, number in numbers(result, name):
            assert math.isfinite(number) or (math.isnan(number) and where in baseline_nan), (where, number, values)

    generated()


finite_doses = st.floats(0.0, fr.bounds.MAX_DOSE_PER_FRACTION_GY)
counts = st.integers(1, fr.bounds.MAX_N_FRACTIONS)
ratios = st.floats(fr.bounds.ALPHA_BETA.low, fr.bounds.ALPHA_BETA.high)


@given(d=finite_doses, n=counts, ab=ratios, x=finite_doses)
def test_valid_finite_input_gives_a_finite_result(d: float, n: int, ab: float, x: float) -> None:
    tried("library names")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fr.FractionationCaution)
        for value in (
            fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=ab),
            fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=ab),
            fr.eqdx(dose_per_fraction=d, n_fractions=n, alpha_beta=ab, reference_dose_per_fraction=x),
            fr.total_dose(dose_per_fraction=d, n_fractions=n),
            *(fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=fr.USC().alpha_beta, model=m)
              for m in (fr.LQL(transition_dose=6.0), fr.USC())),
        ):  # fmt: skip
            assert math.isfinite(value)
        if d > 0:
            target = fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=ab)
            try:
                assert math.isfinite(fr.solve_dose_per_fraction(n_fractions=n, alpha_beta=ab, target_eqd2=target))
            except fr.FractionationError as error:  # a target the bounds put out of reach is refused, naming it
                assert error.argument == "target_eqd2"  # noqa: PT017


def test_a_tissue_built_by_hand_is_checked_as_a_bundled_one() -> None:
    """Regression: Tissue(alpha_beta=nan) was accepted, and compare() then gave BED and EQD2 of NaN without a word."""
    source = fr.tissue("cord").source
    with pytest.raises(fr.FractionationError) as caught:
        fr.Tissue(id="x", name="x", alpha_beta=math.nan, source=source)
    assert caught.value.argument == "alpha_beta"
    with pytest.raises(fr.FractionationError) as caught:
        fr.Tissue(id="x", name="x", alpha_beta=3.0, source=source, low=4.0, high=8.0)
    assert caught.value.argument == "low, alpha_beta, high"
    assert fr.Tissue(id="x", name="x", alpha_beta=3.0, source=source, low=2.0, high=8.0).alpha_beta == 3.0
