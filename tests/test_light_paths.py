"""The light paths (no pandas) give exactly what the DataFrame paths give, and stay light."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import fractionation as fr
from fractionation import cli


def _document_tables() -> tuple[object, dict[str, np.ndarray]]:
    schemes = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
    schemes.append(fr.Scheme.parse("20 Gy/5"))  # no source: empty cells
    tissues = [fr.tissue("tumour"), 3.0, fr.tissue("cord")]
    frame = fr.compare(schemes, tissues, alpha_beta_ranges=True, repopulation=fr.repopulations()[0])
    columns = fr.compare(schemes, tissues, alpha_beta_ranges=True, repopulation=fr.repopulations()[0], as_frame=False)
    return frame, columns


def test_compare_columns_equal_the_data_frame() -> None:
    frame, columns = _document_tables()
    assert list(columns) == list(frame.columns)  # type: ignore[attr-defined]
    for name, column in columns.items():
        expected = frame[name].to_numpy()  # type: ignore[index]
        if column.dtype.kind == "f":
            np.testing.assert_array_equal(column, expected)  # NaN where NaN
        else:
            assert column.tolist() == expected.tolist()


@pytest.mark.parametrize("fmt", ["text", "csv", "json", "markdown"])
def test_the_cli_renders_columns_as_it_renders_the_data_frame(fmt: str) -> None:
    frame, columns = _document_tables()
    assert cli.render(columns, fmt) == cli.render(frame, fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        assert cli.render(columns, fmt) == frame.to_csv(index=False)  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["text", "csv", "json", "markdown"])
def test_cli_compare_does_not_import_pandas(fmt: str) -> None:
    code = (
        "import sys\nfrom fractionation.cli import main\n"
        f"main(['compare', '8 Gy x 1', '--document', '--format', '{fmt}'])\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "8 Gy x 1" in result.stdout


def test_compare_equals_bed_and_eqd2_bit_for_bit() -> None:
    schemes = [*fr.catalogue(), fr.Scheme.parse("30.000000000000004 Gy x 1")]
    ratios = [0.5, 2.0, 3.0, 10.0, 8.6]
    columns = fr.compare(schemes, ratios, as_frame=False)
    for quantity in ("bed", "eqd2"):
        function = getattr(fr, quantity)
        expected = [function(dose_per_fraction=d, n_fractions=n, alpha_beta=ab) for d, n, ab in
                    zip(columns["dose_per_fraction"].tolist(), columns["n_fractions"].tolist(),
                        columns["alpha_beta"].tolist(), strict=True)]  # fmt: skip
        assert columns[quantity].tolist() == expected
