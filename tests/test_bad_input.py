"""One test per class of bad input: each is refused naming argument and value, by fields and message."""

from __future__ import annotations

import dataclasses
import datetime
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import fractionation as fr

GOOD = {"dose_per_fraction": 8.0, "n_fractions": 1, "alpha_beta": 10.0}


def refused(argument: str, **changes: object) -> fr.FractionationError:
    """Call eqd2, bed and eqdx with GOOD changed; each must raise a FractionationError naming ``argument``."""
    for quantity in (fr.eqd2, fr.bed, lambda **kw: fr.eqdx(**kw, reference_dose_per_fraction=1.8)):
        with pytest.raises(fr.FractionationError) as caught:
            quantity(**{**GOOD, **changes})
        assert caught.value.argument == argument
        assert str(caught.value).startswith(f"{argument} must be ")
    assert isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize("value", [-1.0, -1e-9, np.array([2.0, -0.5]), float("nan"), float("inf"), 10**400, 101])
def test_doses_per_fraction_out_of_range(value: object) -> None:
    error = refused("dose_per_fraction", dose_per_fraction=value)
    assert error.expected == "a number of Gy from 0 to 100"


def test_the_message_is_built_from_the_fields() -> None:
    error = refused("dose_per_fraction", dose_per_fraction=np.array([1, 2, np.nan]))
    assert (error.value, error.index) == (pytest.approx(np.nan, nan_ok=True), 2)
    assert str(error) == "dose_per_fraction must be a number of Gy from 0 to 100, got nan at index 2"
    assert refused("dose_per_fraction", dose_per_fraction=np.full((2, 2), -1.0)).index == (0, 0)


def test_dose_in_cgy_is_named() -> None:
    error = refused("dose_per_fraction", dose_per_fraction=800)
    assert (
        str(error)
        == "dose_per_fraction must be a number of Gy from 0 to 100, got 800 (did you pass cGy? 800 cGy = 8 Gy)"
    )
    assert error.hint == "did you pass cGy? 800 cGy = 8 Gy"


def test_rtog_0915_single_34_gy_works_with_a_visible_caution() -> None:
    with pytest.warns(fr.FractionationCaution, match="34 Gy per fraction is unusual") as caught:
        value = fr.bed(dose_per_fraction=34, n_fractions=1, alpha_beta=10)
    assert value == pytest.approx(34 * (1 + 34 / 10))
    assert caught[0].message.caution.kind == "unusual-dose-per-fraction"  # type: ignore[union-attr]
    with pytest.warns(fr.FractionationCaution):
        scheme = fr.Scheme.parse("34 Gy x 1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Scheme warned once, when made: not again for each quantity
        assert scheme.eqd2(10) == pytest.approx(34 * (34 + 10) / 12)
        assert [c.kind for c in scheme.cautions] == ["lq-uncertain", "unusual-dose-per-fraction"]
    for model in (fr.LQL(transition_dose=6), fr.USC()):
        ab = 10 if isinstance(model, fr.LQL) else fr.USC().alpha_beta
        with pytest.warns(fr.FractionationCaution):
            assert fr.eqd2(dose_per_fraction=34, n_fractions=1, alpha_beta=ab, model=model) > 0


def test_a_total_typed_as_a_dose_per_fraction_is_warned() -> None:
    with pytest.warns(fr.FractionationCaution, match=r"was 30 Gy the total dose\? 30 Gy in 10 fractions is 3 Gy x 10"):
        assert fr.bed(dose_per_fraction=30, n_fractions=10, alpha_beta=10) == 1200.0
    with pytest.warns(fr.FractionationCaution) as caught:
        fr.eqd2(dose_per_fraction=np.array([2.0, 30.0, 3.0]), n_fractions=np.array([30, 10, 10]), alpha_beta=10)
    assert [w.message.caution.kind for w in caught] == ["total-as-dose-per-fraction"]  # type: ignore[union-attr]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ordinary schemes: nothing
        fr.eqd2(dose_per_fraction=2, n_fractions=39, alpha_beta=3)
        fr.Scheme.parse("24 Gy/2")


def test_the_warning_points_at_the_callers_line() -> None:
    with pytest.warns(fr.FractionationCaution) as caught:
        fr.Scheme.parse("30 Gy x 10")
    assert caught[0].filename == __file__


def test_zero_dose_is_valid_for_the_functions_not_for_a_scheme() -> None:
    assert fr.eqd2(**{**GOOD, "dose_per_fraction": 0}) == 0.0
    with pytest.raises(fr.FractionationError) as caught:
        fr.Scheme(dose_per_fraction=0, n_fractions=5)
    assert caught.value.argument == "dose_per_fraction"
    assert caught.value.expected == "a number of Gy greater than 0 and at most 100"


@pytest.mark.parametrize("value", [0, 2.5, -3, float("nan"), float("inf"), np.array([1, 2, 0.5]), 1001, 1_500_000])
def test_fraction_counts_must_be_whole_from_1_to_1000(value: object) -> None:
    assert refused("n_fractions", n_fractions=value).expected == "a whole number from 1 to 1000"


def test_whole_float_fraction_counts_are_accepted() -> None:
    assert fr.eqd2(**{**GOOD, "n_fractions": 5.0}) == fr.eqd2(**{**GOOD, "n_fractions": 5})


@pytest.mark.parametrize("value", [0, -2, float("nan"), float("inf"), np.array([10.0, 0.0]), 5e-324, 1e-300, 2e3])
def test_alpha_beta_in_range_and_never_subnormal(value: object) -> None:
    assert refused("alpha_beta", alpha_beta=value).expected == "a number of Gy from 0.01 to 1000"


@pytest.mark.parametrize(
    ("argument", "value", "shown"),
    [
        ("dose_per_fraction", "8", "got str '8'"),
        ("n_fractions", None, "got NoneType None"),
        ("alpha_beta", True, "got bool True"),
        ("dose_per_fraction", ["8", "4"], "got list ['8', '4']"),
        ("dose_per_fraction", np.array(["8"]), "got an array of <U1 with shape (1,)"),
        ("dose_per_fraction", [1, [2, 3]], "got list [1, [2, 3]]"),
        ("alpha_beta", 3 + 0j, "got complex (3+0j)"),
        ("alpha_beta", {"a": 1}, "got dict {'a': 1}"),
    ],
)
def test_wrong_types_are_type_errors_too(argument: str, value: object, shown: str) -> None:
    error = refused(argument, **{argument: value})
    assert isinstance(error, TypeError)
    assert isinstance(error, fr.WrongTypeError)
    assert shown in str(error)


def test_a_long_text_is_quoted_short() -> None:
    with pytest.raises(fr.SchemeNotationError) as caught:
        fr.Scheme.parse("8 Gy x 1 " * 2000)
    assert len(str(caught.value)) < 300
    assert "(18000 characters)" in str(caught.value)
    assert caught.value.argument == "text"


def test_eqdx_reference_dose_is_checked() -> None:
    with pytest.raises(fr.FractionationError) as caught:
        fr.eqdx(**GOOD, reference_dose_per_fraction=-2)
    assert caught.value.argument == "reference_dose_per_fraction"


def test_shapes_that_do_not_broadcast() -> None:
    with pytest.raises(fr.FractionationError, match=r"must be shapes that broadcast together") as caught:
        fr.eqd2(dose_per_fraction=np.array([1.0, 2.0]), n_fractions=np.array([1, 2, 3]), alpha_beta=3)
    assert caught.value.argument == "dose_per_fraction, n_fractions, alpha_beta"
    with pytest.raises(fr.FractionationError) as caught:
        fr.total_dose(dose_per_fraction=np.ones(2), n_fractions=np.ones(3))
    assert caught.value.argument == "dose_per_fraction, n_fractions"


def test_series_with_different_indexes_are_not_paired_by_position() -> None:
    with pytest.raises(fr.FractionationError, match="same index") as caught:
        fr.eqd2(dose_per_fraction=pd.Series([8.0, 4.0]), n_fractions=pd.Series([1, 5], index=[5, 6]), alpha_beta=10)
    assert caught.value.argument == "dose_per_fraction, n_fractions"


def test_series_result_keeps_the_index() -> None:
    doses = pd.Series([8.0, 4.0], index=["single", "five"])
    result = fr.eqd2(dose_per_fraction=doses, n_fractions=pd.Series([1, 5], index=doses.index), alpha_beta=10)
    assert list(result.index) == ["single", "five"]
    assert result.name == "eqd2"


def test_scheme_is_immutable_and_validates_its_schedule() -> None:
    scheme = fr.Scheme(dose_per_fraction=8, n_fractions=3, fractions_per_week=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        scheme.dose_per_fraction = 9  # type: ignore[misc]
    cases = [
        ({"fractions_per_week": 8}, "fractions_per_week", fr.FractionationError),
        ({"fractions_per_day": 0}, "fractions_per_day", fr.FractionationError),
        ({"dose_per_fraction": [8, 4]}, "dose_per_fraction", fr.WrongTypeError),
        ({"name": ""}, "name", fr.FractionationError),
        ({"intent": 3}, "intent", fr.WrongTypeError),
        ({"source": "RTOG"}, "source", fr.WrongTypeError),
    ]
    for changes, argument, kind in cases:
        with pytest.raises(kind) as caught:
            fr.Scheme(**{"dose_per_fraction": 8, "n_fractions": 3, **changes})  # type: ignore[arg-type]
        assert caught.value.argument == argument


def test_from_total_dose_blames_the_total() -> None:
    with pytest.raises(fr.FractionationError) as caught:
        fr.Scheme.from_total_dose(total_dose=800, n_fractions=5)
    assert caught.value.argument == "total_dose"
    assert caught.value.hint == "did you pass cGy? 800 cGy = 8 Gy"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: fr.solve_n_fractions(dose_per_fraction=1e-320, alpha_beta=10, target_eqd2=30), "dose_per_fraction"),
        (lambda: fr.solve_dose_per_fraction(n_fractions=1, alpha_beta=10, target_eqd2=1e300), "target_eqd2"),
        (lambda: fr.treatment_dates(n_fractions=5, start=datetime.date.max), "start"),
        (lambda: fr.treatment_dates(n_fractions=5, weekdays="Mon"), "weekdays"),
        (lambda: fr.treatment_dates(n_fractions=3_000_000), "n_fractions"),
        (lambda: fr.over_alpha_beta(fr.eqd2, (8, 12), points=2**63, dose_per_fraction=8, n_fractions=1), "points"),
        (lambda: fr.over_alpha_beta(fr.eqd2, "8,12", dose_per_fraction=8, n_fractions=1), "interval"),
        (lambda: fr.LQ(fractions_per_day=2, interval_hours=1e-320, repair_half_time_hours=1.5), "interval_hours"),
        (
            lambda: fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1e300),
            "repair_half_time_hours",
        ),
        (lambda: fr.overall_time(n_fractions=np.array([3, 4])), "n_fractions"),
        (lambda: fr.working(fr.Scheme.parse("8 Gy x 1"), np.array([3.0, 4.0])), "alpha_beta"),
        (lambda: fr.isoeffective_scheme(fr.Scheme.parse("8 Gy x 1"), n_fractions=[1, 2], alpha_beta=3), "n_fractions"),
        (lambda: fr.isoeffective_scheme(fr.Scheme.parse("90 Gy x 10"), n_fractions=1, alpha_beta=3), "n_fractions"),
        (lambda: fr.lq_caution(np.array([1.0, 2.0])), "dose_per_fraction"),
        (lambda: fr.compare("8 Gy x 1", "10"), "alpha_betas"),
        (lambda: fr.compare([], [10]), "schemes"),
    ],
)
def test_the_issues_escapes_are_refused_naming_the_argument(call, argument: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.FractionationError) as caught:
        call()
    assert argument in (caught.value.argument or "").split(", ")  # one of the arguments named


def test_time_corrected_eqd2_below_zero_says_so() -> None:
    repopulation = fr.Repopulation(kickoff_days=21, dprolif_gy_per_day=0.9)
    with pytest.warns(fr.FractionationCaution, match="more than the dose"):
        result = fr.time_corrected_eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=10, overall_time_days=400,
                                        repopulation=repopulation)  # fmt: skip
    assert result.value < 0
    assert [c.kind for c in result.cautions] == ["repopulation-exceeds-dose"]


def test_errors_keep_their_fields_through_pickling() -> None:
    with pytest.raises(fr.WrongTypeError) as caught:
        fr.eqd2(dose_per_fraction="8", n_fractions=1, alpha_beta=10)
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is fr.WrongTypeError
    assert (again.argument, again.value, str(again)) == ("dose_per_fraction", "8", str(caught.value))


def test_an_error_renamed_for_a_front_end_keeps_its_fields() -> None:
    """A refusal with a suggestion names the arguments as the command line's options, also after pickling."""
    with pytest.raises(fr.FractionationError) as caught:
        fr.bed(dose_per_fraction=8, n_fractions=1, alpha_beta=2, model=fr.USC())
    error = pickle.loads(pickle.dumps(caught.value))
    assert (error.argument, error.value, error.suggestion) == ("alpha_beta", 2, {"beta": 0.038})
    assert str(error) == str(caught.value)
    renamed = error.renamed({"alpha_beta": "--alpha-beta", "beta": "--usc-beta"})
    assert str(renamed) == str(error).replace("alpha_beta must", "--alpha-beta must").replace("beta=", "--usc-beta=")
    assert (renamed.argument, renamed.value, renamed.expected) == ("--alpha-beta", 2, error.expected)
    assert renamed.suggestion == {"--usc-beta": 0.038}
    as_text = fr.FractionationError("courses overlap")  # a message given as text stays as it is
    assert as_text.renamed({"courses": "COURSE"}) is as_text
    wrong_type = fr.WrongTypeError(argument="alpha_beta", value="2", expected="a number of Gy")
    assert str(wrong_type.renamed({"alpha_beta": "--alpha-beta"})) == "--alpha-beta must be a number of Gy, got str '2'"
