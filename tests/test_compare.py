"""compare(): one row per scheme and alpha/beta, values equal to direct calls."""

from __future__ import annotations

import pytest

import fractionation as fr
from fractionation._compare import COLUMNS


def test_columns_and_row_order() -> None:
    table = fr.compare(["8 Gy x 1", fr.Scheme.parse("4 Gy x 5", intent="palliative")], [10, 3, 2])
    assert tuple(table.columns) == COLUMNS
    assert list(table["scheme"]) == ["8 Gy x 1"] * 3 + ["4 Gy x 5"] * 3
    assert list(table["alpha_beta"]) == [10.0, 3.0, 2.0] * 2
    assert list(table["intent"]) == [""] * 3 + ["palliative"] * 3


def test_values_equal_direct_calls() -> None:
    schemes = fr.catalogue()
    table = fr.compare(schemes, fr.tissues())
    assert len(table) == len(schemes) * len(fr.tissues())
    for row in table.itertuples():
        kw = {"dose_per_fraction": row.dose_per_fraction, "n_fractions": row.n_fractions, "alpha_beta": row.alpha_beta}
        assert row.bed == fr.bed(**kw)
        assert row.eqd2 == fr.eqd2(**kw)
        assert row.total_dose == fr.total_dose(dose_per_fraction=row.dose_per_fraction, n_fractions=row.n_fractions)


def test_tissues_are_named_and_sources_cited() -> None:
    cord = next(t for t in fr.tissues() if t.id == "cord")
    table = fr.compare(fr.catalogue()[:1], [cord, 7.5])
    assert list(table["tissue"]) == ["Spinal cord, cervical and thoracic", ""]
    assert table["source"].iloc[0].startswith("Bone metastases.")  # the document by its title


def test_a_single_scheme_and_a_single_alpha_beta() -> None:
    table = fr.compare("8 Gy x 1", 10)
    assert len(table) == 1
    assert table["eqd2"].iloc[0] == 12.0


@pytest.mark.parametrize(
    ("schemes", "alpha_betas", "error", "message"),
    [
        (
            [],
            [10],
            fr.FractionationError,
            "schemes must be Scheme objects or notations like '8 Gy x 1' (at least one), got []",
        ),
        (
            ["8 Gy x 1"],
            [],
            fr.FractionationError,
            "alpha_betas must be alpha/beta values in Gy or Tissue presets (at least one), got []",
        ),
        (
            ["8 Gy x 1"],
            [10, 0],
            fr.FractionationError,
            "alpha_betas must be a number of Gy from 0.01 to 1000, got 0",
        ),
        (
            ["8 Gy x 1"],
            "10",
            fr.WrongTypeError,
            "alpha_betas must be alpha/beta values in Gy or Tissue presets (at least one), got str '10'",
        ),
        (
            ["8 Gy x 1"],
            [10, "3"],
            fr.WrongTypeError,
            "alpha_betas must be alpha/beta values in Gy or Tissue presets (at least one), got str '3'",
        ),
        (["8x1"], [10], fr.SchemeNotationError, "cannot read '8x1' as a scheme: ambiguous"),
        ([8], [10], fr.WrongTypeError, "schemes must be Scheme objects or notations"),
    ],
)
def test_bad_input(schemes: object, alpha_betas: object, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        fr.compare(schemes, alpha_betas)  # type: ignore[arg-type]
    assert message in str(caught.value)
