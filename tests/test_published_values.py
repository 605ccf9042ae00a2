"""Published worked values (shared/reference/radiobiology.md, section 7), LQ with no time factor.

Published figures are rounded; the tolerance is half a unit in the last digit
published, so a test fails if our value would not round to the published one.
"""

from __future__ import annotations

import pytest

import fractionation as fr

# (n, d, alpha/beta, quantity, published value, tolerance, source)
PUBLISHED = [
    (25, 2.0, 2.0, "bed", 100.0, 0.5, "Nieder 2006 abstract: 50 Gy in 2 Gy fractions is BED 100 Gy2"),
    (25, 2.0, 4.0, "bed", 75.0, 0.5, "Nieder 2006 abstract: ... or 75 Gy4"),
    (10, 3.0, 2.0, "eqd2", 37.5, 0.05, "Voyant 2014, Table 2"),
    (1, 8.0, 2.0, "eqd2", 20.0, 0.5, "Voyant 2014, Table 2"),
    (5, 4.0, 2.0, "eqd2", 30.0, 0.5, "Voyant 2014, Table 2"),
    (20, 2.5, 2.0, "eqd2", 56.2, 0.05, "Voyant 2014, Table 2"),
    (28, 1.8, 2.0, "eqd2", 47.9, 0.05, "Voyant 2014, Table 2"),
    (10, 3.0, 10.0, "eqd2", 32.5, 0.05, "Rades group, preprints.org 202403.0108"),
    (15, 2.5, 10.0, "eqd2", 39.1, 0.05, "Rades group, preprints.org 202403.0108"),
    (20, 2.0, 10.0, "eqd2", 40.0, 0.05, "Rades group, preprints.org 202403.0108"),
    (3, 18.0, 10.0, "bed", 151.2, 0.05, "SBRT lung literature: 3 x 18 Gy is BED over 150 Gy10"),
]


@pytest.mark.parametrize(("n", "d", "alpha_beta", "quantity", "published", "tolerance", "source"), PUBLISHED)
def test_published_value(
    n: int, d: float, alpha_beta: float, quantity: str, published: float, tolerance: float, source: str
) -> None:
    compute = fr.bed if quantity == "bed" else fr.eqd2
    assert compute(dose_per_fraction=d, n_fractions=n, alpha_beta=alpha_beta) == pytest.approx(published, abs=tolerance)


def test_two_courses_of_8_gy_sum_to_eqd2_40_at_alpha_beta_2() -> None:
    """Voyant 2014, Table 2: two courses of 1 x 8 Gy give EQD2 40 Gy at alpha/beta 2."""
    one_course = fr.eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=2)
    assert 2 * one_course == pytest.approx(40.0, abs=0.5)


def test_exact_values_are_exact() -> None:
    """Where the arithmetic is exact in binary floating point, the result is exact."""
    assert fr.bed(dose_per_fraction=2, n_fractions=25, alpha_beta=2) == 100.0
    assert fr.eqd2(dose_per_fraction=3, n_fractions=10, alpha_beta=2) == 37.5
    assert fr.eqd2(dose_per_fraction=8, n_fractions=1, alpha_beta=2) == 20.0
