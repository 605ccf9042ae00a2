"""Import weight, and an installed wheel finding its catalogue."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import fractionation
from tests.conftest import REPO


def test_import_does_not_load_pandas_or_streamlit() -> None:
    code = "import sys, fractionation; print(sorted(m for m in ('pandas', 'streamlit', 'tomllib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_public_names_are_exported() -> None:
    import fractionation

    for name in fractionation.__all__:
        assert getattr(fractionation, name) is not None
    assert issubclass(fractionation.FractionationError, ValueError)


@pytest.mark.slow_build
def test_wheel_ships_the_catalogue_and_an_install_finds_it(tmp_path: Path) -> None:
    """Build the wheel, install it into a bare folder, and load the catalogue from there."""
    pytest.importorskip("hatchling")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("fractionation-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("document.toml", "literature.toml", "tissues.toml"):
        assert f"fractionation/schemes/{data}" in names
    assert "fractionation/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import pathlib, fractionation, fractionation._data as c; "
        "print(c.schemes_dir().parent == pathlib.Path(fractionation.__file__).parent, len(fractionation.catalogue()))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "33"]


def test_one_version_number() -> None:
    """hatch reads fractionation/__init__.py; CITATION.cff and the CHANGELOG's latest entry agree with it."""
    version = fractionation.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    citation = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r'^version: "?([^"\n]+)"?$', citation, re.M).group(1) == version  # type: ignore[union-attr]
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[?(\d+\.\d+\.\d+)", changelog, re.M).group(1) == version  # type: ignore[union-attr]
    assert 'dynamic = ["version"]' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_a_permissive_licence_ships() -> None:
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = "MIT"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
