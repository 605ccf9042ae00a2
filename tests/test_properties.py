"""Identities of the linear-quadratic model, checked over many inputs with hypothesis."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import fractionation as fr
from tests.strategies import alpha_betas, doses_per_fraction, fraction_counts, positive_doses_per_fraction


@given(n=fraction_counts, alpha_beta=alpha_betas)
def test_eqd2_of_2_gy_fractions_is_the_total_dose(n: int, alpha_beta: float) -> None:
    assert fr.eqd2(dose_per_fraction=2.0, n_fractions=n, alpha_beta=alpha_beta) == pytest.approx(2.0 * n, rel=1e-14)


@given(d=doses_per_fraction, n=fraction_counts, alpha_beta=alpha_betas)
def test_bed_is_at_least_the_total_dose(d: float, n: int, alpha_beta: float) -> None:
    total = fr.total_dose(dose_per_fraction=d, n_fractions=n)
    assert fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta) >= total * (1 - 1e-15)


@given(d1=positive_doses_per_fraction, d2=positive_doses_per_fraction, n=fraction_counts, alpha_beta=alpha_betas)
def test_bed_grows_with_dose_per_fraction(d1: float, d2: float, n: int, alpha_beta: float) -> None:
    assume(d1 < d2)
    assert fr.bed(dose_per_fraction=d1, n_fractions=n, alpha_beta=alpha_beta) < fr.bed(
        dose_per_fraction=d2, n_fractions=n, alpha_beta=alpha_beta
    )


@given(d=positive_doses_per_fraction, n=fraction_counts, alpha_beta=alpha_betas)
def test_bed_grows_with_fractions(d: float, n: int, alpha_beta: float) -> None:
    assert fr.bed(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta) < fr.bed(
        dose_per_fraction=d, n_fractions=n + 1, alpha_beta=alpha_beta
    )


@given(d1=positive_doses_per_fraction, n1=fraction_counts, n2=fraction_counts, alpha_beta=alpha_betas)
def test_withers_isoeffect(d1: float, n1: int, n2: int, alpha_beta: float) -> None:
    """Schemes with D1 (a/b + d1) = D2 (a/b + d2) have the same BED and EQD2 (Withers' formula)."""
    withers = n1 * d1 * (alpha_beta + d1)
    # d2 is the positive root of n2 d^2 + n2 (a/b) d - withers = 0
    d2 = (-n2 * alpha_beta + math.sqrt((n2 * alpha_beta) ** 2 + 4 * n2 * withers)) / (2 * n2)
    assume(0 < d2 <= 30)
    for quantity in (fr.bed, fr.eqd2):
        first = quantity(dose_per_fraction=d1, n_fractions=n1, alpha_beta=alpha_beta)
        second = quantity(dose_per_fraction=d2, n_fractions=n2, alpha_beta=alpha_beta)
        assert second == pytest.approx(first, rel=1e-12)


@given(d=doses_per_fraction, n=fraction_counts, alpha_beta=alpha_betas)
def test_eqdx_at_2_is_eqd2_and_at_0_is_bed(d: float, n: int, alpha_beta: float) -> None:
    kw = {"dose_per_fraction": d, "n_fractions": n, "alpha_beta": alpha_beta}
    assert fr.eqdx(**kw, reference_dose_per_fraction=2) == fr.eqd2(**kw)
    assert fr.eqdx(**kw, reference_dose_per_fraction=0) == fr.bed(**kw)


@given(d=doses_per_fraction, n=fraction_counts, alpha_beta=alpha_betas)
def test_eqd2_is_bed_over_relative_effectiveness_at_2_gy(d: float, n: int, alpha_beta: float) -> None:
    kw = {"dose_per_fraction": d, "n_fractions": n, "alpha_beta": alpha_beta}
    assert fr.eqd2(**kw) == pytest.approx(fr.bed(**kw) / (1 + 2 / alpha_beta), rel=1e-14, abs=1e-300)


schemes = st.tuples(doses_per_fraction, fraction_counts, alpha_betas)


@given(rows=st.lists(schemes, min_size=1, max_size=40))
def test_arrays_equal_scalars_element_by_element(rows: list[tuple[float, int, float]]) -> None:
    d, n, ab = (np.array(column) for column in zip(*rows, strict=True))
    for quantity in (fr.bed, fr.eqd2):
        vector = quantity(dose_per_fraction=d, n_fractions=n, alpha_beta=ab)
        series = quantity(dose_per_fraction=pd.Series(d), n_fractions=pd.Series(n), alpha_beta=pd.Series(ab))
        scalars = [quantity(dose_per_fraction=a, n_fractions=b, alpha_beta=c) for a, b, c in rows]
        assert vector.tolist() == scalars  # bit for bit, not approximately
        assert series.tolist() == scalars


@settings(max_examples=60)
@given(
    doses=hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=12), elements=doses_per_fraction),
    n=fraction_counts,
    alpha_beta=alpha_betas,
)
def test_one_dose_array_path_equals_scalars(doses: np.ndarray, n: int, alpha_beta: float) -> None:
    """The blocked path (one dose array, scalar n and alpha/beta) agrees with the scalar path bit for bit."""
    result = fr.eqd2(dose_per_fraction=doses, n_fractions=n, alpha_beta=alpha_beta)
    assert result.shape == doses.shape
    expected = [fr.eqd2(dose_per_fraction=float(d), n_fractions=n, alpha_beta=alpha_beta) for d in doses.ravel()]
    assert result.ravel().tolist() == expected


def test_blocked_path_spans_several_blocks() -> None:
    doses = np.linspace(0, 30, 200_003)  # three full blocks and a partial one
    result = fr.eqd2(dose_per_fraction=doses, n_fractions=3, alpha_beta=10)
    assert np.array_equal(result, (doses + 10) / 12 * doses * 3)
    with pytest.raises(fr.FractionationError, match=r"got 101.0 at index 200003 \(did you pass cGy"):
        fr.eqd2(dose_per_fraction=np.append(doses, 101.0), n_fractions=3, alpha_beta=10)


@given(d=st.floats(min_value=2.01, max_value=30), n=fraction_counts, ab1=alpha_betas, ab2=alpha_betas)
def test_above_2_gy_eqd2_falls_as_alpha_beta_rises(d: float, n: int, ab1: float, ab2: float) -> None:
    assume(ab1 < ab2 * (1 - 1e-9))  # adjacent floats give equal results
    assert fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=ab1) > fr.eqd2(
        dose_per_fraction=d, n_fractions=n, alpha_beta=ab2
    )
