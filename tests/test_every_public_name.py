"""Generated bad input for every name in ``fractionation.__all__``: only FractionationError, naming the argument.

Each callable has a valid call (SPECS). Hypothesis replaces one of its arguments with a
value from BAD (wrong types, NaN, infinities, zero, negatives, huge and subnormal
numbers, arrays of the wrong shape, long text, strings where lists belong, dates at the
calendar's end) and the call must either return (a documented result: a bad value can
be a valid one, 0 Gy say) or raise a FractionationError that names the argument, in its
``argument`` field or its message. Valid generated doses give finite results.

The default profile tries a few hundred calls per surface, within seconds; for a larger
run: ``python -m pytest tests/test_every_public_name.py --hypothesis-profile=large`` (5000 per surface).
(tests/conftest.py holds the profiles). NAMES_WITHOUT_INPUT lists what is not called:
constants, error and warning classes, the Model protocol and result records.
"""

from __future__ import annotations

import datetime
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import fractionation as fr

SCHEME = fr.Scheme(dose_per_fraction=8.0, n_fractions=3)
HISTORY = fr.History.of([fr.Course.parse("30 Gy/10"), fr.Course.parse("8 Gy x 1", months_after=8)])
REPOPULATION = fr.Repopulation(kickoff_days=21, dprolif_gy_per_day=0.8)

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
}

#: Not called with generated input: constants, errors and warnings, the Model protocol,
#: result records (frozen keyword-only dataclasses the library fills), and the names the
#: owners of other modules check (listed in the report; see the module docstring).
NAMES_WITHOUT_INPUT = {
    "LQ_CAUTION_ABOVE_GY", "QUIZ_TOPICS", "QUIZ_LEVELS", "MAX_QUIZ_QUESTIONS", "DataFileError", "FractionationError", "SchemeNotationError", "WrongTypeError",
    "FractionationCaution", "Model", "Caution", "FractionsSolution", "Isoeffect", "Range", "Step", "TimeCorrected",
    "RuleCheck", "Limit", "Interval", "Marked", "Question", "TreatmentDay", "CalendarRow", "InterruptionOption",
    "Interruption", "ReirradiationReport", "Distribution", "Citations", "Source", "Sourced", "Tissue", "Rule",
    "AlphaBetaMap", "Course",
    "History", "Recovery", "alpha_beta_map", "bed_of_days", "cite", "input_distributions", "missed_fractions",
    "quiz", "quiz_table", "reirradiation_report", "repopulation", "sensitivity", "step_text", "tolerance_rule",
    "uncertainty",
}  # fmt: skip

#: Where an error names the argument otherwise, by design: the notation a string was read as
#: (SchemeNotationError's ``text``), and the name a caller gives parse_alpha_beta.
ALSO_NAMED = {("compare", "schemes"): "text", ("parse_alpha_beta", "text"): "alpha_beta",
              ("parse_day_pattern", "text"): "day_pattern"}  # fmt: skip

BAD = st.sampled_from([
    None, True, "8", "", "x" * 20_000, b"8", {"a": 1}, [], ["a", "b"], [1, [2, 3]], 3 + 1j, object(),
    math.nan, math.inf, -math.inf, -1, -1e-9, 0, 0.0, 5e-324, 1e-320, 1e308, 10**400, 2**63, 1_500_000, 1001,
    np.array([np.nan]), np.ones((2, 3)), np.array([1.0, -2.0]), np.array(["a"]), np.float32(np.inf),
    datetime.date.max, datetime.date.min, "x.toml", "Mon",
])  # fmt: skip


def test_every_public_name_is_covered() -> None:
    assert set(SPECS) | NAMES_WITHOUT_INPUT == set(fr.__all__)
    assert not set(SPECS) & NAMES_WITHOUT_INPUT


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
    argument = data.draw(st.sampled_from(_argument_names(name)))
    note(f"{name}({argument}={fr._errors.excerpt(bad)})")
    try:
        _call(name, argument, bad)
    except fr.FractionationError as error:
        named = (error.argument or "") + str(error)
        names = {argument, argument.replace("_", " "), ALSO_NAMED.get((name, argument), argument)}
        # A DataFileError names the file itself, which is what the path argument gave.
        named_file = isinstance(error, fr.DataFileError) and argument == "path"
        assert named_file or any(n in named for n in names), f"{argument} not named in {error}"  # noqa: PT017
        assert len(str(error)) < 600, "the message quotes a short excerpt"  # noqa: PT017
    # any other exception escapes and fails the test


finite_doses = st.floats(0.0, fr.bounds.MAX_DOSE_PER_FRACTION_GY)
counts = st.integers(1, fr.bounds.MAX_N_FRACTIONS)
ratios = st.floats(fr.bounds.ALPHA_BETA.low, fr.bounds.ALPHA_BETA.high)


@given(d=finite_doses, n=counts, ab=ratios, x=finite_doses)
def test_valid_finite_input_gives_a_finite_result(d: float, n: int, ab: float, x: float) -> None:
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
