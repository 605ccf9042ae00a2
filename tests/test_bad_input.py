"""One test per class of bad input: each is refused with a message naming argument and value."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

import fractionation as fr

GOOD = {"dose_per_fraction": 8.0, "n_fractions": 1, "alpha_beta": 10.0}


def refused(message: str, **changes: object) -> fr.FractionationError:
    """Call eqd2 and bed with GOOD changed; both must raise a FractionationError matching message."""
    for quantity in (fr.eqd2, fr.bed):
        with pytest.raises(fr.FractionationError, match=message) as caught:
            quantity(**{**GOOD, **changes})
    assert isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize("value", [-1.0, -1e-9, np.array([2.0, -0.5])])
def test_negative_dose(value: object) -> None:
    refused(r"^dose_per_fraction must not be negative, got -", dose_per_fraction=value)


def test_nan_dose_names_its_index() -> None:
    refused(r"^dose_per_fraction must be a number, got nan$", dose_per_fraction=float("nan"))
    refused(r"^dose_per_fraction must be a number, got nan at index 2$", dose_per_fraction=np.array([1, 2, np.nan]))


def test_infinite_dose() -> None:
    refused(r"^dose_per_fraction must be finite, got inf$", dose_per_fraction=float("inf"))


def test_dose_in_cgy_is_named() -> None:
    refused(
        re.escape("dose_per_fraction must be at most 30 Gy per fraction, got 800.0 (did you pass cGy? 800 cGy = 8 Gy)"),
        dose_per_fraction=800,
    )
    refused(r"^dose_per_fraction must be at most 30 Gy per fraction, got 31.0$", dose_per_fraction=31)


def test_the_bound_allows_rounding_in_the_last_digit() -> None:
    assert fr.eqd2(dose_per_fraction=30.000000000000004, n_fractions=1, alpha_beta=3) > 0
    refused("got 30.000001", dose_per_fraction=30.000001)


def test_zero_dose_is_valid_for_the_functions_not_for_a_scheme() -> None:
    assert fr.eqd2(**{**GOOD, "dose_per_fraction": 0}) == 0.0
    with pytest.raises(fr.FractionationError, match=r"^dose_per_fraction must be greater than 0 Gy, got 0\.0$"):
        fr.Scheme(dose_per_fraction=0, n_fractions=5)


@pytest.mark.parametrize("value", [0, 2.5, -3, float("nan"), float("inf"), np.array([1, 2, 0.5])])
def test_fraction_counts_must_be_whole_and_at_least_1(value: object) -> None:
    refused(r"^n_fractions must be a whole number of at least 1, got ", n_fractions=value)


def test_whole_float_fraction_counts_are_accepted() -> None:
    assert fr.eqd2(**{**GOOD, "n_fractions": 5.0}) == fr.eqd2(**{**GOOD, "n_fractions": 5})


@pytest.mark.parametrize("value", [0, -2, float("nan"), float("inf"), np.array([10.0, 0.0])])
def test_alpha_beta_must_be_strictly_positive_and_finite(value: object) -> None:
    refused(r"^alpha_beta must be a finite number of Gy greater than 0, got ", alpha_beta=value)


@pytest.mark.parametrize(
    ("argument", "value", "shown"),
    [
        ("dose_per_fraction", "8", "str '8'"),
        ("n_fractions", None, "NoneType None"),
        ("alpha_beta", True, "bool True"),
        ("dose_per_fraction", ["8", "4"], "an array of <U1"),
        ("dose_per_fraction", [1, [2, 3]], "list [1, [2, 3]]"),
        ("alpha_beta", 3 + 0j, "an array of complex128"),
    ],
)
def test_wrong_types_are_type_errors_too(argument: str, value: object, shown: str) -> None:
    error = refused(rf"^{argument} must be a number", **{argument: value})
    assert isinstance(error, TypeError)
    assert shown in str(error)


def test_eqdx_reference_dose_is_checked() -> None:
    with pytest.raises(fr.FractionationError, match=r"^reference_dose_per_fraction must not be negative, got -2\.0$"):
        fr.eqdx(**GOOD, reference_dose_per_fraction=-2)


def test_shapes_that_do_not_broadcast() -> None:
    with pytest.raises(fr.FractionationError, match=r"must broadcast together, got shapes \(2,\), \(3,\) and \(\)"):
        fr.eqd2(dose_per_fraction=np.array([1.0, 2.0]), n_fractions=np.array([1, 2, 3]), alpha_beta=3)


def test_series_with_different_indexes_are_not_paired_by_position() -> None:
    with pytest.raises(fr.FractionationError, match="different indexes; align them first"):
        fr.eqd2(dose_per_fraction=pd.Series([8.0, 4.0]), n_fractions=pd.Series([1, 5], index=[5, 6]), alpha_beta=10)


def test_series_result_keeps_the_index() -> None:
    doses = pd.Series([8.0, 4.0], index=["single", "five"])
    result = fr.eqd2(dose_per_fraction=doses, n_fractions=pd.Series([1, 5], index=doses.index), alpha_beta=10)
    assert list(result.index) == ["single", "five"]
    assert result.name == "eqd2"


def test_scheme_is_immutable_and_validates_its_schedule() -> None:
    scheme = fr.Scheme(dose_per_fraction=8, n_fractions=3, fractions_per_week=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        scheme.dose_per_fraction = 9  # type: ignore[misc]
    with pytest.raises(fr.FractionationError, match=r"^fractions_per_week must be a whole number from 1 to 7"):
        fr.Scheme(dose_per_fraction=8, n_fractions=3, fractions_per_week=8)
    with pytest.raises(fr.FractionationError, match=r"^fractions_per_day must be a whole number from 1 to 4, got 0$"):
        fr.Scheme(dose_per_fraction=8, n_fractions=3, fractions_per_day=0)
    with pytest.raises(fr.WrongTypeError, match="one dose_per_fraction and one n_fractions"):
        fr.Scheme(dose_per_fraction=[8, 4], n_fractions=3)  # type: ignore[arg-type]
