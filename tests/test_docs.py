"""The API reference builds from the docstrings in strict mode, and documents every public name."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import fractionation
from tests.conftest import REPO

PUBLIC_MODULES = ("bounds", "charts", "dicom", "handout")


def test_every_public_name_is_in_the_api_reference() -> None:
    documented = re.findall(r"^::: fractionation\.(\w+)$", (REPO / "docs" / "api.md").read_text(encoding="utf-8"), re.M)
    documented = [name for name in documented if name not in PUBLIC_MODULES]
    undocumented = sorted(set(fractionation.__all__) - set(documented))
    assert not undocumented, f"add '::: fractionation.NAME' to docs/api.md for {undocumented}"
    assert sorted(documented) == sorted(fractionation.__all__), "docs/api.md names something not in __all__"
    assert len(documented) == len(set(documented))


def test_the_api_reference_builds_in_strict_mode(tmp_path: Path) -> None:
    """A docstring whose reference cannot be resolved, or a broken link, fails the build."""
    pytest.importorskip("mkdocstrings_handlers.python")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("eqd2", "catalogue", "cite", "FractionationError", *PUBLIC_MODULES):
        assert f'id="fractionation.{name}"' in page
